"""Build the citizen site: every language through the engine and the privacy check of its
folder, side by side, then the root pages, the search index and the privacy check of the
rest; each redoing only what changed (``outputcache``).

The build date is an input: it fixes the schedules on the pages and, through
SOURCE_DATE_EPOCH, every date the engine writes, so the same records and date always give
the same bytes.

What is kept in the cache, from the largest shortcut to the smallest:

- a language's whole folder, keyed by the model (the records, vocabularies and region
  settings: ``model.digests``),
  the content pages, the leaflets' facts, the language, the build date, the code and the
  engine's versions: with nothing changed no page is even generated;
- each generated page's Markdown and body (``pages.language_site``), keyed by what it shows:
  the region's settings, vocabularies and build date, the digests of the providers
  ``pages.Shown`` names for it, the facts of the leaflet files it links, its path, the
  language, the code and the versions of Python and the libraries that shape its text. One
  changed record generates again its provider's page, the lists it is on and the pages that
  show every provider (home page, index lists; the report only when its facts changed).
  Beside it a small head (path, flags, content hash: ``pages.StoredPage``): a page whose
  finished HTML is cached is known by its head alone, and its text read only when the engine
  renders it;
- each page the engine renders, keyed by what shapes its HTML: its Markdown and body, the
  navigation, the theme's ``extra``, the site name and address, the language, the build date,
  the code (templates and theme overrides included), mkdocs.yml and the libraries' versions.
  Pages with a cached key are not rendered (see ``engine``), and their HTML, kept in the
  cache by its own hash (``outputcache.Kept``), is read only when the file in ``out/``
  differs. Each language's heads and finished pages looked up by a build are recalled by the
  next from one entry (``outputcache.Recall``);
- each language's frame (``engine.Frame``: every page's place and the sitemap), keyed as a
  page is and by the set of pages, from the last build that gave the engine every page: a
  build with the same pages gives it only those to render and the navigation's;
- the Pagefind bundle, keyed by the bytes of every page it reads and its version (Pagefind
  does not write its filter and meta files the same way twice: restoring the whole bundle is
  what keeps a cached build byte-identical);
- what the privacy check read in each file, by the file's bytes, and in each part of a
  rendered page (``privacy.html_urls``), by the part's bytes;
- the hash of each file of ``out/`` with its status (``outputcache.KnownFiles``), so that
  neither syncing a language, nor the privacy check, nor the index's key reads a file whose
  status is unchanged.

Every language is built into a staging folder and then synced into ``out/<lang>/``: only the
files whose bytes differ are written and files no longer made are deleted, so a server can
keep serving the site while it is rebuilt.
"""
import datetime
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

from jinja2 import Environment

from ..i18n import t
from ..model.build import Dataset
from ..model.digests import model_digests
from ..outputcache import (FileData, Input, KnownFiles, MissingBlob, OutputCache, Recall,
                           cache_folder, code_digest, key, list_files, read_tree, sync_tree,
                           versions, write_file)
from ..resources import REPO, template_loader
from ..workers import fork_map
from .engine import (CONFIG, EVERY_PAGE_FILES, VERSIONED, Built, Finished, Frame,
                     build_language, warm)
from .pages import (TEMPLATES, LanguageSite, PageGone, compile_templates, digest_of,
                    language_site, load_page, shared_facts)
from .privacy import (Parts, Requests, folder_requests, readings, refused, restored_parts,
                      stored_parts)
from .search import BUNDLE, IndexMismatch, PAGEFIND, build_index, searchable_pages


PARTS = "privacy-parts"   # the cache's part name of what parts of pages load


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


