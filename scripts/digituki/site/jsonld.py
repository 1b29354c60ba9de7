"""schema.org JSON-LD for a provider page: the provider, its places and its services.

Weekly hours become openingHoursSpecification (from the same recurrences the page shows);
the record's dated exceptions become specialOpeningHoursSpecification.
"""
from typing import Any

from ..model.build import Dataset
from ..model.urls import provider_url
from ..values.recurrence import Recurrence, recurrences

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TYPES = {"library": "Library", "municipality": "GovernmentOffice", "suomi-piste": "GovernmentOffice",
         "association": "NGO", "adult-education": "EducationalOrganization",
         "parish": "Church", "company": "Organization"}


def _opening(r: Recurrence) -> list[dict]:
    times = {"opens": r.opens.isoformat("minutes"), "closes": r.closes.isoformat("minutes")}
    if r.freq == "WEEKLY":
        return [{"@type": "OpeningHoursSpecification",
                 "dayOfWeek": [SCHEMA_DAYS[d] for d in r.weekdays], **times}]
    # Monthly and single dates have no weekly form in schema.org: each date is given.
    return [{"@type": "OpeningHoursSpecification", "validFrom": day.isoformat(),
             "validThrough": day.isoformat(), **times} for day in r.dates]


def _hours(hours: Any, exceptions: tuple, dataset: Dataset) -> dict:
    if not hours:
        return {}
    regular = [spec for r in recurrences(hours.written, dataset.today) for spec in _opening(r)]
    special = []
    for e in exceptions:
        span = {"validFrom": e.date.isoformat(), "validThrough": (e.until or e.date).isoformat()}
        if e.hours:
            special += [{"@type": "OpeningHoursSpecification", **span, **times}
                        for times in _exception_times(e.hours.written)]
        else:
            special.append({"@type": "OpeningHoursSpecification", **span,
                            "opens": "00:00", "closes": "00:00"})
    out = {"openingHoursSpecification": regular}
    if special:
        out["specialOpeningHoursSpecification"] = special
    return out


def _exception_times(times: str) -> list[dict]:
    """'10:00-12:00,13:00-15:00' -> [{opens, closes}, …] (exception hours are time spans)."""
    found = []
    for part in times.split(","):
        opens, _, closes = part.strip().partition("-")
        found.append({"opens": opens.zfill(5), "closes": closes.zfill(5)})
    return found


def _place(point: Any, dataset: Dataset, lang: str) -> dict:
    place: dict = {"@type": "Place", "name": point.name.in_language(lang)[0]}
    if point.address:
        place["address"] = {"@type": "PostalAddress",
                            "streetAddress": point.address.street.in_language(lang)[0],
                            "postalCode": point.address.postal_code,
                            "addressLocality": point.address.post_office.in_language(lang)[0],
                            "addressCountry": "FI"}
    if point.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": point.coordinates.lat,
                        "longitude": point.coordinates.lon}
    if point.phone:
        place["telephone"] = point.phone.e164
    return {**place, **_hours(point.hours, point.exceptions, dataset)}


def _service(provider: Any, service: Any, dataset: Dataset, lang: str) -> dict:
    points = {p.id: p for p in provider.service_points}
    channels = []
    for at in service.at:
        point = points[at.point]
        channel: dict = {"@type": "ServiceChannel", "name": point.name.in_language(lang)[0],
                         "availableLanguage": [dataset.term("languages", code).name.in_language(
                             lang)[0] for code in service.languages]}
        if point.type == "place":
            channel["serviceLocation"] = {"@type": "Place", "name": point.name.in_language(lang)[0]}
        if point.phone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": point.phone.e164}
        if point.url:
            channel["serviceUrl"] = point.url
        # A session is also off on the days its place is closed.
        channels.append({**channel,
                         **_hours(at.hours, provider.session_exceptions(at), dataset)})
    entry = {"@type": "Service", "name": service.name.in_language(lang)[0],
             "availableChannel": channels,
             "serviceType": [dataset.term("forms", f).name.in_language(lang)[0]
                             for f in service.forms]}
    if service.description:
        entry["description"] = service.description.in_language(lang)[0]
    if service.cost.free:
        entry["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    return entry


def provider_json_ld(provider: Any, dataset: Dataset, lang: str) -> dict:
    entry: dict = {
        "@context": "https://schema.org",
        "@type": TYPES[provider.type],
        "name": provider.name.in_language(lang)[0],
        "url": provider_url(dataset.region.base_url, lang, provider.id),
        "location": [_place(p, dataset, lang) for p in provider.service_points
                     if p.type == "place"],
        "makesOffer": [{"@type": "Offer", "itemOffered": _service(provider, s, dataset, lang)}
                       for s in provider.services],
    }
    if provider.website:
        entry["sameAs"] = provider.website
    if provider.contact and provider.contact.phone:
        entry["telephone"] = provider.contact.phone.e164
    if provider.contact and provider.contact.email:
        entry["email"] = provider.contact.email
    return entry
