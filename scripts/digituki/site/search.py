"""The search index: Pagefind's command, run over the finished pages of every language.

Pagefind makes one bundle with an index per <html lang>; only the content marked
data-pagefind-body is indexed (not navigation, header or footer). The number of pages it
indexed must be the number of searchable pages the build made: anything else means pages were
lost or stray ones picked up, and the build stops.
"""
import gzip
import json
import os
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path
from typing import TypedDict

import pagefind_bin

BUNDLE = "pagefind"
PAGEFIND = ("pagefind_bin",)  # the distribution whose version shapes the bundle
MARK = b"data-pagefind-body"  # what the layout puts on a searchable page's content


class IndexMismatch(Exception):
    """Pagefind indexed another number of pages than the build made."""


class PagefindFailed(Exception):
    """Pagefind's command ended with an error."""


class IncompleteIndex(Exception):
    """Pagefind's bundle has a file cut short or empty."""


def _index(site: Path, bundle: Path) -> None:
    """Run Pagefind's command line on ``site``, writing ``bundle``.

    Not Pagefind's Python API: its service process is stopped as soon as it answers that the
    files are written, while its last writes may still be under way. On a busy machine that
    left a file empty (seen: pagefind-ui.js, pagefind-worker.js, 2 runs in 25; pagefind.js
    empty is a search page that cannot search), and the cache then kept the broken bundle.
    The command ends only when its files are whole. It runs in an empty folder with no
    PAGEFIND_ settings from the environment, so no stray config file or variable shapes the
    index."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="digituki-pagefind-") as empty:
        run = subprocess.run([str(pagefind_bin.get_executable()), "--site", str(site.resolve()),
                              "--output-path", str(bundle.resolve()), "--silent"],
                             cwd=empty, env=environment, capture_output=True, text=True,
                             errors="replace")
    if run.returncode:
        raise PagefindFailed(f"Pagefind failed ({run.returncode}): {run.stdout}{run.stderr}")


# Pagefind 1.5.2 writes its filter files, and the files that name them by hash (its entry,
# meta and loader files), in an order that changes from run to run, even for the same pages
# added in the same order: the one part of a build that is not byte-identical. What they
# contain is the same; its word index and page fragments are stable.
STABLE_IN_BUNDLE = (f"{BUNDLE}/index/", f"{BUNDLE}/fragment/")


def is_unstable(name: str) -> bool:
    """Whether a file of the built site (path relative to it) may differ between builds."""
    return name.startswith(f"{BUNDLE}/") and not name.startswith(STABLE_IN_BUNDLE)


class _IndexEntry(TypedDict):
    page_count: int


class _Entry(TypedDict):
    """What is read of Pagefind's pagefind-entry.json: each language's index."""
    languages: dict[str, _IndexEntry]


def _entry(bundle: Path) -> _Entry:
    entry: _Entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry


def _incomplete_files(site: Path, bundle: Path | None = None) -> list[str]:
    """Files of the written bundle (default ``site/pagefind``) that are empty or cut short:
    never kept in the cache or served. Its data files are gzip streams, which tell when they
    are cut; its scripts and styles can only tell when they are empty."""
    bundle = bundle or site / BUNDLE
    broken = []
    for path in sorted(item for item in bundle.rglob("*") if item.is_file()):
        data = path.read_bytes()
        if not data or _cut_stream(path, data):
            broken.append(f"{BUNDLE}/{path.relative_to(bundle).as_posix()}")
    try:
        _entry(bundle)
    except (json.JSONDecodeError, FileNotFoundError):
        if f"{BUNDLE}/pagefind-entry.json" not in broken:
            broken.append(f"{BUNDLE}/pagefind-entry.json")
    return broken


def _cut_stream(path: Path, data: bytes) -> bool:
    """Whether a data file of the bundle (a gzip stream) is cut short."""
    if not (path.suffix.startswith(".pf_") or path.name.endswith(".pagefind")):
        return False
    try:
        gzip.decompress(data)
    except (EOFError, OSError, zlib.error):
        return True
    return False


def indexed_pages(site: Path) -> dict[str, int]:
    """Pages in the written index, per language (Pagefind's count of the pages it indexed,
    not of every HTML file it read)."""
    return {lang: info["page_count"]
            for lang, info in _entry(site / BUNDLE)["languages"].items()}


def searchable_pages(site: Path) -> int:
    """The pages of ``site`` the layout marked for the index (outside the bundle)."""
    return sum(MARK in path.read_bytes() for path in site.rglob("*.html")
               if not path.relative_to(site).as_posix().startswith(f"{BUNDLE}/"))


def build_index(site: Path, expected: int, bundle: Path | None = None) -> int:
    """Index ``site`` into ``bundle`` (default ``site/pagefind/``; the old bundle removed
    first, so a removed provider leaves nothing behind); return the page count."""
    bundle = bundle or site / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    _index(site, bundle)
    broken = _incomplete_files(site, bundle)
    if broken:
        raise IncompleteIndex(f"Pagefind left {len(broken)} files unfinished, e.g. {broken[0]}")
    count = sum(info["page_count"] for info in _entry(bundle)["languages"].values())
    if count != expected:
        raise IndexMismatch(f"Pagefind indexed {count} pages; the build made {expected} "
                            "searchable pages")
    return count
