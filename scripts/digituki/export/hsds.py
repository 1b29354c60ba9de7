"""Open Referral HSDS 3.0: the directory as the static responses of an HSDS API.

``index.json`` answers "/", and ``organizations.json``, ``services.json`` and
``service_at_locations.json`` answer the list endpoints with one page holding everything.
Ids are UUIDs derived from the records' ids, so they stay the same from build to build.
Schedules are RFC 5545 rules. HSDS gives times one fixed UTC offset per schedule (dates
without one are UTC), which would be wrong for half of the year in Helsinki: a rule is cut
where summer time starts or ends, each part with its own offset (``timezone`` and the
``+02:00``/``+03:00`` of its times), and ``notes`` names the zone and the skipped days.
"""
import datetime
import uuid
from collections.abc import Mapping
from typing import overload

from ..model.build import Dataset
from ..model.classes import Provider, Service, ServiceAtPoint, ServicePoint, Text
from ..model.rules import effective_hours
from ..model.urls import provider_url
from ..i18n import t
from ..schema.types import JsonObject
from ..values.contact import Phone
from ..values.hours import HELSINKI
from ..values.recurrence import WINDOW_DAYS, Recurrence, recurrences

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
ZONE_NOTE = "Europe/Helsinki."
OPEN_ENDED_DAYS = 14  # a rule that runs to the end of the computed half year goes on


class _Ids:
    def __init__(self, base_url: str):
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, base_url)

    def __call__(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(parts)))


class _Writer:
    """HSDS objects of one dataset, with its texts in the region's first language."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.lang = dataset.region.languages[0]
        self.ids = _Ids(dataset.region.base_url)

    @overload
    def text(self, value: Text) -> str: ...

    @overload
    def text(self, value: Text | None) -> str | None: ...

    def text(self, value: Text | None) -> str | None:
        return value.in_language(self.lang)[0] if value else None


Key = tuple[str, ...]   # the record ids an HSDS id is derived from
Link = Mapping[str, str]   # the id of the object an object belongs to, by its field


def _offset(day: datetime.date, time: datetime.time) -> int:
    offset = datetime.datetime.combine(day, time, HELSINKI).utcoffset()
    assert offset is not None   # a time in a zone has one
    return int(offset.total_seconds() // 3600)


def _by_offset(r: Recurrence) -> list[tuple[int, list[datetime.date]]]:
    """The rule's dates in runs of one UTC offset (winter +2, summer +3)."""
    runs: list[tuple[int, list[datetime.date]]] = []
    for day in r.dates:
        offset = _offset(day, r.opens)
        if runs and runs[-1][0] == offset:
            runs[-1][1].append(day)
        else:
            runs.append((offset, [day]))
    return runs


def _schedules(w: _Writer, expression: str, key: Key, link: Link, attending: str
               ) -> list[JsonObject]:
    """HSDS states times in one UTC offset per schedule, so a rule is cut where summer time
    begins or ends: each part carries its offset, and the zone is named in ``notes``."""
    window_end = w.dataset.today + datetime.timedelta(days=WINDOW_DAYS)
    found: list[JsonObject] = []
    for r in recurrences(expression, w.dataset.today):
        for n, (offset, dates) in enumerate(_by_offset(r)):
            times: JsonObject = {"opens_at": f"{r.opens:%H:%M}+{offset:02d}:00",
                     "closes_at": f"{r.closes:%H:%M}+{offset:02d}:00", "timezone": offset,
                     "attending_type": attending, "notes": ZONE_NOTE}
            if not r.freq:
                found += [{"id": w.ids(*key, "schedule", day.isoformat(), r.opens.isoformat()),
                           **link, **times, "valid_from": day.isoformat(),
                           "valid_to": day.isoformat(), "dtstart": day.isoformat()}
                          for day in dates]
                continue
            skipped = [d for d in r.exdates if dates[0] <= d <= dates[-1]]
            schedule: JsonObject = {"id": w.ids(*key, "schedule", r.freq, r.byday, r.opens.isoformat(),
                                    r.closes.isoformat(), str(offset), str(n)),
                        **link, **times, "freq": r.freq, "wkst": "MO", "byday": r.byday,
                        "dtstart": dates[0].isoformat(), "valid_from": dates[0].isoformat()}
            if (window_end - dates[-1]).days > OPEN_ENDED_DAYS or n < len(_by_offset(r)) - 1:
                schedule["until"] = schedule["valid_to"] = dates[-1].isoformat()
            if skipped:
                schedule["notes"] = (f"{ZONE_NOTE} Not on: "
                                     + ", ".join(d.isoformat() for d in skipped) + ".")
            found.append(schedule)
    return found


