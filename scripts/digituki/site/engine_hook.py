"""MkDocs (and ProperDocs) hook: generated pages get the HTML digituki rendered for them, and
pages whose finished HTML is cached are written from the cache instead of being rendered.

Their Markdown holds only a placeholder; passing finished HTML through Markdown would only
parse it again (that took most of the build time).
"""
from __future__ import annotations

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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Write each cached page to its place; marked unmodified, the build (run dirty) neither
    reads nor renders it."""
    cached: dict[str, Finished] = config["extra"]["digituki_cached"]
    for file in files.documentation_pages():
        page = cached.get(file.src_uri)
        if page is not None:
            target = Path(file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.html)
            setattr(file, "is_modified", _unmodified)
    return files


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
