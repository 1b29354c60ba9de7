"""Every problem code the validator can report, and its messages in the reader's language.

Codes are stable: contributors search for them and the error reference page is generated
from this table (``digituki docs``). Each code has three messages in the translation
catalogue (``digituki.i18n``): ``error.<code>.title``, ``.message`` (with the problem's
parameters) and ``.explain``. A message names what is wrong and what is allowed; where a
near valid value is known, the ``near`` parameter adds "Did you mean …?".
"""
from dataclasses import dataclass
from enum import Enum

from .i18n import t
from .problems import Param, Problem
from .load.marks import Mark

MESSAGE_PARTS = ("title", "message", "explain")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


def message_id(code: str, part: str) -> str:
    """The catalogue id of one of a code's messages (``part`` is one of MESSAGE_PARTS)."""
    return f"error.{code}.{part}"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity

    def title(self, lang: str) -> str:
        return t(message_id(self.code, "title"), lang)

    def explain(self, lang: str) -> str:
        return t(message_id(self.code, "explain"), lang)


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {c.code: c for c in [
    # --- the file and its YAML ------------------------------------------------------
    Code("file-missing", _E),
    Code("file-too-large", _E),
    Code("file-encoding", _E),
    Code("file-control-character", _E),
    Code("file-ignored", _E),
    Code("file-name", _E),
    Code("file-empty", _E),
    Code("yaml-syntax", _E),
    Code("yaml-duplicate-key", _E),
    Code("yaml-alias", _E),
    Code("yaml-merge-key", _E),
    Code("yaml-tag", _E),
    Code("yaml-multiple-documents", _E),
    Code("yaml-key", _E),
    # --- shape: what the schema says ------------------------------------------------
    Code("field-unknown", _E),
    Code("text-comma", _E),
    Code("field-required", _E),
    Code("field-required-for-type", _E),
    Code("field-type", _E),
    Code("value-empty", _E),
    Code("value-boolean", _E),
    Code("value-quoted", _E),
    Code("value-number", _E),
    Code("value-range", _E),
    Code("value-enum", _E),
    Code("value-format", _E),
    Code("list-empty", _E),
    Code("text-line-break", _E),
    Code("text-control-character", _E),
    Code("text-invisible", _E),
    Code("text-invisible-free", _W),
    Code("text-too-long", _E),
    Code("list-too-long", _E),
    Code("id-format", _E),
    Code("date-format", _E),
    # --- rules beyond shape ---------------------------------------------------------
    Code("ref-unknown", _E),
    Code("id-filename", _E),
    Code("id-duplicate", _E),
    Code("hours-syntax", _E),
    Code("hours-holidays", _W),
    Code("phone-invalid", _E),
    Code("email-invalid", _E),
    Code("phone-format", _E),
    Code("phone-premium", _E),
    Code("email-plain", _E),
    Code("id-reserved", _E),
    Code("url-scheme", _E),
    Code("url-invalid", _E),
    Code("text-markup", _E),
    Code("coordinates-outside", _E),
    Code("verified-future", _E),
    Code("verified-stale", _W),
    Code("verified-expired", _E),
    Code("date-past", _W),
    Code("date-range", _E),
    Code("exception-hours", _E),
    Code("verification-limits", _E),
    Code("exception-times", _E),
    Code("municipality-outside-region", _W),
    Code("point-unused", _W),
    Code("form-needs-place", _E),
    Code("form-needs-channel", _E),
    Code("placeholder", _E),
    # --- reading Suomi.fi PTV (digituki ptv import): what was refused or needs a look ---
    Code("ptv-json", _E),
    Code("ptv-channel-type", _W),
    Code("ptv-language-missing", _W),
    Code("ptv-address-missing", _W),
    Code("ptv-address-extra", _W),
    Code("ptv-coordinates", _W),
    Code("ptv-municipality-unknown", _W),
    Code("ptv-phone-invalid", _W),
    Code("ptv-contact-personal", _W),
    Code("ptv-hours-inexpressible", _W),
]}


def severity(problem: Problem) -> Severity:
    return CODES[problem.code].severity


def _localise(value: Param, lang: str) -> str:
    return value if isinstance(value, str) else value[lang]


def render_message(problem: Problem, lang: str) -> str:
    """The message in one line: line breaks in quoted values are shown as ⏎."""
    params = {key: _localise(value, lang).replace("\n", "⏎")
              for key, value in problem.params.items()}
    text = t(message_id(problem.code, "message"), lang).format(**params)
    if params.get("near"):
        text += t("error.did_you_mean", lang).format(**params)
    return text


def at_start(file: str, code: str, **params: Param) -> Problem:
    """A problem that belongs to the whole file (reported at line 1, column 1)."""
    return Problem(file, Mark(1, 1), code, "", params)