def _phone(w: _Writer, key: Key, phone: Phone, link: Link, description: str | None = None
           ) -> JsonObject:
    entry: JsonObject = {"id": w.ids(*key, "phone"), **link, "number": phone.e164, "type": "voice"}
    return {**entry, "description": description} if description else entry


def _location(w: _Writer, provider: Provider, point: ServicePoint) -> JsonObject:
    key = (provider.id, "point", point.id)
    location_id = w.ids(*key)
    link = {"location_id": location_id}
    location: JsonObject = {"id": location_id, "organization_id": w.ids(provider.id),
                "location_type": "physical" if point.type == "place" else "virtual",
                "name": w.text(point.name)}
    if point.url:
        location["url"] = point.url
    if point.directions:
        location["transportation"] = w.text(point.directions)
    if point.coordinates:
        location["latitude"] = point.coordinates.lat
        location["longitude"] = point.coordinates.lon
    if point.address:
        assert point.municipality, "validated: a place has an address and a municipality"
        location["addresses"] = [{
            "id": w.ids(*key, "address"), **link, "address_1": w.text(point.address.street),
            "address_2": w.text(point.floor_room) or "", "city": w.text(point.address.post_office),
            "state_province": w.text(w.dataset.term("municipalities", point.municipality).name),
            "postal_code": point.address.postal_code, "country": "FI",
            "address_type": "physical"}]
    location["accessibility"] = [{
        "id": w.ids(*key, "accessibility", fact.feature), **link,
        "description": f"{w.text(w.dataset.term('accessibility', fact.feature).name)}: "
                       f"{t('yes' if fact.available else 'no', w.lang)}",
        **({"details": w.text(fact.details)} if fact.details else {})}
        for fact in point.accessibility]
    location["phones"] = [_phone(w, key, point.phone, link)] if point.phone else []
    location["schedules"] = (_schedules(w, effective_hours(point.hours, point.exceptions), key,
                                        link, point.type) if point.hours else [])
    return location


def _metadata(w: _Writer, provider: Provider, resource_id: str, resource_type: str
              ) -> list[JsonObject]:
    return [{"id": w.ids(resource_id, "verified"), "resource_id": resource_id,
             "resource_type": resource_type,
             "last_action_date": provider.verified.date.isoformat(),
             "last_action_type": f"verified ({provider.verified.method})",
             "field_name": "", "previous_value": "", "replacement_value": "",
             "updated_by": provider.verified.by}]


def _attributes(w: _Writer, service: Service, service_id: str) -> list[JsonObject]:
    """Topics, forms and target groups as attributes with taxonomy terms."""
    found: list[JsonObject] = []
    for vocabulary, values in (("topics", service.topics), ("forms", service.forms),
                               ("target_groups", service.target_groups)):
        for value in values:
            term = w.dataset.term(vocabulary, value)
            term_id = w.ids("taxonomy", vocabulary, value)
            found.append({
                "id": w.ids(service_id, vocabulary, value), "link_id": service_id,
                "link_entity": "service", "link_type": vocabulary, "value": value,
                "taxonomy_term_id": term_id,
                "taxonomy_term": {"id": term_id, "code": value, "name": w.text(term.name),
                                  "description": w.text(term.description) or w.text(term.name),
                                  "taxonomy": f"digituki-{vocabulary}", "language": w.lang}})
    return found


def _alert(w: _Writer, provider: Provider) -> str | None:
    texts = [w.text(a.text) for a in provider.current_alerts(w.dataset.today)]
    return " ".join(texts) or None


def _service_at_location(w: _Writer, provider: Provider, key: Key, link: Link,
                         at: ServiceAtPoint) -> JsonObject:
    at_key = (*key, "at", at.point)
    at_id = w.ids(*at_key)
    expression = provider.session_schedule(at).effective_hours()
    point = provider.point(at.point)
    return {"id": at_id, **link, "location_id": w.ids(provider.id, "point", at.point),
            "schedules": _schedules(w, expression, at_key, {"service_at_location_id": at_id},
                                    point.type),
            "location": _location(w, provider, point)}