def _write_sources(site: LanguageSite, docs: Path, bodies: Path,
                   cached: Mapping[str, Finished], cache: OutputCache) -> None:
    """Write the pages the engine renders (not the ``cached`` ones, which the engine hook
    adds as files of no content: at national scale writing and deleting every page's source
    took longer than rendering the few that changed), reading from the ``cache`` those
    known by their head. The docs folder is made even when every page is cached: the
    engine requires it."""
    docs.mkdir(parents=True, exist_ok=True)
    for page in [*(page for page in site.pages if page.path not in cached),
                 *(load_page(cache, stored) for stored in site.stored
                   if stored.path not in cached)]:
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
    write_file(out / "index.html", template.render(
        **common, prefix="", titles={l: t("site_name", l) for l in languages}, message=None,
        more=None).encode())
    # Served for any missing address, so its links are absolute from the site root. Like the
    # languages' 404 pages it offers a search, the municipality list and the help line.
    write_file(out / "404.html", template.render(
        **common, prefix=urlsplit(_root_url(dataset)).path, titles={l: t("page_not_found", l) for l in languages},
        message={l: t("page_not_found_text", l) for l in languages},
        more={l: _not_found_more(dataset, l) for l in languages}).encode())


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
class SiteRun:
    """What a site build did."""
    pages: int                   # pages of every language
    rendered: tuple[str, ...]    # files the engine rendered: "fi/providers/x/index.html"
    given: int                   # pages the engine was given (rendered or not: ``engine``)
    index_rebuilt: bool          # the search index was made anew (not restored, not skipped)


def _fixed_inputs(engine: str) -> dict[str, Input]:
    """What shapes every page beyond its own content: the code (templates and theme
    overrides with it), the engine's settings and the libraries' versions."""
    return {"code": code_digest(), "engine": engine, "mkdocs.yml": CONFIG.read_bytes(),
            "versions": versions(*VERSIONED, engine)}


def _folder_digest(folder: Path) -> str:
    return key({path: data for path, data in read_tree(folder).items()}) if folder.is_dir() \
        else key({})


@dataclass(frozen=True)
class _Job:
    dataset: Dataset
    out: Path
    engine: str
    content: Path
    work: Path
    leaflets: Mapping[str, tuple[int, int]] | None   # path -> (pages, bytes), for links
    cache: OutputCache
    fixed: Mapping[str, Input]   # _fixed_inputs
    model: str                   # model_digests().whole: every field of every record
    parts: Mapping[bytes, list[str]]   # what parts of pages load (privacy.html_urls), known


@dataclass(frozen=True)
class _Built:
    pages: int
    searchable: int
    rendered: tuple[str, ...]
    given: int                         # pages the engine was given
    third_party: Requests              # what the privacy check found in the language's folder
    parts: Mapping[bytes, list[str]]   # parts of pages it read that were not known before


def _language_key(job: _Job, lang: str) -> str:
    return key({**job.fixed, "lang": lang, "model": job.model,
                "content": _folder_digest(job.content),
                "leaflets": json.dumps(sorted((job.leaflets or {}).items()))})


def _page_keys(job: _Job, site: LanguageSite, common: Mapping[str, Input]) -> dict[str, str]:
    """Source path -> cache key of every page: its text and body by their hash, kept with
    a generated page (hashing every page took a second per language at national scale)."""
    paths = "\n".join(sorted(page.path for page in site.every))
    return {page.path: key({**common, "path": page.path, "content": digest_of(page),
                            # the engine resolves a Markdown page's links to other pages
                            "pages": "" if page.has_body else paths})
            for page in site.every}


def _build_language(job: _Job, lang: str) -> _Built:
    """Build one language into a staging folder and sync it into ``out/<lang>``: from the
    cache, the whole language or page by page, or, should bytes kept there be gone since
    they were looked up (``MissingBlob``, ``PageGone``), every page rendered."""
    whole = _language_key(job, lang)
    files = job.cache.get_kept_tree(whole, "language")
    counts = job.cache.get(whole, "counts")
    try:
        if files is not None and counts is not None:
            pages, searchable = json.loads(counts)
            sync_tree(files, job.out / lang, job.cache)
            return _with_privacy_check(job, lang,
                                       _Built(pages, searchable, (), 0, NOTHING_FOUND, {}), {})
        return _render_language(job, lang, whole, finished=True)
    except (MissingBlob, PageGone):
        shutil.rmtree(job.work / lang, ignore_errors=True)   # the engine needs a new folder
        return _render_language(job, lang, whole, finished=False)


