"""The only module that knows the site engine: MkDocs, or its drop-in fork ProperDocs.

It takes a folder of pages and a navigation for one language and returns a built site;
everything else in the pipeline is engine-free, so changing engines is changing this module
(or just the ``engine`` name: both share the MkDocs 1.x API and the Material theme).

Pages whose finished HTML the caller already has (``cached``) are not rendered: the build runs
in the engine's "dirty" mode, in which a page whose file is not modified is neither read nor
rendered, and the hook marks it unmodified. Its title, which the navigation of every other
page shows, comes with it. Everything else (the sitemap, the 404 page) is made as in a clean
build, but for a build with a frame (below). The built site is returned as files in memory
(``Built``): what the engine wrote into the staging folder, the cached pages in their places
and the static files (the theme's and the content's) under theirs, which the hook keeps the
engine from copying: the caller keeps and syncs those bytes and would otherwise read back what
was just written.

Even skipped, every page costs the engine its file, its place in the site and its entry
in the sitemap: over a second a language at national scale, for a save that renders a few
pages. When the set of pages is the one a build before made (``Frame``: each page's place
and the files that list every page), the engine is given only the pages to render and the
cached pages in the navigation (whose titles it shows); the other cached pages take their
places from the frame, and the sitemap is the frame's. A page's HTML does not depend on
the pages outside the navigation: the theme's templates read the navigation and the page
only, and a generated page's Markdown is a placeholder with no links to resolve (a page
with links must be rendered with every page present: the caller then passes no frame).

What every build repeats is kept, none of it changing a byte of what the engine writes:

- the theme's templates compiled to Python, in a Jinja bytecode cache in the output cache's
  folder (``jinja/<key>/``), keyed by the Python, Jinja, engine and Material versions and the
  code digest (our overrides and this module); Jinja itself compares each template's source
  with the one its bytecode was made from, so an edited template is compiled again;
- the theme's files are listed without walking the folders the engine leaves out anyway:
  it drops every path with a part that starts with a dot, and Material keeps its 14,000
  icons in ``.icons/``;
- a static file's bytes are kept in memory while its inode, size and times are the same;
- ``warm()`` imports the engine, loads a configuration and reads the theme's static files
  once in the process that forks the language builds, so they start with all of it loaded
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

from ..outputcache import Kept, cache_folder, code_digest, key, read_tree, versions
from ..resources import REPO, theme_folder

ENGINES = ("mkdocs", "properdocs")
Nav = list[str | dict[str, str]]  # the navigation: pages, as their path or {title: path}
# With the engine's own, the versions of what shapes a page's HTML.
VERSIONED = ("mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class Finished:
    """A page as the engine made it: its file, kept in the cache, and its title (the
    navigation shows it)."""
    html: Kept
    title: str


class _NotDirty(logging.Filter):
    """Drops the engine's warning that a dirty build may have stale navigation and links:
    ours is no such build (the pages skipped are current, the navigation is built whole),
    and in strict mode the warning would stop the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


# The files the engine writes that list every page: a build given only some pages takes
# them from its frame.
EVERY_PAGE_FILES = ("sitemap.xml", "sitemap.xml.gz")


@dataclass(frozen=True)
class Frame:
    """What of a language's build depends on which pages there are, not on what they say:
    every page's place (source path -> output path) and the files that list every page."""
    places: Mapping[str, str]
    files: Mapping[str, Kept]   # EVERY_PAGE_FILES, as a build over every page made them


@dataclass(frozen=True)
class Built:
    """A language as the engine built it."""
    rendered: dict[str, tuple[str, str]]   # source path -> (output path, title), rendered
    files: dict[str, bytes]    # output path -> bytes: static files, what the engine wrote
    kept: dict[str, Kept]   # output path -> files in the cache (not read): the cached pages'
    # and the frame's (which replace those the engine wrote, listing only the pages given);
    # no static file's place is among them
    places: dict[str, str]   # source path -> output path, of every page
    given: int   # pages the engine was given: every page, or with a frame, fewer


