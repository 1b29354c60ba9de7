"""Records' checks taken from the cache are exactly what checking gives (validate/cached.py).

Each test validates a copy of a data folder twice, without a cache and with one, and asserts
the two results are equal: every problem (file, line, column, code, field, message values)
and every file's checked value. The cache is first empty, then warm, then warm after a record
or a shared file changed, as in a build after a contributor's edit.
"""
import json
import shutil

import pytest

from browser_support import DEMO, DEMO_TODAY
from conftest import INVALID, TODAY, VALID
from digituki.model.build import build_dataset
from digituki import outputcache
from digituki.outputcache import OutputCache
from digituki.validate import cached, dataset
from digituki.validate.dataset import Result, validate_dataset


def _entries(cache):
    return sorted(cache.folder.rglob(f"*.{cached.PART}"))


def _same(data, today, cache) -> Result:
    """Validate with and without the cache; assert the results are equal, return it."""
    clean = validate_dataset(data, today, workers=1)
    kept = validate_dataset(data, today, workers=1, cache=cache)
    assert kept.problems == clean.problems
    assert kept.files == clean.files
    return kept


@pytest.fixture
def demo(tmp_path):
    data = tmp_path / "providers"
    shutil.copytree(DEMO, data)
    return data


@pytest.fixture
def broken(tmp_path):
    """The valid fixtures and every broken record: every problem the validator knows."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for path in INVALID.glob("*.yaml"):
        shutil.copy(path, data / path.name)
    return data


def test_demo_from_the_cache_is_the_clean_result_and_model(demo, tmp_path):
    cache = OutputCache(tmp_path / "cache")
    first = _same(demo, DEMO_TODAY, cache)
    stored = {entry: entry.stat().st_ino for entry in _entries(cache)}
    assert len(stored) == len(first.providers())
    warm = _same(demo, DEMO_TODAY, cache)
    # Nothing was checked again: an entry stored again would be a new file.
    assert {entry: entry.stat().st_ino for entry in _entries(cache)} == stored
    assert build_dataset(warm, DEMO_TODAY) == build_dataset(
        validate_dataset(demo, DEMO_TODAY, workers=1), DEMO_TODAY)


def test_broken_records_from_the_cache_report_the_same_problems(broken, tmp_path, monkeypatch):
    cache = OutputCache(tmp_path / "cache")
    first = _same(broken, TODAY, cache)
    assert len(first.problems) > len(list(INVALID.glob("*.yaml")))
    _same(broken, TODAY, cache)
    monkeypatch.setattr(dataset, "PARALLEL_FROM", 2)  # checked on two processes, then stored
    parallel = OutputCache(tmp_path / "parallel")
    assert validate_dataset(broken, TODAY, workers=2, cache=parallel) == first
    assert validate_dataset(broken, TODAY, workers=2, cache=parallel) == first
    only = [broken / "hours-syntax.yaml", broken / "every-field.yaml"]
    assert validate_dataset(broken, TODAY, only, workers=1, cache=cache) == \
        validate_dataset(broken, TODAY, only, workers=1)


def test_a_changed_record_is_checked_again(demo, tmp_path):
    cache = OutputCache(tmp_path / "cache")
    _same(demo, DEMO_TODAY, cache)
    record = demo / "auran-kirjasto.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("verified:\n", "verified:\n  nmae: typo\n", 1),
                      encoding="utf-8")
    result = _same(demo, DEMO_TODAY, cache)
    assert [p.code for p in result.problems] == ["field-unknown"]
    record.write_text(text, encoding="utf-8")
    assert _same(demo, DEMO_TODAY, cache).problems == []


def test_a_changed_vocabulary_or_day_checks_every_record_again(demo, tmp_path):
    cache = OutputCache(tmp_path / "cache")
    _same(demo, DEMO_TODAY, cache)
    topics = demo / "_vocabulary" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "  - id: email\n", "  - id: e-mail\n", 1), encoding="utf-8")
    result = _same(demo, DEMO_TODAY, cache)
    assert {p.code for p in result.problems} == {"ref-unknown"}
    later = DEMO_TODAY.replace(year=DEMO_TODAY.year + 2)
    assert {p.code for p in _same(demo, later, cache).problems} > {"ref-unknown"}


def test_entries_are_json_and_one_that_is_not_is_checked_again(broken, tmp_path):
    """The cache of main's build is restored in a pull request's: an entry is read as JSON,
    never run; one that is not what was written is ignored."""
    cache = OutputCache(tmp_path / "cache")
    _same(broken, TODAY, cache)
    entries = _entries(cache)
    for entry in entries:
        assert set(json.loads(entry.read_bytes()[outputcache.SEAL:])) == {"value", "problems"}
    for entry in entries:   # stored whole, with a right hash, but not JSON
        entry.write_bytes(outputcache._sealed(b"\x80\x04not json"))
    _same(broken, TODAY, cache)


def test_a_cache_folder_that_cannot_be_written_only_means_checking_again(demo, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    _same(demo, DEMO_TODAY, OutputCache(blocked))
