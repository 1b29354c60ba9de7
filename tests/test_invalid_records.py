"""Each deliberately broken record yields exactly the problems its '# expect:' lines list.

A fixture states its own expected (line:column, code) pairs, so reading one file shows both
the mistake and what a contributor will be told about it, and where.
"""
import re

import pytest

from digituki.codes import CODES, render_message
from digituki.load.strict_yaml import MAX_BYTES
from digituki.validate.dataset import validate_dataset

from conftest import INVALID, TODAY, VALID

FIXTURES = sorted(INVALID.glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) ([a-z0-9-]+)$", re.MULTILINE)


def expected(path):
    return [(path.name, int(line), int(column), code.decode())
            for line, column, code in EXPECT.findall(path.read_bytes())]


def found(path):
    result = validate_dataset(VALID, TODAY, only=[path])
    return [(p.file.rsplit("/", 1)[-1], p.mark.line, p.mark.column, p.code)
            for p in result.problems]


def test_there_are_at_least_30_broken_records():
    assert len(FIXTURES) >= 30


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_broken_record_reports_exactly_the_expected_problems(path):
    assert expected(path), f"{path.name} has no '# expect:' lines"
    assert found(path) == expected(path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_messages_read_in_finnish_and_english(path):
    for problem in validate_dataset(VALID, TODAY, only=[path]).problems:
        for lang in ("fi", "en"):
            message = render_message(problem, lang)
            assert "{" not in message.replace("{ }", ""), message
            assert len(message) > 10


def test_every_code_has_a_broken_record():
    """file-too-large is made on the fly below (a 256 KiB fixture would only bloat the repo);
    the others are about the data folder and the region settings (tested in test_cli). The
    PTV import's codes are about PTV's JSON, not records (test_ptv_import)."""
    covered = {code for path in FIXTURES for *_, code in expected(path)}
    record_codes = {code for code in CODES if not code.startswith("ptv-")}
    assert record_codes - covered == {"file-too-large", "file-missing", "file-ignored",
                                      "verification-limits"}


def test_oversize_record(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("id: huge\nname: {fi: " + "x" * MAX_BYTES + "}\n", encoding="utf-8")
    assert found(path) == [("huge.yaml", 1, 1, "file-too-large")]


def test_whole_folder_is_checked_in_one_run(tmp_path):
    """Every problem of every file, not just the first file's."""
    import shutil
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for path in FIXTURES[:5]:
        shutil.copy(path, data / path.name)
    problems = validate_dataset(data, TODAY).problems
    files = {p.file.rsplit("/", 1)[-1] for p in problems}
    assert files == {p.name for p in FIXTURES[:5]}
    assert [p.sort_key for p in problems] == sorted(p.sort_key for p in problems)


def test_records_checked_in_parallel_give_the_same_report(tmp_path, monkeypatch):
    import shutil
    from digituki.validate import dataset
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for path in FIXTURES:
        shutil.copy(path, data / path.name)
    alone = validate_dataset(data, TODAY, workers=1)
    monkeypatch.setattr(dataset, "PARALLEL_FROM", 2)
    together = validate_dataset(data, TODAY, workers=2)
    assert together.problems == alone.problems
    assert [f.value for f in together.files] == [f.value for f in alone.files]
    assert len(alone.problems) > len(FIXTURES)


def test_each_limit_is_shown_in_the_field_reference():
    from digituki.docs.reference import field_reference
    from digituki.schema import limits
    words = {"fi": ("enintään {} merkkiä", "(enintään {})"),
             "en": ("at most {} characters", "(at most {})")}
    for lang, (chars, items) in words.items():
        page = field_reference(lang)
        for name in (n for n in dir(limits) if n.startswith("MAX_")):
            shown = chars if name.endswith("_CHARS") else items
            assert shown.format(getattr(limits, name)) in page, name


def test_reserved_ids_cover_the_sites_own_page_names():
    """A provider id may not be a name the site gives a page or folder of a language."""
    from conftest import REPO
    from digituki.site.pages import CONTENT_FOOTER, CONTENT_NAV
    from digituki.validate.rules import RESERVED_IDS
    own = {path.split("/")[0].removesuffix(".md") for path in (*CONTENT_NAV, *CONTENT_FOOTER)}
    own |= {p.stem for p in (REPO / "content" / "fi").iterdir()}
    own |= {"index", "search", "municipalities", "topics", "help", "providers"}  # pages.py
    assert own <= RESERVED_IDS, own - RESERVED_IDS


def test_a_no_break_space_in_a_phone_number_is_written_out_in_the_message(tmp_path):
    """Pasted from a web page it looks like a space; the message must show what is there."""
    import shutil
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    record = data / "every-field.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        'phone: "02 1234 567"', 'phone: "02\u00a01234 567"', 1), encoding="utf-8")
    [problem] = [p for p in validate_dataset(data, TODAY).problems if p.code == "phone-format"]
    assert "'02\\xa01234 567'" in render_message(problem, "en")
