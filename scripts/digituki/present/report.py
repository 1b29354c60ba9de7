"""The coordinator's report: what the coordinator keeps an eye on, made here once for
``digituki report`` (network/report_files.py) and the site's report page.

Which records are due for re-verification (and who maintains them), what help each
municipality has by form of support and topic, on which weekdays a municipality has no
in-person help, in which languages help is available there, and which service points are
linked to Suomi.fi PTV (and so checked against it every week).

The report is needed most when records have gone past the verification limit, which makes
them errors for the build; so a record whose only error is its age is still reported on.
Records with other errors are listed by file, to be fixed first.
"""
import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple, Sequence

from ..codes import Severity, severity
from ..model.build import Dataset, build_dataset
from ..model.classes import Provider, ServicePoint, Text
from ..validate.dataset import Result, validate_dataset
from ..values.recurrence import open_intervals
from ..schema.records import ERROR_AFTER_MONTHS, WARN_AFTER_MONTHS
from .hours_view import date_text
from .names import text_in
from ..i18n import t, weekday_names
from ..validate.codeowners import maintainers_in
from ..values.dates import months_before

AGE_CODE = "verified-expired"
SOON_DAYS = 31  # "soon stale": turns stale within this many days
WEEK_WINDOW = 28  # weekdays are judged over the next four weeks (monthly sessions included)
WORKDAYS = range(5)  # Monday to Friday


@dataclass(frozen=True)
class Due:
    """A record to re-verify: ``status`` is expired (fails the build), stale or soon."""

    provider: Provider
    status: str
    stale_from: datetime.date


@dataclass(frozen=True, order=True)
class Broken:
    """A record left out of the report for errors other than its age (or a stray file)."""

    file: str
    errors: int
    maintainers: tuple[str, ...]  # as far as the file can be read


@dataclass(frozen=True)
class Municipality:
    code: str
    name: Text
    # (form id, topic id) -> services available there (places there and remote help for it)
    coverage: dict[tuple[str, str], int]
    days_without_in_person: tuple[int, ...]
    languages: tuple[str, ...]
    plain_language: bool


@dataclass(frozen=True)
class PtvLinks:
    """How many service points name their channel in Suomi.fi PTV (``ptv_id``): those are
    compared with PTV every week (``digituki ptv check``); the others, by record, are not."""

    linked: int
    total: int
    unlinked: tuple[tuple[Provider, tuple[ServicePoint, ...]], ...]


@dataclass(frozen=True)
class Report:
    today: datetime.date
    due: tuple[Due, ...]
    broken: tuple["Broken", ...]
    municipalities: tuple[Municipality, ...]
    ptv: PtvLinks = PtvLinks(0, 0, ())


def _errors_apart_from_age(result: Result) -> Counter[str]:
    return Counter(p.file for p in result.problems
                   if severity(p) is Severity.ERROR and p.code != AGE_CODE)


def dataset_for_report(data_dir: Path, today: datetime.date) -> tuple[Dataset | None, Result]:
    """The model of every record whose only error is its age (none when the shared files,
    region and vocabularies, have errors), and the validation result."""
    result = validate_dataset(data_dir, today)
    errors = _errors_apart_from_age(result)
    if any(f.kind not in ("provider", "ignored") and errors[f.display] for f in result.files):
        return None, result
    kept = [f for f in result.files if not errors[f.display]]
    problems = [p for p in result.problems if p.code != AGE_CODE and not errors[p.file]]
    return build_dataset(Result(problems, kept), today), result


def broken_records(result: Result) -> list[Broken]:
    """The records (and stray files) the report leaves out, with their maintainers: a broken
    record still needs its maintainer's attention."""
    errors = _errors_apart_from_age(result)
    return sorted(Broken(f.display, errors[f.display],
                         tuple(maintainers_in(f.path)) if f.kind == "provider" else ())
                  for f in result.files
                  if f.kind in ("provider", "ignored") and errors[f.display])


def verification_limits(dataset: Dataset) -> tuple[int, int]:
    limits = dataset.region.verification
    warn = int(limits.warn_after_months) if limits and limits.warn_after_months else None
    fail = int(limits.error_after_months) if limits and limits.error_after_months else None
    return warn or WARN_AFTER_MONTHS, fail or ERROR_AFTER_MONTHS


