"""The digituki command as contributors and CI use it."""
import json
import shutil

import pytest

from digituki.cli import main

from conftest import INVALID, TODAY, VALID

DAY = ["--today", TODAY.isoformat()]


def run(capsys, *args):
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_valid_data_exits_0_with_a_summary(capsys):
    status, out, _ = run(capsys, "validate", str(VALID), *DAY, "--lang", "en")
    assert status == 0
    assert out == "All good: 9 files checked.\n"


def test_errors_exit_1_with_one_line_each_then_a_count(capsys):
    status, out, _ = run(capsys, "validate", "--data", str(VALID), *DAY, "--lang", "fi",
                         str(INVALID / "hours-syntax.yaml"))
    lines = out.splitlines()
    assert status == 1
    assert lines == [
        "tests/fixtures/invalid/hours-syntax.yaml:14:32: error[hours-syntax] "
        "service_points[0].hours: Aukioloaikaa ei voi lukea merkin 20 kohdalta ('Xy off'). "
        "Muoto on OpenStreetMapin opening_hours, esim. 'Mo-Fr 10:00-12:00; PH off'.",
        "tests/fixtures/invalid/hours-syntax.yaml:26:17: error[hours-syntax] "
        "services[0].at[0].hours: Aukioloaikaa ei voi lukea merkin 1 kohdalta ('ti 10-12'). "
        "Muoto on OpenStreetMapin opening_hours, esim. 'Mo-Fr 10:00-12:00; PH off'. "
        "Tarkoititko 'Tu 10:00-12:00'?",
        "2 virhettä ja 0 varoitusta; 8 tiedostoa tarkistettu.",
    ]


def test_warnings_fail_only_with_strict(capsys):
    args = ["validate", "--data", str(VALID), *DAY, str(INVALID / "verified-stale.yaml")]
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--strict")[0] == 1


def test_json_format(capsys):
    status, out, _ = run(capsys, "validate", "--data", str(VALID), *DAY, "--format", "json",
                         "--lang", "en", str(INVALID / "value-enum.yaml"))
    report = json.loads(out)
    assert status == 1
    assert (report["errors"], report["warnings"], report["files"]) == (1, 0, 8)
    assert report["problems"] == [{
        "file": "tests/fixtures/invalid/value-enum.yaml", "line": 5, "column": 7,
        "severity": "error", "code": "value-enum", "path": "type",
        "message": "'asociation' is not allowed here. Allowed values: library, municipality, "
                   "suomi-piste, association, adult-education, parish, company. "
                   "Did you mean 'association'?"}]


def test_github_format_is_automatic_in_actions_and_writes_the_job_summary(
        capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status, out, _ = run(capsys, "validate", "--data", str(VALID), *DAY, "--lang", "en",
                         str(INVALID / "value-format.yaml"))
    assert status == 1
    assert out.splitlines()[0] == (
        "::error file=tests/fixtures/invalid/value-format.yaml,line=6,col=15,"
        "title=value-format%3A Wrong format::maintainers[0]: '@example volunteer' is not in "
        "the right form: a GitHub user name without @, e.g. 'janedoe'.")
    table = summary.read_text(encoding="utf-8")
    assert "2 errors and 0 warnings; 8 files checked." in table
    assert "| `tests/fixtures/invalid/value-format.yaml:12` | error | `value-format` |" in table


def test_message_language_comes_from_region_settings(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    region = data / "_region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("message_language: fi",
                                                                 "message_language: en"))
    _, out, _ = run(capsys, "validate", str(data), *DAY)
    assert out == "All good: 9 files checked.\n"


def test_missing_file_is_a_usage_error(capsys):
    status, _, err = run(capsys, "validate", "providers/no-such-record.yaml", *DAY)
    assert status == 2 and "no such file" in err


@pytest.mark.parametrize("shared", ["_vocabulary/topics.yaml", "_region.yaml"])
def test_missing_shared_file_is_reported_not_a_traceback(capsys, tmp_path, shared):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / shared).unlink()
    status, out, _ = run(capsys, "validate", str(data), *DAY, "--lang", "en")
    assert status == 1
    assert f"{shared}:1:1: error[file-missing]" in out


