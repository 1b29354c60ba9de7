"""Where the program finds its own files.

The templates ship inside the package (``theme_overrides/``) and are read as package
resources: ``pages/`` for the site's pages, ``print/`` for the PDF leaflets, ``material/`` for
the Material theme overrides and the site's assets (MkDocs's ``custom_dir``, a folder on disk).
The repository root is where the shared MkDocs settings and the content pages are.
"""
from importlib import resources
from pathlib import Path

from jinja2 import PackageLoader

PACKAGE = __name__.rpartition(".")[0]
THEME = "theme_overrides"
REPO = Path(__file__).resolve().parents[2]


def template_loader(folder: str) -> PackageLoader:
    """The Jinja2 loader of one template folder: ``pages`` or ``print``."""
    return PackageLoader(PACKAGE, f"{THEME}/{folder}")


def theme_folder(folder: str = "") -> Path:
    """A template folder (or all of them) as a path on disk (MkDocs and WeasyPrint read files, not resources)."""
    return Path(str(resources.files(PACKAGE) / THEME / folder))
