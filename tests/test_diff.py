"""``digituki diff``: record changes in words, as the pull-request summary shows them."""
import shutil
import subprocess

import pytest

from digituki.cli import main

from conftest import FIXTURES, REPO, TODAY

PAIR = FIXTURES / "diff"
DAY = ["--today", TODAY.isoformat()]


def diff(capsys, base, head, *options):
    status = main(["diff", str(base), str(head), *DAY, *options])
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


def test_added_removed_changed_hours_and_phones_in_finnish(capsys):
    assert diff(capsys, PAIR / "base", PAIR / "head").splitlines() == [
        "auran-kirjasto.yaml",
        "  Auran kunnankirjasto: kuvaus (sv) muutettu",
        "  Auran kirjasto: puhelin lisätty: +44 20 7946 0102",
        "  Digiopastus kirjastossa – Auran kirjasto: opastusajat ti 14–17 → ti 14–18",
        "kosken-kirjasto.yaml",
        "  Poistettu palveluntarjoaja: Kosken Tl kirjasto",
        "marttilan-kirjasto.yaml",
        "  Marttilan kirjasto: tarkistettu 21.10.2026 → 20.11.2026; "
        "puhelin +44 20 7946 0301 → +44 20 7946 0302",
        "  Marttilan kirjasto, 7.1.2027: poikkeus lisätty: 12:00-16:00 (Inventaario)",
        "oripaan-kirjasto.yaml",
        "  Uusi palveluntarjoaja: Oripään kirjasto",
    ]


def test_the_same_in_english_markdown_for_the_pull_request(capsys):
    assert diff(capsys, PAIR / "base", PAIR / "head", "--lang", "en",
                "--format", "markdown").splitlines() == [
        "### Changes to records",
        "",
        "4 records changed",
        "",
        "- `auran-kirjasto.yaml`",
        "  - Aura Municipal Library: description (sv) changed",
        "  - Aura library: phone added: +44 20 7946 0102",
        "  - Digital help at the library – Aura library: help hours Tue 14–17 → Tue 14–18",
        "- `kosken-kirjasto.yaml`",
        "  - Removed provider: Koski Tl Library",
        "- `marttilan-kirjasto.yaml`",
        "  - Marttila Library: verified 21 Oct 2026 → 20 Nov 2026; "
        "phone +44 20 7946 0301 → +44 20 7946 0302",
        "  - Marttila library, 7 Jan 2027: exception added: 12:00-16:00 (Stocktaking)",
        "- `oripaan-kirjasto.yaml`",
        "  - New provider: Oripää Library",
    ]


def test_identical_folders_have_no_changes(capsys):
    assert diff(capsys, PAIR / "base", PAIR / "base") == "Ei muutoksia tietueisiin.\n"


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(folder)})


@pytest.fixture
def history(tmp_path):
    """A git repository whose two commits hold the base and the head records."""
    (tmp_path / "providers").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    for side in ("base", "head"):
        for old in (tmp_path / "providers").glob("*.yaml"):
            old.unlink()
        for record in (PAIR / side).glob("*.yaml"):
            (tmp_path / "providers" / record.name).write_bytes(record.read_bytes())
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", side)
    return tmp_path


def test_git_revisions_are_compared_like_folders(capsys, history, monkeypatch):
    monkeypatch.chdir(history)
    from_git = diff(capsys, "HEAD~1", "HEAD")
    # an absolute data folder names the same records in the revisions, not the working tree
    assert diff(capsys, "HEAD~1", "HEAD", "--data", str(history / "providers")) == from_git
    monkeypatch.chdir(REPO)
    assert from_git == diff(capsys, PAIR / "base", PAIR / "head")


def test_an_unknown_revision_is_a_usage_error(capsys):
    assert main(["diff", "no-such-revision", "HEAD", *DAY]) == 2
    err = capsys.readouterr().err
    assert err.startswith("digituki diff: git cannot read") and "no-such-revision" in err


