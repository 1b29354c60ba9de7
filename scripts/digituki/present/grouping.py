"""Providers grouped as the municipality pages and leaflets list them."""
from typing import Any, Iterable


def by_municipality(providers: Iterable[Any]) -> dict[str, tuple[list[Any], list[Any]]]:
    """municipality code -> (providers with a place there, others with remote help for it);
    one pass over the providers, so the pages cost grows with the records, not their square."""
    index: dict[str, tuple[list[Any], list[Any]]] = {}
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
