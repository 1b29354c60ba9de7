"""Leaflets as tagged PDF: the print templates in ``theme_overrides/print/`` through Jinja2,
then WeasyPrint (PDF/UA-1: tagged, with the document's language and title).

Every municipality and the region get, in every site language:

- a weekly poster (``<name>-poster.pdf``, ``<name>-poster-large.pdf``), A4, for a notice board;
- a booklet (``<name>.pdf``, ``<name>-large.pdf``), A4, to hand out;
- the booklet folded: an A5 reading version (``<name>-a5.pdf``, tagged, its last pages for
  notes so that they fill whole sheets) and its print file (``<name>-a5-print.pdf``: two A5
  pages on each A4 side, in booklet order).

Fonts come from files, never from the network: DejaVu Sans from Debian's
``fonts-dejavu-core`` (every Finnish and Swedish letter), embedded in every PDF. The build
date is the print date and the PDF's creation date, so the same records and date give the
same bytes.

Only what changed is made again: a PDF is cached under a hash of its HTML (which holds its
records, templates, styles, language, size and the build date), the fonts and the code and
versions that turn HTML into PDF (``outputcache``); an unchanged one is copied.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .. import outputcache
from ..i18n import t, weekday_names
from ..model.build import Dataset
from ..model.urls import BOOKLET, FOLDED, POSTER, PRINT_FILE, REGION_LEAFLET, leaflet_path
from ..present import hours_view
from ..present.grouping import by_municipality
from ..present.markup import term_functions, txt
from ..present.names import slug
from ..resources import template_loader, theme_folder
from ..values.contact import link_problem
from ..workers import fork_map
from . import LeafletError, imposition
from .content import Leaflet, municipality_leaflet, region_leaflet
from .poster import Poster, municipality_poster, region_poster
from .template_functions import LeafletFunctions

TEMPLATES = "print"  # the print templates (see resources)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"normal": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT_PACKAGE = "fonts-dejavu-core"
VARIANTS = (False, True)  # normal, large print
# What turns the HTML into PDF bytes, besides the HTML: part of every cache key.
CODE = (Path(__file__), Path(imposition.__file__))
LIBRARIES = ("weasyprint", "pydyf", "pypdf", "segno")


def _check_fonts() -> None:
    missing = [str(path) for path in FONTS.values() if not path.is_file()]
    if missing:
        raise LeafletError(f"font not found: {', '.join(missing)}; install the Debian package "
                           f"{FONT_PACKAGE} (apt-get install {FONT_PACKAGE})")


def _css_string(value: str) -> Markup:
    """A CSS string literal, for the page header and footer in the template's <style>."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in value)
    return Markup(f'"{escaped}"')


def _sentence(value: str) -> str:
    """A clause as a sentence: capital first letter, one full stop ('… ke 6.1.' keeps its)."""
    value = value[:1].upper() + value[1:]
    return value if value.endswith(".") else value + "."


# What a narrow cell must not break inside: a time or date range ('10–11.30', '(13.1.–17.3.)',
# '24–26 Dec'), a day with its weekday ('ti 29.12.', 'Tue 29 Dec'), a weekday range
# ('ma–pe'), a word with a short hyphenated start ('E-mail').
_DAY = r"\d{1,2}(?:[.:]\d{1,2})*\.?(?: [A-Z][a-z]{2}\b)?"
_TOGETHER = re.compile(
    rf"\(?(?:\b[^\W\d_]{{2,3}} )?{_DAY}(?: ?– ?{_DAY})?\)?"
    r"|\b[^\W\d_]{2,3}–[^\W\d_]{2,3}\b|\b[^\W\d_]{1,2}-[^\W\d_]+")


def _together(value: str) -> Markup:
    """The text with every time, date and short hyphenated word in a span that does not
    break (white-space: nowrap): a narrow table cell would break '10–11.30' after its dash.
    Markup keeps its tags; only the text between them is looked at."""
    source = value if isinstance(value, Markup) else escape(value)
    parts = re.split(r"(<[^>]*>)", str(source))
    return Markup("".join(
        part if part.startswith("<") else _TOGETHER.sub(
            lambda m: f'<span class="nowrap">{m.group(0)}</span>'
            if any(c in m.group(0) for c in "–- ") else m.group(0), part)
        for part in parts))


# Advance widths of DejaVu Sans Bold in em, for the characters of a time; 0.75 for the rest
# (a weekday's short name), a little more than any of its letters but 'm' and 'w'.
_BOLD_EM = {**dict.fromkeys("0123456789", 0.696), "–": 0.5, ".": 0.38, ":": 0.4, " ": 0.348}


def _bold_em(value: str) -> float:
    """How wide a line of bold text is, in em (a weekday column fits its longest time)."""
    return sum(_BOLD_EM.get(c, 0.75) for c in value)


