"""The exports made from every record (the directory, the map, HSDS, the CSV tables),
assembled from each provider's part of them.

Each of these files lists the providers in order, one or more items or rows each, after a
head that only what every record shares says: ``ProviderPart`` is one provider's items and
rows, already written out, so that a part kept in the cache (``update_exports``) is not made
or written out again. A file assembled from parts has the same bytes as the whole document
written out at once: a JSON item is written with the document's indent and then indented to
its depth; a table's rows follow the first header.
"""
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model.build import Dataset
from ..model.classes import Provider
from ..present.spreadsheet import BOM, csv_text
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
    """One provider's texts in the files made from every record: JSON file -> its items,
    each written out alone (``_item``); table -> the provider's rows as a table of their own
    (``csv_text``: its header, then the rows)."""

    texts: dict[str, list[str]]

    def to_bytes(self) -> bytes:
        """The texts' lengths (a line of JSON), then the texts as they are."""
        encoded = {name: [text.encode() for text in texts] for name, texts in self.texts.items()}
        lengths = json.dumps({name: [len(data) for data in found]
                              for name, found in encoded.items()}).encode()
        return b"\n".join([lengths, *(data for found in encoded.values() for data in found)])

    @classmethod
    def from_bytes(cls, data: bytes) -> "ProviderPart":
        end = data.index(b"\n")
        at, texts = end + 1, dict[str, list[str]]()
        for name, lengths in json.loads(data[:end]).items():
            texts[name] = []
            for length in lengths:
                texts[name].append(data[at:at + length].decode())
                at += length + 1
        return cls(texts)


def provider_part(dataset: Dataset, provider: Provider) -> ProviderPart:
    """What one provider adds to each file made from every record."""
    objects: dict[str, list[JsonObject]] = {
        DIRECTORY: [provider_entry(dataset, provider)],
        GEOJSON: provider_features(dataset, provider),
        **{f"hsds/{name}": found for name, found in provider_items(dataset, provider).items()}}
    return ProviderPart({**{name: [_item(o) for o in found] for name, found in objects.items()},
                         **{name: [csv_text(rows(dataset, provider))]
                            for name, rows in TABLES.items()}})


def _table(tables: Iterable[str]) -> str:
    """One table of the rows of several (``csv_text``'s each): the first header, every row.
    A header is the table's first line: column names hold no line break."""
    header, rows = "", []
    for table in tables:
        if table != BOM:   # a table without rows has no header either
            end = table.index("\r\n") + 2
            header = header or table[:end]
            rows.append(table[end:])
    return header + "".join(rows) if header else BOM


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
        return sum(len(part.texts[name]) for part in parts)
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
    files = {name: _listed(heads[name], member, (item for p in parts for item in p.texts[name]))
             for name, member in LISTS.items()}
    files["directory.schema.json"] = as_json(directory_schema())
    files["hsds/index.json"] = as_json(INDEX)
    files.update({name: _table(p.texts[name][0] for p in parts) for name in TABLES})
    return files
