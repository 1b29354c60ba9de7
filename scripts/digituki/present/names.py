"""Names as a reader sees them: in their language, in their order, and in addresses."""
import re
import unicodedata
from typing import Iterable, Protocol, TypeVar

from ..model.classes import Text


class _Named(Protocol):
    @property
    def name(self) -> Text: ...


Named = TypeVar("Named", bound=_Named)


def text_in(text: Text, lang: str) -> str:
    """A ``Text`` in the language, else in Finnish."""
    return text.in_language(lang)[0]


def by_name(records: Iterable[Named], lang: str) -> list[Named]:
    """Records (anything with a ``name`` Text) in alphabetical order in the language,
    whatever the capitals."""
    return sorted(records, key=lambda record: text_in(record.name, lang).casefold())


def slug(text: str) -> str:
    """'Koski Tl' -> 'koski-tl', 'Pöytyä' -> 'poytya'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
