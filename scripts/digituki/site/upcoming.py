"""The next help sessions of the region, day by day, for the listing pages and the cards.

Every line comes from the same intervals as the provider pages: a help session's hours with
its own exceptions and its place's closed days applied (``Provider.session_schedule``), read
for the 14 days from the build date with the Finnish holidays.
The sessions are collected once per build, in one pass over the records, and indexed by
municipality, topic and mode of help, so a page costs what it shows, not the whole region.
"""
import datetime
import itertools
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from ..i18n import weekday_names
from ..model.build import Dataset, ListingRules
from ..model.classes import Provider, Service, ServiceAtPoint, ServicePoint
from ..values.hours import Hours
from ..values.recurrence import open_intervals, recurrences
from ..workers import each_kept, kept_for_last
from ..present.hours_view import DAYS_AHEAD, Span, date_text, spans_by_day

# How much a page lists (days that have sessions, sessions per day). The home page and the
# region-wide topic and form-of-help pages show a short list and send the reader on to the
# municipality pages, which list their own 14 days in full: at 5,000 providers no page grows
# with the region.
HOME_DAYS, HOME_PER_DAY = 3, 8
REGION_DAYS, REGION_PER_DAY = 7, 8
MUNICIPALITY_DAYS, MUNICIPALITY_PER_DAY = DAYS_AHEAD, 40
# The first days are listed open; later ones show their date and a "show n sessions" button
# (a <details>, no script), so two weeks of a busy town fit a phone without endless scrolling.
OPEN_DAYS = 2


@dataclass(frozen=True)
class Session:
    """One service at one point on one day: what one line of the list says."""

    provider: Provider
    service: Service
    point: ServicePoint
    day: datetime.date
    spans: tuple[Span, ...]       # in time order; a session may meet twice a day
    one_off: bool                 # its hours are dated (an event), not a recurring rule
    reaches: tuple[str, ...]      # municipality codes
    whole_region: bool            # reaches every municipality of the region
    listed_in: tuple[str, ...]    # where it is help in person (``Dataset.listed_in``)
    modes: frozenset[str]         # the modes of help it counts under (``Dataset.modes_at``)

    @property
    def start(self) -> datetime.time:
        return self.spans[0][0]


@dataclass(frozen=True)
class Day:
    day: datetime.date
    sessions: tuple[Session, ...]
    more: int                     # sessions of the day left out of the list
    folded: bool                  # shown behind a "show n sessions" button


@dataclass(frozen=True)
class Agenda:
    """What one page lists: the first days with sessions, and what it leaves out."""

    days: tuple[Day, ...]
    left_out: int                 # sessions on days, or lines, not shown


def session_intervals(provider: Provider, at: ServiceAtPoint, today: datetime.date,
                      days: int = DAYS_AHEAD
                      ) -> tuple[tuple[datetime.datetime, datetime.datetime], ...]:
    """The open intervals of a help session as its provider page lists them."""
    expression = provider.session_schedule(at).effective_hours()
    return open_intervals(expression, today, days)


def is_one_off(hours: Hours, today: datetime.date) -> bool:
    """True if the hours are dated (an event or a course day), not a weekly or monthly rule."""
    return not any(r.freq for r in recurrences(hours.written, today))


def day_heading(day: datetime.date, lang: str) -> str:
    """'Tiistai 1.12.2026', 'Tisdag 1.12.2026', 'Tuesday 1 Dec 2026'."""
    name = weekday_names(lang, "long")[day.weekday()].capitalize()
    return f"{name} {date_text(day, lang, weekday=False)}"


def order_key(s: Session) -> tuple[datetime.date, bool, datetime.time, bool, datetime.time,
                                   str, str, str]:
    """Within a day: regular help (drop-in hours, the region's help line) before one-off
    events, each by start time; ties in a stable order."""
    return (s.day, s.one_off, s.start, s.spans[0][1] == datetime.time(), s.spans[0][1],
            s.provider.id, s.service.id, s.point.id)


def collect(data: Dataset, days: int = DAYS_AHEAD) -> list[Session]:
    """Every help session of every provider in the ``days`` from the build date, in list
    order."""
    each = _provider_sessions((data.listing, data.today, days), data.providers)
    return sorted((session for sessions in each for session in sessions), key=order_key)


def _sessions_of(reach: tuple[ListingRules, datetime.date, int], p: Provider
                 ) -> tuple[Session, ...]:
    """A provider's help sessions in the ``days`` from ``today`` (``reach``: the rules of
    where and how help is listed, the day, the days); what the listings ask of each session
    is worked out here, once per service at a point."""
    rules, today, days = reach
    points = {sp.id: sp for sp in p.service_points}
    found = []
    for service in p.services:
        for at in service.at:
            point = points[at.point]
            one_off = is_one_off(at.hours, today)
            by_day = spans_by_day(session_intervals(p, at, today, days))
            reaches = point.reached_municipalities()
            whole_region = rules.municipalities <= set(reaches)
            listed_in, modes = rules.listed_in(point, service), rules.modes_at(point, service)
            found += [Session(p, service, point, day, tuple(spans), one_off, reaches,
                              whole_region, listed_in, modes)
                      for day, spans in by_day.items()]
    return tuple(found)   # kept for the next save (each_kept): not to be changed


# In the preview a record that did not change keeps its model object and so its sessions.
_provider_sessions = each_kept(_sessions_of)