def stale_from(verified: datetime.date, months: int) -> datetime.date:
    """The first day on which ``verified`` is more than ``months`` old, as the validator
    counts (``months_before``): from the same day ``months`` later, the first day whose
    ``months_before`` has passed it (a few days later where months are short)."""
    year, month = divmod(verified.year * 12 + verified.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    day = datetime.date(year, month + 1, min(verified.day, last))
    while not verified < months_before(day, months):
        day += datetime.timedelta(days=1)
    return day


def due_records(dataset: Dataset) -> list[Due]:
    warn, fail = verification_limits(dataset)
    today, found = dataset.today, []
    for p in dataset.providers:
        verified = p.verified.date
        stale_day = stale_from(verified, warn)
        if verified < months_before(today, fail):
            status = "expired"
        elif today >= stale_day:
            status = "stale"
        elif (stale_day - today).days <= SOON_DAYS:
            status = "soon"
        else:
            continue
        found.append(Due(p, status, stale_day))
    return sorted(found, key=lambda d: (d.provider.verified.date, d.provider.id))


def municipality_facts(dataset: Dataset) -> list[Municipality]:
    codes = dataset.region.municipalities
    coverage: dict[str, Counter[tuple[str, str]]] = {code: Counter() for code in codes}
    help_days: dict[str, set[int]] = {code: set() for code in codes}
    languages: dict[str, set[str]] = {code: set() for code in codes}
    plain: set[str] = set()
    for p in dataset.providers:
        points = {sp.id: sp for sp in p.service_points}
        for s in p.services:
            reached = {code for at in s.at for code in points[at.point].reached_municipalities()
                       if code in coverage}
            for code in reached:
                coverage[code].update((form, topic) for form in s.forms for topic in s.topics)
                languages[code].update(s.languages)
                if s.plain_language:
                    plain.add(code)
            if any(dataset.term("forms", f).mode == "in-person" for f in s.forms):
                for at in s.at:   # at a place, or coming to the reader (a home visit)
                    where = [code for code in dataset.listed_in(points[at.point], s)
                             if code in help_days]
                    if where:
                        hours = p.session_schedule(at).effective_hours()
                        days = {opens.weekday() for opens, _ in
                                open_intervals(hours, dataset.today, WEEK_WINDOW)}
                        for code in where:
                            help_days[code].update(days)
    return [Municipality(code, dataset.term("municipalities", code).name, dict(coverage[code]),
                         tuple(d for d in WORKDAYS if d not in help_days[code]),
                         tuple(sorted(languages[code])), code in plain) for code in codes]


def ptv_links(dataset: Dataset) -> PtvLinks:
    points = [sp for p in dataset.providers for sp in p.service_points]
    unlinked = tuple((p, missing) for p in dataset.providers
                     if (missing := tuple(sp for sp in p.service_points if not sp.ptv_id)))
    return PtvLinks(sum(1 for sp in points if sp.ptv_id), len(points), unlinked)


def make_report(dataset: Dataset, broken: Sequence[Broken] = ()) -> Report:
    return Report(dataset.today, tuple(due_records(dataset)), tuple(broken),
                  tuple(municipality_facts(dataset)), ptv_links(dataset))


class DueRow(NamedTuple):
    """A record due for re-verification, as the site's report page lists it."""
    provider_id: str
    name: Text
    verified: datetime.date
    maintainers: tuple[str, ...]
    status: str
    stale_from: datetime.date


class UnlinkedRow(NamedTuple):
    """A provider's service points not linked to PTV, as the site's report page lists them."""
    provider_id: str
    name: Text
    points: tuple[Text, ...]


class PageFacts(NamedTuple):
    """What the site's report page shows, in no language: its cache key names these (and
    the region's settings and vocabularies), not every provider. It lists by name only the
    records due and those with unlinked points; the rest are counts, which a changed hour or
    phone number mostly leaves as they were: at national scale the page took a second a
    language to render again after every save. Made from these alone, the page can show
    nothing its key does not name."""
    today: datetime.date
    due: tuple[DueRow, ...]
    municipalities: tuple[Municipality, ...]
    ptv_linked: int
    ptv_total: int
    unlinked: tuple[UnlinkedRow, ...]


def page_facts(report: Report) -> PageFacts:
    """The page's facts, each municipality's counts in a fixed order (in the order the
    records name them, a service's topics listed anew would change the key, not the page)."""
    return PageFacts(
        report.today,
        tuple(DueRow(d.provider.id, d.provider.name, d.provider.verified.date,
                     tuple(d.provider.maintainers), d.status, d.stale_from) for d in report.due),
        tuple(replace(m, coverage=dict(sorted(m.coverage.items())))
              for m in report.municipalities),
        report.ptv.linked, report.ptv.total,
        tuple(UnlinkedRow(p.id, p.name, tuple(sp.name for sp in points))
              for p, points in report.ptv.unlinked))


def status_text(status: str, stale_from: datetime.date, dataset: Dataset, lang: str) -> str:
    """A due record's status (``Due.status``, ``Due.stale_from``) in words."""
    if status == "expired":
        return t("status_expired", lang).format(months=verification_limits(dataset)[1])
    if status == "soon":
        last_day = stale_from - datetime.timedelta(days=1)
        return t("status_soon", lang).format(date=date_text(last_day, lang, weekday=False))
    return t("status_stale", lang)


def weekdays_text(days: tuple[int, ...], lang: str) -> str:
    names = weekday_names(lang, "long")
    return ", ".join(names[d] for d in days) or t("report_every_weekday", lang)


def languages_text(municipality: Municipality, dataset: Dataset, lang: str) -> str:
    names = sorted(text_in(dataset.term("languages", code).name, lang)
                   for code in municipality.languages)
    if municipality.plain_language:
        names.append(t("report_plain_language", lang))
    return ", ".join(names) or "–"


def ptv_text(linked: int, total: int, lang: str) -> str:
    """"Service points with a PTV id: 2/40. They are compared …" (``PtvLinks``) """
    return t("report_ptv_linked", lang).format(linked=linked, total=total)
