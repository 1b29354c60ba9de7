"""``digituki ptv check``: our service points beside PTV's data, in words, from saved responses
or the live API (a local stand-in here: real HTTP, the real samples). The record
tests/fixtures/ptv-check/naantalin-sivistyspalvelut.yaml was written by hand from two samples
(a place and a phone line); the tests edit copies of it."""
import shutil

import pytest
import yaml

from digituki.cli import main
from digituki.model.build import load_dataset
from digituki.ptv.check import distance_metres
from digituki.ptv.read import Coordinates
from digituki.site.pages import language_site

from conftest import FIXTURES, REPO, TODAY, VALID
from ptv_server import API, ptv_server, unused_port

SAVED = FIXTURES / "ptv"
RECORD = "naantalin-sivistyspalvelut.yaml"
PLACE, LINE = "1bd39cda-3006-482e-acff-93ab8ddc9f1b", "403097f7-f397-4eed-aac6-98442faa33b6"
# The three edits: the street number, the place's phone, the phone line's closing time.
EDITS = {"street: {fi: Mannerheiminkatu 14}": "street: {fi: Mannerheiminkatu 16}",
         'phone: "044 0410431"': 'phone: "044 0410432"',
         'hours: "Mo-Fr 09:00-15:00; PH off"': 'hours: "Mo-Fr 09:00-16:00; PH off"'}


@pytest.fixture
def data(tmp_path):
    """The valid fixtures, Naantali (529) added to the region, and the record. Not the
    every-field record: its place names a PTV channel too (it uses every field), one these
    tests do not compare."""
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder, ignore=shutil.ignore_patterns("every-field.yaml"))
    region = folder / "_region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace('"480", ', '"480", "529", '),
                      encoding="utf-8")
    with (folder / "_vocabulary" / "municipalities.yaml").open("a", encoding="utf-8") as out:
        out.write('  - id: "529"\n    name: {fi: Naantali, sv: Nådendal, en: Naantali}\n')
    shutil.copy(FIXTURES / "ptv-check" / RECORD, folder)
    return folder


def edit(data, edits, record=RECORD):
    path = data / record
    text = path.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def check(capsys, data, *options):
    status = main(["ptv", "check", "--data", str(data), "--today", TODAY.isoformat(), *options])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    return out.out


