"""Rules beyond shape, each a small named function.

A rule reads a file's typed value (after the shape check) and reports through the file's
context, which knows the line of every value. Parts that failed the shape check are
``INVALID`` or missing; rules skip them, since their problem is already reported.
"""
import datetime
import re
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Callable, Iterator

from ..load.marks import Mark, Path, format_path
from ..codes import at_start
from ..i18n import LANGUAGES, translations
from ..schema.records import ERROR_AFTER_MONTHS, WARN_AFTER_MONTHS
from ..schema.types import ID_PATTERN, INVALID, CheckContext, Checked, Section, nearest
from ..untrusted import visible
from ..values import contact
from ..values.dates import months_before
from ..values import hours as hours_values


@dataclass
class FileUnderCheck:
    """A file after the shape check: its typed value and the context that knows every line."""

    path: FilePath
    kind: str
    value: Checked
    ctx: CheckContext


@dataclass(frozen=True)
class DatasetFacts:
    """What rules may know beyond the file itself."""

    terms: dict[str, set[str]]
    form_needs: dict[str, str]
    """Form id -> the kind of service point it is given at: "place", "channel" or ""
    (anywhere: a course, help that comes to the person)."""
    region: Section
    today: datetime.date
    vocabulary_files: dict[str, str]

    def months(self, key: str, default: int) -> int:
        value = self.region.get("verification", {})
        value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, int) else default


Rule = Callable[[FileUnderCheck, DatasetFacts], None]
FILE_RULES: list[Rule] = []
PROVIDER_RULES: list[Rule] = []


def file_rule(rule: Rule) -> Rule:
    FILE_RULES.append(rule)
    return rule


def provider_rule(rule: Rule) -> Rule:
    PROVIDER_RULES.append(rule)
    return rule


