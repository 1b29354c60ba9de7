"""schema.org JSON-LD for a provider page: the provider, its places and its services.

Weekly hours become openingHoursSpecification (from the same recurrences the page shows);
the record's dated exceptions become specialOpeningHoursSpecification.
"""
from ..model.build import Dataset
from ..model.classes import Exception as DatedException  # the section "exception"
from ..model.classes import Provider, Service, ServicePoint
from ..model.urls import provider_url
from ..schema.types import JsonObject
from ..values.hours import Hours
from ..values.recurrence import Recurrence, recurrences

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TYPES = {"library": "Library", "municipality": "GovernmentOffice", "suomi-piste": "GovernmentOffice",
         "association": "NGO", "adult-education": "EducationalOrganization",
         "parish": "Church", "company": "Organization"}


def _opening(r: Recurrence) -> list[JsonObject]:
    times: JsonObject = {"opens": r.opens.isoformat("minutes"), "closes": r.closes.isoformat("minutes")}
    if r.freq == "WEEKLY":
        return [{"@type": "OpeningHoursSpecification",
                 "dayOfWeek": [SCHEMA_DAYS[d] for d in r.weekdays], **times}]
    # Monthly and single dates have no weekly form in schema.org: each date is given.
    return [{"@type": "OpeningHoursSpecification", "validFrom": day.isoformat(),
             "validThrough": day.isoformat(), **times} for day in r.dates]


def _hours(hours: Hours | None, exceptions: tuple[DatedException, ...], dataset: Dataset
           ) -> JsonObject:
    if not hours:
        return {}
    regular = [spec for r in recurrences(hours.written, dataset.today) for spec in _opening(r)]
    special: list[JsonObject] = []
    for e in exceptions:
        span: JsonObject = {"validFrom": e.date.isoformat(), "validThrough": (e.until or e.date).isoformat()}
        if e.hours:
            special += [{"@type": "OpeningHoursSpecification", **span, **times}
                        for times in _exception_times(e.hours.written)]
        else:
            special.append({"@type": "OpeningHoursSpecification", **span,
                            "opens": "00:00", "closes": "00:00"})
    out: JsonObject = {"openingHoursSpecification": regular}
    if special:
        out["specialOpeningHoursSpecification"] = special
    return out


def _exception_times(times: str) -> list[JsonObject]:
    """'10:00-12:00,13:00-15:00' -> [{opens, closes}, …] (exception hours are time spans)."""
    found: list[JsonObject] = []
    for part in times.split(","):
        opens, _, closes = part.strip().partition("-")
        found.append({"opens": opens.zfill(5), "closes": closes.zfill(5)})
    return found


def _place(point: ServicePoint, dataset: Dataset, lang: str) -> JsonObject:
    place: JsonObject = {"@type": "Place", "name": point.name.in_language(lang)[0]}
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


def _service(provider: Provider, service: Service, dataset: Dataset, lang: str) -> JsonObject:
    points = {p.id: p for p in provider.service_points}
    channels: list[JsonObject] = []
    for at in service.at:
        point = points[at.point]
        channel: JsonObject = {
            "@type": "ServiceChannel", "name": point.name.in_language(lang)[0],
            "availableLanguage": [dataset.term("languages", code).name.in_language(lang)[0]
                                  for code in service.languages]}
        if point.type == "place":
            channel["serviceLocation"] = {"@type": "Place", "name": point.name.in_language(lang)[0]}
        if point.phone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": point.phone.e164}
        if point.url:
            channel["serviceUrl"] = point.url
        # A session is also off on the days its place is closed.
        channels.append({**channel,
                         **_hours(at.hours, provider.session_exceptions(at), dataset)})
    entry: JsonObject = {"@type": "Service", "name": service.name.in_language(lang)[0],
                         "availableChannel": channels,
                         "serviceType": [dataset.term("forms", f).name.in_language(lang)[0]
                                         for f in service.forms]}
    if service.description:
        entry["description"] = service.description.in_language(lang)[0]
    if service.cost.free:
        entry["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    return entry


def provider_json_ld(provider: Provider, dataset: Dataset, lang: str) -> JsonObject:
    entry: JsonObject = {
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
