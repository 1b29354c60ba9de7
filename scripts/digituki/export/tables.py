"""CSV tables of the open data, one per entity (written as ``present.spreadsheet`` writes
every table)."""
from typing import Callable, Iterable

from ..model.build import LANGUAGES, Dataset
from ..model.classes import Provider, Text
from ..model.rules import Schedule
from ..present.spreadsheet import Row


def _texts(prefix: str, text: Text | None) -> Row:
    return {f"{prefix}_{lang}": getattr(text, lang) if text else None for lang in LANGUAGES}


def _joined(values: Iterable[str]) -> str:
    return " ".join(values)


def provider_rows(dataset: Dataset, p: Provider) -> Iterable[Row]:
    contact = p.contact
    yield {"provider_id": p.id, **_texts("name", p.name), "type": p.type,
           **_texts("description", p.description), "website": p.website,
           "phone": contact.phone.e164 if contact and contact.phone else None,
           "email": contact.email if contact else None,
           "maintainers": _joined(p.maintainers), "verified_date": p.verified.date.isoformat(),
           "verified_method": p.verified.method, "verified_by": p.verified.by}


def point_rows(dataset: Dataset, p: Provider) -> Iterable[Row]:
    for sp in p.service_points:
        address, place = sp.address, sp.coordinates
        yield {"provider_id": p.id, "point_id": sp.id, "type": sp.type,
               **_texts("name", sp.name), **_texts("street", address.street if address else None),
               "postal_code": address.postal_code if address else None,
               **_texts("post_office", address.post_office if address else None),
               "municipality_code": sp.municipality,
               "municipality_name": (dataset.term("municipalities", sp.municipality).name.fi
                                     if sp.municipality else None),
               "lat": place.lat if place else None, "lon": place.lon if place else None,
               "phone": sp.phone.e164 if sp.phone else None, "url": sp.url,
               "serves": _joined(sp.serves), "hours": sp.hours.written if sp.hours else None,
               **_texts("directions", sp.directions), **_texts("floor_room", sp.floor_room),
               "accessible": _joined(a.feature for a in sp.accessibility if a.available),
               "not_accessible": _joined(a.feature for a in sp.accessibility
                                         if not a.available)}


def service_rows(dataset: Dataset, p: Provider) -> Iterable[Row]:
    for s in p.services:
        booking = s.booking
        yield {"provider_id": p.id, "service_id": s.id, **_texts("name", s.name),
               **_texts("description", s.description), "topics": _joined(s.topics),
               "forms": _joined(s.forms), "target_groups": _joined(s.target_groups),
               "languages": _joined(s.languages), "plain_language": s.plain_language,
               "free": s.cost.free, **_texts("cost_details", s.cost.details),
               "booking": booking.need, **_texts("booking_how", booking.how),
               "booking_phone": booking.phone.e164 if booking.phone else None,
               "booking_email": booking.email, "booking_url": booking.url,
               **_texts("bring", s.bring), **_texts("not_covered", s.not_covered),
               "points": _joined(at.point for at in s.at)}


def _hours_rows(provider_id: str, point_id: str, service_id: str | None, kind: str,
                item: Schedule) -> Iterable[Row]:
    base: Row = {"provider_id": provider_id, "point_id": point_id, "service_id": service_id}
    yield {**base, "kind": kind, "opening_hours": item.hours.written,
           "with_exceptions": item.effective_hours(),
           "date": None, "until": None, "closed": None, **_texts("reason", None)}
    for e in item.exceptions:
        yield {**base, "kind": "exception", "opening_hours": e.hours.written if e.hours else None,
               "with_exceptions": None, "date": e.date.isoformat(),
               "until": e.until.isoformat() if e.until else None, "closed": bool(e.closed),
               **_texts("reason", e.reason)}


def hours_rows(dataset: Dataset, p: Provider) -> Iterable[Row]:
    for sp in p.service_points:
        if sp.hours:
            yield from _hours_rows(p.id, sp.id, None, "building",
                                   Schedule(sp.hours, sp.exceptions))
    for s in p.services:
        for at in s.at:
            yield from _hours_rows(p.id, at.point, s.id, "help",
                                   Schedule(at.hours, at.exceptions))


# File name -> one provider's rows in it (each table lists the providers in order).
TABLES: dict[str, Callable[[Dataset, Provider], Iterable[Row]]] = {
    "providers.csv": provider_rows, "service-points.csv": point_rows,
    "services.csv": service_rows, "hours.csv": hours_rows,
}