@dataclass(frozen=True)
class Upcoming:
    """The sessions of the coming days, indexed for the pages."""

    sessions: tuple[Session, ...]
    by_municipality: Mapping[str, tuple[Session, ...]]
    by_topic: Mapping[str, tuple[Session, ...]]
    by_mode: Mapping[str, tuple[Session, ...]]
    first: Mapping[str, Session]          # provider id -> its earliest session

    def next_of(self, provider: Provider) -> Session | None:
        """The provider's next help session (what its card says), or None in 14 days."""
        return self.first.get(provider.id)


def _append(index: dict[str, list[Session]], key: str, s: Session) -> None:
    index.setdefault(key, []).append(s)


def _frozen(index: dict[str, list[Session]]) -> dict[str, tuple[Session, ...]]:
    return {key: tuple(found) for key, found in index.items()}


def index_sessions(sessions: list[Session]) -> Upcoming:
    """One pass over the sessions: lists per municipality, topic and mode stay in order."""
    by_municipality: dict[str, list[Session]] = {}
    by_topic: dict[str, list[Session]] = {}
    by_mode: dict[str, list[Session]] = {}
    for s in sessions:
        for code in s.reaches:
            _append(by_municipality, code, s)
        for topic in s.service.topics:
            _append(by_topic, topic, s)
        for mode in s.modes:
            _append(by_mode, mode, s)
    return Upcoming(tuple(sessions), _frozen(by_municipality), _frozen(by_topic),
                    _frozen(by_mode), first_sessions(sessions))


@kept_for_last
def upcoming(data: Dataset) -> Upcoming:
    """The sessions of the 14 days from the build date, indexed. The last dataset's are
    kept: a build collects them once, before the languages' processes fork (4 s at 5,000
    providers, which each language made again)."""
    return index_sessions(collect(data))


def agenda(sessions: Sequence[Session], max_days: int, per_day: int,
           open_days: int = OPEN_DAYS) -> Agenda:
    """The first ``max_days`` days that have sessions, at most ``per_day`` lines each, the
    first ``open_days`` of them unfolded. Days without any session are not listed.
    ``sessions`` come in list order (by day, as ``collect`` sorts them and the indexes keep
    them): the sessions after the last day listed are only counted (the home page's list
    holds every session of the region). Disorder among the days listed is refused."""
    days: list[Day] = []
    listed = 0   # sessions on the days listed
    for day, group in itertools.groupby(sessions, key=_day_of):
        if len(days) == max_days:
            break
        if days and day <= days[-1].day:
            raise ValueError(f"sessions not in list order: {day} after {days[-1].day}")
        found = list(group)
        listed += len(found)
        days.append(Day(day, tuple(found[:per_day]), max(0, len(found) - per_day),
                        len(days) >= open_days))
    return Agenda(tuple(days), len(sessions) - listed + sum(day.more for day in days))


def _day_of(session: Session) -> datetime.date:
    return session.day


def first_sessions(sessions: Iterable[Session]) -> dict[str, Session]:
    """Provider id -> its earliest session among ``sessions``."""
    first: dict[str, Session] = {}
    for s in sessions:
        known = first.get(s.provider.id)
        # (a list holds hundreds of thousands at national scale: no tuples made to compare)
        if known is None or s.day < known.day or (s.day == known.day
                                                  and s.start < known.start):
            first[s.provider.id] = s
    return first


def card_order(providers: Iterable[Provider], first: Mapping[str, Session],
               name: Callable[[Provider], str]) -> list[tuple[Provider, Session | None]]:
    """(provider, its next session on this page) in the order a reader wants the cards:
    regular help first, soonest first; then one-off events, by date; then those with
    nothing in the 14 days, by name. ``first`` comes from the page's own sessions, so a card
    on Oripää's page names a session that reaches Oripää."""
    def key(p: Provider) -> tuple[int, datetime.date, datetime.time, str]:
        found = first.get(p.id)
        if found is None:
            return (2, datetime.date.max, datetime.time(), name(p).casefold())
        return (int(found.one_off), found.day, found.start, name(p).casefold())
    return [(p, first.get(p.id)) for p in sorted(providers, key=key)]


def split_by_place(sessions: Iterable[Session]
                   ) -> tuple[dict[str, list[Session]], list[Session]]:
    """(municipality code -> sessions listed under it (``Dataset.listed_in``), the other
    sessions: remote help), in one pass: a listing's cards take their next session from
    their own group."""
    places: dict[str, list[Session]] = {}
    remote: list[Session] = []
    for s in sessions:
        for code in s.listed_in:
            places.setdefault(code, []).append(s)
        if not s.listed_in:
            remote.append(s)
    return places, remote


def topic_groups(data: Dataset, providers: Iterable[Provider], topic: str
                 ) -> tuple[dict[str, list[Provider]], list[Provider]]:
    """(municipality code -> providers listed under it for help on the topic
    (``Dataset.listed_in``), providers giving it as remote help), one pass over the providers."""
    return service_groups(data, providers, lambda service, point: topic in service.topics)


def service_groups(data: Dataset, providers: Iterable[Provider],
                   gives: Callable[[Service, ServicePoint], bool]
                   ) -> tuple[dict[str, list[Provider]], list[Provider]]:
    """(municipality code -> providers listed under it (``Dataset.listed_in``) for a service
    that ``gives`` the help a page is about at a point, providers giving it as remote
    help)."""
    places: dict[str, list[Provider]] = {}
    remote: list[Provider] = []
    for p in providers:
        points = {sp.id: sp for sp in p.service_points}
        found = [data.listed_in(points[at.point], s) for s in p.services for at in s.at
                 if gives(s, points[at.point])]
        for code in sorted({code for codes in found for code in codes}):
            places.setdefault(code, []).append(p)
        if any(not codes for codes in found):
            remote.append(p)
    return places, remote