def test_a_record_as_ptv_has_it_reports_nothing(capsys, data):
    assert main(["validate", "--data", str(data), "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()
    assert check(capsys, data, str(SAVED)) == (
        "Palvelupisteitä verrattu PTV:hen: 2; eroja PTV:hen: 0.\n")


def test_address_phone_and_hours_that_differ_are_said_in_finnish_and_english(capsys, data):
    edit(data, EDITS)
    assert check(capsys, data, str(SAVED)) == (
        "Palvelupisteitä verrattu PTV:hen: 2; eroja PTV:hen: 2.\n"
        "naantalin-sivistyspalvelut.yaml\n"
        "  Keskustan päiväkoti – osoite: meillä Mannerheiminkatu 16, 21110 Naantali; "
        "PTV:ssä Mannerheiminkatu 14, 21110 NAANTALI\n"
        "  Keskustan päiväkoti – puhelin: meillä 044 0410432; PTV:ssä 044 0410431\n"
        "  Sivistyspalvelujen toimistosihteeri – aukioloajat: meillä ma–pe 9–16; "
        "PTV:ssä ma–pe 9–15\n")
    assert check(capsys, data, str(SAVED), "--lang", "en") == (
        "Service points compared with PTV: 2; differing from PTV: 2.\n"
        "naantalin-sivistyspalvelut.yaml\n"
        "  Keskustan päiväkoti – address: here Mannerheiminkatu 16, 21110 Naantali; "
        "in PTV Mannerheiminkatu 14, 21110 NAANTALI\n"
        "  Keskustan päiväkoti – phone: here 044 0410432; in PTV 044 0410431\n"
        "  Sivistyspalvelujen toimistosihteeri – hours: here Mon–Fri 9–16; "
        "in PTV Mon–Fri 9–15\n")


def test_the_same_differences_from_the_live_api(capsys, data):
    edit(data, EDITS)
    with ptv_server() as server:
        live = check(capsys, data, "--api", server.base_url, "--lang", "en")
    assert live == check(capsys, data, str(SAVED), "--lang", "en")
    assert server.asked == [f"{API}/list?guids={PLACE},{LINE}"]  # one request for both


def test_hours_written_otherwise_with_the_same_meaning_are_the_same(capsys, data):
    edit(data, {'hours: "Mo-Fr 09:00-15:00; PH off"':
                'hours: "Mo-We 09:00-15:00; Th,Fr 09:00-15:00; PH off"'})
    assert check(capsys, data, str(SAVED)).endswith("eroja PTV:hen: 0.\n")


def test_positions_within_50_metres_are_the_same(capsys, data):
    assert distance_metres(Coordinates(60.0, 22.0), Coordinates(60.001, 22.0)) == \
        pytest.approx(111.2, abs=0.1)
    edit(data, {"lat: 60.46792,": "lat: 60.46832,"})  # 44 m north
    assert check(capsys, data, str(SAVED)).endswith("eroja PTV:hen: 0.\n")
    edit(data, {"lat: 60.46832,": "lat: 60.46842,"})  # 56 m
    assert check(capsys, data, str(SAVED), "--lang", "en").splitlines()[1:] == [
        "naantalin-sivistyspalvelut.yaml",
        "  Keskustan päiväkoti – coordinates: 56 m from the position in PTV "
        "(60.467920, 22.017977)"]


def test_a_channel_ptv_no_longer_has(capsys, data):
    gone = "00000000-0000-4000-8000-000000000000"
    edit(data, {f"ptv_id: {LINE}": f"ptv_id: {gone}"})
    assert check(capsys, data, str(SAVED), "--lang", "en").splitlines()[1:] == [
        "naantalin-sivistyspalvelut.yaml",
        f"  Sivistyspalvelujen toimistosihteeri – PTV has no service channel {gone}: "
        "was it removed or archived?"]


def test_an_unreachable_api_is_one_clear_line_and_no_failure(capsys, data):
    api = f"http://127.0.0.1:{unused_port()}"
    out = check(capsys, data, "--api", api, "--lang", "en")
    assert out.count("\n") == 1
    assert out.startswith("PTV could not be checked: Could not connect to PTV (")
    assert out.endswith(f"): {api}{API}/list?guids={PLACE},{LINE}\n")


def test_a_server_error_or_a_timeout_is_one_line_and_no_failure(capsys, data):
    asked = f"{API}/list?guids={PLACE},{LINE}"
    with ptv_server() as server:
        server.status[asked] = 503
        failed = check(capsys, data, "--api", server.base_url)
        server.status.clear()
        server.slow.add(asked)
        slow = check(capsys, data, "--api", server.base_url, "--timeout", "0.2", "--lang", "en")
    assert failed == ("PTV:tä ei voitu tarkistaa: PTV:n palvelimessa on häiriö (HTTP 503 "
                      "Service Unavailable); yritä myöhemmin uudelleen: "
                      f"{server.base_url}{asked}\n")
    assert slow == ("PTV could not be checked: PTV did not answer within 0.2 seconds: "
                    f"{server.base_url}{asked}\n")


def test_the_differences_are_added_to_the_maintainers_issues(capsys, data, tmp_path):
    """example-volunteer has a record due (an issue text from digituki report): the section
    goes at its end; example-ptv has nothing due: the section is an issue of its own."""
    shutil.copy(FIXTURES / "report" / "stale-club.yaml", data)
    edit(data, {**EDITS, "maintainers: [example-librarian]":
                "maintainers: [example-volunteer, example-ptv]"})
    issues = tmp_path / "reverify"
    assert main(["report", "--data", str(data), "--today", TODAY.isoformat(),
                 "--maintainer-issues", str(issues)]) == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in issues.iterdir()}
    assert sorted(before) == ["example-club.md", "example-volunteer.md"]
    for _ in range(2):  # a second run replaces its section, it does not add another
        check(capsys, data, str(SAVED), "--maintainer-issues", str(issues))
    after = {p.name: p.read_text(encoding="utf-8") for p in issues.iterdir()}
    edit_link = ("https://github.com/example/digituki-loimaa/edit/main/providers/"
                 "naantalin-sivistyspalvelut.yaml")
    section = "\n".join([
        "### Erot PTV:hen / Differences from PTV",
        "",
        "Suomi.fi-palvelutietovarannossa (PTV) on näistä paikoista eri tiedot kuin "
        "hakemistossa. Selvitä, kumpi on oikein: korjaa tietue tai pyydä PTV:n tiedoista "
        "vastaavaa organisaatiota korjaamaan ne (ohje: CONTRIBUTING.md, Aloita PTV:stä).",
        "",
        "The Suomi.fi service registry (PTV) has other information about these places "
        "than the directory. Find out which is right: correct the record, or ask the "
        "organisation responsible for the PTV data to correct it (see CONTRIBUTING.md, "
        "Start from PTV).",
        "",
        f"- [ ] [naantalin-sivistyspalvelut.yaml]({edit_link}) — "
        f"Keskustan päiväkoti (PTV `{PLACE}`)",
        "  - osoite: meillä Mannerheiminkatu 16, 21110 Naantali; PTV:ssä "
        "Mannerheiminkatu 14, 21110 NAANTALI / address: here Mannerheiminkatu 16, 21110 "
        "Naantali; in PTV Mannerheiminkatu 14, 21110 NAANTALI",
        "  - puhelin: meillä 044 0410432; PTV:ssä 044 0410431 / phone: here 044 0410432; "
        "in PTV 044 0410431",
        f"- [ ] [naantalin-sivistyspalvelut.yaml]({edit_link}) — "
        f"Sivistyspalvelujen toimistosihteeri (PTV `{LINE}`)",
        "  - aukioloajat: meillä ma–pe 9–16; PTV:ssä ma–pe 9–15 / hours: here Mon–Fri "
        "9–16; in PTV Mon–Fri 9–15",
        ""])
    assert after == {
        "example-club.md": before["example-club.md"],
        "example-volunteer.md": before["example-volunteer.md"] + "\n" + section,
        "example-ptv.md": "Tarkista tiedot / Please re-verify: example-ptv\n"
                          "`example-ptv` (demo)\n\n" + section}


def test_the_report_says_which_points_are_linked_to_ptv(capsys, data):
    assert main(["report", "--data", str(data), "--today", TODAY.isoformat(),
                 "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("PTV (the Suomi.fi service registry)")
    assert lines[start + 1:lines.index("Weekdays without in-person help")] == [
        "  Service points with a PTV id (ptv_id): 2/3. They are compared with PTV's data every "
        "week (digituki ptv check), and the differences are added to the maintainers' "
        "re-verification issues.",
        "  Without a PTV id (add ptv_id if the place or channel is in PTV):",
        "    minimal.yaml: Kerhohuone",
        ""]
    dataset, _ = load_dataset(data, TODAY)
    page = next(p for p in language_site(dataset, "fi", REPO / "content").pages
                if p.path == "network/report.md")
    html = page.body or page.text
    section = html[html.index("<h2>PTV"):html.index("<h2>Arkipäivät")]
    assert section == (
        "<h2>PTV (Suomi.fi-palvelutietovaranto)</h2>\n"
        "<p>Palvelupisteitä, joilla on PTV-tunnus (ptv_id): 2/3. Niitä verrataan PTV:n tietoihin "
        "joka viikko (digituki ptv check), ja erot lisätään ylläpitäjien "
        "tarkistusmuistutuksiin.</p>\n"
        "<p>Ilman PTV-tunnusta (lisää ptv_id, jos paikka tai kanava on PTV:ssä):</p>\n"
        '<ul><li><a href="../../providers/minimal/">Pienin mahdollinen</a>: Kerhohuone</li>\n'
        "</ul>\n")


def test_a_record_imported_from_ptv_and_filled_in_differs_in_nothing(capsys, data):
    """digituki ptv import, the TODO items filled in as tests/fixtures/ptv-import/fill.yml
    says, then ptv check against the same responses: nothing differs (coordinates written to
    five decimals, post offices out of PTV's capitals, hours over midnight)."""
    imported = FIXTURES / "ptv-import"
    day = ["--data", str(data), "--today", "2026-11-30"]  # the day fill.yml was written for
    shutil.copy(REPO / "providers" / "_template.yaml", data)
    sources = [str(imported / "exceptional-over-midnight.json"),
               str(SAVED / "2481937a-5d4d-4643-a9b9-9877be5d4d3e.json")]
    assert main(["ptv", "import", *day, "--into", "loimaan-kirjasto", *sources]) == 0
    fill = yaml.safe_load((imported / "fill.yml").read_text(encoding="utf-8"))
    edit(data, fill["replace"], "loimaan-kirjasto.yaml")
    path = data / "loimaan-kirjasto.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\nservices:\n") + 1] + fill["services"], encoding="utf-8")
    assert main(["validate", *day, str(path)]) == 0
    capsys.readouterr()
    assert main(["ptv", "check", *day, "--lang", "en", *sources, str(SAVED)]) == 0
    assert capsys.readouterr().out == (
        "Service points compared with PTV: 4; differing from PTV: 0.\n")


def test_the_weekly_job_adds_the_differences_to_the_issues_it_writes():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "weekly-verification.yml")
                              .read_text(encoding="utf-8"))
    script = next(step["run"] for step in workflow["jobs"]["report"]["steps"]
                  if step.get("id") == "report")
    assert script.splitlines()[:2] == [
        "./scripts/report --maintainer-issues reverify",
        ".venv/bin/digituki ptv check --maintainer-issues reverify"]
