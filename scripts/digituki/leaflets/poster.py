"""What a weekly poster says, from the trusted model: the regular help of a municipality (or
the region) by weekday and place, the helpline, remote help, one-off events, and the changes
of the coming weeks in runs. No layout here: templates/print/poster.html decides that.

Nothing is left out to make a poster fit its page: the template lets a long poster continue
on a second page.
"""
from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.build import Dataset
from ..model.urls import REGION_LEAFLET, home_url, municipality_url
from ..present.grouping import by_municipality
from ..i18n import ordinal, t, weekday_names
from ..present.hours_view import Day, date_range, days_ahead, hours_in_words, span
from ..present.names import by_name, slug, text_in
from ..values.recurrence import WINDOW_DAYS, Recurrence, recurrences
from . import changes
from .content import LEAFLET_DAYS, wide_region

WEEK = 7


@dataclass(frozen=True)
class Row:
    """One service at one place: its times on each weekday the poster shows."""

    service: Any
    cells: tuple[tuple[str, ...], ...]   # per weekday of Poster.weekdays: its times
    note: str = ""               # which weeks, when not every week: 'kuun 1.', '13.1.–17.3.'

    @property
    def lead(self) -> int:
        """The weekdays before its first time: the service's name may run over them."""
        return next((i for i, cell in enumerate(self.cells) if cell), len(self.cells))


@dataclass(frozen=True)
class Place:
    provider: Any
    point: Any
    rows: tuple[Row, ...]
    topics: tuple[str, ...]      # topic ids of every service there, vocabulary order
    languages: tuple[str, ...]   # language ids, vocabulary order
    changes: str                 # the coming weeks' changes in runs, '' when none
    same_as: Any = None          # an earlier place of the provider with the same topics and
                                 # languages (said by its name), else None
    remote: tuple[Remote, ...] = ()  # the provider's remote help (its first place says it)

    @property
    def shared_terms(self) -> Any | None:
        """A service whose booking rule and cost every service here shares (said once, beside
        the place's name), else None (each row says its own)."""
        return self.rows[0].service if self.booking_shared and self.cost_shared else None

    @property
    def booking_shared(self) -> bool:
        """Whether every service here has the same booking rule (said once, by the name)."""
        return len({row.service.booking.need for row in self.rows}) == 1

    @property
    def cost_shared(self) -> bool:
        """Whether every service here is free, or every one costs (said once, by the name)."""
        return len({bool(row.service.cost.free) for row in self.rows}) == 1

    @property
    def merged(self) -> Row | None:
        """The place's times in one row, when its services share their booking rule, cost and
        weeks (the region's poster lists places, not services); else None."""
        if not self.rows or self.shared_terms is None or len({r.note for r in self.rows}) > 1:
            return None
        cells = tuple(tuple(dict.fromkeys(time for row in self.rows for time in row.cells[day]))
                      for day in range(len(self.rows[0].cells)))
        return Row(self.rows[0].service, cells, self.rows[0].note)

    def provider_shown(self, lang: str) -> bool:
        """Whether the poster names the provider beside the place: not when the place's name
        already says it ('Pääkirjasto' of 'Loimaan kaupunginkirjasto', 'Seurakuntakeskus'
        of 'Loimaan seurakunta')."""
        return provider_shown(self.provider, self.point, lang)


@dataclass(frozen=True)
class Group:
    heading: str                 # the municipality on the region's poster, else ''
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Remote:
    """A phone line, chat or video channel and its hours in words."""

    provider: Any
    point: Any
    hours: str
    changes: str
    also: tuple[Remote, ...] = ()   # a helpline's provider's other channels (its chat)
    home_visits: bool = False   # booking help that comes to the reader, not remote help


@dataclass(frozen=True)
class Event:
    """A one-off session: a day, its hours, what and where."""

    date: datetime.date
    when: str
    service: Any
    provider: Any
    point: Any

    def provider_shown(self, lang: str) -> bool:
        return provider_shown(self.provider, self.point, lang)


