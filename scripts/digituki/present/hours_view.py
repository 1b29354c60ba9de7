"""Hours as people say them, per language, and the days ahead as the build date sees them.

The words come from the same recurrences the calendars use ("ti 10–12", "kuukauden
1. maanantai 13–15"); the next 14 days come from the parser with the Finnish holidays and
the record's exceptions. The browser only compares the clock with the intervals listed here.
"""
import datetime
from dataclasses import dataclass
from typing import Iterable, Protocol

from ..model.classes import Exception as DatedException  # the section "exception"
from ..model.classes import Provider, Text
from ..model.rules import effective_hours
from ..values.hours import Hours, ParserError, weekday_runs
from ..values.recurrence import Recurrence, open_intervals, recurrences
from ..i18n import months_short, ordinal, t, weekday_names

DAYS_AHEAD = 14


def clock(time: datetime.time, lang: str) -> str:
    """'10' for 10:00; '10.30' (fi, sv) or '10:30' (en) otherwise."""
    if time.minute == 0:
        return str(time.hour)
    return f"{time.hour}{':' if lang == 'en' else '.'}{time.minute:02d}"


def span(opens: datetime.time, closes: datetime.time, lang: str) -> str:
    end = "24" if closes == datetime.time() else clock(closes, lang)
    return f"{clock(opens, lang)}–{end}"


def date_text(day: datetime.date, lang: str, weekday: bool = True) -> str:
    name = weekday_names(lang, "short")[day.weekday()] + " " if weekday else ""
    if lang == "en":
        return f"{name}{day.day} {months_short(lang)[day.month - 1]} {day.year}"
    return f"{name}{day.day}.{day.month}.{day.year}"


def verified_text(provider: Provider, lang: str) -> str:
    """When and how the record was last checked, as provider pages and leaflets say it."""
    return t("verified", lang).format(
        date=date_text(provider.verified.date, lang, weekday=False),
        method=t(f"method_{provider.verified.method}", lang))


def _days(weekdays: tuple[int, ...], lang: str) -> str:
    """(0, 1, 2, 3, 4) -> 'ma–pe'; (1, 3) -> 'ti, to'."""
    names = weekday_names(lang, "short")
    return ", ".join(names[r[0]] if len(r) == 1 else
                     f"{names[r[0]]}, {names[r[1]]}" if len(r) == 2 else
                     f"{names[r[0]]}–{names[r[-1]]}" for r in weekday_runs(weekdays))


def _monthly(r: Recurrence, lang: str) -> str:
    """'kuukauden 1. ja 3. torstai', 'första och tredje torsdagen i månaden'."""
    day = weekday_names(lang, "long")[r.weekdays[0]]
    if lang == "fi":
        which = " ja ".join("viimeinen" if n == -1 else f"{n}." for n in r.nth)
        return f"kuukauden {which} {day}"
    which = (" och " if lang == "sv" else " and ").join(ordinal(n, lang) for n in r.nth)
    if lang == "sv":
        return f"{which} {day}en i månaden"
    return f"{which} {day} of the month"


def describe(r: Recurrence, lang: str) -> str:
    times = span(r.opens, r.closes, lang)
    if r.freq == "WEEKLY":
        return f"{_days(r.weekdays, lang)} {times}"
    if r.freq == "MONTHLY":
        return f"{_monthly(r, lang)} {times}"
    return ", ".join(date_text(day, lang) for day in r.dates) + f" {times}"


def _says_closed_on_holidays(written: str) -> bool:
    return any(rule.strip().startswith("PH") and rule.strip().split()[-1] in ("off", "closed")
               for rule in written.split(";"))


def hours_in_words(hours: Hours, today: datetime.date, lang: str) -> list[str]:
    """The regular hours, one line per rule, in the reader's words."""
    found = sorted(recurrences(hours.written, today),
                   key=lambda r: (r.freq is None, r.freq == "MONTHLY", r.weekdays, r.opens))
    lines = [describe(r, lang) for r in found]
    if _says_closed_on_holidays(hours.written):
        lines.append(t("closed_on_holidays", lang))
    return lines


def hours_lines(written: str, today: datetime.date, lang: str) -> list[str]:
    """Hours as written by someone (not validated), one item per rule ("ti 10–12"); as
    written when they cannot be read."""
    try:
        return hours_in_words(Hours(written, ""), today, lang) or [written]
    except ParserError:  # the validator says why
        return [written]


def hours_change(before: str, after: str, today: datetime.date, lang: str) -> tuple[str, str]:
    """Only the rules that differ, before and after: "ti 10–12" and "ti 10–13", not the whole
    week twice ("–" when one side has no rule of its own)."""
    old, new = hours_lines(before, today, lang), hours_lines(after, today, lang)
    kept = set(old) & set(new)
    return (", ".join(x for x in old if x not in kept) or "–",
            ", ".join(x for x in new if x not in kept) or "–")


