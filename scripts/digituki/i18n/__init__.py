"""The one translation catalogue: every text the program says to people, in fi, sv and en.

The messages live in gettext files, ``locale/<lang>/LC_MESSAGES/digituki.po`` beside this
module, with the template ``digituki.pot`` made by ``digituki i18n`` (extract.py). A message id is
a stable key (``"site_name"``, ``"error.file-missing.title"``, ``"field.phone"``) and every
language, English included, is a translation of it, so a translator edits one .po file in
Poedit or Weblate and a developer renames nothing when the wording changes. The .po files
are read once per process, in memory, with Babel: no compiled .mo files to keep in step.
Placeholders are Python's ``{name}``, filled with ``str.format`` by the caller.
"""
from functools import cache
from importlib import resources
from typing import Mapping

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LANGUAGES = ("fi", "sv", "en")
DOMAIN = "digituki"


def catalogue_file(lang: str) -> resources.abc.Traversable:
    return resources.files(__package__) / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> Catalog:
    with catalogue_file(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


@cache
def messages(lang: str) -> Mapping[str, str]:
    """Message id -> text in ``lang``; an untranslated or fuzzy entry is left out, so
    using it fails loudly instead of showing an empty string or a guess."""
    return {m.id: m.string for m in read_catalogue(lang)
            if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
            and not m.fuzzy}


def t(key: str, lang: str) -> str:
    return messages(lang)[key]


def N_(key: str) -> str:
    """Marks a message id used later by value (``t(table[x], lang)``), so that extraction
    finds it; returns the id unchanged."""
    return key


def known(key: str) -> bool:
    return key in messages(LANGUAGES[0])


def translations(key: str, **params: str | Mapping[str, str]) -> dict[str, str]:
    """The message in every language, formatted; a parameter may itself be text per
    language. For values carried to a later reader (a problem's parameters, a field's form)."""
    return {lang: t(key, lang).format(**{name: value if isinstance(value, str) else value[lang]
                                         for name, value in params.items()})
            for lang in LANGUAGES}


WEEKDAY_IDS = ("mo", "tu", "we", "th", "fr", "sa", "su")


@cache
def weekday_names(lang: str, form: str) -> tuple[str, ...]:
    """Monday first, as ``datetime.date.weekday()`` counts; ``form`` is "short" or "long"."""
    return tuple(t(f"weekday.{form}.{day}", lang) for day in WEEKDAY_IDS)


@cache
def months_short(lang: str) -> tuple[str, ...]:
    return tuple(t(f"month.short.{month}", lang) for month in range(1, 13))


def ordinal(n: int, lang: str) -> str:
    """'first', 'andra' … for the n-th weekday of a month; -1 is the last."""
    return t("ordinal.last" if n == -1 else f"ordinal.{n}", lang)
