"""``directory.json``: every record, every field, normalised, with its JSON Schema beside it.

The structure is the records' own, so a reviewer can find each YAML value at the same path.
Where the export adds something, a value becomes an object that still holds what was written:
phone numbers {written, e164}; hours {written, normalized}; vocabulary references {id, name in
every language}. Places and help hours also get ``schedule``: the hours with the dated
exceptions applied, the open intervals of the coming weeks and the recurring sessions.
"""
import dataclasses
import datetime
from ..model.build import Dataset
from ..model.classes import Exception as DatedException  # the section "exception"
from ..model.classes import Provider, ServiceAtPoint, Text
from ..model.rules import effective_hours
from ..schema.export import definitions as schema_definitions
from ..schema.records import PROVIDER, REGION, TEXTS, VOCABULARIES, term_section
from ..schema.types import Date, Json, JsonObject, List, Obj, Str, Type
from ..values.contact import Phone
from ..values.hours import Hours
from ..values.recurrence import open_intervals, recurrences

VERSION = 1
UPCOMING_DAYS = 42  # six weeks: Christmas and New Year are always in view in December


def _text(value: Text) -> dict[str, str]:
    return {lang: text for lang, text in dataclasses.asdict(value).items() if text}


def _schedule(hours: Hours, exceptions: tuple[DatedException, ...], today: datetime.date
              ) -> JsonObject:
    expression = effective_hours(hours, exceptions)
    return {
        "opening_hours": expression,
        "upcoming": [[start.isoformat(), end.isoformat()]
                     for start, end in open_intervals(expression, today, UPCOMING_DAYS)],
        "recurrences": [{"byday": r.byday, "freq": r.freq, "opens": r.opens.isoformat("minutes"),
                         "closes": r.closes.isoformat("minutes"),
                         "dates": [d.isoformat() for d in r.dates],
                         "exdates": [d.isoformat() for d in r.exdates]}
                        for r in recurrences(expression, today)],
    }


class _Writer:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.provider: Provider | None = None  # the one being written, for its sessions' places

    def provider_section(self, provider: Provider) -> JsonObject:
        self.provider = provider
        return self.section(provider, PROVIDER)

    def value(self, value: object, type_: Type) -> Json:
        """A model value of ``type_`` (which gives its shape, at run time) as JSON."""
        if isinstance(type_, List) and isinstance(value, tuple):
            return [self.value(item, type_.item) for item in value]
        if isinstance(value, Text):
            return _text(value)
        if isinstance(type_, Obj):
            return self.section(value, type_)
        if isinstance(value, Phone):
            return {"written": value.written, "e164": value.e164}
        if isinstance(value, Hours):
            return {"written": value.written, "normalized": value.normalized}
        if isinstance(value, datetime.date):
            return value.isoformat()
        if not isinstance(value, (str, int, float)):   # a bool is an int
            raise TypeError(f"{type(value).__name__} is not a model value")
        ref = type_.ref if isinstance(type_, Str) else None
        if ref is not None and ref in self.dataset.vocabularies and isinstance(value, str):
            return {"id": value, "name": _text(self.dataset.term(ref, value).name)}
        return value

    def section(self, value: object, obj: Obj) -> JsonObject:
        out: JsonObject = {f.name: self.value(getattr(value, f.name), f.type)
                           for f in obj.fields if getattr(value, f.name) not in (None, ())}
        hours = getattr(value, "hours", None)
        if hours is not None and "exceptions" in obj.by_name:
            out["schedule"] = _schedule(hours, self._exceptions(value), self.dataset.today)
        return out

    def _exceptions(self, value: object) -> tuple[DatedException, ...]:
        """A place's; a help session's include the days its place is closed."""
        if isinstance(value, ServiceAtPoint):
            assert self.provider, "a help session is written as part of its provider"
            return self.provider.session_exceptions(value)
        exceptions: tuple[DatedException, ...] = getattr(value, "exceptions")
        return exceptions


def directory_head(dataset: Dataset) -> JsonObject:
    """Everything before the providers (which come last): what every record shares."""
    writer = _Writer(dataset)
    return {
        "version": VERSION,
        "date": dataset.today.isoformat(),
        "region": writer.section(dataset.region, REGION),
        "vocabularies": {name: [writer.section(term, term_section(schema))
                                for term in dataset.vocabularies[name].values()]
                         for name, schema in VOCABULARIES.items()},
    }


