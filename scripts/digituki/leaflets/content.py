"""What a booklet says, from the trusted model: which providers, places and help sessions, with
the changes of the next eight weeks in runs. No layout here: the print templates decide that.

A booklet is in the order a reader wants it: regular help without booking first (the
region-wide helpline leading, then the free help), then help by appointment, courses, and
one-off events last, by date. An entry is one provider's help of one kind at one place there
or on one remote channel that serves the municipality (the region's booklet: all of them, in
shorter entries).

A region of more than WIDE_REGION municipalities (the whole country) is too big for one
booklet of every place: its booklet lists the help that reaches every municipality of it
(helplines, remote help) and then an index of the municipalities with the address of each
one's page, where its own leaflets are (``wide_region``).
"""
from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n import t
from ..model.build import Dataset
from ..model.rules import Schedule
from ..model.urls import REGION_LEAFLET, home_url, municipality_url, provider_url
from ..present.grouping import by_municipality
from ..present.names import by_name, slug, text_in
from ..present.hours_view import Day, days_ahead
from ..values.recurrence import recurrences
from . import changes

LEAFLET_DAYS = 56  # the changes a leaflet lists: eight weeks from the build date

# The booklet's sections, in their order; each session belongs to one (``kind_of``).
KINDS = ("drop_in", "booked", "courses", "events")
# The most municipalities whose every place the region's poster and booklet list. Finland's
# biggest region (maakunta: North Ostrobothnia, 30 in 2026) fits; a directory of more spans
# regions, or the country (308: thousands of places, a book no one prints).
WIDE_REGION = 40


@dataclass(frozen=True)
class Session:
    """One service at one place or channel: its help hours and their changes ahead."""

    service: Any
    schedule: Schedule
    changes: str            # the changes of the coming weeks in runs, '' when none
    first: datetime.date | None   # its next day with help, for the events' order


@dataclass(frozen=True)
class Stop:
    """A place or a remote channel of a provider, with the help given there."""

    point: Any
    phone: Any            # the number to call about it (the place's, else the provider's)
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class Entry:
    provider: Any
    stops: tuple[Stop, ...]   # its place or channel
    alerts: tuple[Any, ...]
    url: str
    helpline: bool        # a phone line for the whole region: first in the booklet


@dataclass(frozen=True)
class Section:
    heading: str          # in the leaflet's language
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Leaflet:
    name: str             # file name without .pdf: a municipality's slug or "region"
    title: Any            # Text: the municipality's or the region's name
    url: str              # the web page the leaflet leads back to (QR code)
    sections: tuple[Section, ...]
    compact: bool         # the region's shorter entries
    # a wide region's booklet: (name, web page) of each municipality, else empty
    municipalities: tuple[tuple[Any, str], ...] = ()


def kind_of(service: Any, hours: Any, today: datetime.date) -> str:
    """The section a help session belongs in: an event (or hours that are only dates), a
    course, help that must be booked, or regular help without booking."""
    rules = recurrences(hours.written, today)
    if "event" in service.forms or (rules and all(r.freq is None for r in rules)):
        return "events"
    if "course" in service.forms:
        return "courses"
    return "booked" if service.booking.need == "required" else "drop_in"


def _session(dataset: Dataset, schedule: Schedule, service: Any, lang: str) -> Session:
    days: list[Day] = days_ahead(schedule, dataset.today, LEAFLET_DAYS)
    first = next((d.date for d in days if d.spans), None)
    return Session(service, schedule, changes.summary(days, lang), first)


def _stop(dataset: Dataset, provider: Any, point: Any, kind: str, lang: str) -> Stop | None:
    sessions = tuple(_session(dataset, provider.session_schedule(at), service, lang)
                     for service, at in provider.sessions_at(point.id)
                     if kind_of(service, at.hours, dataset.today) == kind)
    if not sessions:
        return None
    phone = point.phone or (provider.contact.phone if point.is_place and provider.contact
                            else None)
    return Stop(point, phone, sessions)


def _entries(dataset: Dataset, provider: Any, lang: str, wanted: Callable[[Any], bool],
             helplines: set[tuple[str, str]]) -> list[tuple[str, Entry]]:
    """(kind, entry) of each wanted point of the provider and each kind of help there: one
    place per entry keeps entries shorter than a page."""
    found = []
    for sp in provider.service_points:
        if not wanted(sp):
            continue
        for kind in KINDS:
            stop = _stop(dataset, provider, sp, kind, lang)
            if stop:
                found.append((kind, Entry(
                    provider, (stop,), provider.current_alerts(dataset.today, LEAFLET_DAYS),
                    provider_url(dataset.region.base_url, lang, provider.id),
                    (provider.id, sp.id) in helplines)))
    return found


