"""``digituki serve``: a live preview that shows a saved change in about a second.

The loop, in one warm process:

1. Watch the records, vocabularies and region settings (the data folder), the content pages,
   the templates (``theme_overrides/``) and mkdocs.yml: look at them when the system says
   one changed, and every few seconds in case it did not (``watch.Watcher``).
2. On a change, check the records as ``digituki validate`` does (only the changed ones again,
   see ``watch.Records``) and print the problems as it prints them. With an error nothing is
   built: the last good site stays up, and the terminal says so.
3. Otherwise build the pages only (the build renders just what changed) and raise the pages'
   generation: every open page reloads itself (``server``: live reload from the same origin).
4. Then, in one background process that the next save cancels (``background``), the search
   index, the exports and the leaflets; when the leaflets' page counts or sizes changed, the
   pages that link to them again and the index after them. The terminal says when each is
   current.
"""
from __future__ import annotations

import datetime
import os
import signal
import sys
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from ..codes import Severity, severity
from ..model.build import Dataset
from ..outputcache import OutputCache, cache_folder, code_digest, forget_code_digest
from ..resources import REPO, theme_folder
from ..site.build import build_site, update_index
from ..validate.dataset import Result, display_name
from ..workers import collect_long_lived, hold_long_lived
from .background import Background, Message, Send
from .server import Generation, PreviewServer
from .watch import Records, Stamp, Watcher, changes, snapshot

POLL = 0.05        # seconds between checks for background messages and changed files
SETTLE = 0.05      # a change is read once the files stay the same this long
CONTENT = REPO / "content"
TEMPLATES = theme_folder()
LeafletFiles = Mapping[str, tuple[int, int]]   # path -> (pages, bytes), for the pages' links


@dataclass(frozen=True)
class Options:
    data: Path
    out: Path
    engine: str
    today: datetime.date
    port: int


@dataclass(frozen=True)
class Steps:
    """The build's own steps, as ``digituki build`` takes them (so the preview makes each
    output as a build does)."""

    report: Callable[[Result], object]   # print a validation result as `digituki validate`
    leaflets: Callable[[Dataset, Path, OutputCache], LeafletFiles | None]  # None: cannot
    data: Callable[[Dataset, Path, OutputCache], int]   # exports and report tables: files
    schemas: Callable[[Path], None]      # the JSON Schemas


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


