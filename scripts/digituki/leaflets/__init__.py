"""Printable leaflets for every municipality and the whole region, in every site language,
into ``site/leaflets/<lang>/``: a one-page weekly poster and a booklet, each also in large
print, and the booklet folded to A5 with its print file.

``poster`` and ``content`` choose what the poster and the booklet say from the model
(``changes`` puts the coming weeks' changes in runs for both); ``render`` lays them out with
the print templates in ``theme_overrides/print/`` and WeasyPrint, through the output cache;
``imposition`` makes the folded booklet's print file. WeasyPrint is imported only when
leaflets are made, so the other commands start fast.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.digests import model_digests
from ..outputcache import OutputCache, code_digest, key
from .inputs import shared_inputs

if TYPE_CHECKING:
    from ..model.build import Dataset
    from .render import LeafletRun


class LeafletError(Exception):
    """Leaflets cannot be made on this machine (a font is missing)."""


def write_leaflets(dataset: Dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None, cache: OutputCache | None = None
                   ) -> LeafletRun:
    """See ``render.write_leaflets``."""
    from .render import write_leaflets as write
    return write(dataset, out, workers, only, cache)


@dataclass(frozen=True)
class Leaflets:
    """The leaflets in a site: path -> (pages, bytes) of every file, which the pages' links
    name, and the documents rendered to bring them up to date (none when all were copied)."""
    files: dict[str, tuple[int, int]]
    rendered: tuple[str, ...]


def update_leaflets(dataset: Dataset, out: Path, cache: OutputCache) -> Leaflets:
    """Bring ``out/leaflets/`` up to date. When nothing they show changed (the model, the
    code, the fonts, the libraries) they are copied from the cache as a whole, without
    rendering any of them to look; otherwise ``write_leaflets`` renders only the documents
    whose HTML changed. Raises LeafletError when they cannot be made on this machine."""
    digest = key({"model": model_digests(dataset).whole, "code": code_digest(),
                  **shared_inputs()})
    rendered: list[str] = []

    def make(site: Path) -> None:
        run = write_leaflets(dataset, site, cache=cache)
        rendered.extend(run.rendered)
        cache.put(digest, json.dumps(run.files()).encode(), "leaflet-files")

    cache.restore_or_make(digest, out, "leaflets", make, "leaflets")
    known = cache.get(digest, "leaflet-files")
    if known is None:  # the files kept, but not what they are: made again
        make(out)
        known = cache.get(digest, "leaflet-files")
    files = {path: (pages, size) for path, (pages, size) in json.loads(known or b"{}").items()}
    return Leaflets(files, tuple(rendered))
