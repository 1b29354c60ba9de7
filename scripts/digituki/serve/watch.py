"""What the preview watches, and the records' validation and model kept between saves.

A saved file is noticed by its modification time and size. Checking a provider record needs
only the record, the region settings, the vocabularies and the date, so after a save only the
records that changed are checked again (everything when a shared file changed), and only
their models are made again; the result and the model are those of checking and loading the
whole folder (tests/test_serve.py compares them).
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model.build import Dataset, build_dataset, provider_model
from ..model.classes import Provider
from ..validate.dataset import (CheckedFile, Result, ignored_files, provider_files,
                                validate_dataset)

Stamp = tuple[int, int]  # modification time (ns) and size


def snapshot(folders: Iterable[Path]) -> dict[Path, Stamp]:
    """Every file under the folders (or the file itself) and its stamp; hidden files (an
    editor's ``.name.swp``) are not the site's, as the validator does not read them."""
    found = {}
    for top in folders:
        for path in (top.rglob("*") if top.is_dir() else [top]):
            if path.name.startswith("."):
                continue
            try:
                status = path.stat()
            except FileNotFoundError:
                continue  # removed while we looked
            if not path.is_dir():
                found[path] = (status.st_mtime_ns, status.st_size)
    return found


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
