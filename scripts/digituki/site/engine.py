"""The only module that knows the site engine: MkDocs, or its drop-in fork ProperDocs.

It takes a folder of pages and a navigation for one language and returns a built site;
everything else in the pipeline is engine-free, so changing engines is changing this module
(or just the ``engine`` name: both share the MkDocs 1.x API and the Material theme).

Pages whose finished HTML the caller already has (``cached``) are not rendered: the build
runs in the engine's "dirty" mode, in which a page whose file is not modified is neither read
nor rendered, and the hook writes the cached bytes in its place and marks it unmodified. Its
title, which the navigation of every other page shows, comes with it. Everything else (the
theme's files, the sitemap, the 404 page) is made as in a clean build.

What every build repeats is kept, none of it changing a byte of what the engine writes:

- the theme's templates compiled to Python, in a Jinja bytecode cache in the output cache's
  folder (``jinja/<key>/``), keyed by the Python, Jinja, engine and Material versions and the
  code digest (our overrides and this module); Jinja itself compares each template's source
  with the one its bytecode was made from, so an edited template is compiled again;
- the theme's files are listed without walking the folders the engine leaves out anyway:
  it drops every path with a part that starts with a dot, and Material keeps its 14,000
  icons in ``.icons/``;
- ``warm()`` imports the engine and loads a configuration once in the process that forks the
  language builds, so they start with the engine, its theme and Markdown extensions loaded
  (in ``digituki serve``, once a session instead of once per language and save).
"""
import functools
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache

from ..outputcache import cache_folder, code_digest, key, versions
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
    config = _config(engine, docs, site, lang, site_name=site_name, site_url=site_url, nav=nav,
                     extra={**extra, "generator": False, "digituki_bodies": str(bodies),
                            "material_stylesheet": _material_stylesheet(),
                            "digituki_cached": dict(cached or {}),
                            "digituki_rendered": rendered})
    logger = logging.getLogger(f"{engine}.commands.build")
    quiet = _NotDirty()
    logger.addFilter(quiet)
    try:
        import_module(f"{engine}.commands.build").build(config, dirty=True)
    finally:
        logger.removeFilter(quiet)
    return dict(config["extra"]["digituki_rendered"])


def _config(engine: str, docs: Path, site: Path, lang: str, **settings: object) -> Any:
    """The engine's configuration of one language build (its type is the engine's own), with
    the theme's Jinja environment made as ``_theme_environment`` makes it."""
    config = import_module(f"{engine}.config").load_config(
        config_file=str(CONFIG), docs_dir=str(docs), site_dir=str(site),
        theme={"name": "material", "custom_dir": str(theme_folder("material")),
               "language": lang, "font": False},
        hooks=[str(Path(__file__).with_name("engine_hook.py"))], **settings)
    theme = config["theme"]
    setattr(theme, "get_env",
            functools.partial(_theme_environment, engine, type(theme).get_env, theme))
    return config


def _theme_environment(engine: str, make: Callable[[Any], Environment],
                       theme: Any) -> Environment:
    """The engine's environment for the theme, with the bytecode cache and a listing of its
    files that skips what the engine leaves out (see the module's docstring)."""
    environment = make(theme)
    environment.bytecode_cache = _bytecode_cache(engine)
    setattr(environment, "list_templates",
            functools.partial(_list_templates, environment.list_templates, theme.dirs))
    return environment


def _bytecode_cache(engine: str) -> FileSystemBytecodeCache:
    """The theme's compiled templates, kept for builds with the same Python, libraries and
    code (a template's own source is compared by Jinja)."""
    inputs = {"python": sys.version, "versions": versions(*VERSIONED, engine),
              "code": code_digest()}
    folder = cache_folder() / "jinja" / key(inputs)[:32]
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder), "%s.jinja")


def _list_templates(whole: Callable[..., list[str]], folders: list[str],
                    extensions: object = None,
                    filter_func: Callable[[str], bool] | None = None) -> list[str]:
    """The environment's ``list_templates``, for the engine's call (which filters out every
    path with a part that starts with a dot): the folders are walked without entering such
    parts. Any other call, or a filter that would keep such a path, gets the whole walk."""
    if extensions is not None or filter_func is None or any(
            filter_func(path) for path in (".a", "a/.b", ".a/b", "a/.b/c")):
        return whole(extensions, filter_func)
    found: set[str] = set()
    for top in folders:
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            inside = Path(folder).relative_to(top)
            found.update((inside / name).as_posix() for name in names
                         if not name.startswith("."))
    return sorted(name for name in found if filter_func(name))


_WARM: set[str] = set()


def warm(engine: str) -> None:
    """Import the engine and load a configuration once in this process, so the language
    builds forked from it start with the engine, its theme and Markdown extensions loaded
    (each of them would otherwise import and find them again)."""
    if engine in _WARM:
        return
    import_module(f"{engine}.commands.build")
    with tempfile.TemporaryDirectory(prefix="digituki-warm-") as folder:
        (Path(folder) / "docs").mkdir()
        _config(engine, Path(folder) / "docs", Path(folder) / "site", "en").theme.get_env()
    _WARM.add(engine)


@functools.cache
def _material_stylesheet() -> str:
    """Material's stylesheet, whose name carries its version hash (our layout, main.html,
    links it without Material's JavaScript)."""
    import material
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
                   .glob("main.*.min.css"))
    return f"assets/stylesheets/{found[0].name}"