def _render_language(job: _Job, lang: str, whole: str, finished: bool) -> _Built:
    """Build one language's pages, rendering those not cached; without ``finished`` all,
    and their files kept in the cache again (some bytes kept there were damaged, and
    keeping bytes only marks those found there as used)."""
    site = language_site(job.dataset, lang, job.content, job.leaflets, job.cache,
                         heads=finished)
    docs, bodies = job.work / lang / "docs", job.work / lang / "bodies"
    staging = job.work / lang / "site"
    name, url = t("site_name", lang), f"{_root_url(job.dataset)}{lang}/"
    extra = _theme_extra(job.dataset, lang)
    # The navigation on every page names each page in it by the title given there or, for a
    # page named by path alone, by the title in its source.
    titled_by_source = {page.path: page.text for page in site.pages if page.path in site.nav}
    common = {**job.fixed, "lang": lang, "date": job.dataset.today.isoformat(),
              "site_name": name, "site_url": url,
              "nav": json.dumps([site.nav, titled_by_source], sort_keys=True,
                                ensure_ascii=False),
              "extra": json.dumps(extra, sort_keys=True, ensure_ascii=False)}
    keys = _page_keys(job, site, common)
    finished_recall = Recall(job.cache, FINISHED, f"language {lang}")
    cached = {path: page for path, digest in keys.items() if finished
              and (page := _cached_page(job.cache, finished_recall, digest)) is not None}
    _write_sources(site, docs, bodies, cached, job.cache)
    frame_key = key({**common, "pages": "\n".join(sorted(keys))})
    # Only generated pages to render (a Markdown page's links are resolved against every page)
    frame = _frame(job.cache, frame_key) if finished and all(
        page.has_body for page in site.every if page.path not in cached) else None
    built = build_language(job.engine, docs, bodies, staging, lang, name, url, site.nav,
                           extra, cached, frame)
    rendered, files = built.rendered, built.files
    for source, (output, title) in rendered.items():
        html = job.cache.keep(files[output], again=not finished)
        finished_recall.put(keys[source], _stored_page(Finished(html, title)))
    finished_recall.save()
    if frame is None:
        _keep_frame(job.cache, frame_key, built, again=not finished)
    pages, searchable = len(site.every), sum(page.indexed for page in site.every)
    tree: dict[str, FileData] = {**files, **built.kept}   # none of them written
    job.cache.put_tree(whole, tree, "language", again=not finished)
    job.cache.put(whole, json.dumps([pages, searchable]).encode(), "counts")
    sync_tree(tree, job.out / lang, job.cache)
    outputs = [output for output, _ in rendered.values()]
    built_here = _Built(pages, searchable, tuple(f"{lang}/{output}" for output in outputs),
                        built.given, NOTHING_FOUND, {})
    return _with_privacy_check(job, lang, built_here,
                               {output: files[output] for output in outputs})


def _with_privacy_check(job: _Job, lang: str, built: _Built, made: Mapping[str, bytes]
                        ) -> _Built:
    """``built`` with the privacy check of the language's folder, made in the language's
    process while the other languages are built, not in the parent one after another
    (a second at national scale); ``made``: the files just rendered, read from memory."""
    parts = dict(job.parts)
    found = _third_party(job.dataset, job.out / lang, job.cache, lang, readings(made, parts),
                         parts)
    return replace(built, third_party=found.under(lang),
                   parts={part: urls for part, urls in parts.items() if part not in job.parts})


FINISHED = "finished-kept"   # the cache's part name of a page the engine rendered
NOTHING_FOUND = Requests([], [], False)   # nothing found (yet)
ROOT_STORE = "root"   # the store of what the files outside the languages' folders load


