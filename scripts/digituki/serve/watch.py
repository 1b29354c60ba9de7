"""What the preview watches, and the records' validation and model kept between saves.

A saved file is noticed by its modification time and size, looked at when the system says a
file changed (``Watcher``). Checking a provider record needs only the record, the region
settings, the vocabularies and the date, so after a save only the records that changed are
checked again (everything when a shared file changed), and only their models are made again;
the result and the model are those of checking and loading the whole folder
(tests/test_serve.py compares them).
"""
from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from watchdog.events import (EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_OPENED, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..model.build import Dataset, build_dataset, provider_model
from ..model.classes import Provider
from ..validate.dataset import (CheckedFile, Result, ignored_files, provider_files,
                                validate_dataset)

Stamp = tuple[int, int]  # modification time (ns) and size


def snapshot(folders: Iterable[Path]) -> dict[Path, Stamp]:
    """Every file under the folders (or the file itself) and its stamp; hidden files and
    folders (an editor's ``.name.swp``) are not the site's, as the validator does not read
    them."""
    found: dict[Path, Stamp] = {}
    for top in folders:
        if top.is_dir():
            _look_in(str(top), found)
        else:
            try:
                status = top.stat()
            except FileNotFoundError:
                continue
            found[top] = (status.st_mtime_ns, status.st_size)
    return found


def _look_in(folder: str, found: dict[Path, Stamp]) -> None:
    """``snapshot`` of one folder: one status per file (at national scale the preview looks
    at 5,000 records after every save and while it waits for one)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return   # removed while we looked, or not readable
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _look_in(entry.path, found)
                continue
            status = entry.stat()
        except OSError:
            continue
        found[Path(entry.path)] = (status.st_mtime_ns, status.st_size)


class Watcher:
    """When the preview looks at the watched files again: as soon as the system says one of
    them changed (inotify, through watchdog), and every few seconds in case it did not say
    (a folder on a network drive). Looks without an event take at most a fifth of the
    time, and a change is looked at within half a second of the last look. Looking every
    tenth of a second took a tenth of a second at national scale, so a save was noticed
    half a second late on average, and seconds late while the background work made looking
    slow."""

    SAFETY = 3.0      # seconds between looks without an event
    LOOKING = 0.2     # at most this share of the time goes to looking
    PROMPT = 0.5      # but a change is looked at within this many seconds of the last look

    def __init__(self, watched: Iterable[Path]) -> None:
        self._watched = list(watched)
        self._changed = threading.Event()
        self._next = 0.0       # the next look without an event
        self._earliest = 0.0   # the next look at all
        self._observer: BaseObserver | None = None
        try:
            self._observer = _observer(self._watched, _Notice(self._changed))
        except OSError:   # no inotify (or its limits reached): looking only
            pass

    def due(self) -> bool:
        now = time.perf_counter()
        return now >= self._next or (self._changed.is_set() and now >= self._earliest)

    def look(self) -> dict[Path, Stamp]:
        """A snapshot of the watched files now; the next one is due at an event or after a
        while."""
        self._changed.clear()   # before looking: a change made while we look is seen next
        started = time.perf_counter()
        found = snapshot(self._watched)
        now = time.perf_counter()
        spacing = (now - started) / self.LOOKING
        # A look made slow by other work (the search index being made) must not hold back
        # the next save: at 5,000 records one took 0.4 s, and a save waited 2 s to be seen.
        self._earliest = now + min(spacing, self.PROMPT)
        self._next = now + (max(spacing, self.SAFETY) if self._observer else spacing)
        return found

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()


def _observer(watched: Iterable[Path], handler: FileSystemEventHandler) -> BaseObserver:
    """An observer of the watched folders (recursively) and files, started; stopped again
    when it cannot watch them all (OSError)."""
    observer = Observer()   # opens its inotify instance: may fail at the system's limit
    try:
        for path in watched:
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
            else:
                observer.schedule(handler, str(path.parent))
        observer.start()
    except OSError:
        observer.stop()
        raise
    return observer


class _Notice(FileSystemEventHandler):
    """Raises the flag on any change (opening and reading a file is none, nor is a change to
    a hidden file: the site has none)."""

    def __init__(self, changed: threading.Event) -> None:
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        hidden = os.path.basename(os.fsdecode(event.src_path)).startswith(".")  # .x.yaml.swp
        if not hidden and event.event_type not in (EVENT_TYPE_OPENED,
                                                   EVENT_TYPE_CLOSED_NO_WRITE):
            self.changed.set()


def changes(before: Mapping[Path, Stamp], after: Mapping[Path, Stamp]) -> set[Path]:
    """Files added, removed or changed between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


class Records:
    """The data folder's validation result, brought up to date after each save."""

    def __init__(self, data: Path, today: datetime.date) -> None:
        self.data = data
        self.today = today
        self._shared_stamps: dict[Path, Stamp] | None = None
        self._shared: list[CheckedFile] = []                     # region and vocabularies
        self._records: dict[Path, tuple[Stamp, CheckedFile]] = {}
        self._models: dict[Path, tuple[CheckedFile, Provider]] = {}

    def check(self, stamps: Mapping[Path, Stamp]) -> Result:
        """The validation of the folder as ``stamps`` (a snapshot of it) finds it."""
        records = provider_files(self.data)
        record_set = set(records)
        shared = {path: stamp for path, stamp in stamps.items() if path not in record_set}
        if shared != self._shared_stamps:
            self._shared_stamps, self._records = shared, {}
        changed = [path for path in records
                   if path not in self._records or self._records[path][0] != stamps.get(path)]
        if changed or not self._shared:
            fresh = validate_dataset(self.data, self.today, changed or None)
            self._shared = [f for f in fresh.files if f.kind not in ("provider", "ignored")]
            by_path = {f.path: f for f in fresh.providers()}
            self._records.update((path, (stamps.get(path, (0, 0)), by_path[path]))
                                 for path in records if path in by_path)
        self._records = {path: self._records[path] for path in records}
        files = [*self._shared, *(self._records[path][1] for path in records),
                 *(ignored_files(self.data) if self.data.is_dir() else [])]
        return Result(problems=sorted((p for f in files for p in f.problems),
                                      key=lambda p: p.sort_key), files=files)

    def dataset(self, result: Result) -> Dataset:
        """The model of the last check (without errors): the records that were not checked
        again keep the model they had."""
        def model(checked: CheckedFile) -> Provider:
            known = self._models.get(checked.path)
            if known is None or known[0] is not checked:
                known = self._models[checked.path] = (checked, provider_model(checked))
            return known[1]

        dataset = build_dataset(result, self.today, model)
        self._models = {f.path: self._models[f.path] for f in result.providers()}
        return dataset
