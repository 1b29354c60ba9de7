"""Serve figures for ``scripts/bench``: seconds from a saved record to the page reloaded with it.

``digituki serve`` runs as a network member runs it: a process of its own on a copy of the
records, with a cache folder of its own (cold: the first build makes everything), and Debian's
Chromium shows a provider page. Then one record's first help hours are changed and saved
several times, each as soon as the page showed the one before (the index, exports and
leaflets of the save before are still being made: a save must not wait for them). The figure
is the time from the save to the page showing the new hours, reloaded by itself; serve's own
``pages current`` line says how much of it was checking the records and building the pages,
and the processor seconds the build used (its own and its languages' processes): on a
machine shared with other work the seconds on the clock grow with the load average, printed
with each figure, while the processor seconds hardly do.
"""
import datetime
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

DEMO = Path("providers")
DEMO_TODAY = datetime.date(2026, 11, 30)
SAVES = 4
TARGETS = {"demo": 1.5, 5000: 10.0}   # seconds from save to reloaded page
HELP_HOURS = re.compile(r"^(\s+hours: ).*$", re.MULTILINE)
START = 1800  # seconds the first build may take at national scale


def _hours(n: int) -> tuple[str, str]:
    """The help hours of the n-th save, new each time (a state seen before would come from
    the cache), and how a Finnish page writes them."""
    return f"Mo 08:{11 + n}-09:45", f"ma 8.{11 + n}–9.45"


def _save(record: Path, hours: str) -> None:
    """Change the record's first help hours (a service's, under ``at:``) and save."""
    text = record.read_text(encoding="utf-8")
    services = text.index("\nservices:")
    found = HELP_HOURS.search(text, services)
    assert found, f"no help hours in {record}"
    record.write_text(f'{text[:found.start()]}{found[1]}"{hours}; PH off"{text[found.end():]}',
                      encoding="utf-8")


class _Output:
    """Serve's output, read as it comes (so that serve never waits for the reader)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in process.stdout],
                         daemon=True).start()

    def first(self, pattern: str, timeout: float = START) -> str:
        """The first line from now on that matches."""
        while not re.search(pattern, line := self.lines.get(timeout=timeout)):
            pass
        return line.rstrip("\n")


def _session(data: Path, folder: Path, today: datetime.date, label: str
             ) -> tuple[list[float], list[float]]:
    """Seconds from each save to the reloaded page, and the processor seconds of each
    pages build as serve reports them."""
    from playwright.sync_api import sync_playwright
    record = sorted(p for p in data.glob("*.yaml") if not p.name.startswith("_"))[0]
    process = subprocess.Popen(
        [sys.executable, "-m", "digituki.cli", "serve", "--data", str(data),
         "--out", str(folder / "site"), "--today", today.isoformat(), "--port", "0"],
        env={**os.environ, "DIGITUKI_CACHE": str(folder / "cache"), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output, seconds, cpu = _Output(process), [], []
    try:
        started = time.perf_counter()
        origin = re.search(r"at (http://\S+)/ ", output.first("^.{9}Serving "))[1]
        print(f"serve          {label:>6} records  first pages in "
              f"{time.perf_counter() - started:6.1f} s (load {os.getloadavg()[0]:.1f})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"{origin}/fi/providers/{record.stem}/")
            for n in range(SAVES):
                hours, shown = _hours(n)
                page.evaluate("window.beforeTheSave = true")
                saved = time.perf_counter()
                _save(record, hours)
                page.wait_for_function(f"!window.beforeTheSave && document.body && "
                                       f"document.body.innerText.includes({shown!r})",
                                       timeout=600_000)
                seconds.append(time.perf_counter() - saved)
                line = output.first(r"pages current \(\d+ rendered, ")
                cpu.append(float(re.search(r"([\d.]+) s of CPU", line)[1]))
                print(f"  save {n + 1}: reloaded after {seconds[-1]:5.2f} s (load "
                      f"{os.getloadavg()[0]:.1f}); serve:{line[8:]}")
            browser.close()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    return seconds, cpu


def bench_serve(generate: Callable[[Path, int], None], today: datetime.date,
                scales: list[int | str]) -> None:
    """Save-to-reload seconds at each scale: "demo" (the demo records) or a record count
    (data made by ``generate``)."""
    for scale in scales:
        with tempfile.TemporaryDirectory(prefix="digituki-bench-serve-") as name:
            folder = Path(name)
            if scale == "demo":
                shutil.copytree(DEMO, folder / "data")
                day = DEMO_TODAY
            else:
                (folder / "data").mkdir()
                generate(folder / "data", int(scale))
                day = today
            seconds, cpu = _session(folder / "data", folder, day, str(scale))
        target = TARGETS.get(scale)
        print(f"serve          {scale!s:>6} records  save to reloaded page: median "
              f"{statistics.median(seconds):.2f} s, slowest {max(seconds):.2f} s"
              + (f" (target <= {target} s)" if target else "")
              + f"; pages build median {statistics.median(cpu):.1f} s of CPU; load average "
              f"{os.getloadavg()[0]:.1f}")
