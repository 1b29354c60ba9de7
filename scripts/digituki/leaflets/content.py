"""What a leaflet says, from the trusted model: which providers, places and help sessions, with
the changes of the next eight weeks. No layout here: the print templates decide that.

A municipality's leaflet has the providers with a place there (their places there and their
remote channels that serve it) and then the remote help that serves it; the region's has the
remote help once and then every municipality's places, in shorter entries.
"""
import datetime
from dataclasses import dataclass
from typing import Any

from ..model.build import Dataset
from ..model.urls import REGION_LEAFLET, home_url, municipality_url, provider_url
from ..present.hours_view import Day, days_ahead
from ..model.rules import Schedule
from ..present.grouping import by_municipality
from ..present.names import by_name, slug, text_in
from ..i18n import t

LEAFLET_DAYS = 56  # the changes a leaflet lists: eight weeks from the build date


@dataclass(frozen=True)
class Session:
    """One service at one place or channel: its help hours and their changes ahead."""

    service: Any
    schedule: Schedule
    changes: tuple[Day, ...]


@dataclass(frozen=True)
class Stop:
    """A place or a remote channel of a provider, with the help given there."""

    point: Any
    phone: Any            # the number to call about it (the place's, else the provider's)
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class Entry:
    provider: Any
    stops: tuple[Stop, ...]
    alerts: tuple
    url: str


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


def _changes(schedule: Schedule, today: datetime.date) -> tuple[Day, ...]:
    return tuple(d for d in days_ahead(schedule, today, LEAFLET_DAYS) if d.changed)


def _stop(dataset: Dataset, provider: Any, point: Any) -> Stop:
    sessions = []
    for service, at in provider.sessions_at(point.id):
        schedule = provider.session_schedule(at)
        sessions.append(Session(service, schedule, _changes(schedule, dataset.today)))
    phone = point.phone or (provider.contact.phone if point.type == "place" and provider.contact
                            else None)
    return Stop(point, phone, tuple(sessions))


def _entry(dataset: Dataset, provider: Any, lang: str, wanted) -> Entry:
    stops = tuple(_stop(dataset, provider, sp) for sp in provider.service_points if wanted(sp))
    return Entry(provider, stops, provider.current_alerts(dataset.today, LEAFLET_DAYS),
                 provider_url(dataset.region.base_url, lang, provider.id))


def municipality_leaflet(dataset: Dataset, code: str, lang: str, index: dict | None = None
                         ) -> Leaflet:
    """``index`` is ``by_municipality(dataset.providers)``, made once for all leaflets."""
    index = index if index is not None else by_municipality(dataset.providers)
    here, remote = index.get(code, ([], []))
    term = dataset.term("municipalities", code)
    name = slug(term.name.fi)
    reaches = lambda sp: sp.reaches(code)  # a place there, or a remote channel serving it
    sections = (Section(t("in_municipality", lang), tuple(
                    _entry(dataset, p, lang, reaches) for p in by_name(here, lang))),
                Section(t("serving_municipality", lang), tuple(
                    _entry(dataset, p, lang, reaches) for p in by_name(remote, lang))))
    return Leaflet(name, term.name, municipality_url(dataset.region.base_url, lang, name),
                   sections, compact=False)


def region_leaflet(dataset: Dataset, lang: str) -> Leaflet:
    """The remote help for the region once, then each municipality's places."""
    codes = set(dataset.region.municipalities)

    def remote_here(sp: Any) -> bool:
        return not sp.is_place and bool(codes.intersection(sp.reached_municipalities()))
    remote = [p for p in by_name(dataset.providers, lang)
              if any(remote_here(sp) for sp in p.service_points)]
    sections = [Section(t("remote_help", lang), tuple(
        _entry(dataset, p, lang, remote_here) for p in remote))]
    index = by_municipality(dataset.providers)
    for code in dataset.region.municipalities:
        here = index.get(code, ([], []))[0]
        name = text_in(dataset.term("municipalities", code).name, lang)
        place_here = lambda sp, code=code: sp.is_place and sp.reaches(code)
        sections.append(Section(name, tuple(_entry(dataset, p, lang, place_here)
                                            for p in by_name(here, lang))))
    return Leaflet(REGION_LEAFLET, dataset.region.name,
                   home_url(dataset.region.base_url, lang), tuple(sections), compact=True)


def leaflets(dataset: Dataset, lang: str) -> list[Leaflet]:
    """Every leaflet of a language: one per municipality, then the region's."""
    index = by_municipality(dataset.providers)
    return [*(municipality_leaflet(dataset, code, lang, index)
              for code in dataset.region.municipalities),
            region_leaflet(dataset, lang)]
