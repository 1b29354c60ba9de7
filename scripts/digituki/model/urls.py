"""Addresses of the site's pages, shared by the pages, leaflets and exports."""


def provider_url(base_url: str, lang: str, provider_id: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/providers/{provider_id}/"


def municipality_url(base_url: str, lang: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/municipalities/{slug}/"


def home_url(base_url: str, lang: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/"


REGION_LEAFLET = "region"


def leaflet_path(lang: str, name: str, large: bool = False) -> str:
    """A leaflet's path from the site root: 'leaflets/fi/loimaa.pdf', '…/loimaa-large.pdf';
    ``name`` is a municipality's slug or REGION_LEAFLET."""
    return f"leaflets/{lang}/{name}{'-large' if large else ''}.pdf"
