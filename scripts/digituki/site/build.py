"""Build the citizen site: every language through the engine, then the root pages.

The build date is an input: it fixes the schedules on the pages and, through
SOURCE_DATE_EPOCH, every date the engine writes, so the same records and date always give
the same bytes.
"""
import datetime
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

from jinja2 import Environment

from ..i18n import t
from ..model.build import Dataset
from ..resources import REPO, template_loader
from ..workers import fork_map
from .engine import build_language
from .pages import TEMPLATES, LanguageSite, language_site
from .privacy import third_party_requests
from .search import build_index


class ThirdPartyRequest(Exception):
    """A page would load something from another site."""


@contextmanager
def _source_date(day: datetime.date) -> Iterator[None]:
    stamp = datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc).timestamp()
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _write_sources(site: LanguageSite, docs: Path, bodies: Path) -> None:
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text, encoding="utf-8")
        if page.body is not None:
            body = bodies / f"{page.path}.html"
            body.parent.mkdir(parents=True, exist_ok=True)
            body.write_text(page.body, encoding="utf-8")
    for name, text in site.files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")


def _root_pages(dataset: Dataset, out: Path) -> None:
    """The language choice at the site root, and the root's 404 page."""
    languages = tuple(dataset.region.languages)
    env = Environment(loader=template_loader(TEMPLATES), autoescape=True)
    common = {"languages": languages, "base_url": _root_url(dataset),
              "demo": dataset.region.demo,
              "names": {l: t("language_name", l) for l in languages},
              "banners": {l: t("demo_banner", l) for l in languages}}
    template = env.get_template("root.html")
    (out / "index.html").write_text(template.render(
        **common, prefix="", titles={l: t("site_name", l) for l in languages}, message=None,
        more=None), encoding="utf-8")
    # Served for any missing address, so its links are absolute from the site root. Like the
    # languages' 404 pages it offers a search, the municipality list and the help line.
    (out / "404.html").write_text(template.render(
        **common, prefix=urlsplit(_root_url(dataset)).path, titles={l: t("page_not_found", l) for l in languages},
        message={l: t("page_not_found_text", l) for l in languages},
        more={l: _not_found_more(dataset, l) for l in languages}),
        encoding="utf-8")


def _root_url(dataset: Dataset) -> str:
    return dataset.region.base_url.rstrip("/") + "/"


class Helpline(TypedDict):
    name: str      # the provider's and the line's
    written: str   # the number as the record writes it
    e164: str      # for the tel: link


def _helplines(dataset: Dataset, lang: str) -> list[Helpline]:
    """The region's help lines as the 404 pages print them (none: the pages omit the line)."""
    return [{"name": f"{p.name.in_language(lang)[0]}, {sp.name.in_language(lang)[0]}",
             "written": sp.phone.written, "e164": sp.phone.e164}
            for p, sp in dataset.region_helplines()
            if sp.phone]  # every help line has one: the check tells the type checker


class NotFoundMore(TypedDict):
    """What a 404 page offers besides its message, in one language."""
    search: str
    search_button: str
    browse: str
    call: str
    helplines: list[Helpline]


def _not_found_more(dataset: Dataset, lang: str) -> NotFoundMore:
    """What the 404 pages offer besides the message: a search, the municipality list and the
    region's help line."""
    return {"search": t("not_found_search", lang), "search_button": t("search_button", lang),
            "browse": t("not_found_browse", lang), "call": t("not_found_call", lang),
            "helplines": _helplines(dataset, lang)}


def _theme_extra(dataset: Dataset, lang: str) -> dict[str, object]:
    """What our theme overrides need to know, in the page's language."""
    region = dataset.region
    languages = list(region.languages)
    return {
        "lang": lang, "languages": languages, "site_root": _root_url(dataset),
        "alternate": [{"lang": code, "name": t("language_name", code)} for code in languages],
        "choose_language": t("choose_language", lang),
        "demo": bool(region.demo), "demo_text": t("demo_banner", lang),
        "footer_links": [{"href": "accessibility/", "label": t("accessibility_statement", lang)},
                         {"href": "privacy/", "label": t("privacy_statement", lang)},
                         {"href": "network/", "label": t("for_network_members", lang)}],
        "not_found": [t("page_not_found", lang), t("page_not_found_text", lang),
                      t("back_home", lang)],
        # The 404 page offers a search, the municipality list and the region's help line.
        "not_found_more": _not_found_more(dataset, lang),
        "coordinator": {"label": t("coordinator", lang),
                        "name": region.coordinator.name.in_language(lang)[0],
                        "email": region.coordinator.email},
    }


@dataclass(frozen=True)
class _Job:
    dataset: Dataset
    out: Path
    engine: str
    content: Path
    work: Path
    leaflets: Mapping[str, tuple[int, int]] | None   # path -> (pages, bytes), for links


def _build_language(job: _Job, lang: str) -> tuple[int, int]:
    """(pages, searchable pages) of one language."""
    site = language_site(job.dataset, lang, job.content, job.leaflets)
    docs, bodies = job.work / lang / "docs", job.work / lang / "bodies"
    _write_sources(site, docs, bodies)
    if (job.out / lang).exists():
        shutil.rmtree(job.out / lang)
    build_language(job.engine, docs, bodies, job.out / lang, lang, t("site_name", lang),
                   f"{_root_url(job.dataset)}{lang}/", site.nav, _theme_extra(job.dataset, lang))
    return len(site.pages), sum(page.indexed for page in site.pages)


def build_site(dataset: Dataset, out: Path, engine: str = "mkdocs",
               content: Path = REPO / "content",
               leaflets: Mapping[str, tuple[int, int]] | None = None) -> int:
    """Build every language into ``out/<lang>/`` (languages side by side), the root pages
    and the search index; return the page count. ``leaflets``: path -> (pages, bytes) of the
    leaflet files already made, which the pages' links to them name."""
    out.mkdir(parents=True, exist_ok=True)
    languages = list(dataset.region.languages)
    with tempfile.TemporaryDirectory(prefix="digituki-pages-") as tmp, _source_date(dataset.today):
        # One process per language even on two cores: three jobs share two cores more
        # evenly than two jobs and a third that runs alone.
        workers = len(languages) if (os.cpu_count() or 1) > 1 else 1
        job = _Job(dataset, out, engine, content, Path(tmp), leaflets)
        counts = fork_map(_build_language, job, languages, workers)
    _root_pages(dataset, out)
    build_index(out, sum(searchable for _, searchable in counts))
    found = third_party_requests(out, dataset.region.base_url)
    if found:
        raise ThirdPartyRequest("\n".join(f"{file}: {url}" for file, url in found))
    return sum(pages for pages, _ in counts)