def _stored_page(page: Finished) -> bytes:
    """A finished page as the cache keeps it: its title and the hash its HTML is kept by
    (at national scale a build looks up every page's, and reads only those it must write)."""
    return json.dumps([page.title, page.html.sha256]).encode()


FRAME = "frame"   # the cache's part name of a language's frame (``engine.Frame``)


def _frame(cache: OutputCache, digest: str) -> Frame | None:
    """The frame kept under the key, when its files are kept too."""
    stored = cache.get(digest, FRAME)
    if stored is None:
        return None
    places, hashes = json.loads(stored)
    files = {name: cache.find_kept(sha256) for name, sha256 in hashes.items()}
    found = {name: file for name, file in files.items() if file is not None}
    return Frame(places, found) if len(found) == len(files) else None


def _keep_frame(cache: OutputCache, digest: str, built: Built, again: bool) -> None:
    """Keep the frame of a build the engine was given every page of (unless kept: a build
    that renders a content page gives every page, and the frame is the same)."""
    if not again and cache.has(digest, FRAME):
        return
    hashes = {name: cache.keep(built.files[name], again=again).sha256
              for name in EVERY_PAGE_FILES if name in built.files}
    cache.put(digest, json.dumps([built.places, hashes], sort_keys=True).encode(), FRAME)


def _cached_page(cache: OutputCache, finished_recall: Recall, digest: str) -> Finished | None:
    """The finished page cached under the key, when its HTML is kept too."""
    stored = finished_recall.get(digest)
    if stored is None:
        return None
    title, sha256 = json.loads(stored)
    html = cache.find_kept(sha256)
    return None if html is None else Finished(html, title)


def build_site(dataset: Dataset, out: Path, engine: str = "mkdocs",
               content: Path = REPO / "content",
               leaflets: Mapping[str, tuple[int, int]] | None = None, *,
               cache: OutputCache | None = None, index: bool = True) -> SiteRun:
    """Build every language into ``out/<lang>/`` (languages side by side), the root pages
    and, unless ``index`` is false (see ``update_index``), the search index; check that no
    page loads anything from another site. ``leaflets``: path -> (pages, bytes) of the
    leaflet files already made, which the pages' links to them name. ``cache``: where
    outputs are kept by their inputs (default: ``outputcache.cache_folder()``)."""
    cache = cache or OutputCache(cache_folder())
    out.mkdir(parents=True, exist_ok=True)
    languages = list(dataset.region.languages)
    with tempfile.TemporaryDirectory(prefix="digituki-pages-") as tmp, _source_date(dataset.today):
        # One process per language even on two cores: three jobs share two cores more
        # evenly than two jobs and a third that runs alone.
        workers = len(languages) if (os.cpu_count() or 1) > 1 else 1
        parts = _known_parts(cache, dataset.today)
        # The model digested once, here: the languages' processes inherit it.
        job = _Job(dataset, out, engine, content, Path(tmp), leaflets, cache,
                   _fixed_inputs(engine), model_digests(dataset).whole, parts)
        if any(cache.get(_language_key(job, lang), "counts") is None for lang in languages):
            shared_facts(dataset)   # and the sessions and report, when a language renders
        warm(engine)   # and the engine, imported and configured once
        compile_templates()   # and the page templates
        # Forked workers (with more than one) make no full collections (workers._worker_start).
        built = fork_map(_build_language, job, languages, workers, full_collections=False)
    known = len(parts)
    for language in built:
        parts.update(language.parts)
    _root_pages(dataset, out)
    rebuilt = False
    if index:
        searchable = sum(language.searchable for language in built)
        found = searchable_pages(out)
        if found != searchable:
            raise IndexMismatch(f"{found} pages are marked searchable; the build made "
                                f"{searchable} searchable pages")
        rebuilt = update_index(dataset, out, cache)
    check_privacy(dataset, out, cache, parts=parts,
                  checked={language: result.third_party
                           for language, result in zip(languages, built)})
    if len(parts) > known:
        cache.put(_parts_key(dataset.today), stored_parts(parts), PARTS)
    return SiteRun(sum(language.pages for language in built),
                   tuple(path for language in built for path in language.rendered),
                   sum(language.given for language in built), rebuilt)


