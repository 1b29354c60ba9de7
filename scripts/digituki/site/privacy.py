"""The build refuses pages that would load anything from another site.

What counts is what a browser fetches without a click: scripts, styles, images, frames, media,
fonts, icons, preloads, SVG references, CSS ``url()`` and ``@import``, a ``<base>`` that moves
every relative address, a ``<meta http-equiv=refresh>``. Links (``<a href>``, SVG ``<a>``,
forms) are navigation, and link relations browsers do not fetch (canonical, alternate …) may
point anywhere. HTML and SVG are read with the standard library's parser and CSS with tinycss2,
so comments never count and an attribute value holding ``>`` hides nothing.

Scripts are read for the string literals they hold (comments left out): a literal that starts
with an absolute address is taken as something the script loads. That errs towards refusing —
a script rarely spells out a link it only shows — and two kinds of literal are known not to be
fetched: XML namespace names and Pagefind's placeholder bases for ``new URL()``.

Material's own scripts (``assets/javascripts/``) count only when a file of the site loads one
of them: this site's pages do not (search is Pagefind's), and the bundle does hold real
third-party loads (a ResizeObserver polyfill from unpkg on Safari before 13.1, Mermaid from
unpkg, the GitHub API for the header's repository facts), which must be refused the day a
page uses it. The build checks each language's folder in its own process and the rest after
(``Requests``, ``refused``): a root page loading a language's script counts too.
"""
import hashlib
import json
import os
import re
from collections.abc import (Callable, Collection, Generator, Iterable, Iterator, Mapping,
                             MutableMapping)
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2

from ..outputcache import KnownFiles, list_files

Parts = MutableMapping[bytes, list[str]]   # a part's SHA-256 -> what it loads (html_urls)
_NOTHING: list[str] = []   # what nearly every part loads (never added to: shared)

_NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
_NOT_FETCHED_RELATIONS = {"canonical", "alternate", "author", "bookmark", "external", "help",
                          "license", "next", "prev", "nofollow", "noopener", "noreferrer",
                          "opener", "tag", "me", "privacy-policy", "terms-of-service"}
_EVERY_ELEMENT = {"src", "poster", "background"}
_CANDIDATE_LISTS = {"srcset", "imagesrcset"}
_HREF_LOADS = {"link", "base", "image", "use", "feimage", "script"}
_CSS_VALUED = {"style", "fill", "stroke", "filter", "mask", "clip-path", "marker-start",
               "marker-mid", "marker-end", "cursor"}
_CSS_URL_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set"}
_DATA_SCRIPTS = {"application/ld+json", "application/json"}
_CANDIDATE = re.compile(r"[\s,]*(\S+)")
_THEME_SCRIPTS = "assets/javascripts/"
_CONTROL_AND_SPACE = "".join(map(chr, range(33)))


Load = tuple[str, str]   # (file, address) of a resource loaded from elsewhere


@dataclass(frozen=True)
class Requests:
    """What the files of a site folder load from elsewhere."""
    found: list[Load]         # by every file but Material's scripts
    theme: list[Load]         # by Material's scripts: they count once a file loads one
    loads_theme: bool         # some file loads one of Material's scripts

    def under(self, folder: str) -> "Requests":
        """The same, found in a folder of the site named ``folder``."""
        return Requests([(f"{folder}/{file}", url) for file, url in self.found],
                        [(f"{folder}/{file}", url) for file, url in self.theme],
                        self.loads_theme)


def refused(requests: Iterable[Requests]) -> list[Load]:
    """What the site whose folders made ``requests`` loads from elsewhere, by file: Material's
    scripts count when any file of the site loads one (a root page may load a language's)."""
    every = list(requests)
    theme = any(found.loads_theme for found in every)
    return sorted((load for found in every
                   for load in (*found.found, *(found.theme if theme else ()))),
                  key=lambda load: load[0])   # by file; a file's in the order it loads them


def third_party_requests(site: Path, base_url: str | None = None,
                         known: Mapping[str, list[str]] | None = None,
                         seen: dict[str, list[str]] | None = None,
                         noted: KnownFiles | None = None,
                         parts: Parts | None = None) -> list[Load]:
    """(file, address) of every resource the built site would load from elsewhere (see
    ``folder_requests``)."""
    return refused([folder_requests(site, base_url, known, seen, noted, parts)])


