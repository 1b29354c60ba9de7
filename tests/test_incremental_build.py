"""Builds redo only what changed (issue 14): a build from the cache gives the clean build's
bytes; one changed opening hour renders again the pages that show it and the leaflets of its
municipality and the region, nothing else, and leaves every other file of the site in place;
changed back, the site is the clean build's again, byte for byte.

The builds are shared by the tests (a demo build is half a minute on a busy machine): a
copy of the demo records and a cache folder of its own in a temporary folder.
"""
import datetime
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from digituki import cli
from digituki.cli import main
from digituki.leaflets import write_leaflets
from digituki.leaflets.render import LeafletRun, Renderer, documents
from digituki.model.build import Dataset, load_dataset
from digituki.model.urls import BOOKLET, REGION_LEAFLET
from digituki.outputcache import ENVIRONMENT, OutputCache
from digituki.present.grouping import by_municipality
from digituki.present.names import slug
from digituki.site.build import FINISHED, SiteRun, build_site
from digituki.site.engine import nav_sources
from digituki.site.pages import language_site, url_of

from browser_support import DEMO, DEMO_TODAY
from conftest import REPO, TODAY, VALID

PROVIDER = "auran-kirjasto"
# Its help session at the library, on Tuesdays half an hour longer.
BEFORE = 'hours: "Tu 14:00-17:00; Fr 10:00-12:00; PH off"'
AFTER = 'hours: "Tu 14:00-17:30; Fr 10:00-12:00; PH off"'
CONTENT = REPO / "content"
SITEMAP = "sitemap.xml"   # lists every page


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: the same only if it was not written."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def _build(data: Path, out: Path) -> None:
    assert main(["build", "--data", str(data), "--out", str(out),
                 "--today", DEMO_TODAY.isoformat()]) == 0


def _model(data: Path) -> Dataset:
    return _model_at(data, DEMO_TODAY)


def _model_at(data: Path, day: datetime.date) -> Dataset:
    dataset, result = load_dataset(data, day)
    assert dataset is not None, result.problems
    return dataset


@dataclass
class Builds:
    clean: dict[str, bytes]         # the first build, with an empty cache
    cached: dict[str, bytes]        # the same records into a new folder, from the cache
    before: Dataset
    after: Dataset                  # one opening hour changed
    leaflets_before: LeafletRun     # the unchanged records' leaflets, all from the cache
    leaflets: LeafletRun            # the changed record's build, in place
    site: SiteRun
    changed: dict[str, bytes]
    stamps_before: dict[str, tuple[int, int]]
    stamps_after: dict[str, tuple[int, int]]
    back: dict[str, bytes]          # changed back, with the cache of whole languages gone
    # and the finished pages the changed build did not use: rendered again, with a frame
    back_site: SiteRun


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    base = tmp_path_factory.mktemp("incremental")
    data, out, cache_folder = base / "providers", base / "site", base / "cache"
    shutil.copytree(DEMO, data)
    record = data / f"{PROVIDER}.yaml"
    text = record.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    cache = OutputCache(cache_folder)
    with pytest.MonkeyPatch.context() as env:
        env.setenv(ENVIRONMENT, str(cache_folder))
        _build(data, out)
        clean = _files(out)
        _build(data, base / "again")
        cached = _files(base / "again")

        before = _model(data)
        leaflets_before = write_leaflets(before, base / "leaflets-before", cache=cache)
        record.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
        after = _model(data)
        stamps_before = _stamps(out)
        leaflets = write_leaflets(after, out, cache=cache)
        changing = time.time()
        site = build_site(after, out, leaflets=leaflets.files(), cache=cache)
        changed, stamps_after = _files(out), _stamps(out)

        record.write_text(text, encoding="utf-8")
        # Without the whole languages kept, every page comes through the engine's page cache;
        # without the finished pages the changed build did not look up (those it marked used
        # are newer), the pages it changed are rendered back.
        for entry in cache_folder.rglob("*.language"):
            entry.unlink()
        for entry in cache_folder.rglob(f"*.{FINISHED}"):
            if entry.stat().st_mtime < changing:
                entry.unlink()
        runs: list[SiteRun] = []
        env.setattr(cli, "build_site", lambda *args, **kwargs: runs.append(
            build_site(*args, **kwargs)) or runs[-1])
        _build(data, out)
        back = _files(out)
    return Builds(clean, cached, before, after, leaflets_before, leaflets, site, changed,
                  stamps_before, stamps_after, back, runs[0])


def test_a_cached_build_is_byte_identical_to_a_clean_one(builds):
    assert sorted(builds.cached) == sorted(builds.clean)
    assert [name for name in builds.clean if builds.cached[name] != builds.clean[name]] == []
    # the search index and the leaflets are part of it
    assert any(name.startswith("pagefind/filter/") for name in builds.clean)
    assert any(name.endswith(".pdf") for name in builds.clean)


def _changed_pages(builds: Builds) -> set[str]:
    """The pages whose content differs between the two models, as the page generator makes
    them (with each build's leaflets, whose links name their sizes): what must be rendered."""
    found = set()
    for lang in builds.before.region.languages:
        old = {page.path: page for page in language_site(
            builds.before, lang, CONTENT, builds.leaflets_before.files()).pages}
        new = language_site(builds.after, lang, CONTENT, builds.leaflets.files()).pages
        assert sorted(old) == sorted(page.path for page in new)
        found |= {f"{lang}/{url_of(page.path)}index.html" for page in new
                  if (page.text, page.body) != (old[page.path].text, old[page.path].body)}
    return found


