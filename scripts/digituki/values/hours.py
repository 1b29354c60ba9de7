"""Opening hours in OpenStreetMap ``opening_hours`` syntax, read with opening-hours-py
using the Finnish public-holiday calendar and the Europe/Helsinki time zone."""
import datetime
import re
from dataclasses import dataclass
from typing import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours

HELSINKI = ZoneInfo("Europe/Helsinki")
COUNTRY = "FI"
_POSITION = re.compile(r"-->\s*\d+:(\d+)")
# What the parser raises on bad syntax. The package's stub leaves it out (opening-hours-py
# 2.1.4), though the module has it: read by name, so the checker takes the type given here.
ParserError: type[Exception] = getattr(opening_hours, "ParserError")


@lru_cache(maxsize=4096)
def parse(text: str) -> opening_hours.OpeningHours:
    """The parsed expression; raises ParserError on bad syntax."""
    return opening_hours.OpeningHours(text, timezone=HELSINKI, country=COUNTRY)


@lru_cache(maxsize=4096)
def parse_regular(text: str) -> opening_hours.OpeningHours:
    """The expression without a holiday calendar: PH rules never apply."""
    return opening_hours.OpeningHours(text, timezone=HELSINKI)


def syntax_error(text: str) -> tuple[int, str] | None:
    """None if ``text`` parses; else the 1-based character where reading stopped and the
    text from there on."""
    try:
        parse(text)
    except ParserError as error:
        found = _POSITION.search(str(error))
        position = int(found.group(1)) if found else 1
        return position, text[position - 1:][:30]
    return None


# Ways people write hours in Finland that the syntax spells differently.
_FINNISH_DAYS = {"ma": "Mo", "ti": "Tu", "ke": "We", "to": "Th", "pe": "Fr", "la": "Sa",
                 "su": "Su"}
_FIXES = [
    (re.compile(r"[–—]"), lambda m: "-"),
    (re.compile(r"\b(ma|ti|ke|to|pe|la|su)\b", re.IGNORECASE),
     lambda m: _FINNISH_DAYS[m.group(1).lower()]),
    (re.compile(r"\b(\d{1,2})\.(\d{2})\b"), lambda m: f"{m.group(1)}:{m.group(2)}"),
    (re.compile(r"(?<![:\d])(\d{1,2})(?=\s*-\s*\d)"), lambda m: f"{int(m.group(1)):02d}:00"),
    (re.compile(r"(?<=-)\s*(\d{1,2})(?![:\d])"), lambda m: f"{int(m.group(1)):02d}:00"),
]


def suggest_fix(text: str) -> str | None:
    """A corrected expression for common Finnish ways of writing hours, if one parses."""
    fixed = text
    for pattern, replace in _FIXES:
        fixed = pattern.sub(replace, fixed)
    if fixed != text and syntax_error(fixed) is None:
        return fixed
    return None


_COMMENT = re.compile(r'"[^"]*"')
_YEAR = re.compile(r"\b\d{4}\b")


def needs_holiday_rule(text: str) -> bool:
    """Recurring hours that say nothing about public holidays (PH) would show the service
    open on Independence Day; hours tied to dated years (events, courses) need no such rule."""
    rules = _COMMENT.sub("", text)
    return not _YEAR.search(rules) and not re.search(r"\bPH\b", rules)


@dataclass(frozen=True)
class Hours:
    """An opening_hours expression as written, and the parser's normal form of it."""

    written: str
    normalized: str

    @classmethod
    def of(cls, text: str) -> "Hours":
        return cls(text, str(parse(text).normalize()))


def weekday_runs(weekdays: Iterable[int]) -> list[list[int]]:
    """Weekdays (0 = Monday, in order) in runs of consecutive days: (0, 1, 2, 4) ->
    [[0, 1, 2], [4]], for 'Mo-We,Fr' and 'ma–ke, pe'."""
    runs: list[list[int]] = []
    for day in weekdays:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _osm_day(day: datetime.date) -> str:
    return f"{day.year} {_MONTHS[day.month - 1]} {day.day:02d}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TIME_SPANS = re.compile(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}(?:\s*,\s*\d{1,2}:\d{2}-\d{1,2}:\d{2})*")


def dated_rule(start: datetime.date, until: datetime.date | None, times: str | None) -> str:
    """An exception as an opening_hours rule: '2026 Dec 24 off', '2026 Dec 31 10:00-14:00'.
    Appended after the regular rules it overrides them on its days, holidays included."""
    days = _osm_day(start) if until in (None, start) else f"{_osm_day(start)}-{_osm_day(until)}"
    return f"{days} {times or 'off'}"


def with_exceptions(written: str, rules: list[str]) -> str:
    return "; ".join([written, *rules])
