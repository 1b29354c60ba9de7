"""Providers grouped as the municipality pages and leaflets list them."""
from typing import Iterable

from ..model.classes import Provider

# (providers with a place in the municipality, others with remote help for it)
Local = tuple[list[Provider], list[Provider]]


def by_municipality(providers: Iterable[Provider]) -> dict[str, Local]:
    """municipality code -> (providers with a place there, others with remote help for it);
    one pass over the providers, so the pages cost grows with the records, not their square."""
    index: dict[str, Local] = {}
    for p in providers:
        here = {code for sp in p.service_points if sp.is_place
                for code in sp.reached_municipalities()}
        remote = {code for sp in p.service_points if not sp.is_place
                  for code in sp.reached_municipalities()}
        for code in here:
            index.setdefault(code, ([], []))[0].append(p)
        for code in remote - here:
            index.setdefault(code, ([], []))[1].append(p)
    return index
