"""Open Referral HSDS 3.0: the directory as the static responses of an HSDS API.

``index.json`` answers "/", and ``organizations.json``, ``services.json`` and
``service_at_locations.json`` answer the list endpoints with one page holding everything.
Ids are UUIDs derived from the records' ids, so they stay the same from build to build.
Schedules are RFC 5545 rules in local Helsinki time: HSDS has only a fixed UTC offset
(``timezone``), which would be wrong for half of the year, so it is left out and the zone is
named in ``notes``; the days a rule skips (holidays, exceptions) are named there too.
"""
import uuid
from typing import Any

from ..model.build import Dataset, effective_hours
from ..model.urls import provider_url
from ..values.recurrence import recurrences

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
ZONE_NOTE = "Local time, Europe/Helsinki."
LANG = "fi"  # HSDS has one text per field; the region's first language is used


class _Ids:
    def __init__(self, base_url: str):
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, base_url)

    def __call__(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(parts)))


def _text(value: Any) -> str | None:
    return value.in_language(LANG)[0] if value else None


def _schedules(expression: str, start, ids: _Ids, key: tuple, link: dict, attending: str
               ) -> list[dict]:
    found = []
    for n, r in enumerate(recurrences(expression, start)):
        base = {**link, "opens_at": r.opens.isoformat("minutes"),
                "closes_at": r.closes.isoformat("minutes"), "attending_type": attending,
                "description": expression}
        if r.freq:
            skipped = ", ".join(d.isoformat() for d in r.exdates)
            note = ZONE_NOTE + (f" Not on: {skipped}." if skipped else "")
            found.append({"id": ids(*key, "schedule", str(n)), **base, "freq": r.freq,
                          "wkst": "MO", "byday": r.byday, "dtstart": r.dates[0].isoformat(),
                          "until": r.dates[-1].isoformat(), "valid_from": r.dates[0].isoformat(),
                          "valid_to": r.dates[-1].isoformat(), "notes": note})
        else:
            found += [{"id": ids(*key, "schedule", str(n), day.isoformat()), **base,
                       "valid_from": day.isoformat(), "valid_to": day.isoformat(),
                       "dtstart": day.isoformat(), "notes": ZONE_NOTE} for day in r.dates]
    return found


def _phone(ids: _Ids, key: tuple, phone: Any, link: dict, description: str | None = None
           ) -> dict:
    entry = {"id": ids(*key, "phone"), **link, "number": phone.e164, "type": "voice"}
    return {**entry, "description": description} if description else entry


def _location(dataset: Dataset, provider: Any, point: Any, ids: _Ids) -> dict:
    key = (provider.id, "point", point.id)
    location_id = ids(*key)
    link = {"location_id": location_id}
    location = {"id": location_id, "organization_id": ids(provider.id),
                "location_type": "physical" if point.type == "place" else "virtual",
                "name": _text(point.name)}
    if point.url:
        location["url"] = point.url
    if point.directions:
        location["transportation"] = _text(point.directions)
    if point.coordinates:
        location["latitude"] = point.coordinates.lat
        location["longitude"] = point.coordinates.lon
    if point.address:
        location["addresses"] = [{
            "id": ids(*key, "address"), **link, "address_1": _text(point.address.street),
            "address_2": _text(point.floor_room) or "", "city": _text(point.address.post_office),
            "state_province": _text(dataset.region.name), "postal_code": point.address.postal_code,
            "country": "FI", "address_type": "physical"}]
    location["accessibility"] = [{
        "id": ids(*key, "accessibility", fact.feature), **link,
        "description": f"{_text(dataset.term('accessibility', fact.feature).name)}: "
                       f"{'kyllä' if fact.available else 'ei'}",
        **({"details": _text(fact.details)} if fact.details else {})}
        for fact in point.accessibility]
    location["phones"] = [_phone(ids, key, point.phone, link)] if point.phone else []
    location["schedules"] = (_schedules(effective_hours(point.hours, point.exceptions),
                                        dataset.today, ids, key, link, point.type)
                             if point.hours else [])
    return location


def _metadata(ids: _Ids, provider: Any, resource_id: str, resource_type: str) -> list[dict]:
    return [{"id": ids(provider.id, resource_type, "verified"), "resource_id": resource_id,
             "resource_type": resource_type,
             "last_action_date": provider.verified.date.isoformat(),
             "last_action_type": f"verified by {provider.verified.method}",
             "field_name": "", "previous_value": "", "replacement_value": "",
             "updated_by": provider.verified.by}]