def folder_requests(site: Path, base_url: str | None = None,
                    known: Mapping[str, list[str]] | None = None,
                    seen: dict[str, list[str]] | None = None,
                    noted: KnownFiles | None = None,
                    parts: Parts | None = None,
                    skip: Collection[str] = ()) -> Requests:
    """What the files of a site folder load from elsewhere; addresses on ``base_url``'s host
    are the site's own. ``known``: the addresses found in files read before, by their
    ``reading_key`` (a file found there is not parsed again); ``seen`` receives those of
    this folder's files; ``noted``: the reading key of each file by its status (a file whose
    status is unchanged is not even read); ``parts``: see ``readings``; ``skip``: top-level
    folders not looked into (checked apart, see ``refused``)."""
    own_host = urlsplit(base_url).hostname if base_url else None
    read = _Reader(site, known or {}, {} if seen is None else seen, noted, parts)
    loads: list[tuple[str, list[str]]] = []   # (file, what it loads)
    theme: list[tuple[str, list[str]]] = []
    for name in list_files(site, skip):
        suffix = os.path.splitext(name)[1]
        if suffix == ".js" and _THEME_SCRIPTS in name:
            theme.append((name, read(name, suffix)))
        elif suffix in _READERS:
            loads.append((name, read(name, suffix)))
    # Each address is judged once: the pages load the same few (at national scale 64,000
    # loads of 63 addresses: judging each load took 1.3 of the check's 2 s).
    verdicts: dict[str, bool] = {}

    def elsewhere(files: list[tuple[str, list[str]]]) -> list[Load]:
        for _, urls in files:
            for url in urls:
                if url not in verdicts:
                    verdicts[url] = _is_third_party(url, own_host)
        return [(name, url) for name, urls in files for url in urls if verdicts[url]]
    return Requests(elsewhere(loads), elsewhere(theme),
                    any(_THEME_SCRIPTS in url for _, urls in loads for url in urls))


class _Reader:
    """What one file loads. Each language ships the same theme files, so a text already read
    is not parsed again (files with the same bytes share one list), and a file noted
    unchanged is not read."""

    def __init__(self, site: Path, known: Mapping[str, list[str]],
                 seen: dict[str, list[str]], noted: KnownFiles | None,
                 parts: Parts | None) -> None:
        self.site, self.known, self.seen, self.noted = site, known, seen, noted
        self.parts = parts

    def __call__(self, name: str, suffix: str) -> list[str]:
        key = self.noted.known(name) if self.noted is not None else None
        if key is None or (key not in self.seen and key not in self.known):
            content = (self.site / name).read_bytes()
            key = reading_key(content, suffix)
            if self.noted is not None:
                self.noted.note(name, key)
            if key not in self.seen and key not in self.known:
                self.seen[key] = _loads(content, suffix, self.parts)
        if key not in self.seen:
            self.seen[key] = self.known[key]
        return self.seen[key]


def reading_key(content: bytes, suffix: str) -> str:
    """What a file's reading is known by: its bytes and its kind."""
    digest = hashlib.sha256(content)
    digest.update(suffix.encode())
    return digest.hexdigest()


def read_loads(content: bytes, suffix: str) -> list[str]:
    """Every address a file of this kind (``.html``, ``.css`` …) loads, in order."""
    return _READERS[suffix](content.decode("utf-8"))


def readings(files: Mapping[str, bytes], parts: Parts | None = None) -> dict[str, list[str]]:
    """``reading_key`` -> addresses loaded, of the files (path -> bytes) of a kind that is
    read: a process that has just made them can read them, and ``third_party_requests`` then
    finds them ``known``. ``parts``: what the parts of HTML pages load (see ``html_urls``),
    known from before and added to, for pages of ``READ_IN_PARTS`` bytes or more."""
    found = {}
    for name, content in files.items():
        suffix = Path(name).suffix
        if suffix in _READERS:
            found[reading_key(content, suffix)] = _loads(content, suffix, parts)
    return found