def test_one_changed_hour_renders_the_pages_that_show_it_and_no_other(builds):
    rendered = set(builds.site.rendered)
    assert len(rendered) == len(builds.site.rendered)
    assert rendered == _changed_pages(builds)
    languages = builds.after.region.languages
    # among them the provider's own page and its municipality's, in every language ...
    assert {f"{lang}/{page}" for lang in languages
            for page in (f"providers/{PROVIDER}/index.html", "municipalities/aura/index.html")
            } <= rendered
    # ... and no other provider's page
    assert [p for p in rendered if "/providers/" in p and PROVIDER not in p] == []
    assert builds.site.index_rebuilt
    # the new hour is on the page
    page = builds.changed[f"fi/providers/{PROVIDER}/index.html"].decode()
    assert "ti 14–17.30" in page
    assert "ti 14–17.30" not in builds.clean[f"fi/providers/{PROVIDER}/index.html"].decode()


def _given(run: SiteRun, dataset: Dataset) -> set[str]:
    """The pages a build with a frame gives the engine: those it renders and the
    navigation's."""
    given = set(run.rendered)
    for lang in dataset.region.languages:
        nav = language_site(dataset, lang, CONTENT).nav
        given |= {f"{lang}/{url_of(source)}index.html" for source in nav_sources(nav)}
    return given


def test_the_engine_is_given_only_the_pages_it_renders_and_the_navigation(builds):
    """With the same pages as the last build given every page (only what some of them say
    changed), the engine is not given the cached pages outside the navigation: their places
    and the sitemap come from that build (``engine.Frame``). The pages it renders so are the
    clean build's, byte for byte, when changed back (the test below)."""
    assert builds.site.given == len(_given(builds.site, builds.after)) < builds.site.pages / 3
    assert builds.back_site.given == len(_given(builds.back_site, builds.before))
    assert set(builds.back_site.rendered) == set(builds.site.rendered)
    assert f"fi/{SITEMAP}" in builds.changed
    assert builds.changed[f"fi/{SITEMAP}"] == builds.clean[f"fi/{SITEMAP}"]


def test_with_a_page_fewer_the_engine_is_given_every_page_and_the_site_is_a_clean_one(
        tmp_path):
    """A frame is kept for one set of pages: with a provider gone, the engine is given every
    page, and the site (its sitemaps too) is what a build from an empty cache makes."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    cache = OutputCache(tmp_path / "cache")
    build_site(_model_at(data, TODAY), tmp_path / "site", cache=cache, index=False)
    (data / "minimal.yaml").unlink()
    fewer = _model_at(data, TODAY)
    run = build_site(fewer, tmp_path / "site", cache=cache, index=False)
    assert run.given == run.pages
    build_site(fewer, tmp_path / "clean", cache=OutputCache(tmp_path / "empty"), index=False)
    assert _files(tmp_path / "site") == _files(tmp_path / "clean")
    assert "minimal" not in _files(tmp_path / "site")[f"fi/{SITEMAP}"].decode()


def test_one_changed_hour_renders_the_leaflets_of_its_municipality_and_the_region(builds):
    """Exactly the leaflets whose HTML differs (derived, not counted: today all five
    documents of Aura and of the region in every language), all of them of its municipality
    or the region, its municipality's booklets among them."""
    assert builds.leaflets_before.rendered == []
    provider = next(p for p in builds.after.providers if p.id == PROVIDER)
    names = {slug(builds.after.term("municipalities", code).name.fi)
             for code, (here, remote) in by_municipality(builds.after.providers).items()
             if provider in here or provider in remote} | {REGION_LEAFLET}
    assert names == {"aura", REGION_LEAFLET}
    old, new = Renderer(builds.before), Renderer(builds.after)
    differing = {document.path for before, document in zip(documents(builds.before),
                                                            documents(builds.after))
                 if old.html(before) != new.html(document)}
    assert sorted(builds.leaflets.rendered) == sorted(differing)
    assert {d.content.name for d in documents(builds.after) if d.path in differing} == names
    assert {d.path for d in documents(builds.after, ["aura"]) if d.kind == BOOKLET} <= differing


def test_files_that_did_not_change_are_not_written_again(builds):
    """The site is synced in place (a server keeps serving it), not deleted and rewritten.
    The leaflets' folder is written whole by write_leaflets, and not looked at here."""
    kept = [name for name, data in builds.changed.items()
            if not name.startswith("leaflets/") and builds.clean.get(name) == data]
    assert {f"{lang}/providers/oripaan-kirjasto/index.html" for lang in ("fi", "sv", "en")
            } <= set(kept)
    assert [name for name in kept if builds.stamps_after[name] != builds.stamps_before[name]] == []
    assert [name for name in builds.changed if name not in builds.clean] == \
        [name for name in builds.changed if name.startswith("pagefind/")
         and name not in builds.clean]
    # what is no longer made is gone: Pagefind's old files named by their hash
    assert not set(builds.clean) - set(builds.changed) - {
        name for name in builds.clean if name.startswith("pagefind/")}


def test_changed_back_the_site_is_the_clean_build_again(builds):
    assert sorted(builds.back) == sorted(builds.clean)
    assert [name for name in builds.clean if builds.back[name] != builds.clean[name]] == []
