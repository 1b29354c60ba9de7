"""What record text may contain, checked on the decoded value (a YAML escape such as "\\x85"
or "\\u202E" is the same character as one typed directly).

- A one-line field (a name, address, reason, id, phone, e-mail, link …) has no line break of
  any kind: LF, CR, NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029).
  Surrounding line feeds are not text (a block scalar ``|`` ends with one) and are allowed.
- No text has a control character (C0 and C1, DEL; tab and line feed are allowed in
  multi-line text only), a Unicode noncharacter, a lone surrogate, or a line or paragraph
  separator.
- Invisible characters — direction marks, overrides and isolates, zero-width characters —
  make a page show something other than what is stored and searched; where they are not an
  error (free text) the cleaned text is suggested.

Outputs may use ``strip_invisible`` for text that skipped validation.
"""
import re
import unicodedata
from dataclasses import dataclass

LINE_BREAKS = "\n\r\x85\u2028\u2029"
INVISIBLE = ("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2066\u2067\u2068\u2069\ufeff")
_NONCHARACTERS = "".join(chr(plane + low) for plane in range(0x10000, 0x110000, 0x10000)
                         for low in (0xFFFE, 0xFFFF))
_CONTROL = ("\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
            + _NONCHARACTERS)
_CONTROL_CHAR = re.compile(f"[{_CONTROL}]")
# Quick test: most values have none of these, and are done after one search.
_SUSPECT = re.compile(f"[{_CONTROL}{INVISIBLE}]")
_INVISIBLE_CHARS = re.compile(f"[{INVISIBLE}]")

# What was found, first of its kind.
LINE_BREAK, CONTROL, HIDDEN = "line-break", "control", "invisible"


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    index: int  # in the value as given
    char: str

    def describe(self) -> str:
        """'U+202E RIGHT-TO-LEFT OVERRIDE', or the code point alone for controls."""
        name = unicodedata.name(self.char, "")
        return f"U+{ord(self.char):04X}" + (f" {name}" if name else "")


def findings(value: str, multiline: bool) -> list[Finding]:
    """The first line break, control character and invisible character in ``value``."""
    if not _SUSPECT.search(value):
        return []
    start = len(value) - len(value.lstrip(" \n"))
    end = len(value.rstrip(" \n"))
    found: dict[str, Finding] = {}
    for index, char in enumerate(value):
        if not start <= index < end:
            continue
        if multiline and char in "\n\t":
            continue
        if not multiline and char in LINE_BREAKS:
            kind = LINE_BREAK
        elif _CONTROL_CHAR.match(char):
            kind = CONTROL
        elif char in INVISIBLE and not _joins_emoji(value, index):
            kind = HIDDEN
        else:
            continue
        found.setdefault(kind, Finding(kind, index, char))
    return sorted(found.values(), key=lambda f: f.index)


_ZWJ = "\u200d"
_EMOJI_TAIL = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"  # VS16, skin tones


def _joins_emoji(text: str, index: int) -> bool:
    """A zero-width joiner between two emoji is part of one emoji (👩‍💻, ❤️‍🔥), not hidden
    text: it is allowed there."""
    if text[index] != _ZWJ or not 0 < index < len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return ((unicodedata.category(before) == "So" or before in _EMOJI_TAIL)
            and unicodedata.category(after) == "So")


def strip_invisible(text: str) -> str:
    """The text without its invisible characters (a joiner inside an emoji stays)."""
    return _INVISIBLE_CHARS.sub(
        lambda m: m.group() if _joins_emoji(m.string, m.start()) else "", text)


def excerpt(text: str, index: int, width: int = 60) -> str:
    """The cleaned text around ``index``, short enough for a message."""
    before = strip_invisible(text[:index])
    after = strip_invisible(text[index:])
    head = before[-width // 2:] if len(before) > width // 2 else before
    tail = after[:width - len(head)]
    return (("…" if len(head) < len(before) else "") + head + tail
            + ("…" if len(tail) < len(after) else "")).strip()
