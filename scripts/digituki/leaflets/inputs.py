"""What every leaflet is made from besides its records and this package: the fonts it embeds
and the libraries that turn its HTML into PDF. Apart from ``render`` so that a build can tell
whether any leaflet could have changed without importing WeasyPrint."""
from __future__ import annotations

from pathlib import Path

from .. import outputcache

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"normal": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT_PACKAGE = "fonts-dejavu-core"
LIBRARIES = ("weasyprint", "pydyf", "pypdf", "segno")


def shared_inputs() -> dict[str, outputcache.Input]:
    """The cache key's inputs that every leaflet shares: the fonts (a missing one as '-',
    so that asking never fails) and the libraries' versions."""
    found: dict[str, outputcache.Input] = {"libraries": outputcache.versions(*LIBRARIES)}
    for name, path in FONTS.items():
        found[f"font-{name}"] = outputcache.file_digest(path) if path.is_file() else "-"
    return found
