"""Text from records and file names, quoted in reports that are not HTML: the pull-request
summary (``digituki diff``) and the validator's GitHub job summary.

The text may never have met the validator, so it can hold anything: line breaks that end a
Markdown list item or table row, backticks that close a code span, markup and links that
GitHub would render, @-mentions that notify people, and invisible or direction-changing
characters that make a reviewer read something else than what is there. Here it becomes
one visible line that renders as the letters it is made of.
"""
import re

_MARKUP = re.compile(r"([\\`*_\[\]<>|#~!&])")


def visible(text: str) -> str:
    """One line: every control, format (zero-width, direction), separator and surrogate
    character written out as its escape (``\\n``, ``\\u202e``) so a reader sees it."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# What GitHub links after rendering, whatever the Markdown said: bare addresses (https://…,
# www.…) and issue references (#123). A zero-width space inside stops it.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?<=#)(?=\d)")


def markdown_text(text: str) -> str:
    """Plain text in Markdown: no markup, no HTML, no links (bare addresses and issue
    references included), no @-mentions, one line."""
    escaped = _MARKUP.sub(r"\\\1", visible(text)).replace("@", "@\u200b")
    return _AUTOLINK.sub("\u200b", escaped)


def markdown_code(text: str, in_table: bool = False) -> str:
    """A code span that holds the text as it is, whatever backticks it contains
    (CommonMark: a longer fence, and a space inside when the text starts or ends with one).
    In a table, a pipe is escaped too: GitHub splits cells before it reads code spans."""
    shown = visible(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    if shown.startswith("`") or shown.endswith("`"):
        shown = f" {shown} "
    if in_table:
        shown = shown.replace("|", "\\|")
    return f"{fence}{shown}{fence}"