@dataclass(frozen=True)
class Poster:
    name: str                    # file name: a municipality's slug or "region"
    title: Any                   # Text: the municipality's or the region's name
    url: str                     # the web page the poster leads to (QR code)
    weekdays: tuple[int, ...]    # the weekdays with help, 0 = Monday
    groups: tuple[Group, ...]
    helplines: tuple[Remote, ...]
    remote: tuple[Remote, ...]
    events: tuple[Event, ...]
    closed_everywhere: str       # runs of days every place is closed, '' when none

    summary: bool = False        # the region's: a place per row, its topics on its own poster

    @property
    def has_places(self) -> bool:
        """Whether any place has help on a weekday: without one the poster prints no weekly
        table (a municipality with help only by phone and online, a wide region)."""
        return any(place.rows for group in self.groups for place in group.places)

    @property
    def usual(self) -> Any | None:
        """A service with the booking rule and cost most places' services have (the region's
        poster says them once, and at a place only what differs); None without places."""
        services = [row.service for group in self.groups for place in group.places
                    for row in place.rows]
        if not services:
            return None
        counts = Counter((s.booking.need, bool(s.cost.free)) for s in services)
        most = counts.most_common(1)[0][0]
        return next(s for s in services if (s.booking.need, bool(s.cost.free)) == most)

    @property
    def times_by_weekday(self) -> tuple[tuple[str, ...], ...]:
        """Every time in each weekday's column (the template fits the column to them)."""
        return tuple(tuple(dict.fromkeys(time for group in self.groups for place in group.places
                                         for row in place.rows for time in row.cells[i]))
                     for i in range(len(self.weekdays)))

    @property
    def changed(self) -> list[Place]:
        """The places with changes of their own in the coming weeks."""
        return [place for group in self.groups for place in group.places if place.changes]


SAME_NAME = 6   # letters that a place's and its provider's names share when one says the other
# Words of a place's name that say what kind of provider, not which: 'Yhdistyksen kerhohuone',
# 'Association club room' need the association's name.
GENERIC = ("yhdisty", "förening", "associat", "societ", "club", "klubb", "kerho")


def _says_the_same(place: str, provider: str) -> bool:
    """Whether two names share a word or a part of a compound word of SAME_NAME letters
    ('kirjasto', 'opisto', 'Ikäpiste', 'library'), not counting the municipality's name that
    many names start with (the first word of the provider's) or a GENERIC word."""
    first = provider.split()[0].lower() if provider.split() else ""
    words = [w for w in re.split(r"[\W\d_]+", place.lower())
             if w and w != first and not w.startswith(GENERIC)]
    others = [w for w in re.split(r"[\W\d_]+", provider.lower()) if w and w != first]
    return any(word[i:i + SAME_NAME] in other
               for word in words for i in range(len(word) - SAME_NAME + 1) for other in others)


def provider_shown(provider: Any, point: Any, lang: str) -> bool:
    """Whether a poster names the provider beside its place: not when the place's name
    already says it ('Pääkirjasto' of 'Loimaan kaupunginkirjasto')."""
    return not _says_the_same(text_in(point.name, lang), text_in(provider.name, lang))


def _in_vocabulary_order(dataset: Dataset, vocabulary: str, ids: Iterable[str]) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(term_id for term_id in dataset.vocabularies[vocabulary] if term_id in wanted)


def _limited(r: Recurrence, today: datetime.date) -> bool:
    """A weekly rule that starts later or ends sooner than the regular weeks (a course)."""
    window_end = today + datetime.timedelta(days=WINDOW_DAYS)
    return bool(r.dates) and (r.dates[0] - today).days >= WEEK or (
        window_end - r.dates[-1]).days > WEEK


def _which_weeks(r: Recurrence, today: datetime.date, lang: str) -> str:
    """'' for a rule of every week, 'kuun 1. ja 3.' for a monthly rule, '13.1.–17.3.' for a
    weekly rule of a limited time (a course)."""
    if r.freq == "MONTHLY":
        which = changes.join_words([ordinal(n, lang) for n in r.nth], lang)
        return str(t('leaflet.monthly', lang).format(nth=which))
    if _limited(r, today):
        return date_range(r.dates[0], r.dates[-1], lang)
    return ""


def _cells(rules: Sequence[Recurrence], weekdays: Sequence[int],
           lang: str) -> tuple[tuple[str, ...], ...]:
    """Each weekday's times; which weeks they are is the row's note (a narrow weekday column
    would break it into many short lines)."""
    return tuple(tuple(span(r.opens, r.closes, lang) for r in rules if day in r.weekdays)
                 for day in weekdays)


def _note(rules: Sequence[Recurrence], today: datetime.date, lang: str) -> str:
    """Which weeks a service's times are: '(kuun 1.)' when all its rules say the same, else
    per weekday '(ma kuun 1., ke 13.1.–17.3.)'; '' when every week."""
    which = [(r, _which_weeks(r, today, lang)) for r in rules]
    if not any(words for _, words in which):
        return ""
    if len({words for _, words in which}) == 1:
        return f"({which[0][1]})"
    names = weekday_names(lang, "short")
    return "(" + ", ".join(
        f"{'–'.join(names[day] for day in sorted(r.weekdays))} {words}"
        for r, words in which if words) + ")"


