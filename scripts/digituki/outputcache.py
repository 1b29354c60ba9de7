"""A content-addressed cache of build outputs: the key is a hash of everything named as an
input, the value the bytes the output had. An output whose inputs are unchanged is copied
from the cache instead of being made again.

One mechanism serves every step of a build: each provider record's check (its value and
problems, as JSON, by its bytes and what every record's check shares: ``validate.cached``),
each leaflet (keyed by its HTML, fonts, code and library versions), each generated page's
Markdown and body, with its head apart (the model's shared digest and those of the providers
it shows: ``site.pages``), each page the engine renders (its Markdown and body, the
navigation, the theme, the language and the build date: ``site.build``), a whole language's
pages, all the leaflets and the open-data exports when the model (``model.digests``) and the
code (``code_digest``) are unchanged, each calendar and each provider's part of the other
exports (by the providers they show: ``export``), the search index (keyed by the indexed
pages' bytes) and the privacy check's reading of each file (by the file's bytes) and of each
part of a page. ``KnownFiles`` notes what the site's files hold, so that an unchanged file is
not read again; ``Recall`` gives a build the small entries the last build of its kind used
from one entry, each marked used but not read. A single output is a part stored under its key
(``get``/``put``); a folder of outputs is a manifest under its key naming each file's bytes,
stored once by their own hash (``get_tree``/``put_tree``), so the many files that stay the
same between builds are kept once; such bytes can also be named without being read (``Kept``:
``keep``, ``find_kept``, ``get_kept_tree``), as a finished page is. ``restore_or_make`` brings
a folder of the site up to date from the cache, or makes it in a staging folder and keeps it.

``sync_tree`` then writes a folder of the site in place: only files whose bytes differ are
written (each replaced whole), and files no longer made are deleted, so a server can keep
serving the folder while it is rebuilt.

The cache is only ever a shortcut: entries are written whole (a temporary file renamed into
place), each starting with the hash of its bytes, and an entry whose bytes no longer match it
(cut short, changed on disk, restored half) is a miss when read; so a build from the cache is
byte-identical to a clean one. (A small entry recalled, ``Recall``, is not read: its value
comes sealed in the recall, as it was when stored.) The folder is ``.cache/digituki/`` (or
``$DIGITUKI_CACHE``), never inside the site, and may be deleted at any time. After a build the
entries used longest ago are deleted until the folder is within its size limit (``prune``:
4,000 MB or ``$DIGITUKI_CACHE_MB``); reading or writing an entry marks it as used.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import cast

from .resources import REPO

ENVIRONMENT = "DIGITUKI_CACHE"  # where the cache lives, when not the default
DEFAULT = REPO / ".cache" / "digituki"

Input = bytes | str
PART = ".part-"  # how a file being written starts (renamed into place when whole)
BLOB = "blob"  # the part name of a file's bytes stored by their own hash (keep, put_tree)


@dataclass(frozen=True)
class Kept:
    """A file's bytes kept in the cache, named by their SHA-256 (a ``BLOB`` entry): a folder
    of files that holds it is stored and synced without the bytes being read, unless they
    must be written (``put_tree``, ``sync_tree``). At national scale a one-record build read
    back every unchanged page of a language, about 220 MB, only to find it unchanged."""
    sha256: str


FileData = bytes | Kept   # a file's bytes, or where the cache keeps them


class MissingBlob(Exception):
    """Kept bytes are no longer in the cache (deleted, or changed on disk): what held them is
    made again."""


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
    """Outputs by key in one folder (``entry_path``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries = f"{folder / SEALED}{os.sep}"

    def _path(self, digest: str, name: str) -> str:
        """``entry_path`` as a string: a build reads tens of thousands of entries, and
        pathlib took a tenth of a national one-record build making their paths."""
        return f"{self._entries}{digest[:2]}{os.sep}{digest}.{name}"

    def get(self, digest: str, name: str = "out") -> bytes | None:
        """The bytes stored under the key and part name, or None. An entry read is marked
        as used now (its modification time), so ``prune`` removes the longest unused."""
        path = self._path(digest, name)
        try:
            with open(path, "rb") as stream:
                data = _checked(stream.read())
                if data is None:   # forgotten, so that the next put writes it again
                    # (keep skips bytes it finds kept)
                    _forget(path, os.fstat(stream.fileno()).st_ino)
        except OSError:   # none kept, or a folder that cannot be read: made again
            return None
        if data is not None:
            _mark_used(path)
        return data

    def put(self, digest: str, data: bytes, name: str = "out") -> None:
        """Store bytes atomically: a reader sees the whole entry or none. A folder that
        cannot be written (read-only, full) keeps nothing: the cache is only a shortcut."""
        target = Path(self._path(digest, name))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(target, _sealed(data))
        except OSError:
            pass

    def keep(self, data: bytes, again: bool = False) -> Kept:
        """Store bytes by their own hash (once: bytes kept before are only marked used,
        unless stored ``again``, as when some of them were found damaged)."""
        blob = hashlib.sha256(data).hexdigest()
        if again or not _mark_used(self._path(blob, BLOB)):
            self.put(blob, data, BLOB)
        return Kept(blob)

    def find_kept(self, sha256: str) -> Kept | None:
        """The bytes of that hash as kept here, marked used, or None when there are none."""
        return Kept(sha256) if self.has(sha256, BLOB) else None

    def has(self, digest: str, name: str) -> bool:
        """Whether an entry is stored, marked as used now though not read (so that ``prune``
        keeps what builds rely on)."""
        return _mark_used(self._path(digest, name))

    def bytes_of(self, kept: Kept) -> bytes:
        """Kept bytes, read (MissingBlob when they are gone or damaged)."""
        data = self.get(kept.sha256, BLOB)
        if data is None:
            raise MissingBlob(kept.sha256)
        return data

    def put_tree(self, digest: str, files: Mapping[str, FileData], name: str = "tree",
                 again: bool = False) -> None:
        """Store a folder's files (path -> bytes, or bytes already kept) under the key: each
        file's bytes once (``again``: see ``keep``), by their own hash, and a manifest of
        paths to those hashes."""
        manifest = {path: (data if isinstance(data, Kept) else self.keep(data, again)).sha256
                    for path, data in files.items()}
        self.put(digest, json.dumps(manifest, sort_keys=True).encode(), name)

    def restore_or_make(self, digest: str, out: Path, sub: str, make: Callable[[Path], object],
               name: str = "tree") -> bool:
        """Bring ``out/<sub>/`` up to date: synced from the files stored under the key, or,
        when there are none, ``make(site)`` writes ``<sub>/`` into a new, empty folder whose
        files are stored and then synced. Whether they were made."""
        files = self.get_tree(digest, name)
        if files is not None:
            sync_tree(files, out / sub, self)
            return False
        with tempfile.TemporaryDirectory(prefix="digituki-") as staging:
            make(Path(staging))
            files = read_tree(Path(staging) / sub)
        self.put_tree(digest, files, name)
        sync_tree(files, out / sub, self)
        return True

    def prune(self) -> Pruned:
        """Keep the folder within ``size_limit()`` (``prune_folder``); after every build."""
        return prune_folder(self.folder, size_limit())

    def get_tree(self, digest: str, name: str = "tree") -> dict[str, bytes] | None:
        """The files stored under the key (path -> bytes), or None when any is missing."""
        kept = self.get_kept_tree(digest, name)
        try:
            return None if kept is None else {path: self.bytes_of(data)
                                              for path, data in kept.items()}
        except MissingBlob:
            return None

    def get_kept_tree(self, digest: str, name: str = "tree") -> dict[str, Kept] | None:
        """The files stored under the key, not read (path -> where they are kept), or None
        when any is missing."""
        manifest = self.get(digest, name)
        if manifest is None:
            return None
        blobs: dict[str, str] = json.loads(manifest)
        files = {path: self.find_kept(blob) for path, blob in blobs.items()}
        return None if None in files.values() else cast(dict[str, Kept], files)


RACY = 2.0   # seconds: a file changed this soon before its notes began is checked again
Status = tuple[int, int, int, int]   # a file's inode, size, modification and change time (ns)
KNOWN_FILES = "known-files"   # the cache's part name of a folder's notes (``KnownFiles``)


def file_status(path: str) -> Status | None:
    """The status a noted hash is trusted by (``KnownFiles``); None when there is no file."""
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


class KnownFiles:
    """What the files of a site folder hold, known without reading them again.

    At national scale a build that changed a few pages still compared every file of the site
    with the file on disk (``sync_tree``) and read every file again for the privacy check:
    some 16,000 files, about 13 of a one-record build's 68 processor seconds. Both now note
    a hash of each file they read or write with the file's status (inode, size, modification
    and change times), kept in the cache per folder and purpose, and trust the hash while
    the status is the same, as git's index and rsync's quick check do: a program can set a
    file's modification time back, but not its change time.

    What is not trusted: a file changed after these notes began to be taken (by this build,
    or by anyone while it read the file) or within the file system's time resolution before.
    As git does with "racy clean" entries, a note of a file whose modification or change
    time is not ``RACY`` seconds older than the moment the notes began is checked again next
    time: the few files a build has just written are read once more.

    Like any entry the notes are only a shortcut: lost, pruned, or from another machine
    (other inodes), the files are read. ``known`` and ``note`` take paths relative to the
    folder; ``save`` keeps the notes of the files looked at since loading."""

    def __init__(self, cache: OutputCache, folder: Path, purpose: str) -> None:
        self.cache, self.folder = cache, f"{folder.resolve()}{os.sep}"
        self._key = key({"folder": self.folder, "purpose": purpose,
                         "format": "ino size mtime ctime digest; began"})
        self._began = time.time_ns()
        stored = cache.get(self._key, KNOWN_FILES)
        self._noted: dict[str, list[int | str]] = {}
        if stored is not None:
            notes = json.loads(stored)
            trusted_before = notes["began"] - int(RACY * 1e9)
            self._noted = {name: entry for name, entry in notes["files"].items()
                           if max(int(entry[2]), int(entry[3])) < trusted_before}
        self._now: dict[str, list[int | str]] = {}

    def known(self, name: str) -> str | None:
        """The hash noted for the file, when its status is the one noted with it."""
        entry = self._noted.get(name)
        if entry is None or file_status(self.folder + name) != tuple(entry[:4]):
            return None
        self._now[name] = entry
        return str(entry[4])

    def sha256(self, name: str) -> str:
        """The SHA-256 of the file's bytes: noted, or read and noted (when this purpose's
        digest is that hash)."""
        digest = self.known(name)
        if digest is None:
            digest = hashlib.sha256(Path(self.folder, name).read_bytes()).hexdigest()
            self.note(name, digest)
        return digest

    def note(self, name: str, digest: str) -> None:
        """Note the hash of the file's bytes as they are now."""
        found = file_status(self.folder + name)
        if found is not None:
            self._now[name] = [*found, digest]

    def save(self) -> None:
        """Keep the notes of the files looked at (when they are not those loaded)."""
        if self._now != self._noted:
            self.cache.put(self._key, json.dumps({"began": self._began, "files": self._now},
                                                 sort_keys=True).encode(), KNOWN_FILES)


RECALLED = "recalled"   # the cache's part name of small entries kept together (``Recall``)


class Recall:
    """Small text entries of one part name that a build reads and writes, kept together for
    the next build that asks for the same ``purpose``: it finds them in one read instead of
    opening, reading and checking each. At national scale a one-record build looked up two
    such entries for each of 5,000 pages a language (a page's head, its finished page).

    An entry's bytes are fixed by its key (an output is made from the inputs its key names),
    so a recalled value is the entry's value. It is taken only while the entry is still in
    the cache, which marks it used as a read does: pruning works as before, and an entry
    pruned meanwhile is looked up as without a recall (and is not there)."""

    def __init__(self, cache: OutputCache, name: str, purpose: str) -> None:
        self._cache, self._name = cache, name
        self._key = key({"recall": name, "purpose": purpose})
        stored = cache.get(self._key, RECALLED)
        self._known: dict[str, str] = json.loads(stored) if stored else {}
        self._now: dict[str, str] = {}

    def get(self, digest: str) -> bytes | None:
        """The entry's bytes, as ``OutputCache.get`` gives them."""
        text = self._known.get(digest)
        if text is not None and self._cache.has(digest, self._name):
            self._now[digest] = text
            return text.encode()
        data = self._cache.get(digest, self._name)
        if data is not None:
            self._now[digest] = data.decode()
        return data

    def put(self, digest: str, data: bytes) -> None:
        """Store the entry, as ``OutputCache.put`` does."""
        self._cache.put(digest, data, self._name)
        self._now[digest] = data.decode()

    def save(self) -> None:
        """Keep the entries looked up or stored since loading (when they are not those
        loaded), for the next build."""
        if self._now != self._known:
            self._cache.put(self._key, json.dumps(self._now, sort_keys=True).encode(),
                            RECALLED)


LIMIT_ENVIRONMENT = "DIGITUKI_CACHE_MB"  # the cache's size limit, when not the default
DEFAULT_LIMIT_MB = 4000


def size_limit() -> int:
    """The most bytes the cache folder keeps after a build (``$DIGITUKI_CACHE_MB``
    megabytes, else 4,000: a national build's outputs fit about twice)."""
    return int(os.environ.get(LIMIT_ENVIRONMENT) or DEFAULT_LIMIT_MB) * 1_000_000


@dataclass(frozen=True)
class Pruned:
    removed: int     # files deleted
    freed: int       # their bytes
    kept: int        # the bytes left


def prune_folder(folder: Path, limit: int) -> Pruned:
    """Delete the entries used longest ago until the folder holds at most ``limit`` bytes
    (a folder's manifest and its blobs are entries like any other: a manifest whose blob is
    gone is a miss, see ``get_tree``). Every build marks what it reads or writes as used, so
    the outputs of the latest builds stay; an entry deleted under a running build is made
    again by it, never read half."""
    entries = []
    for path in folder.rglob("*"):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # deleted meanwhile
        if not path.is_dir() and not _being_written(path, status.st_mtime):
            entries.append((status.st_mtime_ns, status.st_size, path))
    total = sum(size for _, size, _ in entries)
    removed = freed = 0
    for _, size, path in sorted(entries):
        if total - freed <= limit:
            break
        path.unlink(missing_ok=True)
        removed, freed = removed + 1, freed + size
    return Pruned(removed, freed, total - freed)


def _being_written(path: Path, modified: float) -> bool:
    """A temporary file of ``_write_whole`` another process may still be writing (one left
    over for an hour is a build that was killed, and goes)."""
    return path.name.startswith(PART) and time.time() - modified < 3600


def _forget(path: str, inode: int) -> None:
    """Delete a damaged entry, if the folder lets us, unless another process has put it
    again since it was read (a new file: ``_write_whole`` renames one into place)."""
    try:
        if os.stat(path).st_ino == inode:
            os.unlink(path)
    except OSError:
        pass


def _mark_used(path: str) -> bool:
    """Mark an entry as used now; whether it exists. A cache that cannot be written (a
    read-only checkout) is still read."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    except OSError:
        return os.path.isfile(path)
    return True


TEMPLATE_FOLDER = "theme_overrides"   # read again by every build; the rest once per process


def code_digest() -> str:
    """The version of this program as an input: a hash of every file of the package (its
    code, catalogues and templates). Any change to either makes every output anew, which
    errs on the safe side."""
    return _code_digest(Path(__file__).resolve().parent)


def forget_code_digest() -> None:
    """Read the templates again at the next ``code_digest()``: a process that lives on while
    they are edited (serve) calls this when one changed. The rest of the package (its Python
    code, the translations) is what the process loaded when it started, whatever the files
    say now: hashed again, an edit it never loaded would name its outputs."""
    _templates_digest.cache_clear()


def _code_digest(package: Path) -> str:
    return key({"loaded": _loaded_digest(package), "templates": _templates_digest(package)})


@functools.cache
def _loaded_digest(package: Path) -> str:
    return files_digest(package, skip={TEMPLATE_FOLDER})


@functools.cache
def _templates_digest(package: Path) -> str:
    return files_digest(package / TEMPLATE_FOLDER)


def files_digest(folder: Path, skip: Collection[str] = ()) -> str:
    """A hash of every file under the folder by its path and bytes (not Python's bytecode;
    not the files under the top-level names in ``skip``)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        inside = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in inside.parts and inside.parts[0] not in skip:
            name = inside.as_posix().encode()
            digest.update(len(name).to_bytes(8, "big") + name)
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def repr_digest(part: object) -> str:
    """The hash of a model or part of one (a provider, the region's settings …) by its
    ``repr``: for a model made of frozen dataclasses, tuples and mappings it names every
    field and value (never an address), so it is the same for the same records,
    vocabularies, settings and build date, in any process (``model.digests``)."""
    return hashlib.sha256(repr(part).encode()).hexdigest()


def versions(*distributions: str) -> str:
    """The installed versions of libraries whose output we keep, as one input."""
    return " ".join(f"{name}=={metadata.version(name)}" for name in distributions)


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path relative to it ('a/b.html' -> bytes)."""
    return {name: (folder / name).read_bytes() for name in list_files(folder)}


def list_files(folder: Path, skip: Collection[str] = ()) -> list[str]:
    """The paths of the files under ``folder`` (none when there is no such folder), relative
    to it and sorted ('a/b.html'), but those in its top-level folders ``skip``. Read with
    ``os.scandir``: at national scale every provider page is a folder of its own, and
    pathlib's ``rglob`` or ``os.walk`` took seconds per language."""
    found: list[str] = []

    def visit(place: str, prefix: str) -> None:
        with os.scandir(place) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (prefix == "" and entry.name in skip):
                        visit(entry.path, f"{prefix}{entry.name}/")
                else:
                    found.append(prefix + entry.name)
    if folder.is_dir():
        visit(str(folder), "")
    return sorted(found)


def sync_tree(files: Mapping[str, FileData], target: Path,
              cache: OutputCache | None = None) -> list[str]:
    """Make ``target`` hold exactly ``files`` (path -> bytes, or bytes kept in ``cache``): a
    file is written only when its bytes differ (each replaced whole, so a server reading the
    folder meanwhile sees the old file or the new one), files that are no longer made are
    deleted, and so are folders left empty. Return the paths written or deleted. With a
    ``cache``, a file whose hash and status were noted there (``KnownFiles``) is not read to
    be compared, nor are kept bytes read then. Kept bytes to be written that are gone
    (damaged ones are deleted, to be kept again) leave their files as they were, and
    MissingBlob names them once the rest is synced."""
    known = KnownFiles(cache, target, "sync") if cache is not None else None
    changed, missing = [], []
    for name, data in files.items():
        digest = data.sha256 if isinstance(data, Kept) else \
            hashlib.sha256(data).hexdigest() if known is not None else ""
        noted = known.known(name) if known is not None else None
        if known is None or noted != digest:
            if isinstance(data, Kept):
                assert known is not None and cache is not None, "kept bytes are in the cache"
                # noted otherwise, the file differs; not noted, it may be just written
                if noted is not None or _sha256_of(target / name) != digest:
                    found = cache.get(digest, BLOB)
                    if found is None:
                        missing.append(name)
                        continue
                    write_file(target / name, found)
                    changed.append(name)
            elif write_file(target / name, data):
                changed.append(name)
            if known is not None:
                known.note(name, digest)
    gone = [name for name in list_files(target) if name not in files]
    for name in gone:
        (target / name).unlink()
    changed += gone
    if gone:   # only a deleted file can leave a folder empty
        for place, _, _ in sorted(os.walk(target), reverse=True):  # inner folders first
            if place != str(target) and not os.listdir(place):
                os.rmdir(place)
    if known is not None:
        known.save()
    if missing:
        raise MissingBlob(", ".join(missing))
    return changed


def _sha256_of(path: Path) -> str | None:
    """``file_digest``, or None when there is no such file."""
    try:
        return file_digest(path)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def write_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (replaced whole) unless it already holds those bytes;
    whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_whole(path, data)
    return True


SEAL = 16  # bytes of the hash each entry starts with (SHA-256, cut short)
# Entries with the hash live in a folder of their own: code from before it, on a checkout of an
# older commit or an older pull request restoring main's cache, reads its own entries there
# and never takes an entry with the hash in front for its bytes (a file stored by its own
# hash has the same name in every version of the code). The folder is named by the hash:
# entries were sealed with BLAKE2b before, and code of that time deletes an entry whose
# seal it does not recognise. SHA-256 because a build checks every entry it reads (at
# national scale some 500 MB per language on a one-record change) and processors hash it
# in hardware: 1,200 MB/s here, BLAKE2b 480 MB/s.
SEALED = "sealed-sha256"


def entry_path(folder: Path, digest: str, name: str) -> Path:
    """Where the cache in ``folder`` keeps the entry of a key and part name (two-letter
    subfolders keep folders short; ``OutputCache._path`` makes the same path as a string)."""
    return folder / SEALED / digest[:2] / f"{digest}.{name}"


def _sealed(data: bytes) -> bytes:
    """An entry as stored: the hash of its bytes, then the bytes."""
    return hashlib.sha256(data).digest()[:SEAL] + data


def _checked(entry: bytes) -> bytes | None:
    """The bytes of a stored entry, or None when they are not the bytes that were stored (a
    file cut short or changed on disk, or a cache restored half): a miss, made again, never
    an output built from damaged parts."""
    seal, data = entry[:SEAL], entry[SEAL:]
    return data if seal == hashlib.sha256(data).digest()[:SEAL] else None


def _write_whole(target: Path, data: bytes) -> None:
    """Write a file atomically: a reader sees the whole old or the whole new file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=PART)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _FILE_MODE)  # a temporary file is private; a site file is not
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()
