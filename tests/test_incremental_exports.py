"""The open-data exports redo only what changed (issue 14): from the cache they are the clean
exports' bytes; after one changed opening hour exactly the files whose bytes differ are made
again (with the files made from every record, which are one group), and no other file of
``data/`` is written; changed back, the folder is the clean one again, from the cache.

A municipality's calendar is made from the providers ``municipality_providers`` names, the
ones its cache key names: made from those alone, it is the same calendar.

The demo records are copied into a temporary folder with a cache folder of their own.
"""
import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from digituki.export import (ExportRun, export_files, municipality_calendar_path,
                             provider_calendar_path, update_exports, whole_files)
from digituki.export.calendar import Calendars, municipality_calendar, municipality_providers
from digituki.model.build import Dataset
from digituki.network.report_files import report_tables
from digituki.outputcache import OutputCache

from browser_support import DEMO
from test_incremental_build import AFTER, BEFORE, PROVIDER, _files, _model, _stamps


def _clean(dataset: Dataset, base: Path, name: str) -> tuple[ExportRun, dict[str, bytes]]:
    """Exports with an empty cache of their own."""
    run = update_exports(dataset, base / name, OutputCache(base / f"{name}-cache"),
                         report_tables)
    return run, _files(base / name / "data")


@dataclass
class Exports:
    before: Dataset
    after: Dataset                  # one opening hour changed
    clean_run: ExportRun
    clean: dict[str, bytes]         # the records as they are, with an empty cache
    cached_run: ExportRun
    cached: dict[str, bytes]        # the same records into a new folder, from the cache
    clean_after: dict[str, bytes]   # the changed records, with an empty cache
    changed_run: ExportRun          # the changed records into the first folder, with its cache
    changed: dict[str, bytes]
    stamps_before: dict[str, tuple[int, int]]
    stamps_after: dict[str, tuple[int, int]]
    back_run: ExportRun             # changed back
    back: dict[str, bytes]


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Exports:
    base = tmp_path_factory.mktemp("incremental-exports")
    data, out = base / "providers", base / "site"
    shutil.copytree(DEMO, data)
    record = data / f"{PROVIDER}.yaml"
    text = record.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    cache = OutputCache(base / "cache")

    before = _model(data)
    clean_run = update_exports(before, out, cache, report_tables)
    clean = _files(out / "data")
    cached_run = update_exports(before, base / "again", cache, report_tables)
    cached = _files(base / "again" / "data")

    record.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    after = _model(data)
    _, clean_after = _clean(after, base, "clean-after")
    stamps_before = _stamps(out / "data")
    changed_run = update_exports(after, out, cache, report_tables)
    changed, stamps_after = _files(out / "data"), _stamps(out / "data")

    back_run = update_exports(before, out, cache, report_tables)
    back = _files(out / "data")
    return Exports(before, after, clean_run, clean, cached_run, cached, clean_after,
                   changed_run, changed, stamps_before, stamps_after, back_run, back)


def test_the_exports_are_every_export_and_the_report_tables(exports):
    made = {name: content if isinstance(content, bytes) else content.encode()
            for name, content in export_files(exports.before).items()}
    made.update({name: text.encode() for name, text in report_tables(exports.before).items()})
    assert exports.clean == made
    assert exports.clean_run.files == len(made)
    assert sorted(exports.clean_run.made) == sorted(made)


def test_exports_from_the_cache_are_byte_identical_to_clean_ones(exports):
    assert exports.cached_run.made == ()
    assert exports.cached == exports.clean


def _whole(dataset: Dataset) -> set[str]:
    """The files made from every record: one group, made again when any record changes."""
    return set(whole_files(dataset)) | set(report_tables(dataset))


def test_one_changed_hour_makes_again_exactly_the_files_that_differ(exports):
    clean, after = exports.clean, exports.clean_after
    assert sorted(after) == sorted(clean)
    differ = {name for name in clean if clean[name] != after[name]}
    made = set(exports.changed_run.made)
    assert made == differ | _whole(exports.after)
    calendars = {name for name in made if name.startswith("calendar/")}
    languages = exports.after.region.languages
    provider = next(p for p in exports.after.providers if p.id == PROVIDER)
    assert {provider_calendar_path(lang, provider) for lang in languages} <= calendars
    # Its own calendar and its municipality's (Aura), in every language, nothing else.
    assert calendars == {path for lang in languages for path in (
        provider_calendar_path(lang, provider), municipality_calendar_path(lang, "019"))}
    assert exports.changed == after


def test_files_that_did_not_change_are_not_written(exports):
    before, after = exports.stamps_before, exports.stamps_after
    written = {name for name in after if before.get(name) != after[name]}
    assert written == {name for name in exports.clean
                       if exports.clean[name] != exports.clean_after[name]}


def test_changed_back_the_exports_are_the_clean_ones_from_the_cache(exports):
    assert exports.back_run.made == ()
    assert exports.back == exports.clean


def test_a_municipality_calendar_is_made_from_the_providers_its_key_names(exports):
    dataset = exports.after
    calendars = Calendars(dataset)
    for code in dataset.region.municipalities:
        shown = municipality_providers(dataset, code)
        assert shown, code
        only = dataclasses.replace(dataset, providers=shown)
        for lang in dataset.region.languages:
            assert calendars.municipality(code, lang) == \
                municipality_calendar(only, code, lang), (code, lang)
