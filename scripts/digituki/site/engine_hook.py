"""MkDocs (and ProperDocs) hook: generated pages get the HTML digituki rendered for them.

Their Markdown holds only a placeholder; passing finished HTML through Markdown would only
parse it again (that took most of the build time).
"""
from pathlib import Path


def on_page_content(html, page, config, files):
    body = Path(config["extra"]["digituki_bodies"]) / f"{page.file.src_uri}.html"
    return body.read_text(encoding="utf-8") if body.is_file() else html
