"""The exports made from every record (the directory, the map, HSDS, the CSV tables),
assembled from each provider's part of them.

Each of these files lists the providers in order, one or more items each, after a head that
only what every record shares says: ``ProviderPart`` is one provider's items, JSON objects
already written out and table rows, so that a part kept in the cache (``update_exports``)
is not made or written out again. A file assembled from parts has the same bytes as the
whole document written out at once: an item is written with the document's indent and
indented to its depth.
"""
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model.build import Dataset
from ..model.classes import Provider
from ..present.spreadsheet import Cell, csv_text
from ..schema.types import JsonObject
from .directory import directory_head, directory_schema, provider_entry
from .geojson import provider_features
from .hsds import INDEX, PAGES, page, provider_items
from .tables import TABLES


def as_json(data: object) -> str:
    """A whole file: indented by two, and a line break at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _item(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# The JSON files and the member of theirs (the last) that lists the providers' items.
DIRECTORY, GEOJSON = "directory.json", "service-points.geojson"
LISTS = {DIRECTORY: "providers", GEOJSON: "features",
         **{f"hsds/{name}": "contents" for name in PAGES}}


@dataclass(frozen=True)
class ProviderPart:
    """One provider's items in the files made from every record: JSON file -> its items,
    each written out alone (``_item``); table -> its rows."""

    items: dict[str, list[str]]
    rows: dict[str, list[dict[str, Cell]]]

    def to_bytes(self) -> bytes:
        return json.dumps({"items": self.items, "rows": self.rows}).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> "ProviderPart":
        found = json.loads(data)
        return cls(found["items"], found["rows"])


def provider_part(dataset: Dataset, provider: Provider) -> ProviderPart:
    """What one provider adds to each file made from every record."""
    objects: dict[str, list[JsonObject]] = {
        DIRECTORY: [provider_entry(dataset, provider)],
        GEOJSON: provider_features(dataset, provider),
        **{f"hsds/{name}": found for name, found in provider_items(dataset, provider).items()}}
    return ProviderPart({name: [_item(o) for o in found] for name, found in objects.items()},
                        {name: [dict(row) for row in rows(dataset, provider)]
                         for name, rows in TABLES.items()})


def _listed(head: JsonObject, member: str, items: Iterable[str]) -> str:
    """``as_json`` of ``head`` with ``member`` last, the items (written out alone) its list."""
    text = as_json({**head, member: []})
    empty = "[]\n}\n"
    assert text.endswith(f'"{member}": {empty}'), member
    pad = "\n    "  # an item of a list that is a member of the document: depth two
    joined = f",{pad}".join(item.replace("\n", pad) for item in items)
    return text[:-len(empty)] + (f"[{pad}{joined}\n  ]\n}}\n" if joined else empty)


def _heads(dataset: Dataset, parts: list[ProviderPart]) -> dict[str, JsonObject]:
    """Each JSON file as it is without the providers' items (which some heads count)."""
    def count(name: str) -> int:
        return sum(len(part.items[name]) for part in parts)
    heads: dict[str, JsonObject] = {DIRECTORY: directory_head(dataset),
                                    GEOJSON: {"type": "FeatureCollection"}}
    for name in PAGES:
        contents = page([{}] * count(f"hsds/{name}"))
        del contents["contents"]
        heads[f"hsds/{name}"] = contents
    return heads


def whole_files(dataset: Dataset,
                part: Callable[[Provider], ProviderPart] | None = None) -> dict[str, str]:
    """Path under data/ -> content, for every export made from all the records at once;
    each provider's part from ``part`` (else made here)."""
    parts = [part(p) if part else provider_part(dataset, p) for p in dataset.providers]
    heads = _heads(dataset, parts)
    files = {name: _listed(heads[name], member, (item for p in parts for item in p.items[name]))
             for name, member in LISTS.items()}
    files["directory.schema.json"] = as_json(directory_schema())
    files["hsds/index.json"] = as_json(INDEX)
    files.update({name: csv_text([row for p in parts for row in p.rows[name]])
                  for name in TABLES})
    return files
