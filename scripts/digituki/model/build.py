"""The trusted model: frozen objects built from validated records.

One class per schema section, generated from the schema itself, so the model and the schema
cannot disagree. Missing optional fields are ``None`` (lists: ``()``). Phone numbers become
``Phone`` and hours ``Hours``; references stay ids, looked up in ``Dataset.vocabularies``.
The model is built only from records without errors and never checks anything again.
"""
import dataclasses
import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..codes import Severity, severity
from ..schema.records import PROVIDER, REGION, TEXTS, VOCABULARIES
from ..schema.types import List, Obj, Str, Type
from ..validate.dataset import Result, validate_dataset
from ..values.contact import Phone
from ..values.hours import Hours
from .rules import RULES, DatasetRules

LANGUAGES = ("fi", "sv", "en")


@dataclasses.dataclass(frozen=True)
class Text:
    """Text in up to three languages; Finnish is always there."""

    fi: str
    sv: str | None = None
    en: str | None = None

    def in_language(self, lang: str) -> tuple[str, str]:
        """(text, language it is in): the wanted language, else Finnish."""
        text = getattr(self, lang, None)
        return (text, lang) if text else (self.fi, "fi")


_CLASSES: dict[str, type] = {}


def model_class(obj: Obj) -> type:
    """The frozen dataclass for a schema section (made once per section)."""
    if obj.name not in _CLASSES:
        fields = [(f.name, Any, dataclasses.field(default=() if isinstance(f.type, List) else None))
                  for f in obj.fields]
        name = "".join(part.title() for part in obj.name.split("_"))
        bases = (RULES[name],) if name in RULES else ()
        _CLASSES[obj.name] = dataclasses.make_dataclass(name, fields, bases=bases, frozen=True)
    return _CLASSES[obj.name]


def to_model(value: Any, type_: Type) -> Any:
    if isinstance(type_, List):
        return tuple(to_model(item, type_.item) for item in value)
    if isinstance(type_, Obj):
        cls = Text if type_ in TEXTS else model_class(type_)
        return cls(**{key: to_model(item, type_.by_name[key].type) for key, item in value.items()})
    if isinstance(type_, Str) and type_.fmt == "phone":
        return Phone.of(value)
    if isinstance(type_, Str) and type_.fmt == "hours":
        return Hours.of(value)
    return value


@dataclasses.dataclass(frozen=True)
class Dataset(DatasetRules):
    region: Any
    vocabularies: Mapping[str, Mapping[str, Any]]
    providers: tuple[Any, ...]
    today: datetime.date

    def term(self, vocabulary: str, term_id: str) -> Any:
        return self.vocabularies[vocabulary][term_id]


def build_dataset(result: Result, today: datetime.date) -> Dataset:
    """The model of a validation result that has no errors."""
    if any(severity(p) is Severity.ERROR for p in result.problems):
        raise ValueError("the model is built only from records without errors")
    by_kind = {f.kind: f for f in result.files if f.kind != "provider"}
    vocabularies = {}
    for name, schema in VOCABULARIES.items():
        terms = to_model(by_kind[name].value, schema).terms
        vocabularies[name] = MappingProxyType({term.id: term for term in terms})
    providers = tuple(sorted((to_model(f.value, PROVIDER) for f in result.providers()),
                             key=lambda p: p.id))
    return Dataset(to_model(by_kind["region"].value, REGION), MappingProxyType(vocabularies),
                   providers, today)


def load_dataset(data_dir: Path, today: datetime.date) -> tuple[Dataset | None, Result]:
    """Validate the data folder; the model too when nothing is wrong."""
    result = validate_dataset(data_dir, today)
    if any(severity(p) is Severity.ERROR for p in result.problems):
        return None, result
    return build_dataset(result, today), result