@dataclass(frozen=True)
class Document:
    """One PDF to make: a poster or a booklet, of one place, language and size."""

    kind: str                   # POSTER, BOOKLET or FOLDED
    content: Poster | Leaflet
    lang: str
    large: bool

    @property
    def path(self) -> str:
        return leaflet_path(self.lang, self.content.name, self.large, self.kind)

    @property
    def outputs(self) -> dict[str, str]:
        """Cache part name -> path from the site root of each file the document makes."""
        found = {"pdf": self.path}
        if self.kind == FOLDED:
            found["print"] = leaflet_path(self.lang, self.content.name, self.large, PRINT_FILE)
        return found


def _versions() -> str:
    return " ".join(f"{name}={importlib.metadata.version(name)}" for name in LIBRARIES)


def _fixed_inputs() -> dict[str, outputcache.Input]:
    """The cache key's inputs that every leaflet shares: fonts, code, library versions."""
    found: dict[str, outputcache.Input] = {"libraries": _versions()}
    for name, path in FONTS.items():
        found[f"font-{name}"] = outputcache.file_digest(path)
    for path in CODE:
        found[f"code-{path.name}"] = outputcache.file_digest(path)
    return found


class Renderer:
    """Renders the leaflets of one dataset; keeps the parsed stylesheet and fonts."""

    def __init__(self, dataset: Dataset) -> None:
        _check_fonts()
        self.data = dataset
        self.env = Environment(loader=template_loader(TEMPLATES), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
        self.env.filters["css_string"] = _css_string
        self.env.filters["sentence"] = _sentence
        self.env.filters["together"] = _together
        self.env.filters["bold_em"] = _bold_em
        # Records are validated, but a link only ever reaches an href as http(s).
        self.env.filters["safe_url"] = lambda url: url if link_problem(url) is None else "#"
        self.env.globals.update(txt=txt, **term_functions(dataset))
        self.fonts = FontConfiguration()
        faces = "".join(
            f"@font-face {{ font-family: 'Leaflet Sans'; font-weight: {weight}; "
            f"src: url({path.as_uri()}); }}\n" for weight, path in FONTS.items())
        # The rest of the style is in the templates (leaflet-style.html): a .css file in
        # theme_overrides/material/ would be copied into every language of the site by MkDocs.
        self.css = [CSS(string=faces, font_config=self.fonts)]
        self.fetcher = URLFetcher(allowed_protocols={"file", "data"})
        self.fixed = _fixed_inputs()

    def _common(self, document: Document) -> dict[str, Any]:
        today, lang = self.data.today, document.lang
        return dict(
            LeafletFunctions(self.data, lang).by_name(), large=document.large,
            demo=bool(self.data.region.demo), stamp=today.isoformat(),
            printed=t("printed_on", lang).format(date=hours_view.date_text(today, lang, False)))

    def _title(self, document: Document) -> str:
        lang = document.lang
        name: str = document.content.title.in_language(lang)[0]
        title = t("site_name", lang) + " – " + name
        if document.kind == POSTER:
            title += " – " + t("leaflet.poster_title", lang)
        if document.large:
            title += f" ({t('large_print', lang)})"
        return title

    def html(self, document: Document, notes: int = 0) -> str:
        """The document's HTML; ``notes`` blank pages for notes at the end of a booklet."""
        lang = document.lang
        context = self._common(document)
        if isinstance(document.content, Poster):
            heading = (f"{t('leaflet.poster_title', lang)}: "
                       f"{document.content.title.in_language(lang)[0]}")
            return self.env.get_template("poster.html").render(
                poster=document.content, title=self._title(document), heading=heading,
                weekday_names=weekday_names(lang, "short"), **context)
        return self.env.get_template("leaflet.html").render(
            leaflet=document.content, title=self._title(document), notes=notes,
            page_size="A5" if document.kind == FOLDED else "A4", **context)

    def key(self, source: str) -> str:
        return outputcache.key({"html": source, **self.fixed})

    def _layout(self, source: str) -> weasyprint.Document:
        """The HTML laid out in pages (most of a leaflet's cost), not yet written as PDF."""
        return HTML(string=source, base_url=theme_folder(TEMPLATES).as_uri() + "/",
                    url_fetcher=self.fetcher).render(stylesheets=self.css,
                                                    font_config=self.fonts)

    @staticmethod
    def _write(laid_out: weasyprint.Document, source: str) -> bytes:
        pdf: bytes = laid_out.write_pdf(
            pdf_variant="pdf/ua-1",
            # Same input, same identifier: the bytes depend only on the records and date.
            pdf_identifier=hashlib.sha256(source.encode()).hexdigest()[:32].encode())
        return pdf

    def parts(self, document: Document, source: str) -> dict[str, bytes]:
        """Every file of the document, by cache part name, and its page count ("pages").
        A folded booklet is laid out once to count its pages and, when it needs pages for
        notes to fill its last sheet, once more with them; only the last layout is written
        as PDF."""
        laid_out = self._layout(source)
        if document.kind == FOLDED:
            notes = imposition.notes_pages(len(laid_out.pages))
            if notes:
                source = self.html(document, notes)
                laid_out = self._layout(source)
        pdf, pages = self._write(laid_out, source), len(laid_out.pages)
        if document.kind != FOLDED:
            return {"pdf": pdf, "pages": str(pages).encode()}
        return {"pdf": pdf, "pages": str(pages).encode(),
                "print": imposition.impose(pdf, self._title(document))}

    def pdf(self, document: Document) -> bytes:
        """The document's PDF (the A5 reading version for a folded booklet)."""
        return self.parts(document, self.html(document))["pdf"]


@dataclass(frozen=True)
class FileFacts:
    """What a link to a leaflet says about it."""

    pages: int
    size: int                   # bytes


@dataclass
class LeafletRun:
    """What ``write_leaflets`` did: every file it wrote, and which documents it rendered
    (the others were copied from the cache)."""

    facts: dict[str, FileFacts] = field(default_factory=dict)  # path from the site root
    rendered: list[str] = field(default_factory=list)          # document paths

    @property
    def paths(self) -> list[str]:
        return list(self.facts)

    def files(self) -> dict[str, tuple[int, int]]:
        """Path -> (pages, bytes) of every file, for the pages' links."""
        return {path: (f.pages, f.size) for path, f in self.facts.items()}


@dataclass(frozen=True)
class _Job:
    dataset: Dataset
    out: Path
    documents: list[Document]
    cache: outputcache.OutputCache


_RENDERER: Renderer | None = None  # one per process


def _renderer(dataset: Dataset) -> Renderer:
    global _RENDERER
    if _RENDERER is None or _RENDERER.data is not dataset:
        _RENDERER = Renderer(dataset)
    return _RENDERER


def _cached(cache: outputcache.OutputCache, digest: str, names: list[str]
            ) -> dict[str, bytes] | None:
    """Every named part of a cached document, or None when one is missing."""
    found = {}
    for name in names:
        data = cache.get(digest, name)
        if data is None:
            return None
        found[name] = data
    return found


def _make(job: _Job, index: int) -> tuple[dict[str, FileFacts], bool]:
    """Write one document's files, from the cache when its inputs are unchanged; (facts of
    every file written, whether it was rendered)."""
    renderer = _renderer(job.dataset)
    document = job.documents[index]
    source = renderer.html(document)
    digest = renderer.key(source)
    found = _cached(job.cache, digest, [*document.outputs, "pages"])
    rendered = found is None
    if found is None:
        found = renderer.parts(document, source)
        for name, data in found.items():
            job.cache.put(digest, data, name)
    pages = int(found["pages"])
    facts = {}
    for name, path in document.outputs.items():
        data = found[name]
        target = job.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        facts[path] = FileFacts(pages // 2 if name == "print" else pages, len(data))
    return facts, rendered


def _contents(dataset: Dataset, lang: str, only: list[str] | None
              ) -> Iterator[tuple[Poster, Leaflet]]:
    """The poster and the booklet of each municipality, then of the region; only those
    named in ``only`` (file names), when given."""
    index = by_municipality(dataset.providers)
    for code in dataset.region.municipalities:
        if only is None or slug(dataset.term("municipalities", code).name.fi) in only:
            yield (municipality_poster(dataset, code, lang, index),
                   municipality_leaflet(dataset, code, lang, index))
    if only is None or REGION_LEAFLET in only:
        yield region_poster(dataset, lang), region_leaflet(dataset, lang)


def documents(dataset: Dataset, only: list[str] | None = None) -> list[Document]:
    """Every document of every site language; ``only`` limits them to some file names."""
    found = []
    for lang in dataset.region.languages:
        for poster, booklet in _contents(dataset, lang, only):
            found += [Document(POSTER, poster, lang, large) for large in VARIANTS]
            found += [Document(BOOKLET, booklet, lang, large) for large in VARIANTS]
            found.append(Document(FOLDED, booklet, lang, False))
    return found


def write_leaflets(dataset: Dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None,
                   cache: outputcache.OutputCache | None = None) -> LeafletRun:
    """Every leaflet of every site language into ``out/leaflets/`` (replaced whole), on all
    cores, copied from ``cache`` (default: ``outputcache.cache_folder()``) when unchanged.
    ``only`` limits them to some file names (municipality slugs or "region"), for the
    benchmark."""
    _check_fonts()
    folder = out / "leaflets"
    if folder.exists() and only is None:
        shutil.rmtree(folder)
    found = documents(dataset, only)
    job = _Job(dataset, out, found, cache or outputcache.OutputCache(outputcache.cache_folder()))
    workers = max(1, min(workers or os.cpu_count() or 1, len(found)))
    run = LeafletRun()
    for document, (facts, rendered) in zip(found, fork_map(_make, job, range(len(found)),
                                                           workers)):
        run.facts.update(facts)
        if rendered:
            run.rendered.append(document.path)
    return run
