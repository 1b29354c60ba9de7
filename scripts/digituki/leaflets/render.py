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

Only what changed is made again (``outputcache``), on two levels. A municipality's documents
in a language are kept under a digest of what they show: the providers with a place there or
remote help for it, the region's settings, the vocabularies, the build date, this package's
code and templates, the fonts and the libraries (``_units``); while it is unchanged they are
copied without their content or HTML being made, which at national scale is most of the
work of a one-record change. Whatever ``content`` and ``poster`` put on a municipality's
leaflets must therefore come from those inputs. Otherwise each PDF is kept under a hash of
its HTML (its records, templates, styles, language, size and the build date), the fonts and
the code and versions that turn HTML into PDF, and an unchanged one is copied. The region's
documents show every provider: any change makes their HTML again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .. import outputcache
from ..i18n import t, weekday_names
from ..model.build import Dataset
from ..model.digests import model_digests
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
from .inputs import FONT_PACKAGE, FONTS, shared_inputs
from .template_functions import LeafletFunctions

TEMPLATES = "print"  # the print templates (see resources)
VARIANTS = (False, True)  # normal, large print
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)   # a print template's own style
# What turns the HTML into PDF bytes, besides the HTML: part of every cache key.
CODE = (Path(__file__), Path(imposition.__file__))
# What shapes a leaflet's HTML besides the model and this package (hours and dates in words,
# phone numbers, the templates): part of a municipality's digest (``_units``).
CONTENT_LIBRARIES = ("jinja2", "markupsafe", "opening-hours-py", "babel", "phonenumbers")


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


def _fixed_inputs() -> dict[str, outputcache.Input]:
    """The cache key's inputs that every leaflet shares: fonts, code, library versions."""
    found = shared_inputs()
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
        self.base_url = theme_folder(TEMPLATES).as_uri() + "/"
        self.styles: dict[str, CSS] = {}   # a document's <style>, parsed once (``_style``)
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

    def html(self, document: Document) -> str:
        """The document's HTML."""
        lang = document.lang
        context = self._common(document)
        if isinstance(document.content, Poster):
            heading = (f"{t('leaflet.poster_title', lang)}: "
                       f"{document.content.title.in_language(lang)[0]}")
            return self.env.get_template("poster.html").render(
                poster=document.content, title=self._title(document), heading=heading,
                weekday_names=weekday_names(lang, "short"), **context)
        return self.env.get_template("leaflet.html").render(
            leaflet=document.content, title=self._title(document),
            page_size="A5" if document.kind == FOLDED else "A4", **context)

    def notes_html(self, document: Document, notes: int) -> str:
        """``notes`` pages for notes, to add after a folded booklet's last page."""
        return self.env.get_template("notes.html").render(
            title=self._title(document), notes=notes, page_size="A5",
            **self._common(document))

    def key(self, document: Document, source: str) -> str:
        """The key of a document's files: its HTML (and a folded booklet's pages for notes)
        with the fonts, code and versions that turn it into PDF."""
        # The most pages for notes a booklet can need: the template repeats one page, so
        # their HTML names what any number of them looks like.
        notes = self.notes_html(document, imposition.PAGES_PER_SHEET - 1) \
            if document.kind == FOLDED else ""
        return outputcache.key({"html": source, "notes": notes, **self.fixed})

    def _style(self, source: str) -> tuple[str, list[CSS]]:
        """The HTML without its one <style> element, and the stylesheets to lay it out with:
        that style parsed once per process (a leaflet's style depends only on its kind,
        size and language) after the font faces. Moving the whole author style to the
        stylesheets given to WeasyPrint keeps every rule's order and weight (nothing else
        is in the author's origin but style attributes, which win either way): the PDF is
        the same byte for byte."""
        found = _STYLE.findall(source)
        if len(found) != 1:
            return source, self.css
        text = found[0]
        if text not in self.styles:
            self.styles[text] = CSS(string=text, base_url=self.base_url, font_config=self.fonts)
        return _STYLE.sub("", source, count=1), [*self.css, self.styles[text]]

    def _layout(self, source: str) -> weasyprint.Document:
        """The HTML laid out in pages (most of a leaflet's cost), not yet written as PDF."""
        html, stylesheets = self._style(source)
        return HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
            stylesheets=stylesheets, font_config=self.fonts)

    @staticmethod
    def _write(laid_out: weasyprint.Document, source: str) -> bytes:
        pdf: bytes = laid_out.write_pdf(
            pdf_variant="pdf/ua-1",
            # Same input, same identifier: the bytes depend only on the records and date.
            pdf_identifier=hashlib.sha256(source.encode()).hexdigest()[:32].encode())
        return pdf

    def parts(self, document: Document, source: str) -> dict[str, bytes]:
        """Every file of the document, by cache part name, and its page count ("pages").
        A folded booklet gets the pages for notes its last sheet needs laid out on their
        own and added after its pages (``Document.copy``, as WeasyPrint combines documents):
        laying it out again with them took a third of the folded booklets' time, about a
        seventh of all leaflets'."""
        laid_out = self._layout(source)
        if document.kind == FOLDED:
            notes = imposition.notes_pages(len(laid_out.pages))
            if notes:
                added = self._layout(self.notes_html(document, notes))
                laid_out = laid_out.copy([*laid_out.pages, *added.pages])
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
class _Unit:
    """The documents of one municipality (``code``) or of the region (``code`` None) in one
    language, and the digest of everything they show."""

    code: str | None
    lang: str
    digest: str