def update_index(dataset: Dataset, out: Path, cache: OutputCache | None = None) -> bool:
    """Bring ``out/pagefind/`` up to date with the pages in ``out``: restored from the cache
    when Pagefind has indexed the same pages before, else made anew (True)."""
    cache = cache or OutputCache(cache_folder())
    noted = KnownFiles(cache, out, "index")
    pages: dict[str, Input] = {f"page {name}": noted.sha256(name) for name in list_files(out)
                               if name.endswith(".html") and not name.startswith(f"{BUNDLE}/")}
    noted.save()
    digest = key({**pages, "pagefind": versions(*PAGEFIND), "code": code_digest()})
    return cache.restore_or_make(digest, out, BUNDLE, lambda staging: build_index(
        out, searchable_pages(out), staging / BUNDLE), "index")


def _privacy_key() -> str:
    """The key of what the privacy check has read: its code, Python's HTML parser and
    tinycss2 read it (Python's security releases have changed how HTML is parsed)."""
    return key({"code": code_digest(), "part": "privacy", "python": sys.version,
                "versions": versions("tinycss2")})


def _known_parts(cache: OutputCache, day: datetime.date) -> dict[bytes, list[str]]:
    """What parts of pages read before load (``privacy.html_urls``), read in the parent
    before the languages fork: a language reads only the parts of its pages that changed."""
    stored = cache.get(_parts_key(day), PARTS)
    return restored_parts(stored) if stored else {}


def _parts_key(day: datetime.date) -> str:
    """The key of the parts known for pages built for ``day``. The build date is an input of
    every page (the cards name their next session), so parts seen for another day hardly
    come again: kept together, the store grew by a hundred thousand parts a day at national
    scale, all read before every build."""
    return key({"privacy": _privacy_key(), "date": day.isoformat()})


def check_privacy(dataset: Dataset, out: Path, cache: OutputCache | None = None, *,
                  parts: Parts | None = None, checked: Mapping[str, Requests] | None = None
                  ) -> None:
    """Refuse a site whose pages would load anything from another site (ThirdPartyRequest).
    ``parts``: what parts of pages load, known and added to (a listing page restored from
    the cache is read in parts, not parsed whole: nine of them took 15 s at national
    scale); ``checked``: top-level folders checked already (the languages', in their own
    processes) and what was found there."""
    checked = checked or {}
    rest = _third_party(dataset, out, cache or OutputCache(cache_folder()), ROOT_STORE, {},
                        parts, skip=frozenset(checked))
    found = refused([*checked.values(), rest])
    if found:
        raise ThirdPartyRequest("\n".join(f"{file}: {url}" for file, url in found))


def _third_party(dataset: Dataset, folder: Path, cache: OutputCache, store: str,
                 fresh: Mapping[str, list[str]], parts: Parts | None,
                 skip: frozenset[str] = frozenset()) -> Requests:
    """What the files of ``folder`` (but its top-level folders ``skip``) load from another
    site. What each file loads is kept by the file's bytes (in the ``store`` of that name),
    and each file's reading key by its status (``KnownFiles``), so only changed files are
    read; ``fresh``: readings of files just made (``privacy.readings``)."""
    digest = key({"privacy": _privacy_key(), "store": store})
    stored = cache.get(digest, "readings")
    kept: dict[str, list[str]] = json.loads(stored) if stored else {}
    seen: dict[str, list[str]] = {}
    noted = KnownFiles(cache, folder, "privacy")
    found = folder_requests(folder, dataset.region.base_url, {**kept, **fresh}, seen, noted,
                            parts, skip)
    noted.save()
    if seen != kept:
        cache.put(digest, json.dumps(seen, sort_keys=True).encode(), "readings")
    return found