Span = tuple[datetime.time, datetime.time]   # open from, until


@dataclass(frozen=True)
class Day:
    date: datetime.date
    spans: tuple[Span, ...]
    changed: bool          # differs from the regular week (holiday or exception)
    reason: Text | None    # the record's reason, or None for a public holiday


def spans_by_day(intervals: Iterable[tuple[datetime.datetime, datetime.datetime]]
                 ) -> dict[datetime.date, list[Span]]:
    """Open intervals grouped by the day they start: {day: [(opens, closes), …]}."""
    found: dict[datetime.date, list[Span]] = {}
    for opens, closes in intervals:
        found.setdefault(opens.date(), []).append((opens.time(), closes.time()))
    return found


def _reason(exceptions: tuple[DatedException, ...], day: datetime.date) -> Text | None:
    for e in exceptions:
        if e.date <= day <= (e.until or e.date):
            return e.reason
    return None


class Timed(Protocol):
    """Hours and their dated exceptions: a ``Schedule``, a help session (``ServiceAtPoint``)."""

    @property
    def hours(self) -> Hours: ...

    @property
    def exceptions(self) -> tuple[DatedException, ...]: ...


def days_ahead(item: Timed, today: datetime.date, days: int = DAYS_AHEAD) -> list[Day]:
    """The next ``days`` days (14 on the pages, 8 weeks on the leaflets) of a place or a help
    session, exceptions and holidays applied."""
    expression = effective_hours(item.hours, item.exceptions)
    actual = spans_by_day(open_intervals(expression, today, days))
    usual = spans_by_day(open_intervals(item.hours.written, today, days, holidays=False))
    found = []
    for offset in range(days):
        day = today + datetime.timedelta(days=offset)
        spans = tuple(actual.get(day, ()))
        found.append(Day(day, spans, spans != tuple(usual.get(day, ())),
                         _reason(item.exceptions, day)))
    return found


def intervals_json(item: Timed, today: datetime.date) -> list[list[str]]:
    """[[start, end], …] in ISO time with offset, for "open now" in the browser."""
    expression = effective_hours(item.hours, item.exceptions)
    return [[a.isoformat(), b.isoformat()] for a, b in open_intervals(expression, today,
                                                                       DAYS_AHEAD)]


def short_date(day: datetime.date, lang: str, weekday: bool = True) -> str:
    """A day of the coming weeks without its year: 'to 3.12.', 'tor 3.12', 'Thu 3 Dec'."""
    name = weekday_names(lang, "short")[day.weekday()] + " " if weekday else ""
    if lang == "en":
        return f"{name}{day.day} {months_short(lang)[day.month - 1]}"
    return f"{name}{day.day}.{day.month}{'.' if lang == 'fi' else ''}"


def date_range(first: datetime.date, last: datetime.date, lang: str) -> str:
    """'5.–7.12.' / '5–7.12' / '5–7 Dec'; across months '30.11.–2.12.' / '30 Nov – 2 Dec'."""
    if first == last:
        return short_date(first, lang)
    if first.month == last.month:
        start = f"{first.day}." if lang == "fi" else str(first.day)
        return f"{start}–{short_date(last, lang, weekday=False)}"
    joint = " – " if lang == "en" else "–"
    return f"{short_date(first, lang, weekday=False)}{joint}{short_date(last, lang, weekday=False)}"


@dataclass(frozen=True)
class WeekRow:
    """One line of the 14-day view: a day with help, or a run of days without (folded)."""
    first: datetime.date
    last: datetime.date
    spans: tuple[Span, ...]
    changed: bool
    reason: Text | None

    @property
    def open(self) -> bool:
        return bool(self.spans)


def week_rows(days: list[Day]) -> list[WeekRow]:
    """Days with help one by one; runs of ordinary closed days folded into one row. A day
    that differs from the usual week (holiday, exception) keeps a row of its own, with its
    reason."""
    rows: list[WeekRow] = []
    for d in days:
        previous = rows[-1] if rows else None
        if (not d.spans and not d.changed and previous is not None and not previous.open
                and not previous.changed and previous.last + datetime.timedelta(days=1) == d.date):
            rows[-1] = WeekRow(previous.first, d.date, (), False, None)
        else:
            rows.append(WeekRow(d.date, d.date, d.spans, d.changed, d.reason))
    return rows


def next_open(days: list[Day]) -> Day | None:
    """The first day with help in ``days``, or None."""
    return next((d for d in days if d.spans), None)


def osm_link(lat: float, lon: float) -> str:
    """OpenStreetMap at a place, zoomed to street level: a plain link the reader chooses."""
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
