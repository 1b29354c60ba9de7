"""Record descriptions to HTML: a small Markdown subset, with nothing a record could abuse.

Paragraphs, lists, emphasis and links only. Raw HTML is not parsed (it shows as text),
images and headings are not rendered, and a link must be http(s): anything else becomes text.
Validation already refuses such records; this is the second lock on the same door.
"""
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..values.contact import link_problem

_ALLOWED = ["paragraph", "list", "emphasis", "link", "newline", "escape", "backticks"]


def _renderer() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(_ALLOWED)
    md.validateLink = lambda url: link_problem(url) is None
    return md


_MD = _renderer()


def markdown_html(text: str) -> Markup:
    return Markup(_MD.render(text))