def _regular(rules: Iterable[Recurrence]) -> list[Recurrence]:
    return [r for r in rules if r.freq is not None]


@dataclass(frozen=True)
class _Session:
    provider: Any
    point: Any
    service: Any
    hours: Any                       # Hours: the session's regular help hours
    rules: tuple[Recurrence, ...]
    days: tuple[Day, ...]            # the coming weeks, changes applied


def _sessions(dataset: Dataset, providers: Iterable[Any], wanted: Callable[[Any], bool]
              ) -> list[_Session]:
    found = []
    for p in providers:
        for sp in p.service_points:
            if not wanted(sp):
                continue
            for service, at in p.sessions_at(sp.id):
                schedule = p.session_schedule(at)
                found.append(_Session(p, sp, service, at.hours,
                                      tuple(recurrences(at.hours.written, dataset.today)),
                                      tuple(days_ahead(schedule, dataset.today, LEAFLET_DAYS))))
    return found


def _place_changes(sessions: Sequence[_Session], skip: set[datetime.date], lang: str) -> str:
    """One line for a place: its changes, per service only where its services differ."""
    by_service = [(s.service, changes.summary(s.days, lang, skip)) for s in sessions]
    if len({text for _, text in by_service}) == 1:
        return by_service[0][1]
    return "; ".join(f"{text_in(service.name, lang)}: {text}"
                     for service, text in by_service if text)


def _place(dataset: Dataset, sessions: Sequence[_Session], weekdays: Sequence[int],
           skip: set[datetime.date], lang: str) -> Place:
    services = [s.service for s in sessions]
    rows = tuple(Row(s.service, _cells(_regular(s.rules), weekdays, lang),
                     _note(_regular(s.rules), dataset.today, lang))
                 for s in sessions if _regular(s.rules))
    return Place(sessions[0].provider, sessions[0].point, rows,
                 _in_vocabulary_order(dataset, "topics", (x for s in services for x in s.topics)),
                 _in_vocabulary_order(dataset, "languages",
                                      (x for s in services for x in s.languages)),
                 _place_changes(sessions, skip, lang))


def _same_topics(places: Sequence[Place]) -> tuple[Place, ...]:
    """The places, each that has the topics and languages of an earlier place of its provider
    pointing to it (a library's branches: said once, then 'as for the main library')."""
    found: list[Place] = []
    for place in places:
        earlier = next((other for other in found if other.provider.id == place.provider.id
                        and other.same_as is None and other.rows
                        and (other.topics, other.languages) == (place.topics, place.languages)),
                       None)
        found.append(dataclasses.replace(place, same_as=earlier.point) if earlier and place.rows
                     else place)
    return tuple(found)


def _by_point(sessions: Iterable[_Session]) -> dict[tuple[str, str], list[_Session]]:
    found: dict[tuple[str, str], list[_Session]] = {}
    for s in sessions:
        found.setdefault((s.provider.id, s.point.id), []).append(s)
    return found


def _events(sessions: Iterable[_Session], today: datetime.date, lang: str) -> tuple[Event, ...]:
    found = [Event(day, date_range(day, day, lang) + " " + span(r.opens, r.closes, lang),
                   s.service, s.provider, s.point)
             for s in sessions for r in s.rules if r.freq is None for day in r.dates
             if day >= today]
    return tuple(sorted(found, key=lambda e: (e.date, text_in(e.service.name, lang))))


def _regular_words(hours: Any, today: datetime.date, lang: str) -> list[str]:
    """The regular hours in words, without "closed on public holidays": the poster names the
    holidays of the coming weeks among the changes."""
    return [line for line in hours_in_words(hours, today, lang)
            if line != t("closed_on_holidays", lang)]


def _remote(dataset: Dataset, sessions: Sequence[_Session], lang: str) -> list[Remote]:
    found = []
    for group in _by_point(sessions).values():
        hours = "; ".join(", ".join(_regular_words(s.hours, dataset.today, lang))
                          for s in group)
        found.append(Remote(group[0].provider, group[0].point, hours,
                            changes.summary(group[0].days, lang), home_visits=all(
                                dataset.comes_to_the_reader(s.service) for s in group)))
    return found


