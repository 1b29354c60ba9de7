"""iCalendar files of the help sessions, per provider and per municipality, per language.

A person or a front desk subscribes once; each build renews the next half year. Sessions are
recurrence rules in Helsinki time (with its VTIMEZONE), and the days a session does not take
place — Finnish public holidays and the record's exceptions — are EXDATEs.
"""
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote, urlsplit

from icalendar import Calendar, Event, Timezone, vText, vUri

from ..model.build import Dataset
from ..model.classes import Provider, ServicePoint
from ..model.urls import provider_url
from ..values.hours import HELSINKI
from ..values.recurrence import Recurrence, recurrences
from ..workers import kept_for_last

# Europe/Helsinki as the EU has defined summer time since 1996.
VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Helsinki
BEGIN:DAYLIGHT
TZOFFSETFROM:+0200
TZOFFSETTO:+0300
TZNAME:EEST
DTSTART:19700329T030000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0300
TZOFFSETTO:+0200
TZNAME:EET
DTSTART:19701025T040000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


# Line breaks of every kind (YAML and Unicode count more than \n) and the characters that
# RFC 5545 allows in no text value. The validator rejects them in records; a record that
# skipped validation still cannot end a content line early or start a component.
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")


def _text(value: str, lines: bool = False) -> vText:
    """Text for any property: line breaks kept as the library's escaped ``\\n`` where the
    property may hold several lines (else a space), every other control character dropped."""
    value = _BREAKS.sub("\n" if lines else " ", value)
    return vText("".join(c for c in value
                         if c == "\n" or unicodedata.category(c) not in ("Cc", "Cs")))


def _uri(value: str) -> vUri:
    """A URI with nothing but printable ASCII (anything else percent-encoded)."""
    return vUri(quote(value, safe="!#$%&'()*+,/:;=?@[]~"))


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, HELSINKI)


def _location(point: ServicePoint, lang: str) -> str:
    parts = [point.name.in_language(lang)[0]]
    if point.address:
        parts += [point.address.street.in_language(lang)[0],
                  f"{point.address.postal_code} {point.address.post_office.in_language(lang)[0]}"]
    if point.phone:
        parts.append(point.phone.written)
    if point.url:
        parts.append(point.url)
    return ", ".join(parts)


@dataclass(frozen=True)
class _About:
    """What every event of one help session says."""

    uid: str
    summary: str
    location: str
    description: str
    url: str
    stamp: datetime.datetime


def _event(about: _About, uid: str, day: datetime.date, r: Recurrence) -> Event:
    event = Event()
    event.add("uid", _text(uid))
    event.add("dtstamp", about.stamp)
    event.add("summary", _text(about.summary))
    event.add("location", _text(about.location))
    event.add("description", _text(about.description, lines=True))
    event.add("url", _uri(about.url))
    event.add("dtstart", _at(day, r.opens))
    event.add("dtend", r.end(day))
    return event


def _session_events(about: _About, r: Recurrence) -> list[Event]:
    """A rule as one recurring event; dates that follow no rule as one event each. The same
    session keeps its UID from build to build, so a subscribed calendar updates it."""
    key = f"{r.byday}.{r.opens:%H%M}-{r.closes:%H%M}"
    if not r.freq:
        return [_event(about, f"{day:%Y%m%d}.{key}.{about.uid}", day, r) for day in r.dates]
    event = _event(about, f"{r.freq}.{key}.{about.uid}", r.dates[0], r)
    until = r.end(r.dates[-1]).astimezone(datetime.timezone.utc)
    event.add("rrule", {"FREQ": r.freq, "BYDAY": r.byday.split(","), "UNTIL": until})
    if r.exdates:
        event.add("exdate", [_at(day, r.opens) for day in r.exdates])
    return [event]


