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

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.build import Dataset
    from ..outputcache import OutputCache
    from .render import LeafletRun


class LeafletError(Exception):
    """Leaflets cannot be made on this machine (a font is missing)."""


def write_leaflets(dataset: Dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None, cache: OutputCache | None = None
                   ) -> LeafletRun:
    """See ``render.write_leaflets``."""
    from .render import write_leaflets as write
    return write(dataset, out, workers, only, cache)