def _order(kind: str, lang: str) -> Callable[[Entry], tuple[Any, ...]]:
    """Events by their next date; help without booking with the helpline first, then the
    places with free walk-in help, then the rest (booking recommended, or a fee); otherwise
    by name."""
    def name(entry: Entry) -> str:
        return text_in(entry.provider.name, lang).casefold()

    def first(entry: Entry) -> datetime.date:
        days = [s.first for stop in entry.stops for s in stop.sessions if s.first]
        return min(days, default=datetime.date.max)

    def free_walk_in(entry: Entry) -> bool:
        return any(s.service.cost.free and s.service.booking.need == "none"
                   for stop in entry.stops for s in stop.sessions)

    if kind == "events":
        return lambda entry: (first(entry), name(entry))
    if kind == "drop_in":
        return lambda entry: (not entry.helpline, not free_walk_in(entry), name(entry))
    return lambda entry: (name(entry),)


def _sections(dataset: Dataset, providers: Iterable[Any], lang: str,
              wanted: Callable[[Any, Any], bool]) -> tuple[Section, ...]:
    """``wanted(provider, point)``: whether a point's help belongs in the booklet."""
    helplines = {(p.id, sp.id) for p, sp in dataset.region_helplines()}
    by_kind: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
    for p in providers:
        for kind, entry in _entries(dataset, p, lang, functools.partial(wanted, p),
                                    helplines):
            by_kind[kind].append(entry)
    return tuple(Section(t(f"leaflet.section_{kind}", lang),
                         tuple(sorted(entries, key=_order(kind, lang))))
                 for kind, entries in by_kind.items() if entries)


def municipality_leaflet(dataset: Dataset, code: str, lang: str,
                         index: dict[str, tuple[list[Any], list[Any]]] | None = None) -> Leaflet:
    """``index`` is ``by_municipality(dataset.providers)``, made once for all leaflets."""
    index = index if index is not None else by_municipality(dataset.providers)
    here, remote = index.get(code, ([], []))
    term = dataset.term("municipalities", code)
    name = slug(term.name.fi)
    # a place there, or a remote channel serving it
    sections = _sections(dataset, [*here, *remote], lang, lambda p, sp: sp.reaches(code))
    return Leaflet(name, term.name, municipality_url(dataset.region.base_url, lang, name),
                   sections, compact=False)


def region_leaflet(dataset: Dataset, lang: str) -> Leaflet:
    """Every place and remote channel of the region, in shorter entries; of a wide region,
    only the help that reaches all of it and the index of municipalities."""
    if wide_region(dataset):
        return _wide_region_leaflet(dataset, lang)
    codes = set(dataset.region.municipalities)
    sections = _sections(dataset, dataset.providers, lang,
                         lambda p, sp: bool(codes.intersection(sp.reached_municipalities())))
    return Leaflet(REGION_LEAFLET, dataset.region.name,
                   home_url(dataset.region.base_url, lang), sections, compact=True)


def wide_region(dataset: Dataset) -> bool:
    """Whether the region has too many municipalities for its poster and booklet to list
    every place (WIDE_REGION)."""
    return len(dataset.region.municipalities) > WIDE_REGION


def _wide_region_leaflet(dataset: Dataset, lang: str) -> Leaflet:
    """The booklet of a wide region: the help at points that reach every municipality of the
    region (a national helpline, remote help for everyone), then each municipality with the
    address of its page."""
    codes = set(dataset.region.municipalities)
    sections = _sections(dataset, dataset.providers, lang,
                         lambda p, sp: codes <= set(sp.reached_municipalities()))
    base = dataset.region.base_url
    terms = by_name([dataset.term("municipalities", code)
                     for code in dataset.region.municipalities], lang)
    return Leaflet(REGION_LEAFLET, dataset.region.name, home_url(base, lang), sections,
                   compact=True, municipalities=tuple(
                       (term.name, municipality_url(base, lang, slug(term.name.fi)))
                       for term in terms))


def leaflets(dataset: Dataset, lang: str) -> list[Leaflet]:
    """Every leaflet of a language: one per municipality, then the region's."""
    index = by_municipality(dataset.providers)
    return [*(municipality_leaflet(dataset, code, lang, index)
              for code in dataset.region.municipalities),
            region_leaflet(dataset, lang)]