def _seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def _cpu() -> float:
    """Processor seconds of this process and of the processes it has waited for (the
    languages' processes of a pages build): unlike the seconds on the clock, they hardly
    depend on what else the machine runs."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _index(dataset: Dataset, out: Path, cache: OutputCache, send: Send) -> None:
    started = time.perf_counter()
    made = update_index(dataset, out, cache)
    send("index", f"{'made anew' if made else 'unchanged'}, {_seconds(started)}")


def _follow_pages(dataset: Dataset, options: Options, steps: Steps, cache: OutputCache,
                  leaflets: LeafletFiles | None, send: Send) -> None:
    """What follows a pages build, in the background process, each step reported: the
    search index, the exports, the leaflets, and when the leaflets' page counts or sizes
    changed, the pages that name them and the index again; then the cache is kept within
    its size limit."""
    out = options.out
    _index(dataset, out, cache, send)
    started = time.perf_counter()
    count = steps.data(dataset, out, cache)
    steps.schemas(out)
    send("exports", f"{count} files, {_seconds(started)}")
    started = time.perf_counter()
    files = steps.leaflets(dataset, out, cache)
    if files is None:
        send("failed", "no leaflets (see above)")
        return
    send("leaflets", (dict(files), f"{len(files)} files, {_seconds(started)}"))
    if files != leaflets:
        started = time.perf_counter()
        run = build_site(dataset, out, options.engine, CONTENT, files, cache=cache,
                         index=False)
        send("pages", f"{len(run.rendered)} rendered for the leaflets' links, "
                      f"{_seconds(started)}")
        _index(dataset, out, cache, send)
    cache.prune()
    send("done", "")


def _stop(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class Preview:
    """The preview's state between saves: the records' check and model, the leaflet facts
    the pages link with, the pages' generation, the background work."""

    def __init__(self, options: Options, steps: Steps) -> None:
        self.options = options
        self.steps = steps
        self.records = Records(options.data, options.today)
        self.cache = OutputCache(cache_folder())
        code_digest()   # the code this process loaded, fixed now (see forget_code_digest)
        self.generation = Generation()
        self.background = Background()
        self.dataset: Dataset | None = None
        self.leaflets: LeafletFiles | None = None
        self.started = time.perf_counter()   # when the last pages build began
        self.watched = [options.data, CONTENT, TEMPLATES, REPO / "mkdocs.yml"]

    def run(self) -> int:
        signal.signal(signal.SIGTERM, _stop)  # stopped like Ctrl+C: the background work too
        try:  # the address first: a port in use is said at once, not after a build
            server = PreviewServer(self.options.out, self.options.port, self.generation)
        except OSError as error:
            print(f"digituki serve: cannot serve on port {self.options.port}: {error.strerror}"
                  f" (choose another with --port)", file=sys.stderr)
            return 2
        watcher = Watcher(self.watched)
        seen = self._settled(watcher.look())
        self.update(seen, seen.keys())
        server.start()
        say(f"Serving {self.options.out}/ at {server.origin}/ — pages reload by themselves "
            f"after a save (Ctrl+C stops)")
        try:
            while True:
                for message in self.background.receive(POLL):
                    self.on_message(message)
                if not watcher.due():
                    continue
                found = watcher.look()
                if found != seen:
                    now = self._settled(found)
                    changed, seen = changes(seen, now), now
                    names = sorted(display_name(path) for path in changed)
                    say(f"Saved: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}")
                    self.update(now, changed)
        except KeyboardInterrupt:
            return 0
        finally:
            self.background.stop()
            watcher.stop()
            server.stop()

    def _settled(self, before: dict[Path, Stamp]) -> dict[Path, Stamp]:
        """The watched files once a save has finished (an editor may write in steps):
        ``before``, a look just taken, or a later one."""
        while True:
            time.sleep(SETTLE)
            after = snapshot(self.watched)
            if after == before:
                return after
            before = after

    def update(self, stamps: Mapping[Path, Stamp], changed: Collection[Path]) -> None:
        """Check the records when they changed (or were broken), then build the pages and
        start what follows them."""
        self.started = time.perf_counter()
        data = self.options.data
        if self.dataset is None or any(path.is_relative_to(data) for path in changed):
            result = self.records.check({path: stamp for path, stamp in stamps.items()
                                         if path.is_relative_to(data)})
            self.steps.report(result)
            if any(severity(p) is Severity.ERROR for p in result.problems):
                self.dataset = None
                say("The records have errors: nothing was built, the preview shows the last "
                    "good site. Fix the file and save.")
                return
            self.dataset = self.records.dataset(result)
        checked = time.perf_counter()
        if any(path.is_relative_to(TEMPLATES) for path in changed):
            forget_code_digest()  # a template is part of the code, an input of every output
        self.background.cancel()
        cpu = _cpu()   # after the cancelled work was waited for, whose seconds it would count
        hold_long_lived()   # the model and the records' checks, kept until the next save
        try:
            run = build_site(self.dataset, self.options.out, self.options.engine, CONTENT,
                             self.leaflets, cache=self.cache, index=False)
        except Exception as error:  # a template being edited, say: the preview goes on
            say(f"The pages could not be built: {type(error).__name__}: {error}")
            collect_long_lived()   # the failed build's frames, which hold a dataset
            return
        # Even with nothing rendered the files may have changed (a state seen before, copied
        # from the cache): open pages reload after every pages build.
        self.generation.bump()
        say(f"pages current ({len(run.rendered)} rendered, {_seconds(self.started)}: records "
            f"{checked - self.started:.2f} s, pages {_seconds(checked)} using "
            f"{_cpu() - cpu:.1f} s of CPU)")
        dataset, leaflets = self.dataset, self.leaflets
        self.background.start(lambda send: _follow_pages(
            dataset, self.options, self.steps, self.cache, leaflets, send))

    def on_message(self, message: Message) -> None:
        """Say what the background work made current."""
        what, detail = message
        if what == "leaflets" and isinstance(detail, tuple):
            self.leaflets, detail = detail
        if what == "pages":
            self.generation.bump()
        if what == "failed":
            say(f"The background work stopped: {detail}")
        elif what == "done":
            collect_long_lived()   # a quiet moment: what the saves froze, scanned once
            say(f"everything current: pages, search index, exports and leaflets "
                f"({_seconds(self.started)} after the pages began)")
        else:
            say(f"{_NAMES[what]} current ({detail})")


_NAMES = {"index": "search index", "exports": "exports", "leaflets": "leaflets",
          "pages": "pages"}


def serve(options: Options, steps: Steps) -> int:
    """Preview the site until Ctrl+C (or SIGTERM)."""
    return Preview(options, steps).run()