def _loads(content: bytes, suffix: str, parts: Parts | None) -> list[str]:
    """``read_loads``, a large HTML page read in parts when ``parts`` are given."""
    if suffix == ".html" and parts is not None and len(content) >= READ_IN_PARTS:
        return html_urls(content.decode("utf-8"), parts)
    return read_loads(content, suffix)


def _is_third_party(url: str, own_host: str | None) -> bool:
    """Whether a browser would fetch ``url`` from another host. Cleaned as browsers do: outer
    spaces and control characters dropped, tabs and newlines removed, backslashes read as
    slashes, so ``\\\\evil.example`` and ``https:evil.example`` are caught too."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip(_CONTROL_AND_SPACE)).replace("\\", "/")
    parts = urlsplit(cleaned)
    if not (parts.scheme in _NETWORK_SCHEMES or (not parts.scheme and cleaned.startswith("//"))):
        return False
    return parts.hostname is None or parts.hostname != own_host


# --- HTML and SVG ----------------------------------------------------------------------------

# What a parser holds that does not change how it reads on: what it found, where it is, the
# last tag it saw (for error messages and ``get_starttag_text``).
_NOT_STATE = {"urls", "_buffer", "lineno", "offset", "lasttag", "_HTMLParser__starttag_text"}


class _LoadedUrls(HTMLParser):
    """Collects the addresses a page loads, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._raw_text: tuple[str, str] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.urls += _attribute_urls(tag, values)
        if tag in ("style", "script"):
            self._raw_text, self._buffer = (tag, values.get("type", "").strip().lower()), []

    def handle_data(self, data: str) -> None:
        if self._raw_text:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._raw_text and self._raw_text[0] == tag:
            text = "".join(self._buffer)
            if tag == "style":
                self.urls += stylesheet_urls(text)
            elif self._raw_text[1] not in _DATA_SCRIPTS:
                self.urls += script_urls(text)
            self._raw_text = None

    def close(self) -> None:
        """A ``<style>`` or ``<script>`` left open runs to the end of the file."""
        super().close()
        if self._raw_text:
            self._buffer.append(self.rawdata)  # Python 3.11 leaves that text unread at close()
            self.handle_endtag(self._raw_text[0])

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment ends where a browser ends it (the HTML standard): ``<!-->`` and
        ``<!--->`` are whole, empty comments, and ``--!>`` closes one as ``-->`` does, but
        ``-- >`` does not. Python 3.11's parser read on to the next ``-->`` (or stopped at
        ``-- >``), and an image between, which a browser loads, went unchecked."""
        rawdata = self.rawdata
        empty = _EMPTY_COMMENT.match(rawdata, i)
        end = empty or _COMMENT_END.search(rawdata, i + 4)
        if end is None:
            return -1   # not closed yet: read again with more text, or at close() as text
        if report:
            self.handle_comment("" if empty else rawdata[i + 4:end.start()])
        return end.end()

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![CDATA[`` (or any ``<![``) in HTML is a bogus comment that ends at the next
        ``>``, as browsers read it; Python 3.11's parser read on to ``]]>`` (an image
        between went unchecked), and stopped the build on a keyword it did not know. In SVG
        and MathML, where CDATA is real, ending early reads more as markup: it errs on the
        safe side."""
        end = self.rawdata.find(">", i + 3)
        if end < 0:
            return -1
        if report:
            self.handle_comment(self.rawdata[i + 3:end])
        return end + 1

    def handle_pi(self, data: str) -> None:
        """``<?xml-stylesheet href=…?>`` loads a stylesheet into an SVG file."""
        if data.startswith("xml-stylesheet"):
            self.urls += re.findall(r"""\bhref\s*=\s*["']([^"']*)""", data)

    def state(self) -> dict[str, object]:
        """What decides how the parser reads the text still to come (not what it found, nor
        where it is): at the start, the same as a new parser's."""
        return {name: value for name, value in vars(self).items()
                if name not in _NOT_STATE}


# A listing page at national scale is megabytes of provider cards, most of them the same as in
# the last build, and parsing it took seconds: ``html_urls`` reads such a page in parts, each
# starting at a list item, and what a part loads is known by its bytes.
_EMPTY_COMMENT = re.compile(r"<!---?>")
_COMMENT_END = re.compile(r"--!?>")
_PART_START = re.compile(r"(?=<li[\s>])")
# Pages smaller than this are read whole: they are quick to parse, and at national scale the
# parts of every provider page made the store of parts 25 MB, read and written each build.
READ_IN_PARTS = 100_000
_START_STATE = _LoadedUrls().state()


