"""The search index: Pagefind, run from Python over the finished pages of every language.

Pagefind makes one bundle with an index per <html lang>; only the content marked
data-pagefind-body is indexed (not navigation, header or footer). The number of pages it
indexed must be the number of searchable pages the build made: anything else means pages were
lost or stray ones picked up, and the build stops.
"""
import asyncio
import gzip
import json
import shutil
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypedDict

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"
PAGEFIND = ("pagefind", "pagefind_bin")  # the distributions whose version shapes the bundle
MARK = b"data-pagefind-body"  # what the layout puts on a searchable page's content


class IndexMismatch(Exception):
    """Pagefind indexed another number of pages than the build made."""


class IncompleteIndex(Exception):
    """Pagefind's written bundle stayed incomplete however often it was written."""


ATTEMPTS = 3


async def _index(site: Path, bundle: Path) -> None:
    # Leaving the context writes the bundle (to output_path, else to ./pagefind).
    async with PagefindIndex(IndexConfig(output_path=str(bundle.resolve()))) as index:
        await index.add_directory(str(site))


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
    """Files of the written bundle (default ``site/pagefind``) that are cut short. Pagefind
    answers "written" and its service is then stopped; on a busy machine some files (seen:
    the entry file, empty) were not finished. Its data files are gzip streams, which tell when
    they are cut."""
    bundle = bundle or site / BUNDLE
    broken = []
    for path in sorted(bundle.rglob("*")):
        if path.suffix.startswith(".pf_") or path.name.endswith(".pagefind"):
            try:
                gzip.decompress(path.read_bytes())
            except (EOFError, OSError, zlib.error):
                broken.append(f"{BUNDLE}/{path.relative_to(bundle).as_posix()}")
    try:
        _entry(bundle)
    except (json.JSONDecodeError, FileNotFoundError):
        broken.append(f"{BUNDLE}/pagefind-entry.json")
    return broken


def indexed_pages(site: Path) -> dict[str, int]:
    """Pages in the written index, per language (add_directory counts every HTML file it
    read, indexed or not)."""
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
    for _ in range(ATTEMPTS):
        if bundle.exists():
            shutil.rmtree(bundle)
        # In a thread of its own: asyncio.run() refuses to start inside a running event loop,
        # such as a caller's (a test driving a browser builds the site too).
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _index(site, bundle)).result()
        broken = _incomplete_files(site, bundle)
        if not broken:
            break
    else:
        raise IncompleteIndex(f"Pagefind left {len(broken)} files unfinished "
                              f"{ATTEMPTS} times, e.g. {broken[0]}")
    count = sum(info["page_count"] for info in _entry(bundle)["languages"].values())
    if count != expected:
        raise IndexMismatch(f"Pagefind indexed {count} pages; the build made {expected} "
                            "searchable pages")
    return count
