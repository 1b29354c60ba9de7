"""Recurring sessions from opening hours: what calendars (RRULE) and HSDS schedules need.

opening-hours-py gives the open intervals of the coming weeks (Finnish holidays and the
record's exceptions included). Each weekly slot (weekday, opening and closing time) is then
described by the simplest rule that produces exactly its dates: every week, or the n-th
weekday of every month, minus the dates it skips (EXDATE). A slot that no rule fits better
than a plain list of dates is given as that list (RDATE).
"""
import datetime
from dataclasses import dataclass
from functools import lru_cache

import opening_hours

from .hours import HELSINKI, parse, parse_regular

# Which weekdays of the month a monthly session can be on: one week, or two (Th[1,3]).
MONTHLY_WEEKS = ((1,), (2,), (3,), (4,), (-1,), (1, 3), (2, 4))
WINDOW_DAYS = 182  # calendars are rebuilt with the site; half a year ahead is enough
ONE_DAY = datetime.timedelta(days=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    weekdays: tuple[int, ...]   # 0 = Monday
    opens: datetime.time
    closes: datetime.time       # 00:00 is midnight at the end of the day
    freq: str | None            # "WEEKLY", "MONTHLY" or None for a plain list of dates
    nth: tuple[int, ...]        # for MONTHLY: which weekdays of the month, 1–4 or -1 (last)
    dates: tuple[datetime.date, ...]    # every date it takes place
    exdates: tuple[datetime.date, ...]  # dates the rule would give but are skipped

    def end(self, day: datetime.date) -> datetime.datetime:
        """When the session that starts on ``day`` ends, in Helsinki time."""
        end_day = day + ONE_DAY if self.closes == datetime.time() else day
        return datetime.datetime.combine(end_day, self.closes, HELSINKI)

    @property
    def byday(self) -> str:
        return ",".join(f"{n}{WEEKDAYS[w]}" for w in self.weekdays for n in (self.nth or ("",)))


@lru_cache(maxsize=8192)
def open_intervals(expression: str, start: datetime.date, days: int = WINDOW_DAYS,
                   holidays: bool = True) -> tuple[tuple[datetime.datetime, datetime.datetime], ...]:
    """Open intervals, in Helsinki time, from ``start`` for ``days`` days. Without
    ``holidays`` the Finnish calendar is not consulted: the regular week."""
    begin = datetime.datetime.combine(start, datetime.time(), HELSINKI)
    end = begin + datetime.timedelta(days=days)
    hours = parse(expression) if holidays else parse_regular(expression)
    return tuple((max(a, begin), min(b, end)) for a, b, state, _ in hours.intervals(begin, end)
                 if state == opening_hours.State.OPEN)


def _is_nth(day: datetime.date, nth: int) -> bool:
    if nth == -1:
        return (day + datetime.timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == nth


def _expand(dates: list[datetime.date], nth: tuple[int, ...]) -> set[datetime.date]:
    """Every day from the first to the last date on the dates' weekdays (n-th ones only)."""
    weekdays = {d.weekday() for d in dates}
    days = (dates[0] + datetime.timedelta(days=n) for n in range((dates[-1] - dates[0]).days + 1))
    return {d for d in days if d.weekday() in weekdays
            and (not nth or any(_is_nth(d, n) for n in nth))}


def _rule(opens: datetime.time, closes: datetime.time, dates: list[datetime.date], freq: str,
          nth: tuple[int, ...]) -> Recurrence | None:
    """The rule if it gives every date and skips fewer days than it keeps."""
    expansion = _expand(dates, nth)
    skipped = expansion - set(dates)
    if len(dates) < 2 or not set(dates) <= expansion or len(skipped) >= len(dates):
        return None
    weekdays = tuple(sorted({d.weekday() for d in dates}))
    return Recurrence(weekdays, opens, closes, freq, nth, tuple(dates), tuple(sorted(skipped)))


def _fit(opens: datetime.time, closes: datetime.time, dates: list[datetime.date]
         ) -> list[Recurrence]:
    weekly = _rule(opens, closes, dates, "WEEKLY", ())
    if weekly:
        return [weekly]
    found = []
    for weekday in sorted({d.weekday() for d in dates}):
        on_day = [d for d in dates if d.weekday() == weekday]
        monthly = [r for nth in MONTHLY_WEEKS if (r := _rule(opens, closes, on_day,
                                                              "MONTHLY", nth))]
        found.append(min(monthly, key=lambda r: len(r.exdates)) if monthly else
                     Recurrence((weekday,), opens, closes, None, (), tuple(on_day), ()))
    return found


@lru_cache(maxsize=8192)
def recurrences(expression: str, start: datetime.date, days: int = WINDOW_DAYS
                ) -> tuple[Recurrence, ...]:
    """The sessions of ``expression`` from ``start`` as recurrence rules, in time order."""
    by_times: dict[tuple[datetime.time, datetime.time], list[datetime.date]] = {}
    for opens, closes in open_intervals(expression, start, days):
        midnight = closes.time() == datetime.time() and closes.date() == opens.date() + ONE_DAY
        if opens.date() != closes.date() and not midnight:
            continue  # sessions across midnight do not occur in this directory
        by_times.setdefault((opens.time(), closes.time()), []).append(opens.date())
    found = [r for (opens, closes), dates in by_times.items() for r in _fit(opens, closes, dates)]
    return tuple(sorted(found, key=lambda r: (r.dates[0], r.opens)))
