"""PTV ``serviceHours`` -> our ``opening_hours`` text and dated exceptions, exactly or not at all.

PTV (Open API v11) gives a channel's hours as a list of entries, each with a
``serviceHourType``:

- ``DaysOfTheWeek``: the regular week; ``openingHour[]`` has ``dayFrom`` ("Monday" …),
  ``from`` and ``to`` ("09:00:00"); ``isAlwaysOpen`` means round the clock; an entry with
  ``isClosed`` and ``validFrom``/``validTo`` is a closed period.
- ``OverMidnight``: regular hours that end on the next day (``dayFrom`` Friday ``from``
  22:00, ``dayTo`` Saturday ``to`` 02:00): written ``Fr 22:00-02:00``, which the syntax reads
  as running into Saturday.
- ``Exceptional``: a dated exception (``validFrom``, optionally ``validTo``), closed
  (``isClosed``) or open at the times of its ``openingHour[]``; ``additionalInformation[]`` is
  its reason per language.

Dates come as UTC timestamps of the local midnight ("2026-12-23T22:00:00Z" is 24 December in
Helsinki) and are read as Helsinki dates.

Regular hours end with ``PH off`` (our convention, and PTV's: holiday openings are entered as
``Exceptional`` entries), except round-the-clock ones (``24/7``). Nothing is guessed: an entry
that cannot be written exactly (a regular week valid only for a period, a period that spans
more than a night, seconds in a time, an exception with neither times nor "closed", an empty
week) is returned as :class:`Inexpressible` with its original JSON, and the regular hours are
then left out (``regular`` is None) so that the record gets a TODO instead of half the truth.
"""
import datetime
import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..values.hours import HELSINKI, weekday_runs

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

Text = Mapping[str, str]


@dataclass(frozen=True)
class DatedHours:
    """One exception from PTV: ``date`` (to ``until``, inclusive, when it spans days), either
    ``closed`` or open at ``hours`` (times only, e.g. "10:00-14:00"); ``reason`` per language
    from ``additionalInformation`` (may be empty: the record then asks for one)."""

    date: datetime.date
    until: datetime.date | None
    closed: bool
    hours: str | None
    reason: Text
    path: str


@dataclass(frozen=True)
class Inexpressible:
    """A ``serviceHours`` entry that our hours cannot say exactly: ``original`` is the entry
    as compact JSON (to show beside the TODO), ``path`` its JSON path, ``why`` a short
    English reason (for the record's comment). ``exception`` tells a dated entry (an
    exception or a closed period: ``date`` is its first day when it could be read) from
    regular hours."""

    original: str
    path: str
    why: str
    exception: bool = False
    date: datetime.date | None = None
    # an exception's additionalInformation per language (its reason), when it has one
    reason: Text = field(default_factory=dict)


@dataclass(frozen=True)
class PtvHours:
    """A channel's hours as our record would hold them.

    ``regular``: the opening_hours text ("Mo-Fr 09:00-15:00; PH off"), or None when PTV has
    no regular hours or they could not be written exactly (then ``inexpressible`` says why).
    ``exceptions``: the dated exceptions, oldest first. ``exact`` is True when every entry
    was converted."""

    regular: str | None = None
    exceptions: tuple[DatedHours, ...] = ()
    inexpressible: tuple[Inexpressible, ...] = field(default_factory=tuple)

    @property
    def exact(self) -> bool:
        return not self.inexpressible

    @property
    def empty(self) -> bool:
        return self.regular is None and not self.exceptions and not self.inexpressible


def ptv_date(value: Any) -> datetime.date | None:
    """'2026-12-23T22:00:00Z' -> 2026-12-24 (the Helsinki date); a naive timestamp or a plain
    date is read as written; None for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(HELSINKI)
    return moment.date()


def _time(value: Any, end: bool) -> str | None:
    """'09:00:00' -> '09:00'; an end of '00:00:00' is midnight at the end of the day, '24:00';
    None when it is not a whole minute."""
    if not isinstance(value, str):
        return None
    parts = value.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    if (len(parts) == 3 and int(parts[2]) != 0) or hour > 24 or minute > 59:
        return None
    if end and hour == 0 and minute == 0:
        return "24:00"
    return f"{hour:02d}:{minute:02d}"


def items_of(value: Any) -> list[Any]:
    """A JSON list, or no items for anything else (PTV sends null for empty lists)."""
    return value if isinstance(value, list) else []


def _texts(items: Any) -> dict[str, str]:
    """PTV's [{value, language}] -> {language: value}, empty and null values left out."""
    found: dict[str, str] = {}
    for item in items_of(items):
        if isinstance(item, dict) and isinstance(item.get("value"), str) \
                and item["value"].strip() and isinstance(item.get("language"), str):
            found.setdefault(item["language"], item["value"].strip())
    return found


def _original(entry: Any) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(", ", ": "))


def _day_ranges(days: list[int]) -> str:
    """[0, 1, 2, 4] -> 'Mo-We,Fr'; two days in a row are 'Mo,Tu'."""
    return ",".join(OSM_DAYS[r[0]] if len(r) == 1 else
                    f"{OSM_DAYS[r[0]]},{OSM_DAYS[r[1]]}" if len(r) == 2 else
                    f"{OSM_DAYS[r[0]]}-{OSM_DAYS[r[-1]]}" for r in weekday_runs(sorted(days)))