def _service(w: _Writer, provider: Provider, service: Service
             ) -> tuple[JsonObject, list[JsonObject]]:
    """The service, and its service_at_locations (which it holds too)."""
    key = (provider.id, "service", service.id)
    service_id = w.ids(*key)
    link = {"service_id": service_id}
    points = {p.id: p for p in provider.service_points}
    booking, cost = service.booking, service.cost
    how = f" {w.text(booking.how)}" if booking.how else ""
    at_locations = [_service_at_location(w, provider, key, link, at) for at in service.at]
    entry: JsonObject = {
        "id": service_id, "organization_id": w.ids(provider.id), "name": w.text(service.name),
        "description": w.text(service.description) or w.text(service.name),
        "url": booking.url or provider_url(w.dataset.region.base_url, w.lang, provider.id),
        "status": "active",
        "application_process": t(f"booking_{booking.need}", w.lang) + how,
        "fees_description": w.text(cost.details) or t("free" if cost.free else "not_free", w.lang),
        "eligibility_description": ", ".join(
            w.text(w.dataset.term("target_groups", g).name) for g in service.target_groups),
        "assured_date": provider.verified.date.isoformat(),
        "languages": [{"id": w.ids(*key, "language", code), **link, "code": code,
                       "name": w.text(w.dataset.term("languages", code).name)}
                      for code in service.languages],
        "cost_options": [{"id": w.ids(*key, "cost"), **link, "currency": "EUR",
                          **({"amount": 0} if cost.free else {}),
                          "option": t("free" if cost.free else "not_free", w.lang),
                          **({"amount_description": w.text(cost.details)}
                             if cost.details else {})}],
        "required_documents": ([{"id": w.ids(*key, "bring"), **link,
                                 "document": w.text(service.bring)}] if service.bring else []),
        "phones": ([_phone(w, key, booking.phone, link, t("booking", w.lang))]
                   if booking.phone else []),
        "service_areas": [{"id": w.ids(*key, "area", code), **link, "extent_type": "municipality",
                           "name": w.text(w.dataset.term("municipalities", code).name),
                           "description": code}
                          for code in sorted({c for at in service.at
                                              for c in points[at.point].serves})],
        "attributes": _attributes(w, service, service_id),
        "service_at_locations": at_locations,
        "metadata": _metadata(w, provider, service_id, "service"),
    }
    if booking.email:
        entry["email"] = booking.email
    alert = _alert(w, provider)
    if alert:
        entry["alert"] = alert
    return entry, at_locations


def _organization(w: _Writer, provider: Provider) -> JsonObject:
    organization_id = w.ids(provider.id)
    entry: JsonObject = {"id": organization_id, "name": w.text(provider.name),
             "description": w.text(provider.description) or w.text(provider.name),
             "uri": provider_url(w.dataset.region.base_url, w.lang, provider.id),
             "phones": [], "locations": [_location(w, provider, point)
                                         for point in provider.service_points],
             "metadata": _metadata(w, provider, organization_id, "organization")}
    if provider.website:
        entry["website"] = provider.website
    contact = provider.contact
    if contact and contact.email:
        entry["email"] = contact.email
    if contact and contact.phone:
        entry["phones"] = [_phone(w, (provider.id,), contact.phone,
                                  {"organization_id": organization_id})]
    return entry


def page(contents: list[JsonObject]) -> JsonObject:
    """A list endpoint's one page; ``contents`` comes last."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


INDEX: JsonObject = {"version": HSDS_VERSION, "openapi_url": OPENAPI_URL,
                     "profile": "https://docs.openreferral.org/en/latest/hsds/"}
PAGES = ("organizations.json", "services.json", "service_at_locations.json")


def provider_items(dataset: Dataset, provider: Provider) -> dict[str, list[JsonObject]]:
    """Page file name (``PAGES``) -> one provider's objects in its contents."""
    w = _Writer(dataset)
    services = [_service(w, provider, s) for s in provider.services]
    return {"organizations.json": [_organization(w, provider)],
            "services.json": [service for service, _ in services],
            "service_at_locations.json": [at for _, at_locations in services
                                          for at in at_locations]}


def hsds_files(dataset: Dataset) -> dict[str, JsonObject]:
    """File name -> content of the HSDS export."""
    items = [provider_items(dataset, p) for p in dataset.providers]
    return {"index.json": INDEX,
            **{name: page([item for found in items for item in found[name]])
               for name in PAGES}}