def test_new_record_has_only_placeholders_to_fill(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copy("providers/_template.yaml", data)
    assert run(capsys, "new", "auran-kirjasto", "--data", str(data), *DAY)[0] == 0
    record = data / "auran-kirjasto.yaml"
    text = record.read_text(encoding="utf-8")
    assert "\nid: auran-kirjasto\n" in text and f"  date: {TODAY.isoformat()}" in text
    status, out, _ = run(capsys, "validate", str(data), *DAY, "--format", "json")
    codes = {p["code"] for p in json.loads(out)["problems"]}
    assert status == 1 and codes == {"placeholder"}
    # Replacing every TODO is all it takes to pass.
    record.write_text(text.replace("TODO@", "info@").replace("TODO-", "example-")
                      .replace("TODO ", ""), encoding="utf-8")
    assert run(capsys, "validate", str(data), *DAY, "--strict")[0] == 0


@pytest.mark.parametrize("bad", ["Auran_Kirjasto", "every-field"])
def test_new_refuses_bad_or_taken_ids(capsys, tmp_path, bad):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copy("providers/_template.yaml", data)
    status, _, err = run(capsys, "new", bad, "--data", str(data), *DAY)
    assert status == 2 and err.startswith("digituki new: ")


def test_shipped_records_validate(capsys):
    status, out, _ = run(capsys, "validate", *DAY, "--strict")
    assert status == 0, out


def test_empty_section_is_reported_as_empty(capsys, tmp_path):
    record = tmp_path / "empty-section.yaml"
    record.write_text((VALID / "minimal.yaml").read_text(encoding="utf-8")
                      .replace("id: minimal", "id: empty-section")
                      .replace("verified: {date: 2026-10-01, method: phone, by: Coordinator}",
                               "verified:"), encoding="utf-8")
    _, out, _ = run(capsys, "validate", "--data", str(VALID), *DAY, "--format", "json",
                    str(record))
    assert [(p["line"], p["code"], p["path"]) for p in json.loads(out)["problems"]] == [
        (7, "value-empty", "verified")]


@pytest.mark.parametrize("verified, code", [
    ("2026-11-26", None), ("2026-08-26", None), ("2026-08-25", "verified-stale"),
    ("2026-05-26", "verified-stale"), ("2026-05-25", "verified-expired")])
def test_verification_limits_come_from_region_settings(capsys, tmp_path, verified, code):
    """With limits of 3 and 6 months, on 2026-11-26: stale before 2026-08-26, expired
    before 2026-05-26."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    region = data / "_region.yaml"
    region.write_text(region.read_text(encoding="utf-8")
                      .replace("warn_after_months: 6", "warn_after_months: 3")
                      .replace("error_after_months: 12", "error_after_months: 6"))
    record = data / "minimal.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("2026-10-01", verified))
    (data / "every-field.yaml").unlink()
    _, out, _ = run(capsys, "validate", str(data), *DAY, "--format", "json")
    assert [p["code"] for p in json.loads(out)["problems"]] == ([code] if code else [])


def test_build_publishes_the_schemas_and_refuses_invalid_data(capsys, tmp_path):
    out_dir = tmp_path / "site"
    assert run(capsys, "build", "--data", str(VALID), *DAY, "--out", str(out_dir))[0] == 0
    schema = json.loads((out_dir / "schema" / "provider.schema.json").read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copy(INVALID / "value-enum.yaml", data)
    status, out, _ = run(capsys, "build", "--data", str(data), *DAY, "--out", str(out_dir))
    assert status == 1 and "error[value-enum]" in out


def test_files_that_are_not_records_are_reported(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for name in ("uusi.yml", "Kirjasto.YAML", "_vanha.yaml", "_vocabulary/extra.yaml"):
        (data / name).write_text("id: x\n", encoding="utf-8")
    (data / "sub").mkdir()
    (data / ".gitkeep").write_text("")
    status, out, _ = run(capsys, "validate", str(data), *DAY, "--format", "json")
    problems = json.loads(out)["problems"]
    assert status == 1
    assert sorted((p["file"].rsplit("data/", 1)[1], p["code"]) for p in problems) == [
        ("Kirjasto.YAML", "file-ignored"), ("_vanha.yaml", "file-ignored"),
        ("_vocabulary/extra.yaml", "file-ignored"), ("sub", "file-ignored"),
        ("uusi.yml", "file-ignored")]


def test_verification_limits_must_be_in_order(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    region = data / "_region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("warn_after_months: 6",
                                                                 "warn_after_months: 12"))
    status, out, _ = run(capsys, "validate", str(data), *DAY, "--format", "json")
    assert status == 1
    assert [(p["line"], p["code"]) for p in json.loads(out)["problems"]] == [
        (23, "verification-limits")]


def test_a_broken_vocabulary_is_reported_once_not_in_every_record(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    topics = data / "_vocabulary" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("  - id: smartphone",
                                                                 "  - id: Smart Phone"))
    status, out, _ = run(capsys, "validate", *DAY, "--format", "json", "--data", str(data),
                         str(data / "minimal.yaml"))
    problems = json.loads(out)["problems"]
    assert status == 1
    assert [(p["file"].rsplit("/", 1)[1], p["code"]) for p in problems] == [
        ("topics.yaml", "id-format")]


@pytest.mark.parametrize("paths", [
    [str(VALID), str(INVALID / "value-enum.yaml")], [str(VALID), str(INVALID)]])
def test_folders_and_files_cannot_be_mixed(capsys, paths):
    status, _, err = run(capsys, "validate", *DAY, *paths)
    assert status == 2 and "digituki validate:" in err
