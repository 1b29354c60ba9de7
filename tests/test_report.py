"""``digituki report``: the coordinator's view of what is stale and what is missing."""
import csv
import datetime
import shutil

import pytest

from digituki.cli import main
from digituki.present.report import stale_from
from digituki.values.dates import months_before

from conftest import FIXTURES, TODAY, VALID

DAY = ["--today", TODAY.isoformat()]


@pytest.fixture
def data(tmp_path):
    """The valid fixtures plus a record verified 13 months ago, the only in-person help in
    Marttila, Monday to Thursday."""
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    shutil.copy(FIXTURES / "report" / "stale-club.yaml", folder)
    return folder


def report(capsys, data, *options):
    status = main(["report", "--data", str(data), *DAY, *options])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    return out.out


def test_a_record_13_months_old_fails_validation_but_is_reported(capsys, data):
    assert main(["validate", "--data", str(data), *DAY, str(data / "stale-club.yaml")]) == 1
    assert "error[verified-expired]" in capsys.readouterr().out
    lines = report(capsys, data, "--lang", "en").splitlines()
    assert lines[:5] == [
        "As of 26 Nov 2026. This page is for network members and the coordinator.",
        "",
        "Records to re-verify",
        "  stale-club.yaml  26 Oct 2025  over 12 months old: stops publishing  "
        "@example-club, @example-volunteer",
        "",
    ]


def test_weekdays_without_in_person_help_and_languages_per_municipality(capsys, data):
    lines = report(capsys, data).splitlines()
    start = lines.index("Arkipäivät ilman lähitukea")
    assert lines[start + 1:] == [
        "  Aura: maanantai, tiistai, keskiviikko, perjantai",
        "  Koski Tl: maanantai, tiistai, keskiviikko, torstai, perjantai",
        # every-field's exception gives Loimaa help on Wednesday 16 December
        "  Loimaa: torstai, perjantai",
        "  Marttila: perjantai",
        "  Oripää: maanantai, tiistai, keskiviikko, torstai, perjantai",
        "  Pöytyä: maanantai, tiistai, keskiviikko, torstai, perjantai",
        "",
        "Palvelukielet kunnittain",
        "  Aura: suomi",
        "  Koski Tl: –",
        "  Loimaa: ruotsi, suomalainen viittomakieli, suomi, selkokieli",
        "  Marttila: ruotsi, suomi, selkokieli",
        "  Oripää: –",
        "  Pöytyä: –",
    ]


def test_soon_stale_records_are_listed_with_their_last_day(capsys):
    # minimal.yaml was verified on 2026-10-01: stale from 2 April 2027
    lines = report(capsys, VALID, "--today", "2027-03-15").splitlines()
    assert "  minimal.yaml  1.10.2026  tarkistettava 1.4.2027 mennessä  @example-volunteer" in lines


def test_a_broken_record_and_a_stray_file_are_named_and_left_out(capsys, data):
    (data / "broken.yaml").write_text("id: broken\nname: [\n", encoding="utf-8")
    (data / "uusi.yml").write_text("id: uusi\n", encoding="utf-8")
    lines = report(capsys, data).splitlines()
    start = lines.index("Korjattavat tiedostot (eivät ole mukana raportissa)")
    assert lines[start + 1:start + 3] == [f"  {data / 'broken.yaml'}  virheitä: 1",
                                          f"  {data / 'uusi.yml'}  virheitä: 1"]