def provider_entry(dataset: Dataset, provider: Provider) -> JsonObject:
    """One provider's entry in ``providers``."""
    return _Writer(dataset).provider_section(provider)


def directory(dataset: Dataset) -> JsonObject:
    return {**directory_head(dataset),
            "providers": [provider_entry(dataset, p) for p in dataset.providers]}


# --- its schema ---------------------------------------------------------------------------

_WRITTEN: JsonObject = {"written": {"type": "string"}}
_TEXT: JsonObject = {"type": "object", "required": ["fi"], "additionalProperties": False,
         "properties": {lang: {"type": "string"} for lang in ("fi", "sv", "en")}}
_DATE_TIME_PAIR: JsonObject = {"type": "array", "items": {"type": "string", "format": "date-time"},
                   "minItems": 2, "maxItems": 2}
_DATES: JsonObject = {"type": "array", "items": {"type": "string", "format": "date"}}
_SCHEDULE: JsonObject = {
    "type": "object", "required": ["opening_hours", "upcoming", "recurrences"],
    "description": "The hours with dated exceptions applied (a help session also skips the "
                   "days its place is closed), in Europe/Helsinki time with the Finnish public "
                   "holidays: open intervals for the next six weeks ('upcoming') and the "
                   "sessions of the next half year as recurrence rules (RFC 5545 BYDAY and "
                   "FREQ; 'exdates' are skipped; FREQ null means just the listed dates).",
    "properties": {
        "opening_hours": {"type": "string"},
        "upcoming": {"type": "array", "items": _DATE_TIME_PAIR},
        "recurrences": {"type": "array", "items": {
            "type": "object", "required": ["byday", "freq", "opens", "closes", "dates", "exdates"],
            "properties": {"byday": {"type": "string"},
                           "freq": {"enum": ["WEEKLY", "MONTHLY", None]},
                           "opens": {"type": "string"}, "closes": {"type": "string"},
                           "dates": _DATES, "exdates": _DATES}}}},
}


def _leaf(type_: Type) -> JsonObject | None:
    if type_ in TEXTS:
        return _TEXT
    if isinstance(type_, Str) and type_.fmt == "phone":
        return {"type": "object", "required": ["written", "e164"],
                "properties": {**_WRITTEN, "e164": {"type": "string", "pattern": r"^\+\d+$"}}}
    if isinstance(type_, Str) and type_.fmt == "hours":
        return {"type": "object", "required": ["written", "normalized"],
                "properties": {**_WRITTEN, "normalized": {"type": "string"}}}
    if isinstance(type_, Str) and type_.ref in VOCABULARIES:
        return {"type": "object", "required": ["id", "name"],
                "properties": {"id": {"type": "string"}, "name": _TEXT}}
    if isinstance(type_, Date):
        return {"type": "string", "format": "date"}
    return None


def _extra(obj: Obj) -> JsonObject:
    if {"hours", "exceptions"} <= set(obj.by_name):
        return {"schedule": _SCHEDULE}
    return {}


def directory_schema() -> JsonObject:
    """JSON Schema of ``directory.json``, from the record schema with the export's changes."""
    parts = {"region": REGION, "provider": PROVIDER, **VOCABULARIES}
    definitions: JsonObject = {}
    for root in parts.values():
        definitions.update(schema_definitions(root, _leaf, _extra))
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Digituki directory export",
        "type": "object",
        "required": ["version", "date", "region", "vocabularies", "providers"],
        "additionalProperties": False,
        "properties": {
            "version": {"const": VERSION},
            "date": {"type": "string", "format": "date",
                     "description": "The build date the schedules are computed from."},
            "region": {"$ref": "#/definitions/region"},
            "vocabularies": {"type": "object", "additionalProperties": False, "properties": {
                name: {"type": "array",
                       "items": {"$ref": f"#/definitions/{term_section(schema).name}"}}
                for name, schema in VOCABULARIES.items()}},
            "providers": {"type": "array", "items": {"$ref": "#/definitions/provider"}},
        },
        "definitions": definitions,
    }