def stored_parts(parts: Mapping[bytes, list[str]]) -> bytes:
    """Parts as the cache keeps them: a line of JSON of those that load something, then the
    hashes of those that load nothing (99 % of them), one after another. At national scale
    the store holds over 100,000 parts: as JSON it took half a second to write."""
    loading = {digest.hex(): urls for digest, urls in sorted(parts.items()) if urls}
    return b"%s\n%s" % (json.dumps(loading).encode(),
                        b"".join(sorted(digest for digest, urls in parts.items() if not urls)))


def restored_parts(data: bytes) -> dict[bytes, list[str]]:
    """Parts as ``stored_parts`` keeps them."""
    line, _, empty = data.partition(b"\n")
    size = hashlib.sha256().digest_size
    parts = {empty[start:start + size]: _NOTHING for start in range(0, len(empty), size)}
    parts.update((bytes.fromhex(digest), urls) for digest, urls in json.loads(line).items())
    return parts


def html_urls(text: str, parts: Parts | None = None) -> list[str]:
    """Every address an HTML page or SVG image loads, relative ones included. ``parts``: by
    the hash of a part of the text, what it loads when read from a parser's start state and
    leaving it in that state (the parser would then read the rest the same with or without
    it): such a part found there is not parsed again, and one parsed so is added."""
    parser = _LoadedUrls()
    for part in _PART_START.split(text) if parts is not None else [text]:
        if parts is None or parser.state() != _START_STATE:
            parser.feed(part)
            continue
        digest = hashlib.sha256(part.encode()).digest()
        known = parts.get(digest)
        if known is not None:
            parser.urls += known
            continue
        found = len(parser.urls)
        parser.feed(part)
        if parser.state() == _START_STATE:
            parts[digest] = parser.urls[found:]
    parser.close()
    return parser.urls


def _attribute_urls(tag: str, values: dict[str, str]) -> list[str]:
    """What one element's attributes load."""
    urls = [values[name] for name in _EVERY_ELEMENT & values.keys()]
    for name in _CANDIDATE_LISTS & values.keys():
        urls += srcset_urls(values[name])
    for name in _CSS_VALUED & values.keys():
        urls += _css_urls(tinycss2.parse_component_value_list(values[name], skip_comments=True))
    for name in (n for n in values if n.startswith("on")):
        urls += script_urls(values[name])
    if tag == "object" and "data" in values:
        urls.append(values["data"])
    if tag == "iframe" and "srcdoc" in values:
        urls += html_urls(values["srcdoc"])
    if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
        urls.append(_refresh_target(values.get("content", "")))
    if tag in _HREF_LOADS and _fetches(tag, values):
        urls += [values[name] for name in ("href", "xlink:href") if name in values]
    return urls


def _fetches(tag: str, values: dict[str, str]) -> bool:
    """A ``<link>`` loads unless all its relations are ones browsers do not fetch."""
    return tag != "link" or not set(values.get("rel", "").lower().split()) <= _NOT_FETCHED_RELATIONS


def _refresh_target(content: str) -> str:
    """The address in ``<meta http-equiv=refresh content="5; url=…">``."""
    match = re.match(r"""\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)""", content, re.I)
    return match.group(1) if match else ""


def srcset_urls(value: str) -> list[str]:
    """The addresses of a ``srcset`` candidate list: each candidate is an address (which may
    hold commas) and optional descriptors up to the next comma, as the HTML standard reads it."""
    urls = []
    position = 0
    while match := _CANDIDATE.match(value, position):
        url = match.group(1)
        if url.endswith(","):
            urls.append(url.rstrip(","))
            position = match.end()
        else:
            urls.append(url)
            position = value.find(",", match.end()) + 1 or len(value)
    return urls


# --- CSS -------------------------------------------------------------------------------------

