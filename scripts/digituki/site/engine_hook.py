"""MkDocs (and ProperDocs) hook: generated pages get the HTML digituki rendered for them, and
pages whose finished HTML is cached are neither rendered nor written (``engine`` adds their
bytes to the built files), nor are the static files copied (``engine`` adds each file's bytes
under its place in the site).

Their Markdown holds only a placeholder; passing finished HTML through Markdown would only
parse it again (that took most of the build time).
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs' types; ProperDocs, its fork, passes the same objects
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from .engine import Finished


def _unmodified() -> bool:
    return False


def _copied(copies: dict[str, str], dest_uri: str, source: str, dirty: bool = False) -> None:
    copies[dest_uri] = source


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A cached page, whose source is not written (``build._write_sources``), is added as a
    file of no content, in the order the engine lists files (its sitemap lists pages in that
    order), and marked unmodified, so the build (run dirty) neither reads, renders nor
    writes it; its place is noted (``digituki_cached_places``). A static file copied from a
    file on disk (the theme's, the content's) is not copied: its place and source are noted
    (``digituki_copies``) where the copy would have been made, with the same inclusion
    rules."""
    cached: dict[str, Finished] = config["extra"]["digituki_cached"]
    places: dict[str, str] = config["extra"]["digituki_cached_places"]
    files = _with_cached_pages(files, cached, config)
    for file in files.documentation_pages():
        if file.src_uri in cached:
            places[file.src_uri] = file.dest_uri
            setattr(file, "is_modified", _unmodified)
    copies: dict[str, str] = config["extra"]["digituki_copies"]
    for file in files:
        if not file.is_documentation_page() and file.generated_by is None \
                and file.abs_src_path is not None:
            setattr(file, "copy_file",
                    functools.partial(_copied, copies, file.dest_uri, file.abs_src_path))
    return files


def _with_cached_pages(files: Files, cached: Mapping[str, Finished],
                       config: MkDocsConfig) -> Files:
    """``files`` and a file of no content for each cached page, sorted as the engine sorts
    the files it finds. Made with the engine's own classes (MkDocs or ProperDocs)."""
    engine = import_module(type(files).__module__)
    present = {file.src_uri for file in files}
    added = [engine.File.generated(config, source, content="")
             for source in sorted(cached) if source not in present]
    if not added:
        return files
    listed: Files = engine.Files(sorted([*files, *added], key=engine.file_sort_key))
    return listed


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """A cached page in the navigation gets the title it had when rendered (unread, the
    engine would know none)."""
    cached: dict[str, Finished] = config["extra"]["digituki_cached"]
    for page in nav.pages:
        found = cached.get(page.file.src_uri)
        if found is not None:
            page.title = found.title
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    body = Path(config["extra"]["digituki_bodies"]) / f"{page.file.src_uri}.html"
    return body.read_text(encoding="utf-8") if body.is_file() else html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Note each page rendered (source path -> output path and title), for the cache."""
    config["extra"]["digituki_rendered"][page.file.src_uri] = (page.file.dest_uri,
                                                               page.title or "")
    return output
