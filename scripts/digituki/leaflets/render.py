"""Leaflets as tagged PDF: the print templates in ``theme_overrides/print/`` through Jinja2,
then WeasyPrint (PDF/UA-1: tagged, with the document's language and title).

Fonts come from files, never from the network: DejaVu Sans from Debian's
``fonts-dejavu-core`` (every Finnish and Swedish letter), embedded in every PDF. The build
date is the print date and the PDF's creation date, so the same records and date give the
same bytes.
"""
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import segno
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..model.build import Dataset
from ..model.urls import leaflet_path
from ..present import hours_view
from ..present.markup import term_functions, txt
from ..i18n import t
from ..resources import template_loader, theme_folder
from ..workers import fork_map
from ..values.contact import link_problem
from . import LeafletError
from .content import Leaflet, leaflets

TEMPLATES = "print"  # the print templates (see resources)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"normal": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT_PACKAGE = "fonts-dejavu-core"
VARIANTS = (False, True)  # normal, large print


def _check_fonts() -> None:
    missing = [str(path) for path in FONTS.values() if not path.is_file()]
    if missing:
        raise LeafletError(f"font not found: {', '.join(missing)}; install the Debian package "
                           f"{FONT_PACKAGE} (apt-get install {FONT_PACKAGE})")


def _css_string(value: str) -> Markup:
    """A CSS string literal, for the page header and footer in the template's <style>."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in value)
    return Markup(f'"{escaped}"')


def qr_svg(url: str, lang: str) -> Markup:
    """The address as an inline SVG QR code; its <title> is the figure's alternative text."""
    return Markup(segno.make(url, error="m").svg_inline(
        omitsize=True, title=t("qr_code", lang).format(url=url), svgclass="qr"))


class Renderer:
    """Renders the leaflets of one dataset; keeps the parsed stylesheet and fonts."""

    def __init__(self, dataset: Dataset):
        _check_fonts()
        self.data = dataset
        self.env = Environment(loader=template_loader(TEMPLATES), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
        self.env.filters["css_string"] = _css_string
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

    def html(self, leaflet: Leaflet, lang: str, large: bool) -> str:
        today = self.data.today
        region = self.data.region
        title = t("site_name", lang) + " – " + leaflet.title.in_language(lang)[0]
        if large:
            title += f" ({t('large_print', lang)})"
        return self.env.get_template("leaflet.html").render(
            data=self.data, leaflet=leaflet, lang=lang, large=large, title=title,
            ui=lambda key: t(key, lang), demo=bool(region.demo),
            stamp=today.isoformat(),
            printed=t("printed_on", lang).format(date=hours_view.date_text(today, lang, False)),
            hours_in_words=lambda hours: hours_view.hours_in_words(hours, today, lang),
            date_text=lambda day: hours_view.date_text(day, lang),
            span=lambda a, b: hours_view.span(a, b, lang),
            verified_text=lambda p: hours_view.verified_text(p, lang),
            qr=lambda url: qr_svg(url, lang))

    def pdf(self, leaflet: Leaflet, lang: str, large: bool) -> bytes:
        source = self.html(leaflet, lang, large)
        document = HTML(string=source, base_url=theme_folder(TEMPLATES).as_uri() + "/",
                        url_fetcher=self.fetcher)
        return document.write_pdf(
            stylesheets=self.css, font_config=self.fonts, pdf_variant="pdf/ua-1",
            # Same input, same identifier: the bytes depend only on the records and date.
            pdf_identifier=hashlib.sha256(source.encode()).hexdigest()[:32].encode())


@dataclass(frozen=True)
class _Job:
    dataset: Dataset
    out: Path
    leaflets: dict  # lang -> [Leaflet]


_RENDERER: Renderer | None = None  # one per process


def _write(job: _Job, task: tuple[str, int, bool]) -> str:
    global _RENDERER
    lang, index, large = task
    if _RENDERER is None or _RENDERER.data is not job.dataset:
        _RENDERER = Renderer(job.dataset)
    leaflet = job.leaflets[lang][index]
    path = leaflet_path(lang, leaflet.name, large)
    target = job.out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_RENDERER.pdf(leaflet, lang, large))
    return path


def write_leaflets(dataset: Dataset, out: Path, workers: int | None = None,
                   only: list[str] | None = None) -> list[str]:
    """Every leaflet of every site language into ``out/leaflets/`` (replaced whole), on all
    cores; return their paths from ``out``. ``only`` limits them to some file names
    (municipality slugs or "region"), for the benchmark."""
    _check_fonts()
    folder = out / "leaflets"
    if folder.exists() and only is None:
        shutil.rmtree(folder)
    by_lang = {lang: leaflets(dataset, lang) for lang in dataset.region.languages}
    tasks = [(lang, i, large) for lang, found in by_lang.items()
             for i, leaflet in enumerate(found) if only is None or leaflet.name in only
             for large in VARIANTS]
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    return fork_map(_write, _Job(dataset, out, by_lang), tasks, workers)
