"""The build refuses pages that would load anything from another site.

Links (<a href>) and link relations that browsers do not fetch (canonical, alternate) may
point anywhere; scripts, styles, images, frames, media, fonts and CSS url()s must come from
the site itself.
"""
import html
import re
from pathlib import Path

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_NOT_FETCHED = {"canonical", "alternate"}
_LOADING = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "embed": "src",
            "audio": "src", "video": "src", "source": "src", "track": "src", "object": "data",
            "input": "src", "image": "href", "use": "href"}


_TAG = re.compile(r"<(link|script|img|iframe|frame|embed|audio|video|source|track|object|input|"
                  r"image|use|style)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _html_resources(text: str) -> list[str]:
    """Addresses a browser would load for this page (a quick scan of the tags that load)."""
    urls = []
    for tag, attributes in _TAG.findall(text):
        tag = tag.lower()
        values = {m[0].lower(): html.unescape(m[1] or m[2] or m[3])
                  for m in _ATTRIBUTE.findall(attributes)}
        if tag == "link" and set(values.get("rel", "").lower().split()) <= _NOT_FETCHED:
            continue
        if tag == "link":
            urls.append(values.get("href", ""))
        elif tag in _LOADING:
            urls.append(values.get(_LOADING[tag], ""))
        for name in ("srcset", "poster", "background"):
            urls += [part.split()[0] for part in values.get(name, "").split(",") if part.strip()]
    for style in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.IGNORECASE | re.DOTALL):
        urls += [a or b for a, b in _CSS_URL.findall(style)]
    for a, b in _STYLE_ATTRIBUTE.findall(text):
        urls += [x or y for x, y in _CSS_URL.findall(html.unescape(a or b))]
    return urls


def third_party_requests(site: Path) -> list[tuple[str, str]]:
    """(file, address) of every resource the built site would load from elsewhere."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            urls = _html_resources(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            urls = [a or b for a, b in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
        else:
            continue
        found += [(str(path.relative_to(site)), url) for url in urls if _EXTERNAL.match(url)]
    return found
