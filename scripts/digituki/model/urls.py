"""Addresses of the site's pages, shared by the pages, leaflets and exports."""


def provider_url(base_url: str, lang: str, provider_id: str) -> str:
    return f"{base_url.rstrip('/')}/{lang}/providers/{provider_id}/"
