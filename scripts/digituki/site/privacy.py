"""The build refuses pages that would load anything from another site.

Links (<a href>) and link relations that browsers do not fetch (canonical, alternate) may
point anywhere; scripts, styles, images, frames, media, fonts and CSS url()s must come from
the site itself.
"""
import re
from html.parser import HTMLParser
from pathlib import Path

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_NOT_FETCHED = {"canonical", "alternate"}
_LOADING = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "embed": "src",
            "audio": "src", "video": "src", "source": "src", "track": "src", "object": "data",
            "input": "src", "image": "href", "use": "href"}


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and not set((values.get("rel") or "").lower().split()) <= _NOT_FETCHED:
            self.urls.append(values.get("href") or "")
        if tag in _LOADING:
            self.urls.append(values.get(_LOADING[tag]) or "")
        for name in ("srcset", "poster", "background"):
            if values.get(name):
                self.urls.extend(part.split()[0] for part in values[name].split(",") if part.strip())
        if values.get("style"):
            self.urls.extend(a or b for a, b in _CSS_URL.findall(values["style"]))

    def handle_data(self, data):
        if self.lasttag == "style":
            self.urls.extend(a or b for a, b in _CSS_URL.findall(data))


def third_party_requests(site: Path) -> list[tuple[str, str]]:
    """(file, address) of every resource the built site would load from elsewhere."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            parser = _Resources()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = [a or b for a, b in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
        else:
            continue
        found += [(str(path.relative_to(site)), url) for url in urls if _EXTERNAL.match(url)]
    return found
