"""``service-points.geojson``: the physical places, with what a map popup needs."""
from ..model.build import LANGUAGES, Dataset
from ..model.classes import Provider, ServicePoint
from ..model.urls import provider_url
from ..schema.types import JsonObject


def _feature(dataset: Dataset, provider: Provider, point: ServicePoint) -> JsonObject:
    # Validated: a place has an address and a municipality; only places with coordinates come.
    assert point.address and point.municipality and point.coordinates
    region = dataset.region
    services = [s for s in provider.services if s.sessions_at(point.id)]
    properties: JsonObject = {
        "provider_id": provider.id, "point_id": point.id,
        **{f"provider_name_{lang}": provider.name.in_language(lang)[0] for lang in LANGUAGES},
        **{f"name_{lang}": point.name.in_language(lang)[0] for lang in LANGUAGES},
        "street": point.address.street.fi, "postal_code": point.address.postal_code,
        "post_office": point.address.post_office.fi, "municipality_code": point.municipality,
        "municipality": dataset.term("municipalities", point.municipality).name.fi,
        "phone": point.phone.e164 if point.phone else None,
        "hours": point.hours.written if point.hours else None,
        "services": [s.name.fi for s in services],
        "topics": sorted({t for s in services for t in s.topics}),
        "forms": sorted({f for s in services for f in s.forms}),
        "accessible": [a.feature for a in point.accessibility if a.available],
        "free": all(s.cost.free for s in services),
        "url": provider_url(region.base_url, region.languages[0], provider.id),
    }
    return {"type": "Feature", "id": f"{provider.id}/{point.id}",
            "geometry": {"type": "Point",
                         "coordinates": [point.coordinates.lon, point.coordinates.lat]},
            "properties": properties}


def provider_features(dataset: Dataset, provider: Provider) -> list[JsonObject]:
    """One provider's places with coordinates."""
    return [_feature(dataset, provider, sp) for sp in provider.service_points
            if sp.type == "place" and sp.coordinates]


def service_points_geojson(dataset: Dataset) -> JsonObject:
    """Places with coordinates (longitude first, as GeoJSON orders them); ``features``
    comes last."""
    return {"type": "FeatureCollection",
            "features": [f for p in dataset.providers for f in provider_features(dataset, p)]}
