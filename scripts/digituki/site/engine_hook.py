"""MkDocs (and ProperDocs) hook: generated pages get the HTML digituki rendered for them.

Their Markdown holds only a placeholder; passing finished HTML through Markdown would only
parse it again (that took most of the build time).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs' types; ProperDocs, its fork, passes the same objects
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    body = Path(config["extra"]["digituki_bodies"]) / f"{page.file.src_uri}.html"
    return body.read_text(encoding="utf-8") if body.is_file() else html
