"""Generated pages come from the cache when nothing they show changed (issue 14), and their
key is complete: a wrong opening hour left on a municipality's list is what this must never do.

A page's key names the providers ``pages.Shown`` says it shows (with the region's settings,
vocabularies, build date, language, code and the facts of the leaflets it links). Every page
of the demo, in every language, is rendered from the whole dataset and from a dataset of
those providers alone (and only the facts of its own leaflets): they must be the same. Then
no change to another record can change the page without changing its key.
"""
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from digituki.model.build import Dataset
from digituki.outputcache import BLOB, OutputCache
from digituki.site.build import FINISHED, build_site
from digituki.model.digests import model_digests
from digituki.site import pages
from digituki.site.pages import (CARD, CARD_LIST, GENERATED, GENERATED_HEAD, LanguageSite, Page,
                                 PagePlan, Shown, _Renderer, language_site, page_key, page_plans,
                                 report_facts)

from browser_support import DEMO
from conftest import REPO, VALID
from test_incremental_build import AFTER, BEFORE, PROVIDER, _files, _model

CONTENT = REPO / "content"
REPORT = "network/report.md"


def _leaflet_facts(dataset: Dataset) -> dict[str, tuple[int, int]]:
    """Facts for every leaflet file a page links, each different (pages, bytes)."""
    paths = sorted({path for lang in dataset.region.languages
                    for plan in page_plans(dataset, lang, Shown(dataset)) for path in plan.links})
    return {path: (1 + n % 3, 20_000 + 1_000 * n) for n, path in enumerate(paths)}


def alone(dataset: Dataset, lang: str, plan: PagePlan,
          leaflets: dict[str, tuple[int, int]]) -> Page:
    """The page rendered from a dataset of only the providers its key names, with only the
    facts of the leaflet files it links and, for the report, whose key names its own facts
    (``pages.report_facts``), those of the whole dataset."""
    ids = {p.id for p in plan.shows}
    part = replace(dataset, providers=tuple(p for p in dataset.providers if p.id in ids))
    (twin,) = [found for found in page_plans(part, lang, Shown(part)) if found.path == plan.path]
    assert [p.id for p in twin.shows] == [p.id for p in plan.shows]
    facts = {path: leaflets[path] for path in plan.links if path in leaflets}
    with pytest.MonkeyPatch.context() as patch:
        if plan.facts is not None:
            whole = report_facts(dataset)
            patch.setattr(pages, "report_facts", lambda _: whole)
        return twin.render(_Renderer(part, lang, facts))


def incomplete_keys(dataset: Dataset, leaflets: dict[str, tuple[int, int]]) -> list[str]:
    """The pages (lang/path) that differ when rendered from what their key names alone."""
    wrong = []
    for lang in dataset.region.languages:
        whole = _Renderer(dataset, lang, leaflets)
        for plan in page_plans(dataset, lang, whole.shown):
            if plan.render(whole) != alone(dataset, lang, plan, leaflets):
                wrong.append(f"{lang}/{plan.path}")
    return wrong


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return _model(DEMO)


def test_every_page_is_the_same_from_the_providers_its_key_names(demo):
    leaflets = _leaflet_facts(demo)
    assert incomplete_keys(demo, leaflets) == []
    # The check means something: a municipality's page shows a few of the providers, the
    # report none but its facts.
    plans = page_plans(demo, "fi", Shown(demo))
    assert any(len(plan.shows) < len(demo.providers) / 3 for plan in plans
               if plan.path.startswith("municipalities/"))
    assert [plan.path for plan in plans if plan.facts is not None and not plan.shows] == [
        REPORT]


def _report_key(dataset: Dataset) -> str:
    (plan,) = [plan for plan in page_plans(dataset, "fi", Shown(dataset)) if plan.path == REPORT]
    return page_key(plan, "fi", model_digests(dataset), {}, "code")


def test_the_report_is_made_again_when_what_it_shows_changes_and_only_then(demo, tmp_path):
    """Half an hour more help on a Tuesday leaves the report as it was (the library already
    helps on Tuesdays), so its key; a provider's new name, listed there, does not."""
    shutil.copytree(DEMO, tmp_path / "data")
    record = tmp_path / "data" / f"{PROVIDER}.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    longer = _model(tmp_path / "data")
    assert model_digests(longer).whole != model_digests(demo).whole
    assert _report_key(longer) == _report_key(demo)
    name = next(p for p in demo.providers if p.id == PROVIDER).name.fi
    record.write_text(text.replace(f"fi: {name}", f"fi: {name} ja lukusali", 1),
                      encoding="utf-8")
    assert _report_key(_model(tmp_path / "data")) != _report_key(demo)


def _same(site: LanguageSite, clean: LanguageSite) -> None:
    assert site.pages == clean.pages   # path, Markdown, body and indexing, page by page
    assert (site.nav, site.files) == (clean.nav, clean.files)


