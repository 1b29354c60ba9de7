"""The trusted model: frozen objects built from validated records.

One class per schema section, generated from the schema itself (model/classes.py, written by
model/generate.py), so the model and the schema cannot disagree. Missing optional fields are
``None`` (lists: ``()``). Phone numbers become ``Phone`` and hours ``Hours``; references stay
ids, looked up in ``Dataset.vocabularies``.
The model is built only from records without errors and never checks anything again.
"""
import dataclasses
import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Literal, Mapping, TypeVar, overload

from ..codes import Severity, severity
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import Checked, List, Obj, Str, Type
from ..validate.dataset import CheckedFile, Result, validate_dataset
from ..values.contact import Phone
from ..values.hours import Hours
from .classes import CLASSES, VOCABULARY_CLASSES, FormsTerm, Provider, Region, Term
from .rules import DatasetRules

LANGUAGES = ("fi", "sv", "en")

T = TypeVar("T")


def to_model(value: Checked, type_: Type) -> object:
    """The model of a checked value of ``type_``."""
    if isinstance(type_, List):
        return tuple(to_model(item, type_.item) for item in value)
    if isinstance(type_, Obj):
        return CLASSES[type_.name](**{key: to_model(item, type_.by_name[key].type)
                                      for key, item in value.items()})
    if isinstance(type_, Str) and type_.fmt == "phone":
        return Phone.of(value)
    if isinstance(type_, Str) and type_.fmt == "hours":
        return Hours.of(value)
    return value


def _section(value: Checked, obj: Obj, cls: type[T]) -> T:
    """The model object of a checked section, as the class the schema gives it."""
    made = to_model(value, obj)
    if not isinstance(made, cls):
        raise TypeError(f"section {obj.name} made a {type(made).__name__}, not a {cls.__name__}")
    return made


@dataclasses.dataclass(frozen=True)
class Dataset(DatasetRules):
    """Everything the outputs show: the region's settings, each vocabulary's terms by id, the
    providers in id order, and the day it is built for."""

    region: Region
    vocabularies: Mapping[str, Mapping[str, Term]]
    providers: tuple[Provider, ...]
    today: datetime.date

    @overload
    def term(self, vocabulary: Literal["forms"], term_id: str) -> FormsTerm: ...

    @overload
    def term(self, vocabulary: str, term_id: str) -> Term: ...

    def term(self, vocabulary: str, term_id: str) -> Term:
        """A vocabulary's term; the forms of support have a field of their own (``mode``)."""
        return self.vocabularies[vocabulary][term_id]


def provider_model(checked: CheckedFile) -> Provider:
    """The model of one checked provider record."""
    return _section(checked.value, PROVIDER, Provider)


def build_dataset(result: Result, today: datetime.date,
                  provider: Callable[[CheckedFile], Provider] = provider_model) -> Dataset:
    """The model of a validation result that has no errors. ``provider`` makes a record's
    model (the preview passes one that reuses the models of records that did not change)."""
    if any(severity(p) is Severity.ERROR for p in result.problems):
        raise ValueError("the model is built only from records without errors")
    by_kind = {f.kind: f for f in result.files if f.kind != "provider"}
    vocabularies: dict[str, Mapping[str, Term]] = {}
    for name, schema in VOCABULARIES.items():
        terms = _section(by_kind[name].value, schema, VOCABULARY_CLASSES[name]).terms
        vocabularies[name] = MappingProxyType({term.id: term for term in terms})
    providers = tuple(sorted((provider(f) for f in result.providers()), key=lambda p: p.id))
    return Dataset(_section(by_kind["region"].value, REGION, Region),
                   MappingProxyType(vocabularies), providers, today)


def load_dataset(data_dir: Path, today: datetime.date) -> tuple[Dataset | None, Result]:
    """Validate the data folder; the model too when nothing is wrong."""
    result = validate_dataset(data_dir, today)
    if any(severity(p) is Severity.ERROR for p in result.problems):
        return None, result
    return build_dataset(result, today), result

