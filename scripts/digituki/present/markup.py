"""Record text as page markup, in Python rather than template macros (they are called tens
of thousands of times per build): escaped, and marked with its language when it is not the
page's own."""
from typing import Callable, Iterable, TypedDict

from markupsafe import Markup, escape

from ..model.build import Dataset
from ..model.classes import Text
from .richtext import markdown_html
from .template_functions import TemplateFunctions


def txt(text: Text | None, lang: str) -> Markup:
    if not text:
        return Markup("")
    value, used = text.in_language(lang)
    if used == lang:
        return escape(value)
    return Markup('<span lang="{}">{}</span>').format(used, value)


def rich(text: Text | None, lang: str) -> Markup:
    """A description: the small Markdown subset, in a block marked with its language."""
    if not text:
        return Markup("")
    value, used = text.in_language(lang)
    marker = Markup(' lang="{}"').format(used) if used != lang else Markup("")
    return Markup('<div class="dt-rich"{}>{}</div>').format(marker, markdown_html(value))


class TermNames(TemplateFunctions):
    """The names of vocabulary terms as page markup, for the templates of one dataset."""

    def __init__(self, data: Dataset):
        self.data = data

    def term(self, vocabulary: str, term_id: str, lang: str) -> Markup:
        """The name of one term (a topic, a municipality…)."""
        return txt(self.data.term(vocabulary, term_id).name, lang)

    def terms(self, vocabulary: str, ids: Iterable[str], lang: str) -> Markup:
        """The names of terms, comma-separated."""
        return Markup(", ").join(self.term(vocabulary, term_id, lang) for term_id in ids)


class TermFunctions(TypedDict):
    term: Callable[[str, str, str], Markup]
    terms: Callable[[str, Iterable[str], str], Markup]


def term_functions(data: Dataset) -> TermFunctions:
    """term(vocabulary, id, lang) and terms(vocabulary, ids, lang) for the templates."""
    names = TermNames(data)
    return {"term": names.term, "terms": names.terms}