def test_a_broken_file_is_named_and_record_text_cannot_add_markup(capsys, tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    head.mkdir()
    record = (PAIR / "base" / "auran-kirjasto.yaml").read_text(encoding="utf-8")
    (base / "auran-kirjasto.yaml").write_text(record, encoding="utf-8")
    (head / "auran-kirjasto.yaml").write_text(
        record.replace("fi: Auran kunnankirjasto", "fi: '@team <b>[x](https://evil.example)'"),
        encoding="utf-8")
    (head / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    out = diff(capsys, base, head, "--format", "markdown")
    assert "  - broken: tiedostoa ei voi lukea" in out.splitlines()
    hostile = "@\u200bteam \\<b\\>\\[x\\](https\u200b://evil.example)"  # no mention, tag or link
    assert f"  - {hostile}: nimi Auran kunnankirjasto → {hostile}" in out.splitlines()


def changed(capsys, tmp_path, edit, *options):
    """The diff of the Aura record against ``edit`` applied to its text."""
    record = (PAIR / "base" / "auran-kirjasto.yaml").read_text(encoding="utf-8")
    for side, text in (("base", record), ("head", edit(record))):
        (tmp_path / side).mkdir()
        (tmp_path / side / "auran-kirjasto.yaml").write_text(text, encoding="utf-8")
    return diff(capsys, tmp_path / "base", tmp_path / "head", *options).splitlines()[1:]


def test_a_closure_over_several_days_says_its_first_and_last_day(capsys, tmp_path):
    lines = changed(capsys, tmp_path, lambda r: r.replace(
        "    accessibility:\n",
        "      - date: 2027-06-01\n        until: 2027-06-30\n        closed: true\n"
        "        reason: {fi: Remontti}\n    accessibility:\n", 1))
    assert lines == ["  Auran kirjasto, 1.6.2027–30.6.2027: poikkeus lisätty: suljettu (Remontti)"]


def test_a_second_session_at_the_same_place_is_added_not_a_change(capsys, tmp_path):
    lines = changed(capsys, tmp_path, lambda r: r.replace(
        '        hours: "Tu 14:00-17:00; Fr 10:00-12:00; PH off"\n',
        '        hours: "Tu 14:00-17:00; Fr 10:00-12:00; PH off"\n'
        '      - point: kirjasto\n        hours: "Sa 10:00-12:00; PH off"\n'), "--lang", "en")
    assert lines == ["  Digital help at the library – Aura library: help added: "
                     "Sat 10–12, closed on public holidays"]


def test_a_changed_field_inside_a_group_is_named_with_its_group(capsys, tmp_path):
    lines = changed(capsys, tmp_path, lambda r: r.replace(
        "    booking:\n      need: none\n", "    booking:\n      need: recommended\n", 1))
    assert lines == ["  Digiopastus kirjastossa: ajanvaraus: tarvitaanko none → recommended"]


def test_unusual_but_readable_yaml_is_summarised_not_a_crash(capsys, tmp_path):
    lines = changed(capsys, tmp_path, lambda r: r.replace(
        'contact:\n  phone: "+44 20 7946 0101"\n  email: kirjasto@aura.example.org\n',
        "contact: soita\n").replace("  - id: kirjasto\n", "  - id: [kirjasto]\n"))
    assert lines[0] == "  Auran kunnankirjasto: puhelin poistettu; sähköposti poistettu; " \
                       "yhteystiedot lisätty: soita"


def test_deep_nesting_is_unreadable_not_a_crash(capsys, tmp_path):
    lines = changed(capsys, tmp_path, lambda r: "id: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert lines == ["  auran-kirjasto: tiedostoa ei voi lukea"]


def test_a_record_that_is_a_symbolic_link_is_named_as_one_not_followed(capsys, tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(PAIR / "base", base)
    shutil.copytree(PAIR / "base", head)
    (tmp_path / "secret.yaml").write_text("id: secret\nname: {fi: Salaisuus}\n")
    (head / "linked.yaml").symlink_to(tmp_path / "secret.yaml")
    (head / "passwd.yaml").symlink_to("/etc/passwd")
    out = diff(capsys, base, head, "--lang", "en")
    assert out.splitlines() == [
        "linked.yaml", "  linked: the file is a symbolic link, not a record",
        "passwd.yaml", "  passwd: the file is a symbolic link, not a record"]
    assert "Salaisuus" not in out


def test_a_symbolic_link_in_a_git_revision_is_named_as_one(capsys, history, monkeypatch):
    monkeypatch.chdir(history)
    (history / "providers" / "absolute.yaml").symlink_to("/etc/passwd")
    (history / "providers" / "relative.yaml").symlink_to("auran-kirjasto.yaml")
    git(history, "add", "-A")
    git(history, "commit", "-q", "-m", "links")
    assert diff(capsys, "HEAD~1", "HEAD").splitlines() == [
        "absolute.yaml", "  absolute: tiedosto on symbolinen linkki eikä tietue",
        "relative.yaml", "  relative: tiedosto on symbolinen linkki eikä tietue"]


def test_file_names_keys_and_dates_stay_on_their_line_in_markdown(capsys, tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    head.mkdir()
    record = (PAIR / "base" / "auran-kirjasto.yaml").read_text(encoding="utf-8")
    for name in ("a`b``.yaml", "x\n- y.yaml"):
        (head / name).write_text(record, encoding="utf-8")
    (base / "auran-kirjasto.yaml").write_text(record, encoding="utf-8")
    (head / "auran-kirjasto.yaml").write_text(
        record.replace("id: auran-kirjasto\n", 'id: auran-kirjasto\n"uusi\\n- @k": "x"\n')
              .replace("  date: 2026-10-14\n", '  date: "2026-10-14\\n# otsikko\\u202e"\n', 1),
        encoding="utf-8")
    out = diff(capsys, base, head, "--format", "markdown").splitlines()
    assert out[4:] == [
        "- ```a`b``.yaml```",
        "  - Uusi palveluntarjoaja: Auran kunnankirjasto",
        "- `auran-kirjasto.yaml`",
        "  - Auran kunnankirjasto: tarkistettu 14.10.2026 → 2026-10-14\\\\n\\# otsikko\\\\u202e; "
        "uusi\\\\n- @\u200bk lisätty: x",
        "- `x\\n- y.yaml`",
        "  - Uusi palveluntarjoaja: Auran kunnankirjasto"]


@pytest.mark.parametrize("text, broken", [
    ("katso https://evil.example/x", "https\u200b://"),
    ("tai www.evil.example", "www\u200b."),
    ("korjaa #123", "#\u200b123"),
])
def test_record_text_in_markdown_cannot_become_a_link_after_rendering(text, broken):
    """GitHub links bare addresses and issue references in text it has already rendered."""
    from digituki.untrusted import markdown_text
    assert broken in markdown_text(text)