@dataclass(frozen=True)
class _Job:
    dataset: Dataset
    out: Path
    units: list[_Unit]
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


def _place(out: Path, outputs: Mapping[str, str], found: Mapping[str, bytes]
           ) -> dict[str, FileFacts]:
    """Write a document's files (part name -> path); the facts of each."""
    pages = int(found["pages"])
    facts = {}
    for name, path in outputs.items():
        data = found[name]
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        facts[path] = FileFacts(pages // 2 if name == "print" else pages, len(data))
    return facts


Made = tuple[str, dict[str, FileFacts], bool]   # document path, its files' facts, rendered


def _make(job: _Job, document: Document) -> tuple[Made, str]:
    """Write one document's files, from the cache when its HTML is unchanged; and the key
    of its HTML."""
    renderer = _renderer(job.dataset)
    source = renderer.html(document)
    digest = renderer.key(document, source)
    found = _cached(job.cache, digest, [*document.outputs, "pages"])
    rendered = found is None
    if found is None:
        found = renderer.parts(document, source)
        for name, data in found.items():
            job.cache.put(digest, data, name)
    return (document.path, _place(job.out, document.outputs, found), rendered), digest


_MANIFEST = "leaflet-unit"   # a unit's documents: [path, outputs, key of its HTML] each


def _copied(job: _Job, unit: _Unit) -> list[Made] | None:
    """A unit's documents copied from the cache by its manifest, without making their
    content or HTML; None when the manifest or a file it names is missing."""
    manifest = job.cache.get(unit.digest, _MANIFEST)
    if manifest is None:
        return None
    found = []
    for path, outputs, digest in json.loads(manifest):
        parts = _cached(job.cache, digest, [*outputs, "pages"])
        if parts is None:
            return None
        found.append((path, outputs, parts))
    return [(path, _place(job.out, outputs, parts), False) for path, outputs, parts in found]


def _make_unit(job: _Job, number: int) -> list[Made]:
    """Every document of a unit: copied as a whole when nothing it shows changed, else made
    document by document (each still copied when its HTML is unchanged)."""
    unit = job.units[number]
    copied = _copied(job, unit)
    if copied is not None:
        return copied
    made, manifest = [], []
    for document in _unit_documents(job.dataset, unit.code, unit.lang):
        done, digest = _make(job, document)
        made.append(done)
        manifest.append([document.path, document.outputs, digest])
    job.cache.put(unit.digest, json.dumps(manifest).encode(), _MANIFEST)
    return made


def _unit_documents(dataset: Dataset, code: str | None, lang: str,
                    index: dict[str, tuple[list[Any], list[Any]]] | None = None
                    ) -> list[Document]:
    """The poster, the booklet and the folded booklet of a municipality or the region."""
    if code is None:
        poster, booklet = region_poster(dataset, lang), region_leaflet(dataset, lang)
    else:
        index = index if index is not None else by_municipality(dataset.providers)
        poster = municipality_poster(dataset, code, lang, index)
        booklet = municipality_leaflet(dataset, code, lang, index)
    return [*(Document(POSTER, poster, lang, large) for large in VARIANTS),
            *(Document(BOOKLET, booklet, lang, large) for large in VARIANTS),
            Document(FOLDED, booklet, lang, False)]


def _codes(dataset: Dataset, only: list[str] | None) -> list[str | None]:
    """The municipalities, then the region (None); only those named in ``only`` (file
    names), when given."""
    found: list[str | None] = [
        code for code in dataset.region.municipalities
        if only is None or slug(dataset.term("municipalities", code).name.fi) in only]
    return found + [None] if only is None or REGION_LEAFLET in only else found


def documents(dataset: Dataset, only: list[str] | None = None) -> list[Document]:
    """Every document of every site language; ``only`` limits them to some file names."""
    index = by_municipality(dataset.providers)
    return [document for lang in dataset.region.languages for code in _codes(dataset, only)
            for document in _unit_documents(dataset, code, lang, index)]


def _units(dataset: Dataset, only: list[str] | None, fixed: Mapping[str, outputcache.Input]
           ) -> list[_Unit]:
    """Every unit with the digest of what its documents show. A municipality's leaflets
    show the providers with a place there or remote help for it (``by_municipality``), the
    region's settings, the vocabularies and the build date, laid out by this code, fonts
    and libraries; the region's show every provider. A municipality's digest names those
    providers only, so a changed record makes again the leaflets of the municipalities it
    reaches and the region's, and the others are copied without being made."""
    index = by_municipality(dataset.providers)
    digests = model_digests(dataset)
    shared = outputcache.key({"model": digests.shared,
                              "code": outputcache.code_digest(),
                              "content libraries": outputcache.versions(*CONTENT_LIBRARIES),
                              **fixed})
    found = []
    for lang in dataset.region.languages:
        for code in _codes(dataset, only):
            if code is None:
                shown = digests.whole
            else:
                here, remote = index.get(code, ([], []))
                shown = digests.shown([*here, *remote])
            found.append(_Unit(code, lang, outputcache.key(
                {"shared": shared, "lang": lang, "unit": code or REGION_LEAFLET,
                 "shown": shown})))
    return found


def write_leaflets(dataset: Dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None,
                   cache: outputcache.OutputCache | None = None) -> LeafletRun:
    """Every leaflet of every site language into ``out/leaflets/`` (replaced whole), on all
    cores, copied from ``cache`` (default: ``outputcache.cache_folder()``) when unchanged:
    a municipality's without making them when nothing they show changed (``_units``), else
    each whose HTML is unchanged. ``only`` limits them to some file names (municipality
    slugs or "region"), for the benchmark."""
    _check_fonts()
    folder = out / "leaflets"
    if folder.exists() and only is None:
        shutil.rmtree(folder)
    units = _units(dataset, only, _fixed_inputs())
    job = _Job(dataset, out, units, cache or outputcache.OutputCache(outputcache.cache_folder()))
    workers = max(1, min(workers or os.cpu_count() or 1, len(units)))
    run = LeafletRun()
    for made in fork_map(_make_unit, job, range(len(units)), workers):
        for path, facts, rendered in made:
            run.facts.update(facts)
            if rendered:
                run.rendered.append(path)
    return run
