"""A content-addressed cache of build outputs: the key is a hash of everything named as an
input, the value the bytes the output had. An output whose inputs are unchanged is copied
from the cache instead of being made again (the leaflets use it; pages can).

The cache is only ever a shortcut: entries are written whole (a temporary file renamed into
place) and read back as they were written, so a build from the cache is byte-identical to a
clean one. A cache folder may be deleted at any time.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .resources import REPO

ENVIRONMENT = "DIGITUKI_CACHE"  # where the cache lives, when not the default
DEFAULT = REPO / ".cache" / "digituki"

Input = bytes | str


def cache_folder() -> Path:
    """``$DIGITUKI_CACHE``, else ``.cache/digituki/`` at the repository root (outside site/)."""
    chosen = os.environ.get(ENVIRONMENT)
    return Path(chosen) if chosen else DEFAULT


def key(inputs: Mapping[str, Input]) -> str:
    """A hex digest of named inputs. Names and values are length-prefixed, so no two
    different sets of inputs can run together into the same stream of bytes."""
    digest = hashlib.sha256()
    for name in sorted(inputs):
        value = inputs[name]
        data = value.encode() if isinstance(value, str) else value
        for part in (name.encode(), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of a file's bytes, as an input that names a file by its content."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class OutputCache:
    """Outputs by key in one folder (two-letter subfolders keep folders short)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, digest: str, name: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.{name}"

    def get(self, digest: str, name: str = "out") -> bytes | None:
        """The bytes stored under the key and part name, or None."""
        try:
            return self._path(digest, name).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, digest: str, data: bytes, name: str = "out") -> None:
        """Store bytes atomically: a reader sees the whole entry or none."""
        target = self._path(digest, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
