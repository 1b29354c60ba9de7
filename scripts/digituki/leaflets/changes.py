"""The changes of the coming weeks in runs, as the poster and the booklet print them:
"suljettu 24.–26.12. ja 31.12.–1.1.; 23.12. 10–16" instead of one line per day.

A run is a stretch of days with the same outcome (closed, or the same changed hours). It may
span quiet days, days without help in the regular week either (a Tuesday and Thursday session
closed for two weeks is "suljettu 12.–21.1.", not four dates), but never a day with help, and
it starts and ends on a listed day.
"""
from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence

from ..present.hours_view import Day, date_range, span
from ..i18n import t

ONE_DAY = datetime.timedelta(days=1)
Spans = tuple[tuple[datetime.time, datetime.time], ...]


def join_words(items: list[str], lang: str) -> str:
    """'a', 'a ja b', 'a, b ja c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('leaflet.and', lang)} {items[-1]}"


def runs(days: Iterable[datetime.date], quiet: Collection[datetime.date] = frozenset()
         ) -> list[tuple[datetime.date, datetime.date]]:
    """(first, last) of every stretch of ``days``, in date order; a stretch goes on over
    ``quiet`` days between two of its days."""
    found: list[tuple[datetime.date, datetime.date]] = []
    for day in sorted(set(days)):
        if found and _bridged(found[-1][1], day, quiet):
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return found


def _bridged(last: datetime.date, day: datetime.date, quiet: Collection[datetime.date]) -> bool:
    between = last + ONE_DAY
    while between < day:
        if between not in quiet:
            return False
        between += ONE_DAY
    return True


def runs_text(days: Iterable[datetime.date], lang: str,
              quiet: Collection[datetime.date] = frozenset()) -> str:
    """'24.–26.12. ja 31.12.–1.1.' (a single day keeps its weekday: 'to 31.12.')."""
    return join_words([date_range(first, last, lang) for first, last in runs(days, quiet)],
                      lang)


def quiet_days(days: Iterable[Day]) -> set[datetime.date]:
    """The days without help in the regular week, which a run may span."""
    return {d.date for d in days if not d.changed and not d.spans}


def _outcomes(days: Sequence[Day], skip: Collection[datetime.date]
              ) -> dict[Spans, list[datetime.date]]:
    """Changed days by what happens on them (no spans: closed), first outcome first."""
    found: dict[Spans, list[datetime.date]] = {}
    for day in days:
        if day.changed and day.date not in skip:
            found.setdefault(day.spans, []).append(day.date)
    return found


def summary(days: Sequence[Day], lang: str,
            skip: Collection[datetime.date] = frozenset()) -> str:
    """The changes among ``days`` in one line: the closed runs first, then each run of
    changed hours with its hours; '' when nothing changes. ``skip`` leaves out days said
    elsewhere (the poster's "every place closed")."""
    parts = []
    quiet = quiet_days(days) | set(skip)
    for spans, dates in sorted(_outcomes(days, skip).items(), key=lambda item: bool(item[0])):
        if spans:
            hours = ", ".join(span(a, b, lang) for a, b in spans)
            parts.append(f"{runs_text(dates, lang, quiet)} {hours}")
        else:
            parts.append(t("leaflet.closed_runs", lang).format(
                days=runs_text(dates, lang, quiet)))
    return "; ".join(parts)


def closed_everywhere(sessions: Iterable[Sequence[Day]]
                      ) -> tuple[set[datetime.date], set[datetime.date]]:
    """(closed, quiet) over many sessions: the days on which some session is closed that
    would be open and no session has help, which a poster says once for every place; and the
    days on which no session has help or a change, which a run of closed days may span."""
    closed: set[datetime.date] = set()
    open_days: set[datetime.date] = set()
    every: set[datetime.date] = set()
    for days in sessions:
        every.update(d.date for d in days)
        closed.update(d.date for d in days if d.changed and not d.spans)
        open_days.update(d.date for d in days if d.spans)
    return closed - open_days, every - closed - open_days