def _events(dataset: Dataset, provider: Provider, lang: str
            ) -> Iterable[tuple[ServicePoint, Event]]:
    """Every event of the provider's help sessions, with the service point it is at."""
    region = dataset.region
    host = urlsplit(region.base_url).hostname
    stamp = datetime.datetime.combine(dataset.today, datetime.time(), datetime.timezone.utc)
    url = provider_url(region.base_url, lang, provider.id)
    points = {point.id: point for point in provider.service_points}
    for service in provider.services:
        name = service.name.in_language(lang)[0]
        text = service.description.in_language(lang)[0] if service.description else ""
        for at in service.at:
            point = points[at.point]
            about = _About(f"{provider.id}.{service.id}.{at.point}@{host}",
                           f"{name} – {provider.name.in_language(lang)[0]}",
                           _location(point, lang), f"{text}\n\n{url}".strip(), url, stamp)
            expression = provider.session_schedule(at).effective_hours()
            for r in recurrences(expression, dataset.today):
                for event in _session_events(about, r):
                    yield point, event


@dataclass(frozen=True)
class _Session:
    """One event as iCalendar lines, and the municipalities its service point reaches."""

    uid: str
    reaches: tuple[str, ...]
    ical: bytes


_END = b"END:VCALENDAR\r\n"


@functools.cache
def _timezone() -> bytes:
    ical: bytes = Timezone.from_ical(VTIMEZONE).to_ical()
    return ical


def _calendar(title: str, sessions: Iterable[_Session]) -> bytes:
    """The calendar's lines, then the time zone's and each event's in the order of their
    UIDs: the bytes ``Calendar.to_ical()`` gives for the same components, each event
    serialised once however many calendars show it."""
    calendar = Calendar()
    calendar.add("prodid", "-//Digituki//Directory of digital support//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _text(title))
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    head: bytes = calendar.to_ical()   # the library leaves its return type unannotated
    assert head.endswith(_END)
    events = b"".join(s.ical for s in sorted(sessions, key=lambda s: s.uid))
    return head[:-len(_END)] + _timezone() + events + _END


def municipality_providers(dataset: Dataset, code: str) -> tuple[Provider, ...]:
    """The providers a municipality's calendar shows, in the dataset's order: those with a
    help session at a service point that reaches it (a place in it, a remote channel that
    serves it). The calendar is made from these alone, and its cache key names them."""
    return _reach(dataset).get(code, ())


@kept_for_last
def _reach(dataset: Dataset) -> dict[str, tuple[Provider, ...]]:
    """Municipality code -> the providers its calendar shows (the last dataset's kept)."""
    found: dict[str, list[Provider]] = {}
    for provider in dataset.providers:
        points = {point.id: point for point in provider.service_points}
        codes = {code for service in provider.services for at in service.at
                 for code in points[at.point].reached_municipalities()}
        for code in sorted(codes):
            found.setdefault(code, []).append(provider)
    return {code: tuple(providers) for code, providers in found.items()}


class Calendars:
    """The calendars of one dataset. Each provider's events are made once per language and
    shared by its own calendar and those of the municipalities its service points reach."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._sessions: dict[tuple[str, str], tuple[_Session, ...]] = {}

    def sessions(self, provider: Provider, lang: str) -> tuple[_Session, ...]:
        found = self._sessions.get((provider.id, lang))
        if found is None:
            found = tuple(_Session(str(event["uid"]), point.reached_municipalities(),
                                   event.to_ical())
                          for point, event in _events(self.dataset, provider, lang))
            self._sessions[provider.id, lang] = found
        return found

    def provider(self, provider: Provider, lang: str) -> bytes:
        return _calendar(provider.name.in_language(lang)[0], self.sessions(provider, lang))

    def municipality(self, code: str, lang: str) -> bytes:
        """Sessions at places in the municipality and by remote channels that serve it."""
        name = self.dataset.term("municipalities", code).name.in_language(lang)[0]
        return _calendar(name, (session
                                for provider in municipality_providers(self.dataset, code)
                                for session in self.sessions(provider, lang)
                                if code in session.reaches))


def provider_calendar(dataset: Dataset, provider: Provider, lang: str) -> bytes:
    return Calendars(dataset).provider(provider, lang)


def municipality_calendar(dataset: Dataset, code: str, lang: str) -> bytes:
    """Sessions at places in the municipality and by remote channels that serve it."""
    return Calendars(dataset).municipality(code, lang)