def build_language(engine: str, docs: Path, bodies: Path, site: Path, lang: str,
                   site_name: str, site_url: str, nav: Nav, extra: Mapping[str, object],
                   cached: Mapping[str, Finished] | None = None,
                   frame: Frame | None = None) -> Built:
    """Build ``docs`` with the shared mkdocs.yml, Material and our overrides; ``site`` (a new,
    empty folder) receives what the engine writes. ``bodies`` holds the finished HTML of
    generated pages (see engine_hook); ``extra`` reaches the templates as ``config.extra``;
    ``cached``: source path -> the finished pages not to render; ``frame``: the frame of a
    build with the same pages, whose pages outside the navigation are then not given to the
    engine (see the module's docstring). Return the pages rendered and every file of the
    site: what the engine wrote, the static files (the theme's, the content's) and, apart,
    the cached pages and the frame's files, the last three neither written nor copied into
    ``site``."""
    config = _config(engine, docs, site, lang, site_name=site_name, site_url=site_url, nav=nav,
                     extra={**extra, "generator": False, "digituki_bodies": str(bodies),
                            "material_stylesheet": _material_stylesheet()})
    # What the hook shares with this function, added after the configuration is loaded: the
    # engine writes every value it loads into a debug message, log level or not, and the
    # cached pages' HTML (megabytes at national scale) took seconds to write out.
    cached = dict(cached or {})
    in_nav = nav_sources(nav)
    in_engine = cached if frame is None else {source: page for source, page in cached.items()
                                              if source in in_nav}
    config["extra"].update({"digituki_cached": in_engine, "digituki_rendered": {},
                            "digituki_cached_places": {}, "digituki_copies": {}})
    logger = logging.getLogger(f"{engine}.commands.build")
    quiet = _NotDirty()
    logger.addFilter(quiet)
    try:
        import_module(f"{engine}.commands.build").build(config, dirty=True)
    finally:
        logger.removeFilter(quiet)
    made = config["extra"]
    # In the order a build writes them: static files, then pages over them.
    files = {place: _file_bytes(source) for place, source in made["digituki_copies"].items()}
    files.update(read_tree(site) if site.is_dir() else {})
    rendered: dict[str, tuple[str, str]] = dict(made["digituki_rendered"])
    places = {**made["digituki_cached_places"],
              **{source: output for source, (output, _) in rendered.items()}}
    kept: dict[str, Kept] = {}
    if frame is not None:
        places = {**frame.places, **places}
        for name, list_file in frame.files.items():
            del files[name]   # it lists only the pages given
            kept[name] = list_file
    kept.update((places[source], page.html) for source, page in cached.items())
    return Built(rendered, dict(sorted(files.items())), kept, places,
                 len(in_engine) + len(rendered))


def nav_sources(nav: Nav) -> set[str]:
    """The source paths of the pages in the navigation."""
    return {item if isinstance(item, str) else next(iter(item.values())) for item in nav}


_READ: dict[str, tuple[tuple[int, int, int, int], bytes]] = {}   # path -> (stat, bytes)


def _file_bytes(path: str) -> bytes:
    """A static file's bytes, kept in memory while the file's inode, size and times are the
    same: the theme's files are read once by the process that forks the languages (warm)."""
    status = os.stat(path)
    stamp = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    known = _READ.get(path)
    if known is None or known[0] != stamp:
        with open(path, "rb") as stream:
            known = _READ[path] = (stamp, stream.read())
    return known[1]


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


def _bytecode_cache(engine: str) -> FileSystemBytecodeCache | None:
    """The theme's compiled templates, kept for builds with the same Python, libraries and
    code (a template's own source is compared by Jinja); None when the cache folder cannot
    be written or others could write it (the templates are then compiled as without it)."""
    inputs = {"python": sys.version, "versions": versions(*VERSIONED, engine),
              "code": code_digest()}
    folder = cache_folder() / "jinja" / key(inputs)[:32]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK) or not _private(folder):
        return None
    return FileSystemBytecodeCache(str(folder), "%s.jinja")


def _private(folder: Path) -> bool:
    """Whether only this user can write the folder: the bytecode in it is run as code (a
    cache folder in a shared place, say /tmp, must not let others plant it)."""
    status = folder.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


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
    """Import the engine, load a configuration and read the theme's static files once in
    this process, so the language builds forked from it start with the engine, its theme,
    Markdown extensions and files loaded (each of them would otherwise do it again)."""
    if engine in _WARM:
        return
    import_module(f"{engine}.commands.build")
    files = import_module(f"{engine}.structure.files")
    with tempfile.TemporaryDirectory(prefix="digituki-warm-") as folder:
        (Path(folder) / "docs").mkdir()
        config = _config(engine, Path(folder) / "docs", Path(folder) / "site", "en")
        theme = files.Files([])
        theme.add_files_from_theme(config.theme.get_env(), config)
        for file in theme:
            if not file.is_documentation_page() and file.abs_src_path is not None:
                _file_bytes(file.abs_src_path)
    _WARM.add(engine)


@functools.cache
def _material_stylesheet() -> str:
    """Material's stylesheet, whose name carries its version hash (our layout, main.html,
    links it without Material's JavaScript)."""
    import material
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
                   .glob("main.*.min.css"))
    return f"assets/stylesheets/{found[0].name}"