def week_text(spans: Mapping[int, list[tuple[str, str]]]) -> str:
    """Day index (0 = Monday) -> its time spans, as rules: days with the same spans share
    one ('Mo-Fr 09:00-15:00; Sa 10:00-14:00'), in the order of their first day."""
    groups: dict[tuple[tuple[str, str], ...], list[int]] = {}
    for day in sorted(spans):
        groups.setdefault(tuple(sorted(set(spans[day]))), []).append(day)
    return "; ".join(f"{_day_ranges(days)} {','.join(f'{a}-{b}' for a, b in times)}"
                     for times, days in sorted(groups.items(), key=lambda g: g[1][0]))


def _span(hour: Any, over_midnight: bool) -> tuple[int, str, str] | str:
    """One ``openingHour`` -> (day index, from, to), or why it cannot be written."""
    if not isinstance(hour, dict) or hour.get("dayFrom") not in DAYS:
        return "no weekday"
    day = DAYS.index(hour["dayFrom"])
    start, end = _time(hour.get("from"), False), _time(hour.get("to"), True)
    if start is None or end is None:
        return "a time that is not whole minutes"
    day_to = hour.get("dayTo") or hour["dayFrom"]
    if day_to not in DAYS:
        return "an unknown end day"
    if day_to == hour["dayFrom"]:
        if over_midnight and end <= start:
            return "an over-midnight entry without its end day"
        if end <= start and end != "24:00":
            return "an end before the start"
        return day, start, end
    if DAYS.index(day_to) != (day + 1) % 7:
        return "a span of more than one night"
    if end == "24:00":
        return day, start, end
    if end > start:
        return "a span of more than one day"
    return day, start, end


def _is_regular(entry: Mapping[str, Any]) -> bool:
    return entry.get("serviceHourType") in ("DaysOfTheWeek", "OverMidnight") \
        and not entry.get("isClosed")


def convert(service_hours: Any, path: str = "serviceHours") -> PtvHours:
    """PTV's ``serviceHours`` list -> :class:`PtvHours` (see the module's docstring);
    ``path`` is the JSON path of the list, for the entries' paths."""
    entries = items_of(service_hours)
    spans: dict[int, list[tuple[str, str]]] = {}
    always_open = False
    regular_seen = False
    exceptions: list[DatedHours] = []
    untranslated: list[Inexpressible] = []

    regular_refused = False

    def refuse(index: int, entry: Any, why: str, regular: bool = True,
               day: datetime.date | None = None) -> None:
        nonlocal regular_refused
        regular_refused = regular_refused or regular
        reason = _texts(entry.get("additionalInformation")) if isinstance(entry, dict) else {}
        untranslated.append(Inexpressible(_original(entry), f"{path}[{index}]", why,
                                          not regular, day, reason))

    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            refuse(index, entry, "not an object")
            continue
        kind = entry.get("serviceHourType")
        start, until = ptv_date(entry.get("validFrom")), ptv_date(entry.get("validTo"))
        if kind == "Exceptional" or (kind == "DaysOfTheWeek" and entry.get("isClosed")):
            dated = _exception(entry, start, until, f"{path}[{index}]")
            if isinstance(dated, str):
                refuse(index, entry, dated, regular=False, day=start)
            else:
                exceptions.append(dated)
            continue
        if not _is_regular(entry):
            refuse(index, entry, f"an unknown serviceHourType {kind!r}")
            continue
        if until is not None:
            refuse(index, entry, "regular hours valid only for a period")
            continue
        regular_seen = True
        if entry.get("isAlwaysOpen"):
            always_open = True
            continue
        hours = items_of(entry.get("openingHour"))
        if not hours:
            refuse(index, entry, "regular hours with no times")
            continue
        for hour in hours:
            span = _span(hour, kind == "OverMidnight")
            if isinstance(span, str):
                refuse(index, entry, span)
                break
            spans.setdefault(span[0], []).append((span[1], span[2]))
    regular: str | None = None
    if regular_seen and not regular_refused:
        if always_open and not spans:
            regular = "24/7"
        elif always_open:
            untranslated.append(Inexpressible(_original(entries), path,
                                              "round the clock and weekly times at once"))
        elif spans:
            regular = week_text(spans) + "; PH off"
    exceptions.sort(key=lambda e: (e.date, e.until or e.date))
    return PtvHours(regular, tuple(exceptions), tuple(untranslated))


def _exception(entry: Mapping[str, Any], start: datetime.date | None,
               until: datetime.date | None, path: str) -> DatedHours | str:
    if start is None:
        return "an exception without a valid date"
    if until is not None and until < start:
        return "an exception that ends before it starts"
    reason = _texts(entry.get("additionalInformation"))
    last = None if until in (None, start) else until
    if entry.get("isClosed"):
        return DatedHours(start, last, True, None, reason, path)
    if entry.get("isAlwaysOpen"):
        return DatedHours(start, last, False, "00:00-24:00", reason, path)
    times: list[str] = []
    for hour in items_of(entry.get("openingHour")):
        begin = _time(hour.get("from"), False) if isinstance(hour, dict) else None
        end = _time(hour.get("to"), True) if isinstance(hour, dict) else None
        if begin is None or end is None or (end <= begin and end != "24:00"):
            return "an exception whose times cannot be written"
        if isinstance(hour, dict) and hour.get("dayTo") and hour.get("dayTo") != hour.get(
                "dayFrom") and hour.get("dayFrom"):
            return "an exception with weekdays"
        times.append(f"{begin}-{end}")
    if not times:
        return "an exception with neither times nor closed"
    return DatedHours(start, last, False, ",".join(sorted(set(times))), reason, path)