def stylesheet_urls(text: str) -> list[str]:
    """Every address a stylesheet loads: ``@import`` and every ``url()``, ``src()`` and
    ``image-set()`` (in ``@font-face`` too); ``@namespace`` names a namespace, no file."""
    return _css_urls(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


def _css_urls(nodes: list[tinycss2.ast.Node]) -> list[str]:
    urls = []
    for node in nodes:
        if node.type == "url":
            urls.append(node.value)
        elif node.type == "function":
            if node.lower_name in _CSS_URL_FUNCTIONS:
                urls += [argument.value for argument in node.arguments if argument.type == "string"]
            urls += _css_urls(node.arguments)
        elif node.type == "at-rule":
            urls += _at_rule_urls(node)
        elif node.type == "qualified-rule":
            urls += _css_urls(node.prelude) + _css_urls(node.content)
        elif node.type.endswith("block"):
            urls += _css_urls(node.content)
    return urls


def _at_rule_urls(rule: tinycss2.ast.AtRule) -> list[str]:
    prelude = [token for token in rule.prelude if token.type not in ("whitespace", "comment")]
    urls = []
    if rule.lower_at_keyword == "import" and prelude and prelude[0].type == "string":
        urls.append(prelude[0].value)
    if rule.lower_at_keyword != "namespace":
        urls += _css_urls(prelude)
    return urls + _css_urls(rule.content or [])


# --- JavaScript ------------------------------------------------------------------------------

_JS_TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)
  | (?P<template>`)
  | (?P<word>[A-Za-z_$][\w$]*|\d[\w.]*)
  | (?P<slash>/)
  | (?P<open>\{)
  | (?P<close>})
  | (?P<after_value>[)\]])
  | (?P<punctuator>\S)
""", re.DOTALL | re.VERBOSE)
_JS_TEMPLATE_TEXT = re.compile(r"(?:[^`\\$]|\\.|\$(?!\{))*(`|\$\{|\Z)", re.DOTALL)
_JS_REGEX = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
_ABSOLUTE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:[/\\]{2}|[/\\]{2}[^/\\\s])", re.IGNORECASE)
# Namespace names, and the placeholder bases Pagefind resolves paths against with new URL().
_NEVER_FETCHED = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml",
                  "http://www.w3.org/1999/xlink", "http://www.w3.org/1998/Math/MathML",
                  "https://p", "https://example.com"}
_BEFORE_EXPRESSION = {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
                      "throw", "case", "do", "else", "yield", "await"}


def script_urls(text: str) -> list[str]:
    """String literals (and the text parts of template literals) in a script that start with
    an address; comments and regular expressions are skipped."""
    return [literal for literal in _js_literals(text)
            if _ABSOLUTE.match(literal) and literal not in _NEVER_FETCHED]


def _js_literals(text: str) -> Iterator[str]:
    """The text of every string literal, in order, unescaped as far as addresses need."""
    braces: list[str] = []
    position, expression_may_start = 0, True
    while match := _JS_TOKEN.search(text, position):
        kind, position = match.lastgroup, match.end()
        if kind == "comment":
            continue
        if kind == "slash" and expression_may_start and (regex := _JS_REGEX.match(text, match.start())):
            position, expression_may_start = regex.end(), False
            continue
        if kind == "close" and braces and braces.pop() == "template":
            kind = "template"
        if kind == "template":
            position = yield from _template_text(text, position, braces)
        elif kind == "string":
            yield re.sub(r"\\(.)", r"\1", match.group()[1:-1], flags=re.DOTALL)
        elif kind == "open":
            braces.append("brace")
        expression_may_start = (kind in ("punctuator", "open", "slash")
                                or (kind == "word" and match.group() in _BEFORE_EXPRESSION))


def _template_text(text: str, position: int, braces: list[str]) -> Generator[str, None, int]:
    """Yields the text of a template literal up to its end or its next ``${``; returns where
    reading goes on."""
    match = _JS_TEMPLATE_TEXT.match(text, position)
    assert match
    yield re.sub(r"\\(.)", r"\1", text[position:match.start(1)], flags=re.DOTALL)
    if match.group(1) == "${":
        braces.append("template")
    return match.end()


_READERS: dict[str, Callable[[str], list[str]]] = {
    ".html": html_urls, ".htm": html_urls, ".svg": html_urls, ".css": stylesheet_urls,
    ".js": script_urls, ".mjs": script_urls}