def _terms(dataset: Dataset, ids: _Ids, vocabulary: str, values: tuple, link: dict) -> list:
    """Topics, forms and target groups as attributes with taxonomy terms."""
    return [{"id": ids(link["link_id"], vocabulary, value), **link, "link_type": vocabulary,
             "value": value,
             "taxonomy_term": {"id": ids("taxonomy", vocabulary, value), "code": value,
                               "name": _text(dataset.term(vocabulary, value).name),
                               "description": _text(dataset.term(vocabulary, value).description)
                               or _text(dataset.term(vocabulary, value).name),
                               "taxonomy": f"digituki-{vocabulary}"}}
            for value in values]


def _service(dataset: Dataset, provider: Any, service: Any, ids: _Ids) -> dict:
    key = (provider.id, "service", service.id)
    service_id = ids(*key)
    link = {"service_id": service_id}
    points = {p.id: p for p in provider.service_points}
    booking = service.booking
    entry = {
        "id": service_id, "organization_id": ids(provider.id), "name": _text(service.name),
        "description": _text(service.description) or _text(service.name),
        "url": booking.url or provider_url(dataset.region.base_url, LANG, provider.id),
        "status": "active",
        "application_process": f"booking: {booking.need}" + (
            f". {_text(booking.how)}" if booking.how else ""),
        "fees_description": _text(service.cost.details) or ("free" if service.cost.free else ""),
        "eligibility_description": ", ".join(
            _text(dataset.term("target_groups", g).name) for g in service.target_groups),
        "languages": [{"id": ids(*key, "language", code), **link, "code": code,
                       "name": _text(dataset.term("languages", code).name)}
                      for code in service.languages],
        "cost_options": [{"id": ids(*key, "cost"), **link, "currency": "EUR",
                          **({"amount": 0, "option": "free"} if service.cost.free else {}),
                          **({"amount_description": _text(service.cost.details)}
                             if service.cost.details else {})}],
        "required_documents": ([{"id": ids(*key, "bring"), **link,
                                 "document": _text(service.bring)}] if service.bring else []),
        "phones": ([_phone(ids, key, booking.phone, link, "booking")] if booking.phone else []),
        "attributes": [attribute for vocabulary in ("topics", "forms", "target_groups")
                       for attribute in _terms(dataset, ids, vocabulary,
                                               getattr(service, vocabulary),
                                               {"link_id": service_id, "link_entity": "service"})],
        "service_at_locations": [],
        "metadata": _metadata(ids, provider, service_id, "service"),
    }
    if booking.email:
        entry["email"] = booking.email
    for at in service.at:
        point = points[at.point]
        at_key = (*key, "at", at.point)
        at_id = ids(*at_key)
        entry["service_at_locations"].append({
            "id": at_id, **link, "location_id": ids(provider.id, "point", at.point),
            "schedules": _schedules(effective_hours(at.hours, at.exceptions), dataset.today, ids,
                                    at_key, {"service_at_location_id": at_id}, point.type),
            "location": _location(dataset, provider, point, ids)})
    return entry


def _organization(dataset: Dataset, provider: Any, ids: _Ids) -> dict:
    organization_id = ids(provider.id)
    entry = {"id": organization_id, "name": _text(provider.name),
             "description": _text(provider.description) or _text(provider.name),
             "uri": provider_url(dataset.region.base_url, LANG, provider.id),
             "phones": [], "locations": [_location(dataset, provider, point, ids)
                                         for point in provider.service_points],
             "metadata": _metadata(ids, provider, organization_id, "organization")}
    if provider.website:
        entry["website"] = provider.website
    contact = provider.contact
    if contact and contact.email:
        entry["email"] = contact.email
    if contact and contact.phone:
        entry["phones"] = [_phone(ids, (provider.id,), contact.phone,
                                  {"organization_id": organization_id})]
    return entry


def _page(contents: list[dict]) -> dict:
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


def hsds_files(dataset: Dataset) -> dict[str, dict]:
    """File name -> content of the HSDS export."""
    ids = _Ids(dataset.region.base_url)
    services = [_service(dataset, p, s, ids) for p in dataset.providers for s in p.services]
    return {
        "index.json": {"version": HSDS_VERSION, "openapi_url": OPENAPI_URL,
                       "profile": "https://docs.openreferral.org/en/latest/hsds/"},
        "organizations.json": _page([_organization(dataset, p, ids) for p in dataset.providers]),
        "services.json": _page(services),
        "service_at_locations.json": _page([at for s in services
                                            for at in s["service_at_locations"]]),
    }
