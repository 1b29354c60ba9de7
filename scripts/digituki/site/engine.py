"""The only module that knows the site engine: MkDocs, or its drop-in fork ProperDocs.

It takes a folder of pages and a navigation for one language and returns a built site;
everything else in the pipeline is engine-free, so changing engines is changing this module
(or just the ``engine`` name: both share the MkDocs 1.x API and the Material theme).

Pages whose finished HTML the caller already has (``cached``) are not rendered: the build
runs in the engine's "dirty" mode, in which a page whose file is not modified is neither read
nor rendered, and the hook writes the cached bytes in its place and marks it unmodified. Its
title, which the navigation of every other page shows, comes with it. Everything else (the
theme's files, the sitemap, the 404 page) is made as in a clean build.
"""
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..resources import REPO, theme_folder

ENGINES = ("mkdocs", "properdocs")
Nav = list[str | dict[str, str]]  # the navigation: pages, as their path or {title: path}
# With the engine's own, the versions of what shapes a page's HTML.
VERSIONED = ("mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class Finished:
    """A page as the engine made it: its file and its title (the navigation shows it)."""
    html: bytes
    title: str


class _NotDirty(logging.Filter):
    """Drops the engine's warning that a dirty build may have stale navigation and links:
    ours is no such build (the pages skipped are current, the navigation is built whole),
    and in strict mode the warning would stop the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def build_language(engine: str, docs: Path, bodies: Path, site: Path, lang: str,
                   site_name: str, site_url: str, nav: Nav, extra: Mapping[str, object],
                   cached: Mapping[str, Finished] | None = None
                   ) -> dict[str, tuple[str, str]]:
    """Build ``docs`` into ``site`` (a new, empty folder) with the shared mkdocs.yml,
    Material and our overrides. ``bodies`` holds the finished HTML of generated pages (see
    engine_hook); ``extra`` reaches the templates as ``config.extra``; ``cached``: source
    path -> the finished pages not to render. Return source path -> (output path, title) of
    every page rendered."""
    rendered: dict[str, tuple[str, str]] = {}
    config = import_module(f"{engine}.config").load_config(
        config_file=str(CONFIG),
        site_name=site_name,
        site_url=site_url,
        docs_dir=str(docs),
        site_dir=str(site),
        nav=nav,
        theme={"name": "material", "custom_dir": str(theme_folder("material")),
               "language": lang, "font": False},
        hooks=[str(Path(__file__).with_name("engine_hook.py"))],
        extra={**extra, "generator": False, "digituki_bodies": str(bodies),
               "material_stylesheet": _material_stylesheet(),
               "digituki_cached": dict(cached or {}), "digituki_rendered": rendered},
    )
    logger = logging.getLogger(f"{engine}.commands.build")
    quiet = _NotDirty()
    logger.addFilter(quiet)
    try:
        import_module(f"{engine}.commands.build").build(config, dirty=True)
    finally:
        logger.removeFilter(quiet)
    return dict(config["extra"]["digituki_rendered"])


def _material_stylesheet() -> str:
    """Material's stylesheet, whose name carries its version hash (our layout, main.html,
    links it without Material's JavaScript)."""
    import material
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
                   .glob("main.*.min.css"))
    return f"assets/stylesheets/{found[0].name}"
