"""``digituki serve``, the live preview: a network member saves a record and sees the page
change by itself; a broken record prints the validator's problem and the last good page stays.

One real session: ``digituki serve`` as a process of its own on a free port, with a copy of
the demo records, its own cache folder and a fixed date, and Debian's Chromium on it.
"""
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import expect

from browser_support import DEMO, DEMO_TODAY, browser, need  # noqa: F401
from digituki.model.build import build_dataset
from digituki.serve.watch import Records, snapshot
from digituki.validate.dataset import validate_dataset
from digituki.validate.report import line_of

RECORD = "kosken-kirjasto.yaml"
PAGE = "fi/providers/kosken-kirjasto/"
HOURS = 'hours: "We 15:00-18:00; PH off"'   # the library's help hours: "ke 15–18"
NEW_HOURS = 'hours: "We 15:00-17:30; PH off"'
BROKEN_HOURS = 'hours: "We 15:00-25:99; PH off"'
# Generous: the first build of three languages on a busy two-core machine.
START, CHANGE, LEAFLETS = 600, 300, 900   # seconds


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the one ``old`` in the file; the line number it is on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def _lines(problems) -> list[str]:
    return [line_of(problem, "fi") for problem in problems]


def test_records_checked_again_after_saves_are_what_validate_finds(tmp_path, monkeypatch):
    """Serve checks only the records that changed since the last check (all of them when a
    shared file changed); each time the result is the whole folder's validation."""
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    monkeypatch.chdir(tmp_path)
    records = Records(Path("data"), DEMO_TODAY)

    def same_as_validate() -> list[str]:
        found = records.check(snapshot([Path("data")]))
        whole = validate_dataset(Path("data"), DEMO_TODAY)
        assert _lines(found.problems) == _lines(whole.problems)
        assert [f.display for f in found.files] == [f.display for f in whole.files]
        if not found.problems:
            assert records.dataset(found) == build_dataset(whole, DEMO_TODAY)
        return _lines(found.problems)

    assert same_as_validate() == []
    before = records.dataset(records.check(snapshot([Path("data")])))
    _edit(data / RECORD, HOURS, BROKEN_HOURS)
    assert [line.split(": ")[1] for line in same_as_validate()] == \
        ["error[hours-syntax] services[0].at[0].hours"]
    (data / "auran-kunta.yaml").unlink()
    (data / "uusi.yml").write_text("id: uusi\n", encoding="utf-8")
    _edit(data / "_vocabulary" / "topics.yaml", "id: email", "id: e-mail")
    found = same_as_validate()   # the ignored file, and unchanged records that name 'email'
    assert any(line.startswith("data/uusi.yml:") and "[file-ignored]" in line for line in found)
    assert any(line.startswith("data/auran-kirjasto.yaml:") and "[ref-unknown]" in line
               for line in found)
    _edit(data / "_vocabulary" / "topics.yaml", "id: e-mail", "id: email")
    (data / "uusi.yml").unlink()
    _edit(data / RECORD, BROKEN_HOURS, NEW_HOURS)
    assert same_as_validate() == []
    after = records.dataset(records.check(snapshot([Path("data")])))
    kept = {p.id: p for p in before.providers}
    assert [p.id for p in after.providers if kept.get(p.id) != p] == ["kosken-kirjasto"]
    assert sorted(kept.keys() - {p.id for p in after.providers}) == ["auran-kunta"]


class Serve:
    """``digituki serve`` running in its own process; its output read line by line."""

    def __init__(self, folder: Path):
        env = {**os.environ, "DIGITUKI_CACHE": str(folder / "cache"), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "digituki.cli", "serve", "--data", "data", "--out", "site",
             "--today", DEMO_TODAY.isoformat(), "--port", "0"],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        """The first line from now on that matches; fails with everything said so far when
        none does in time or serve ends."""
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                line = None
            assert line is not None, f"serve never said {pattern!r}:\n" + "\n".join(self.output)
            self.output.append(line)
            if found := re.search(pattern, line):
                return found

    def stop(self) -> int:
        """Stop serve as Ctrl+C does; its exit status. All it said is in ``output`` then
        (and printed, which pytest shows when the test failed)."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            try:
                while (line := self._lines.get(timeout=10)) is not None:
                    self.output.append(line)
            except queue.Empty:
                pass  # a process serve started still holds the output open
            print("\n".join(self.output))


def test_a_saved_change_reloads_the_page_and_a_broken_record_keeps_the_last_good_one(
        tmp_path, browser):
    browser = need(browser)
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    serve = Serve(tmp_path)
    try:
        origin = serve.wait_for(r"Serving site/ at (http://127\.0\.0\.1:\d+)/", START)[1]
        page = browser.new_page()
        origins = []
        page.on("request", lambda request: origins.append(re.match(r"[a-z]+://[^/]+",
                                                                   request.url)[0]))
        page.goto(f"{origin}/{PAGE}")
        main = page.locator("main")
        expect(main).to_contain_text("ke 15–18")

        # A saved opening hour: the page reloads by itself (a new document, no reload asked).
        page.evaluate("window.beforeTheSave = true")
        _edit(data / RECORD, HOURS, NEW_HOURS)
        expect(main).to_contain_text("ke 15–17.30", timeout=CHANGE * 1000)
        assert page.evaluate("window.beforeTheSave") is None
        assert page.url == f"{origin}/{PAGE}"
        serve.wait_for(r"pages current \(\d+ rendered, [\d.]+ s: records [\d.]+ s, pages "
                       r"[\d.]+ s using [\d.]+ s of CPU\)", CHANGE)
        # The index, exports and leaflets follow; once they are current no reload is due.
        serve.wait_for(r"everything current", LEAFLETS)

        # A broken record: the validator's line, nothing built, the page as it was.
        page.evaluate("window.beforeTheBreak = true")
        line = _edit(data / RECORD, NEW_HOURS, BROKEN_HOURS)
        expected = (f"data/{RECORD}:{line}:29: error[hours-syntax] services[0].at[0].hours: "
                    "Aukioloaikaa ei voi lukea merkin 13 kohdalta ('99; PH off'). Muoto on "
                    "OpenStreetMapin opening_hours, esim. 'Mo-Fr 10:00-12:00; PH off'.")
        serve.wait_for(re.escape(expected), CHANGE)
        serve.wait_for(r"^1 virhe ja 0 varoitusta; 29 tiedostoa tarkistettu\.$", CHANGE)
        serve.wait_for(r"The records have errors: nothing was built", CHANGE)
        assert page.evaluate("window.beforeTheBreak") is True
        page.goto(f"{origin}/{PAGE}")
        expect(main).to_contain_text("ke 15–17.30")

        # Fixed back to the first hours: the provider's pages come from the cache, as they
        # were at the start, and the page reloads by itself.
        _edit(data / RECORD, BROKEN_HOURS, HOURS)
        expect(main).to_contain_text("ke 15–18", timeout=CHANGE * 1000)

        # Everything came from the preview itself, and the folder on disk is a plain build.
        assert set(origins) == {origin}
        assert b"__digituki" not in (tmp_path / "site" / PAGE / "index.html").read_bytes()
    finally:
        status = serve.stop()
    assert status == 0, "\n".join(serve.output)
