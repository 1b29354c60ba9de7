"""Phone numbers, e-mail addresses and links."""
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

SAFE_SCHEMES = ("https", "http")


# Plain digits 0-9 in groups separated by single spaces, an international number led by +.
# (\d would also match Arabic-Indic, Bengali and other digits, which phonenumbers accepts.)
PLAIN_PHONE = re.compile(r"\+?[0-9]+(?: [0-9]+)*")


def phone_is_plain(text: str) -> bool:
    return PLAIN_PHONE.fullmatch(text) is not None


def phone_is_premium(text: str) -> bool:
    """A premium-rate number (0600, 0700, +358 600 …, or another country's)."""
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.PREMIUM_RATE


@lru_cache(maxsize=4096)
def phone_e164(text: str) -> str | None:
    """'02 123 4567' -> '+35821234567'; None if it is not a valid number (Finland is the
    default country, so local numbers need no +358)."""
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# name@domain: letters a-z, digits and . _ + - in the name; labels of letters, digits and
# hyphens in the domain. No quoted names, no ?, &, % or spaces (a mailto: link would carry
# them as extra headers or recipients), one @ only.
PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def email_is_plain(text: str) -> bool:
    return PLAIN_EMAIL.fullmatch(text) is not None


def email_ok(text: str) -> bool:
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def link_problem(text: str) -> str | None:
    """None for a complete http(s) address; else the problem code."""
    scheme = text.split(":", 1)[0].strip().lower() if ":" in text else ""
    if scheme not in SAFE_SCHEMES:
        return "url-scheme" if scheme and not scheme.isdigit() else "url-invalid"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return "url-invalid"
    if not parts.hostname or "." not in parts.hostname or " " in text:
        return "url-invalid"
    return None


_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)


def markdown_link_targets(text: str) -> list[str]:
    """Targets of [label](target) links and [label]: target definitions in Markdown."""
    return _MARKDOWN_LINK.findall(text) + _REFERENCE_LINK.findall(text)


@dataclass(frozen=True)
class Phone:
    """A phone number as written in the record and in international form (tel: links)."""

    written: str
    e164: str

    @classmethod
    def of(cls, text: str) -> "Phone":
        e164 = phone_e164(text)
        if e164 is None:  # the model is built only from validated records
            raise ValueError(f"not a valid phone number: {text!r}")
        return cls(text, e164)