def test_help_days_follow_the_exceptions_of_the_next_four_weeks(capsys, data):
    club = data / "stale-club.yaml"
    club.write_text(club.read_text(encoding="utf-8").replace(
        "    municipality: \"480\"\n",
        "    municipality: \"480\"\n    exceptions:\n      - date: 2026-11-20\n"
        "        until: 2027-01-31\n        closed: true\n"), encoding="utf-8")
    lines = report(capsys, data).splitlines()
    assert "  Marttila: maanantai, tiistai, keskiviikko, torstai, perjantai" in lines


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_csv_tables(capsys, data, tmp_path):
    report(capsys, data, "--csv", str(tmp_path / "csv"))
    due = read_csv(tmp_path / "csv" / "verification.csv")
    assert [(r["provider_id"], r["status"], r["stale_from"]) for r in due] == [
        ("stale-club", "expired", "2026-04-27")]
    weekdays = {r["municipality_code"]: r for r in
                read_csv(tmp_path / "csv" / "in-person-weekdays.csv")}
    assert weekdays["480"]["friday"] == "false" and weekdays["480"]["thursday"] == "true"
    coverage = read_csv(tmp_path / "csv" / "coverage.csv")
    in_marttila = {(r["form"], r["topic"]): int(r["services"]) for r in coverage
                   if r["municipality_code"] == "480"}
    assert in_marttila[("peer-tutoring", "email")] == 1
    assert in_marttila[("drop-in", "email")] == 0
    # every municipality x form x topic, zeros included, so a spreadsheet can pivot it
    assert len(coverage) == 6 * 11 * len({r["topic"] for r in coverage})


def issues_written(capsys, data, folder):
    report(capsys, data, "--maintainer-issues", str(folder))
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_one_issue_text_per_maintainer_with_records_due(capsys, data, tmp_path):
    region = data / "_region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("demo: true", "demo: false"),
                      encoding="utf-8")
    issues = issues_written(capsys, data, tmp_path / "issues")
    assert sorted(issues) == ["example-club.md", "example-volunteer.md"]
    title, *body = issues["example-club.md"].splitlines()
    assert title == "Tarkista tiedot / Please re-verify: example-club"
    assert body[0] == "@example-club"  # GitHub notifies the maintainer
    assert ("- [ ] [stale-club.yaml](https://github.com/example/digituki-loimaa/edit/main/"
            "providers/stale-club.yaml) — 2025-10-26: yli 12 kk vanha: estää julkaisun / "
            "over 12 months old: stops publishing") in body


def test_a_team_and_the_maintainer_of_a_broken_record_get_their_issue(capsys, data, tmp_path):
    club = data / "stale-club.yaml"
    club.write_text(club.read_text(encoding="utf-8")
                    .replace("[example-club, example-volunteer]", "[example-org/club-team]")
                    .replace("topics: [smartphone, email]", "topics: [smartphone, emial]"),
                    encoding="utf-8")
    issues = issues_written(capsys, data, tmp_path / "issues")
    assert sorted(issues) == ["example-org--club-team.md"]
    title, *body = issues["example-org--club-team.md"].splitlines()
    assert title == "Tarkista tiedot / Please re-verify: example-org/club-team"
    assert body[-1] == ("- [ ] [stale-club.yaml](https://github.com/example/digituki-loimaa/edit/"
                        "main/providers/stale-club.yaml) — virheitä: 1 / errors: 1: "
                        "korjaa ensin / fix first (digituki validate)")


def test_demo_handles_are_named_not_mentioned(capsys, data, tmp_path):
    """Made-up handles could belong to real people, who would be notified."""
    issues = issues_written(capsys, data, tmp_path / "issues")
    assert "@" not in issues["example-club.md"]
    assert issues["example-club.md"].splitlines()[1] == "`example-club` (demo)"


@pytest.mark.parametrize("verified", ["2025-08-31", "2025-08-30", "2026-02-28", "2025-10-26",
                                      "2024-02-29", "2025-12-31"])
def test_stale_from_is_the_first_day_the_validator_calls_stale(verified):
    day = datetime.date.fromisoformat(verified)
    first = stale_from(day, 6)
    assert day < months_before(first, 6)
    assert not day < months_before(first - datetime.timedelta(days=1), 6)


def test_a_home_visit_is_help_in_person_where_its_line_serves(capsys, data):
    shutil.copy(FIXTURES / "report" / "home-visits.yaml", data)
    lines = report(capsys, data).splitlines()
    assert "  Koski Tl: maanantai, tiistai, keskiviikko, torstai" in lines