LIST = '<ul class="dt-cards">'


def _kept(cache: OutputCache, part: str) -> int:
    """Entries of one kind (cards, lists of cards) kept in the cache."""
    return sum(1 for _ in cache.folder.rglob(f"*.{part}"))


def _differing(old: LanguageSite, new: LanguageSite) -> set[str]:
    before = {page.path: page for page in old.pages}
    return {page.path for page in new.pages if page != before.get(page.path)}


def test_one_changed_hour_generates_the_pages_that_show_it_and_no_other(tmp_path, demo):
    data = tmp_path / "providers"
    shutil.copytree(DEMO, data)
    record = data / f"{PROVIDER}.yaml"
    text = record.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    record.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    after = _model(data)
    cache = OutputCache(tmp_path / "cache")
    leaflets = _leaflet_facts(demo)
    for lang in demo.region.languages:
        clean = language_site(demo, lang, CONTENT, leaflets)
        plans = page_plans(demo, lang, Shown(demo))
        assert clean.generated == [plan.path for plan in plans]
        first = language_site(demo, lang, CONTENT, leaflets, cache)
        _same(first, clean)
        assert first.generated == clean.generated
        again = language_site(demo, lang, CONTENT, leaflets, cache)
        _same(again, clean)
        assert again.generated == []

        cards, lists = _kept(cache, CARD), _kept(cache, CARD_LIST)
        changed = language_site(after, lang, CONTENT, leaflets, cache)
        clean_after = language_site(after, lang, CONTENT, leaflets)
        _same(changed, clean_after)
        # Only the lists of cards the changed record is on are rendered again, and they take
        # the other providers' cards from the cache: only the record's own cards are new.
        on = [part for page in changed.pages for part in (page.body or "").split(LIST)[1:]
              if f"/{PROVIDER}/" in part.split("</ul>")[0]]
        assert 0 < _kept(cache, CARD_LIST) - lists <= len(on) < lists
        assert 0 < _kept(cache, CARD) - cards <= len(on) < cards
        generated = set(changed.generated)
        differing = _differing(clean, clean_after)
        # Every page that differs is generated (no stale page) ...
        assert differing <= generated
        assert f"providers/{PROVIDER}.md" in differing
        assert "municipalities/aura.md" in differing
        # ... and besides them only pages that show the changed record: the ones that show
        # every provider (home, index lists' counts) and lists it is on (a topic page whose
        # card shows another service's session).
        showing = {plan.path for plan in page_plans(after, lang, Shown(after))
                   if PROVIDER in {p.id for p in plan.shows}}
        assert generated == showing
        assert len(generated) <= len(plans) / 3, sorted(generated)
        assert len(changed.generated) == len(generated)

        # Changed back: every page is known again, nothing is generated.
        back = language_site(demo, lang, CONTENT, leaflets, cache)
        _same(back, clean)
        assert back.generated == []


def test_pages_whose_kept_html_was_damaged_are_rendered_again(tmp_path):
    """A finished page's HTML is kept in the cache apart from its entry and read only when
    its file must be written. Found damaged then, the language is rendered again, the same
    as a clean build, and the bytes are kept again for the next build."""
    dataset = _model(VALID)
    cache = OutputCache(tmp_path / "cache")
    first = build_site(dataset, tmp_path / "clean", index=False, cache=cache)
    clean = _files(tmp_path / "clean")
    for blob in (tmp_path / "cache").rglob(f"*.{BLOB}"):
        blob.write_bytes(blob.read_bytes()[:-1])
    again = build_site(dataset, tmp_path / "again", index=False, cache=cache)
    assert _files(tmp_path / "again") == clean
    assert sorted(again.rendered) == sorted(first.rendered)
    assert build_site(dataset, tmp_path / "third", index=False, cache=cache).rendered == ()
    assert _files(tmp_path / "third") == clean


def test_a_page_known_by_its_head_and_gone_when_read_is_made_again(tmp_path):
    """A build takes a generated page from the cache by its head and reads the page itself
    only when the engine must render it. Gone by then (pruned meanwhile), the language is
    made again, the same as a clean build."""
    dataset = _model(VALID)
    cache = OutputCache(tmp_path / "cache")
    first = build_site(dataset, tmp_path / "clean", index=False, cache=cache)
    clean = _files(tmp_path / "clean")
    for part in (GENERATED, FINISHED, "language", "counts"):   # the heads are left
        for entry in (tmp_path / "cache").rglob(f"*.{part}"):
            entry.unlink()
    assert any((tmp_path / "cache").rglob(f"*.{GENERATED_HEAD}"))
    again = build_site(dataset, tmp_path / "again", index=False, cache=cache)
    assert _files(tmp_path / "again") == clean
    assert sorted(again.rendered) == sorted(first.rendered)
    assert build_site(dataset, tmp_path / "third", index=False, cache=cache).rendered == ()
