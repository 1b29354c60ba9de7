"""The search index: Pagefind, run from Python over the finished pages of every language.

Pagefind makes one bundle with an index per <html lang>; only the content marked
data-pagefind-body is indexed (not navigation, header or footer). The number of pages it
indexed must be the number of searchable pages the build made: anything else means pages were
lost or stray ones picked up, and the build stops.
"""
import asyncio
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"


class IndexMismatch(Exception):
    """Pagefind indexed another number of pages than the build made."""


async def _index(site: Path) -> None:
    # Leaving the context writes the bundle (to output_path, else to ./pagefind).
    async with PagefindIndex(IndexConfig(output_path=str(site.resolve() / BUNDLE))) as index:
        await index.add_directory(str(site))


# Pagefind 1.5.2 writes its filter files, and the files that name them by hash (its entry,
# meta and loader files), in an order that changes from run to run, even for the same pages
# added in the same order: the one part of a build that is not byte-identical. What they
# contain is the same; its word index and page fragments are stable.
STABLE_IN_BUNDLE = (f"{BUNDLE}/index/", f"{BUNDLE}/fragment/")


def is_unstable(name: str) -> bool:
    """Whether a file of the built site (path relative to it) may differ between builds."""
    return name.startswith(f"{BUNDLE}/") and not name.startswith(STABLE_IN_BUNDLE)


def _entry(site: Path, attempts: int = 50) -> dict:
    """Pagefind's entry file. Once in many builds it was still empty just after Pagefind
    reported the bundle written: wait for it (up to 5 s) rather than fail the build."""
    path = site / BUNDLE / "pagefind-entry.json"
    for _ in range(attempts - 1):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, FileNotFoundError):
            time.sleep(0.1)
    return json.loads(path.read_text(encoding="utf-8"))


def indexed_pages(site: Path) -> dict[str, int]:
    """Pages in the written index, per language (add_directory counts every HTML file it
    read, indexed or not)."""
    return {lang: info["page_count"] for lang, info in _entry(site)["languages"].items()}


def build_index(site: Path, expected: int) -> int:
    """Index ``site`` into ``site/pagefind/`` (the old bundle removed first, so a removed
    provider leaves nothing behind); return the page count."""
    if (site / BUNDLE).exists():
        shutil.rmtree(site / BUNDLE)
    # In a thread of its own: asyncio.run() refuses to start inside a running event loop,
    # such as a caller's (a test driving a browser builds the site too).
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, _index(site)).result()
    count = sum(indexed_pages(site).values())
    if count != expected:
        raise IndexMismatch(f"Pagefind indexed {count} pages; the build made {expected} "
                            "searchable pages")
    return count