def run_rules(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for rule in FILE_RULES:
        rule(checked, facts)
    if checked.kind == "provider" and isinstance(checked.value, dict):
        for rule in PROVIDER_RULES:
            rule(checked, facts)


def _dicts(value: Checked, key: str, path: Path) -> Iterator[tuple[Path, Section]]:
    """The well-formed items of the list ``value[key]`` with their paths."""
    items = value.get(key) if isinstance(value, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield path + (key, i), item


def _exceptions(record: Section) -> Iterator[tuple[Path, Section]]:
    for point_path, point in _dicts(record, "service_points", ()):
        yield from _dicts(point, "exceptions", point_path)
    for service_path, service in _dicts(record, "services", ()):
        for at_path, at in _dicts(service, "at", service_path):
            yield from _dicts(at, "exceptions", at_path)


# --- rules for every file ---------------------------------------------------------------



LISTED_UP_TO = 20  # longer vocabularies (the municipalities) are not listed in a message


def _allowed(known: set[str]) -> dict[str, str]:
    if not known or len(known) > LISTED_UP_TO:
        return dict.fromkeys(LANGUAGES, "")
    return translations("rules.allowed", ids=", ".join(sorted(known)))


@file_rule
def references_resolve(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """Vocabulary terms, and service points named under a service's 'at'. A vocabulary that
    could not be read is not checked against (its own problems are reported)."""
    points = {p["id"] for _, p in _dicts(checked.value, "service_points", ())
              if isinstance(p.get("id"), str)}
    for path, vocabulary, value in checked.ctx.refs:
        if vocabulary == "service_points":
            known = points
        elif vocabulary in facts.terms:
            known = facts.terms[vocabulary]
        else:
            continue
        if value in known:
            continue  # nearly every reference: its words are made only for a problem
        if vocabulary == "service_points":
            label = translations("rules.local_reference")
        else:
            label = translations("rules.in_vocabulary", file=facts.vocabulary_files[vocabulary])
        checked.ctx.report(path, "ref-unknown", value=value, vocabulary=label,
                           allowed=_allowed(known), near=nearest(value, sorted(known)))


@file_rule
def hours_parse(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, text, node in checked.ctx.by_format.get("hours", []):
        error = hours_values.syntax_error(text)
        if error is None:
            continue
        position, rest = error
        mark = checked.ctx.mark_of(path)
        if node.verbatim:  # point at the character, as the parser does
            offset = node.value.index(text) + (1 if node.quoted else 0)
            mark = Mark(mark.line, mark.column + offset + position - 1)
        checked.ctx.problems.add(mark, "hours-syntax", format_path(path),
                                 position=str(position), rest=rest,
                                 near=hours_values.suggest_fix(text) or "")


@file_rule
def hours_state_holidays(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, text, _ in checked.ctx.by_format.get("hours", []):
        if "exceptions" not in path and hours_values.syntax_error(text) is None \
                and hours_values.needs_holiday_rule(text):
            checked.ctx.report(path, "hours-holidays")


@file_rule
def phones_valid(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """Plain digits first: the number library would read words and other scripts' digits
    into a number other than the one shown. Premium-rate numbers are refused outright (the
    pages cannot show a call's price; see the phone-premium explanation)."""
    for path, text, _ in checked.ctx.by_format.get("phone", []):
        if not contact.phone_is_plain(text):
            # A no-break space pasted from a web page looks like a space: write it out.
            checked.ctx.report(path, "phone-format", value=visible(text))
        elif contact.phone_e164(text) is None:
            checked.ctx.report(path, "phone-invalid", value=text)
        elif contact.phone_is_premium(text):
            checked.ctx.report(path, "phone-premium", value=text)


@file_rule
def emails_valid(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, text, _ in checked.ctx.by_format.get("email", []):
        if not contact.email_ok(text):
            checked.ctx.report(path, "email-invalid", value=text)
        elif not contact.email_is_plain(text):  # valid, but would add to a mailto: link
            checked.ctx.report(path, "email-plain", value=text)


@file_rule
def links_safe(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, text, _ in checked.ctx.by_format.get("url", []):
        problem = contact.link_problem(text)
        if problem:
            checked.ctx.report(path, problem, value=text)
    for path, text, _ in checked.ctx.by_format.get("markdown", []):
        for target in contact.markdown_link_targets(text):
            problem = contact.link_problem(target)
            if problem:
                checked.ctx.report(path, problem, value=target)


# HTML, and Markdown images (a page must load nothing from elsewhere).
MARKUP = re.compile(r"<[A-Za-z!/?][^>]{0,40}>?|!\[[^\]]{0,40}\]?")


@file_rule
def text_has_no_markup(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """Every value, hours comments included: any text may end up on a page."""
    for values in checked.ctx.by_format.values():
        for path, text, _ in values:
            found = MARKUP.search(text)
            if found:
                checked.ctx.report(path, "text-markup", snippet=found.group(0))


@file_rule
def ids_unique(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """Service point and service ids within a record; term ids within a vocabulary."""
    for key in ("service_points", "services", "terms"):
        first: dict[str, int] = {}
        for path, item in _dicts(checked.value, key, ()):
            value = item.get("id")
            if not isinstance(value, str):
                continue
            line = checked.ctx.mark_of(path + ("id",)).line
            if value in first:
                checked.ctx.report(path + ("id",), "id-duplicate", value=value,
                                   first_line=str(first[value]))
            else:
                first[value] = line


# --- rules for provider records ---------------------------------------------------------

# A provider's page is <lang>/providers/<id>/. Names the site gives its own pages and folders
# (site/pages.py, site/build.py: index, search, the listings, the content pages) and those
# MkDocs, Material and Pagefind write (404, assets, search, sitemap, pagefind …) are not
# provider ids, so no record can take over or hide one of them — in that folder today or
# wherever a change of engine puts them.
RESERVED_IDS = frozenset({
    "index", "404", "assets", "search", "sitemap", "pagefind", "javascripts", "stylesheets",
    "img", "images", "fonts", "feed", "robots", "favicon", "providers", "municipalities",
    "topics", "help", "network", "report", "calendar", "hsds", "data", "leaflets",
    "fi", "sv", "en", "about", "principles", "before-you-go", "scams", "where-else", "accessibility", "privacy",
})


@provider_rule
def id_matches_filename(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    value = checked.value.get("id")
    if not re.fullmatch(ID_PATTERN, checked.path.stem):
        checked.ctx.problems.append(at_start(checked.ctx.problems.file, "file-name"))
    elif isinstance(value, str) and value != checked.path.stem:
        checked.ctx.report(("id",), "id-filename", expected=checked.path.stem)


@provider_rule
def id_not_reserved(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    value = checked.value.get("id")
    if isinstance(value, str) and value in RESERVED_IDS:
        checked.ctx.report(("id",), "id-reserved", value=value)


# Bounding box of Finland (mainland, Åland and the northern tip), in decimal degrees.
FINLAND = {"lat": (59.45, 70.15), "lon": (19.0, 31.65)}


@provider_rule
def coordinates_in_finland(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, point in _dicts(checked.value, "service_points", ()):
        coordinates = point.get("coordinates")
        if not isinstance(coordinates, dict):
            continue
        lat, lon = coordinates.get("lat"), coordinates.get("lon")
        if not (isinstance(lat, float) and isinstance(lon, float)):
            continue
        inside = all(low <= value <= high for value, (low, high)
                     in ((lat, FINLAND["lat"]), (lon, FINLAND["lon"])))
        if not inside:
            checked.ctx.report(path + ("coordinates",), "coordinates-outside",
                               lat=f"{lat:g}", lon=f"{lon:g}")


POINT_NEEDS: dict[str, tuple[str, ...]] = {
    "place": ("address", "municipality"), "phone": ("phone", "serves"),
    "chat": ("url", "serves"), "video": ("url", "serves")}


@provider_rule
def point_has_fields_of_its_type(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, point in _dicts(checked.value, "service_points", ()):
        for key in POINT_NEEDS.get(point.get("type", ""), ()):
            if key not in point:
                checked.ctx.report(path, "field-required-for-type", type=point["type"], key=key)


@provider_rule
def points_are_used(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    used = {at.get("point") for _, service in _dicts(checked.value, "services", ())
            for _, at in _dicts(service, "at", ())}
    for path, point in _dicts(checked.value, "service_points", ()):
        if isinstance(point.get("id"), str) and point["id"] not in used:
            checked.ctx.report(path + ("id",), "point-unused", value=point["id"])


FORM_NEEDS_CODE = {"place": "form-needs-place", "channel": "form-needs-channel"}


def form_needs(term: Section) -> str:
    """The kind of service point a form of help is given at (``DatasetFacts.form_needs``):
    help in person at a place unless it comes to the person, remote help on a channel."""
    if term.get("mode") == "in-person" and term.get("comes_to_you") is not True:
        return "place"
    return "channel" if term.get("mode") == "remote" else ""


@provider_rule
def forms_fit_points(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """A drop-in needs a place to drop in, remote help a phone line, chat or video: a
    service whose points give none would be listed where the reader cannot get it."""
    kinds: dict[str, str | None] = {}
    for _, point in _dicts(checked.value, "service_points", ()):
        point_id = point.get("id")
        if not isinstance(point_id, str):
            continue   # reported as such
        kind = "place" if point.get("type") == "place" else \
            "channel" if point.get("type") in POINT_NEEDS else None   # else reported
        # a duplicate id names no one point (reported as such)
        kinds[point_id] = kind if point_id not in kinds else None
    for path, service in _dicts(checked.value, "services", ()):
        at = {kinds.get(name) if isinstance(name := item.get("point"), str) else None
              for _, item in _dicts(service, "at", path)}
        forms = service.get("forms")
        if None in at or not at or not isinstance(forms, list):
            continue   # an unknown point is reported as such
        for i, form in enumerate(forms):
            need = facts.form_needs.get(form, "") if isinstance(form, str) else ""
            if need and need not in at:
                checked.ctx.report(path + ("forms", i), FORM_NEEDS_CODE[need], value=form)


@provider_rule
def places_in_region(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    region = facts.region.get("municipalities")
    if not isinstance(region, list):
        return
    for path, point in _dicts(checked.value, "service_points", ()):
        code = point.get("municipality")
        if isinstance(code, str) and code in facts.terms.get("municipalities", ()) \
                and code not in region:
            checked.ctx.report(path + ("municipality",), "municipality-outside-region",
                               value=code, allowed=", ".join(region))


@file_rule
def verification_limits_in_order(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    region = checked.value if checked.kind == "region" else None
    limits = region.get("verification") if isinstance(region, dict) else None
    if not isinstance(limits, dict):
        return
    warn, fail = limits.get("warn_after_months"), limits.get("error_after_months")
    if isinstance(warn, int) and isinstance(fail, int) and warn >= fail:
        checked.ctx.report(("verification", "warn_after_months"), "verification-limits",
                           warn=str(warn), fail=str(fail))


@provider_rule
def verified_recently(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    verified = checked.value.get("verified")
    day = verified.get("date") if isinstance(verified, dict) else None
    if not isinstance(day, datetime.date):
        return
    path = ("verified", "date")
    warn = facts.months("warn_after_months", WARN_AFTER_MONTHS)
    fail = facts.months("error_after_months", ERROR_AFTER_MONTHS)
    if day > facts.today:
        checked.ctx.report(path, "verified-future", value=day.isoformat(),
                           today=facts.today.isoformat())
    elif day < months_before(facts.today, fail):
        checked.ctx.report(path, "verified-expired", value=day.isoformat(), months=str(fail))
    elif day < months_before(facts.today, warn):
        checked.ctx.report(path, "verified-stale", value=day.isoformat(), months=str(warn))


def _dated_items(record: Section) -> Iterator[tuple[Path, Checked, str, Checked]]:
    """(path, start, key of the end, end) of every exception and alert."""
    for path, item in _exceptions(record):
        end_key = "until" if "until" in item else "date"
        yield path, item.get("date"), end_key, item.get(end_key)
    for path, alert in _dicts(record, "alerts", ()):
        yield path, alert.get("start"), "until", alert.get("until")


@provider_rule
def dates_in_order_and_current(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, start, end_key, end in _dated_items(checked.value):
        if not isinstance(end, datetime.date):
            continue
        if isinstance(start, datetime.date) and end < start:
            checked.ctx.report(path + ("until",), "date-range", start=start.isoformat(),
                               until=end.isoformat())
        elif end < facts.today:
            checked.ctx.report(path + (end_key,), "date-past", value=end.isoformat())


@provider_rule
def exception_hours_are_times(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    """An exception becomes the rule '<date> <hours>': anything but times would change
    what the rule means."""
    for path, item in _exceptions(checked.value):
        hours = item.get("hours")
        if isinstance(hours, str) and not hours_values.TIME_SPANS.fullmatch(hours):
            checked.ctx.report(path + ("hours",), "exception-times", value=hours)


@provider_rule
def exception_says_closed_or_hours(checked: FileUnderCheck, facts: DatasetFacts) -> None:
    for path, item in _exceptions(checked.value):
        if INVALID in (item.get("closed"), item.get("hours")):
            continue
        if (item.get("closed") is True) == ("hours" in item):
            checked.ctx.report(path, "exception-hours")
