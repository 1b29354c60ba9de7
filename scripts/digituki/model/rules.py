"""Domain rules of the model: what every output must agree on, written once.

Each ``<ClassName>Rules`` class is a mixin of the model class of the same name (one per schema
section, generated in model/classes.py): the methods read the record's own fields, declared here
as class annotations for type checkers. The outputs (site, leaflets, exports, network report)
call these methods instead of each writing the rule again.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, cast

from ..values.contact import Phone
from ..values.hours import Hours, dated_rule, with_exceptions

if TYPE_CHECKING:  # the generated classes inherit these mixins: their fields' types, for checkers
    from collections.abc import Mapping

    from .classes import Alert
    from .classes import Exception as DatedException  # the section "exception"; not Python's
    from .classes import Cost, Provider, Region, Service, ServiceAtPoint, ServicePoint, Term


def effective_hours(hours: Hours, exceptions: tuple[DatedException, ...]) -> str:
    """The hours with the record's dated exceptions appended as rules that override them."""
    return with_exceptions(hours.written, [
        dated_rule(e.date, e.until, e.hours.written if e.hours else None) for e in exceptions])


@dataclass(frozen=True)
class Schedule:
    """Hours and the exceptions that apply to them (a help session's include the days its
    place is closed)."""

    hours: Hours
    exceptions: tuple[DatedException, ...]

    def effective_hours(self) -> str:
        return effective_hours(self.hours, self.exceptions)


class TextRules:
    """Text in up to three languages; Finnish is always there."""

    fi: str

    def in_language(self, lang: str) -> tuple[str, str]:
        """(text, language it is in): the wanted language, else Finnish."""
        text: str | None = getattr(self, lang, None)
        return (text, lang) if text else (self.fi, "fi")


class ExceptionRules:
    """A dated change to opening or help hours."""

    closed: bool | None


class AlertRules:
    """A temporary notice shown from ``start`` (or at once) until ``until``."""

    start: datetime.date | None
    until: datetime.date

    def is_current(self, today: datetime.date, days_ahead: int = 0) -> bool:
        """True if the alert is shown today or starts within ``days_ahead`` days and has not
        ended: a page warns a reader planning a visit in the days it shows."""
        last_day = today + datetime.timedelta(days=days_ahead)
        return (self.start or today) <= last_day and self.until >= today


class ServicePointRules:
    """A physical place or a remote channel (phone, chat, video)."""

    id: str
    type: str
    municipality: str | None
    serves: tuple[str, ...]
    phone: Phone | None
    hours: Hours | None
    exceptions: tuple[DatedException, ...]

    @property
    def is_place(self) -> bool:
        return self.type == "place"

    def reached_municipalities(self) -> tuple[str, ...]:
        """The municipalities whose residents the point's help reaches: a place's own
        municipality, or those a remote channel serves (a place's ``serves`` is not read)."""
        return (cast(str, self.municipality),) if self.is_place else self.serves

    def reaches(self, code: str) -> bool:
        return code in self.reached_municipalities()

    def closed_days(self) -> tuple[DatedException, ...]:
        """The exceptions on which the point is closed altogether."""
        return tuple(e for e in self.exceptions if e.closed)


class ServiceAtPointRules:
    """Where (``point``, a service point id) and when a service is given."""

    point: str
    hours: Hours
    exceptions: tuple[DatedException, ...]


class ServiceRules:
    """A service of a provider, given at one or more of its service points."""

    at: tuple[ServiceAtPoint, ...]
    topics: tuple[str, ...]
    forms: tuple[str, ...]
    cost: Cost

    def sessions_at(self, point_id: str) -> tuple[ServiceAtPoint, ...]:
        """The help sessions of this service at one service point."""
        return tuple(at for at in self.at if at.point == point_id)


class ProviderRules:
    """One provider: its service points, services and alerts."""

    alerts: tuple[Alert, ...]
    service_points: tuple[ServicePoint, ...]
    services: tuple[Service, ...]

    def point(self, point_id: str) -> ServicePoint:
        return next(p for p in self.service_points if p.id == point_id)

    def current_alerts(self, today: datetime.date, days_ahead: int = 0) -> tuple[Alert, ...]:
        """The alerts shown on ``today`` or starting within ``days_ahead`` days."""
        return tuple(a for a in self.alerts if a.is_current(today, days_ahead))

    def session_exceptions(self, at: ServiceAtPoint) -> tuple[DatedException, ...]:
        """A help session's own exceptions, then the days its place is closed: no session takes
        place in a closed building, whatever its own hours say."""
        return at.exceptions + self.point(at.point).closed_days()

    def session_schedule(self, at: ServiceAtPoint) -> Schedule:
        return Schedule(at.hours, self.session_exceptions(at))

    def sessions_at(self, point_id: str) -> Iterator[tuple[Service, ServiceAtPoint]]:
        """(service, help session) of every service given at one service point."""
        return ((service, at) for service in self.services for at in service.sessions_at(point_id))

    def reached_municipalities(self) -> set[str]:
        """Every municipality any of the provider's service points reaches."""
        return {code for sp in self.service_points for code in sp.reached_municipalities()}

    def topics(self) -> list[str]:
        """The ids of every topic any of its services helps with, sorted."""
        return sorted({topic for s in self.services for topic in s.topics})

    def forms(self) -> list[str]:
        """The ids of every form of support any of its services takes, sorted."""
        return sorted({form for s in self.services for form in s.forms})

    def all_free(self) -> bool:
        """True if none of its services costs anything (a provider's card says "free")."""
        return all(s.cost.free for s in self.services)


class RegionRules:
    """The region's settings."""

    municipalities: tuple[str, ...]


class DatasetRules:
    """The whole trusted model (``model.build.Dataset``)."""

    region: Region
    providers: tuple[Provider, ...]
    vocabularies: Mapping[str, Mapping[str, Term]]

    def region_helplines(self) -> list[tuple[Provider, ServicePoint]]:
        """(provider, phone point) of every help line that serves the whole region: where a page
        sends someone who found nothing, whichever municipality they live in."""
        region = set(self.region.municipalities)
        return [(p, sp) for p in self.providers for sp in p.service_points
                if sp.type == "phone" and sp.phone and region <= set(sp.serves)]


RULES: dict[str, type] = {cls.__name__.removesuffix("Rules"): cls for cls in (
    TextRules, ExceptionRules, AlertRules, ServicePointRules, ServiceAtPointRules, ServiceRules,
    ProviderRules, RegionRules)}