def _poster(dataset: Dataset, name: str, title: Any, url: str,
            places: list[tuple[str, list[_Session]]], remote: list[_Session],
            lang: str, summary: bool = False) -> Poster:
    """``places``: (heading, sessions at places) per group; ``remote``: remote sessions."""
    everything = [s for _, group in places for s in group]
    weekdays = tuple(day for day in range(WEEK)
                     if any(day in r.weekdays for s in everything for r in _regular(s.rules)))
    skip, quiet = changes.closed_everywhere(s.days for s in everything)
    groups = tuple(Group(heading, _same_topics([_place(dataset, found, weekdays, skip, lang)
                                                for found in _by_point(group).values()]))
                   for heading, group in places)
    helpline_points = {(p.id, sp.id) for p, sp in dataset.region_helplines()}
    channels = _remote(dataset, remote, lang)
    helplines = [r for r in channels if (r.provider.id, r.point.id) in helpline_points]
    others = [r for r in channels if (r.provider.id, r.point.id) not in helpline_points]
    # the helpline's provider's other channels (its chat) stand beside the helpline
    helplines = [dataclasses.replace(h, also=tuple(
        r for r in others if r.provider.id == h.provider.id)) for h in helplines]
    said = {id(r) for h in helplines for r in h.also}
    others = [r for r in others if id(r) not in said]
    if not summary:
        groups, others = _with_remote(groups, others)
    return Poster(name, title, url, weekdays, groups, tuple(helplines), tuple(others),
                  _events(everything, dataset.today, lang),
                  changes.runs_text(skip, lang, quiet), summary)


def _with_remote(groups: tuple[Group, ...], channels: Sequence[Remote]
                 ) -> tuple[tuple[Group, ...], list[Remote]]:
    """The groups with each remote channel beside the first place of its provider that has
    help times ('also remotely'), and the channels of providers without such a place."""
    first: dict[str, tuple[int, int]] = {}
    for g, group in enumerate(groups):
        for i, place in enumerate(group.places):
            if place.rows:
                first.setdefault(place.provider.id, (g, i))
    attached: dict[tuple[int, int], list[Remote]] = {}
    rest = []
    for channel in channels:
        if channel.provider.id in first:
            attached.setdefault(first[channel.provider.id], []).append(channel)
        else:
            rest.append(channel)
    return tuple(Group(group.heading, tuple(
        dataclasses.replace(place, remote=tuple(attached[(g, i)])) if (g, i) in attached
        else place for i, place in enumerate(group.places)))
        for g, group in enumerate(groups)), rest


def _place_in(code: str) -> Callable[[Any], bool]:
    """Whether a service point is a place in the municipality."""
    return lambda sp: bool(sp.is_place and sp.reaches(code))


def municipality_poster(dataset: Dataset, code: str, lang: str,
                        index: dict[str, tuple[list[Any], list[Any]]] | None = None) -> Poster:
    """``index`` is ``by_municipality(dataset.providers)``, made once for all posters."""
    index = index if index is not None else by_municipality(dataset.providers)
    here, remote = index.get(code, ([], []))
    term = dataset.term("municipalities", code)
    name = slug(term.name.fi)
    places = _sessions(dataset, by_name(here, lang), _place_in(code))
    channels = _sessions(dataset, by_name([*here, *remote], lang),
                         lambda sp: not sp.is_place and sp.reaches(code))
    return _poster(
        dataset, name, term.name, municipality_url(dataset.region.base_url, lang, name),
        [("", places)], channels, lang)


def region_poster(dataset: Dataset, lang: str) -> Poster:
    """Every municipality's places under its name, and the remote help for the whole region
    (a municipality's own is on its poster)."""
    codes = set(dataset.region.municipalities)
    index = by_municipality(dataset.providers)
    places = [(text_in(dataset.term("municipalities", code).name, lang),
               _sessions(dataset, by_name(index.get(code, ([], []))[0], lang), _place_in(code)))
              for code in dataset.region.municipalities
              if not wide_region(dataset)]  # its places: on its municipalities' posters
    channels = _sessions(dataset, by_name(dataset.providers, lang), lambda sp: not sp.is_place
                         and codes.issubset(sp.reached_municipalities()))
    return _poster(dataset, REGION_LEAFLET, dataset.region.name,
                   home_url(dataset.region.base_url, lang), places, channels, lang,
                   summary=True)


def posters(dataset: Dataset, lang: str) -> list[Poster]:
    """Every poster of a language: one per municipality, then the region's."""
    index = by_municipality(dataset.providers)
    return [*(municipality_poster(dataset, code, lang, index)
              for code in dataset.region.municipalities),
            region_poster(dataset, lang)]
