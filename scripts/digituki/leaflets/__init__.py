"""Printable leaflets: one A4 PDF per municipality and one for the whole region, in every site
language, each also in large print, into ``site/leaflets/<lang>/``.

``content`` chooses what a leaflet says from the model; ``render`` lays it out with the print
templates in ``theme_overrides/print/`` and WeasyPrint. WeasyPrint is imported only when
leaflets are made, so the other commands start fast.
"""
from pathlib import Path


class LeafletError(Exception):
    """Leaflets cannot be made on this machine (a font is missing)."""


def write_leaflets(dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None) -> list[str]:
    """See ``render.write_leaflets``."""
    from .render import write_leaflets as write
    return write(dataset, out, workers, only)
