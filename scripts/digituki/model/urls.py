"""Addresses of the site's pages, shared by the pages, leaflets and exports."""
from urllib.parse import urlencode

CORRECTION_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/


def provider_url(base_url: str, lang: str, provider_id: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/providers/{provider_id}/"


def municipality_url(base_url: str, lang: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/municipalities/{slug}/"


def home_url(base_url: str, lang: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/"


REGION_LEAFLET = "region"
# The kinds of leaflet file (leaflets/render.py makes them, the pages link to them).
POSTER, BOOKLET, FOLDED, PRINT_FILE = "poster", "", "a5", "a5-print"


def leaflet_path(lang: str, name: str, large: bool = False, kind: str = "") -> str:
    """A leaflet's path from the site root: 'leaflets/fi/loimaa.pdf', '…/loimaa-large.pdf';
    ``name`` is a municipality's slug or REGION_LEAFLET; ``kind`` '' (the booklet), 'poster'
    ('…/loimaa-poster.pdf'), 'a5' or 'a5-print' (the folded booklet)."""
    return f"leaflets/{lang}/{name}{'-' + kind if kind else ''}{'-large' if large else ''}.pdf"


def correction_url(repository_url: str, provider_id: str, name: str) -> str:
    """GitHub's new-issue page with the correction form, its record field and title filled
    in (issue forms take a field's value from the query parameter named by the field's id)."""
    query = urlencode({"template": CORRECTION_FORM, "record": provider_id,
                       "title": f"Korjaus / Correction: {name}"})
    return f"{repository_url.rstrip('/')}/issues/new?{query}"
