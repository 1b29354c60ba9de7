"""The trusted model: frozen objects built from validated records.

One class per schema section, generated from the schema itself (model/classes.py, written by
model/generate.py), so the model and the schema cannot disagree. Missing optional fields are
``None`` (lists: ``()``). Phone numbers become ``Phone`` and hours ``Hours``; references stay
ids, looked up in ``Dataset.vocabularies``.
The model is built only from records without errors and never checks anything again.
"""
import dataclasses
import datetime
import functools
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Literal, Mapping, TypeVar, cast, overload

from ..codes import Severity, severity
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import Checked, List, Obj, Str, Type
from ..outputcache import OutputCache
from ..validate.dataset import CheckedFile, Result, cycle_collector_paused, validate_dataset
from ..values.contact import Phone
from ..values.hours import Hours
from .classes import (CLASSES, VOCABULARY_CLASSES, FormsTerm, Provider, Region, Service,
                      ServicePoint, Term)
from .rules import DatasetRules

LANGUAGES = ("fi", "sv", "en")

T = TypeVar("T")


# The same hours (and numbers) recur in many records; their models are frozen, so shared.
_hours = functools.lru_cache(maxsize=4096)(Hours.of)
_phone = functools.lru_cache(maxsize=4096)(Phone.of)
# Makes the model of a checked value of one schema type; None: the value is its own model.
Convert = Callable[[Checked], object] | None
_CONVERTERS: dict[int, Convert] = {}  # by the id of a schema type (they live as long as we do)


def _converter(type_: Type) -> Convert:
    """How a checked value of ``type_`` becomes its model, worked out once per type: text,
    dates, numbers and booleans stay as they are, so only sections, lists, phone numbers and
    hours are visited (a national dataset has over a million values)."""
    if id(type_) in _CONVERTERS:
        return _CONVERTERS[id(type_)]
    convert: Convert = None
    if isinstance(type_, List):
        item = _converter(type_.item)
        convert = tuple if item is None else (lambda value: tuple(map(item, value)))
    elif isinstance(type_, Obj):
        cls = CLASSES[type_.name]
        fields: dict[str, Convert] = {}

        def section(value: Checked) -> object:
            return cls(**{key: item if (made := fields[key]) is None else made(item)
                          for key, item in value.items()})
        convert = section
        _CONVERTERS[id(type_)] = convert  # before its fields, should a section hold itself
        fields.update((name, _converter(spec.type)) for name, spec in type_.by_name.items())
    elif isinstance(type_, Str) and type_.fmt == "phone":
        convert = _phone
    elif isinstance(type_, Str) and type_.fmt == "hours":
        convert = _hours
    _CONVERTERS[id(type_)] = convert
    return convert


def to_model(value: Checked, type_: Type) -> object:
    """The model of a checked value of ``type_``."""
    convert = _converter(type_)
    return value if convert is None else convert(value)


def _section(value: Checked, obj: Obj, cls: type[T]) -> T:
    """The model object of a checked section, as the class the schema gives it."""
    made = to_model(value, obj)
    if not isinstance(made, cls):
        raise TypeError(f"section {obj.name} made a {type(made).__name__}, not a {cls.__name__}")
    return made


@dataclasses.dataclass(frozen=True)
class ListingRules:
    """Where and how a service at a point is listed, and what that reads of a dataset: the
    forms of support (their mode, whether they come to the reader) and the region's
    municipalities, nothing else. Equal for two datasets whose forms vocabulary and list of
    municipalities are equal, so what is worked out with them for a record is kept across
    the preview's saves (a national listing asks them of hundreds of thousands of help
    sessions: ``site.upcoming``)."""

    forms: Mapping[str, FormsTerm]
    municipalities: frozenset[str]

    def comes_to_the_reader(self, service: Service) -> bool:
        """Whether the service, given through a channel, is help in person where the reader
        lives: one of its forms is in person and comes to the reader (``comes_to_you`` in
        the forms vocabulary: a home visit booked by phone)."""
        return any(term.mode == "in-person" and term.comes_to_you
                   for term in (self.forms[f] for f in service.forms))

    def listed_in(self, point: ServicePoint, service: Service) -> tuple[str, ...]:
        """The municipalities where the service at the point is help in person (a listing
        groups it under them; the report counts its days there): a place's own; for help
        that comes to the reader, those the channel serves in the region (all it serves when
        none is); none for remote help."""
        if point.type == "place":
            return point.reached_municipalities()
        if not self.comes_to_the_reader(service):
            return ()
        served = point.reached_municipalities()
        return tuple(code for code in served if code in self.municipalities) or served

    def modes_at(self, point: ServicePoint, service: Service) -> frozenset[str]:
        """The modes of help (in-person, remote, learning) a help session counts under: in
        person at a place or where the reader lives (``comes_to_the_reader``), remote on a
        channel, learning wherever a course or event is held."""
        modes = {self.forms[f].mode for f in service.forms}
        if point.type == "place":
            modes.discard("remote")
        elif not self.comes_to_the_reader(service):
            modes.discard("in-person")
        return frozenset(modes)


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

    @functools.cached_property
    def listing(self) -> ListingRules:
        """The rules of where and how help is listed, with what they read of the dataset."""
        forms = cast(Mapping[str, FormsTerm], self.vocabularies["forms"])   # see ``term``
        return ListingRules(forms, frozenset(self.region.municipalities))

    def comes_to_the_reader(self, service: Service) -> bool:
        """``ListingRules.comes_to_the_reader``."""
        return self.listing.comes_to_the_reader(service)

    def listed_in(self, point: ServicePoint, service: Service) -> tuple[str, ...]:
        """``ListingRules.listed_in``."""
        return self.listing.listed_in(point, service)

    def modes_at(self, point: ServicePoint, service: Service) -> frozenset[str]:
        """``ListingRules.modes_at``."""
        return self.listing.modes_at(point, service)


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
    with cycle_collector_paused():
        for name, schema in VOCABULARIES.items():
            terms = _section(by_kind[name].value, schema, VOCABULARY_CLASSES[name]).terms
            vocabularies[name] = MappingProxyType({term.id: term for term in terms})
        providers = tuple(sorted((provider(f) for f in result.providers()),
                                 key=lambda p: p.id))
        region = _section(by_kind["region"].value, REGION, Region)
    return Dataset(region, MappingProxyType(vocabularies), providers, today)


def load_dataset(data_dir: Path, today: datetime.date, cache: OutputCache | None = None
                 ) -> tuple[Dataset | None, Result]:
    """Validate the data folder (records unchanged since they were last checked are taken
    from ``cache``, when given); the model too when nothing is wrong."""
    result = validate_dataset(data_dir, today, cache=cache)
    if any(severity(p) is Severity.ERROR for p in result.problems):
        return None, result
    return build_dataset(result, today), result

