"""Record descriptions to HTML: a small Markdown subset, with nothing a record could abuse.

Paragraphs, lists, emphasis and links only. Raw HTML is not parsed (it shows as text),
images and headings are not rendered, and a link must be http(s): anything else becomes text.
Validation already refuses such records; this is the second lock on the same door.
"""
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..values.contact import link_problem

_ALLOWED = ["paragraph", "list", "emphasis", "link", "newline", "escape", "backticks"]


class _RecordMarkdown(MarkdownIt):
    """The subset above, and a link only where the validator accepts it."""

    def validateLink(self, url: str) -> bool:
        return link_problem(url) is None


def _renderer() -> MarkdownIt:
    md = _RecordMarkdown("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(_ALLOWED)
    return md


_MD = _renderer()


def markdown_html(text: str) -> Markup:
    return Markup(_MD.render(text))
