"""The content-addressed output cache (digituki.outputcache): keys from named inputs, parts
stored and read back whole, the folder chosen by the environment."""
import dataclasses
import hashlib
import os
import time
from pathlib import Path

import pytest

from digituki import outputcache
from digituki.outputcache import OutputCache, Recall, key


def test_the_key_depends_on_every_input_and_its_name_not_their_order():
    base = key({"html": "<p>a</p>", "font": b"\x00\x01"})
    assert base == key({"font": b"\x00\x01", "html": "<p>a</p>"})
    assert base != key({"html": "<p>b</p>", "font": b"\x00\x01"})
    assert base != key({"html2": "<p>a</p>", "font": b"\x00\x01"})
    assert base != key({"html": "<p>a</p>"})
    # inputs cannot run into each other: ("ab", "c") is not ("a", "bc")
    assert key({"x": "ab", "y": "c"}) != key({"x": "a", "y": "bc"})
    assert key({"x": "é"}) == key({"x": "é".encode()})


def test_parts_are_read_back_as_written_and_missing_ones_are_none(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    digest = key({"a": "1"})
    assert cache.get(digest) is None
    cache.put(digest, b"%PDF-1.7 bytes", "pdf")
    cache.put(digest, b"3", "pages")
    assert cache.get(digest, "pdf") == b"%PDF-1.7 bytes"
    assert cache.get(digest, "pages") == b"3"
    assert cache.get(digest, "print") is None
    assert cache.get(key({"a": "2"}), "pdf") is None
    cache.put(digest, b"new", "pdf")
    assert cache.get(digest, "pdf") == b"new"
    # nothing half-written is left behind
    assert not list((tmp_path / "cache").rglob(".part-*"))


def test_an_entry_changed_or_cut_short_on_disk_is_a_miss(tmp_path):
    """A cache restored half, a disk error or a hand edit: never an output from it."""
    cache = OutputCache(tmp_path / "cache")
    digest = key({"a": "1"})
    cache.put(digest, b"<html>whole page</html>", "page")
    cache.put(digest, b"%PDF-1.7 whole", "pdf")
    page, pdf = (next((tmp_path / "cache").rglob(f"*.{name}")) for name in ("page", "pdf"))
    page.write_bytes(page.read_bytes()[:-5])
    pdf.write_bytes(pdf.read_bytes().replace(b"whole", b"wrong"))
    assert cache.get(digest, "page") is None
    assert cache.get(digest, "pdf") is None
    cache.put(digest, b"<html>made again</html>", "page")
    assert cache.get(digest, "page") == b"<html>made again</html>"


def test_entries_live_apart_from_those_of_code_without_the_hash(tmp_path):
    """Code from before the hash (an older checkout or pull request on main's cache) looks for
    <folder>/<2 hex>/<digest>.<part>: it must never find an entry with the hash in front, nor
    this code one of its entries."""
    cache = OutputCache(tmp_path)
    digest = key({"a": "1"})
    cache.put(digest, b"new", "page")
    older = tmp_path / digest[:2] / f"{digest}.page"
    assert [p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()] \
        == [outputcache.SEALED]
    assert not older.exists()
    older.parent.mkdir()
    older.write_bytes(b"old")
    assert cache.get(digest, "page") == b"new"
    assert cache.get(key({"a": "2"}), "page") is None


def test_a_folder_with_a_damaged_file_is_a_miss(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    cache.put_tree("d" * 64, {"a.html": b"one", "b.html": b"two"})
    blob = next((tmp_path / "cache").rglob(f"*.{outputcache.BLOB}"))
    blob.write_bytes(b"")
    assert cache.get_tree("d" * 64) is None
    cache.put_tree("d" * 64, {"a.html": b"one", "b.html": b"two"})   # made again, kept again
    assert cache.get_tree("d" * 64) == {"a.html": b"one", "b.html": b"two"}


def test_the_folder_is_outside_the_site_unless_the_environment_names_one(monkeypatch, tmp_path):
    monkeypatch.delenv(outputcache.ENVIRONMENT, raising=False)
    assert outputcache.cache_folder() == outputcache.DEFAULT
    assert outputcache.DEFAULT.parts[-2:] == (".cache", "digituki")
    monkeypatch.setenv(outputcache.ENVIRONMENT, str(tmp_path / "elsewhere"))
    assert outputcache.cache_folder() == Path(tmp_path / "elsewhere")


def test_file_digest_names_a_file_by_its_content(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.write_bytes(b"same")
    two.write_bytes(b"same")
    assert outputcache.file_digest(one) == outputcache.file_digest(two)
    two.write_bytes(b"other")
    assert outputcache.file_digest(one) != outputcache.file_digest(two)


def test_a_folder_is_kept_whole_and_each_file_once(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    files = {"a/index.html": b"<p>a</p>", "b/index.html": b"<p>a</p>", "c.css": b"p{}"}
    cache.put_tree(key({"run": "1"}), files)
    cache.put_tree(key({"run": "2"}), {"c.css": b"p{}"})
    assert cache.get_tree(key({"run": "1"})) == files
    assert cache.get_tree(key({"run": "2"})) == {"c.css": b"p{}"}
    assert cache.get_tree(key({"run": "3"})) is None
    blobs = list((tmp_path / "cache").rglob(f"*.{outputcache.BLOB}"))
    assert len(blobs) == 2  # the same bytes are stored once, whatever their names
    # a manifest whose file has gone is no folder at all
    blobs[0].unlink()
    assert cache.get_tree(key({"run": "1"})) is None


def test_sync_writes_only_what_differs_and_deletes_what_is_no_longer_made(tmp_path):
    site = tmp_path / "site"
    outputcache.sync_tree({"same.html": b"same", "old/gone.html": b"x", "edit.html": b"1"},
                          site)
    same = (site / "same.html").stat()
    changed = outputcache.sync_tree({"same.html": b"same", "edit.html": b"2",
                                     "new/page.html": b"new"}, site)
    assert sorted(changed) == ["edit.html", "new/page.html", "old/gone.html"]
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()} == {"same.html": b"same", "edit.html": b"2", "new/page.html": b"new"}
    assert not (site / "old").exists()   # a folder left empty goes too
    after = (site / "same.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)
    # files are readable like any other the build writes, not private like a temporary file
    assert (site / "edit.html").stat().st_mode & 0o044 == 0o044
    assert outputcache.sync_tree({"same.html": b"same", "edit.html": b"2",
                                  "new/page.html": b"new"}, site) == []


def _reads_under(folder: Path, monkeypatch) -> list[str]:
    """The names of the files under ``folder`` read from now on (the list grows)."""
    read: list[str] = []
    original = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.is_relative_to(folder):
            read.append(path.relative_to(folder).as_posix())
        return original(path)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return read


def test_sync_with_a_cache_reads_only_files_whose_status_changed(tmp_path, monkeypatch):
    # No margin for a file system's coarse times: a file is trusted once it was changed
    # before the notes of a sync began (``RACY`` seconds before, in a build).
    monkeypatch.setattr(outputcache, "RACY", 0)
    cache, site = OutputCache(tmp_path / "cache"), tmp_path / "site"
    files = {"a.html": b"aaaa", "b/c.html": b"cccc", "d.html": b"dddd"}
    outputcache.sync_tree(files, site, cache)   # written while its notes were taken
    outputcache.sync_tree(files, site, cache)   # read again, and noted as they were before
    read = _reads_under(site, monkeypatch)
    assert outputcache.sync_tree(files, site, cache) == []
    assert read == []
    # Changed by hand with bytes of the same size and its modification time set back: the
    # change time moved, so the file is read and put right.
    noted = (site / "a.html").stat()
    (site / "a.html").write_bytes(b"AAAA")
    os.utime(site / "a.html", ns=(noted.st_atime_ns, noted.st_mtime_ns))
    assert outputcache.sync_tree(files, site, cache) == ["a.html"]
    assert read == ["a.html"]
    assert (site / "a.html").read_bytes() == b"aaaa"
    # A file just written is read once more next time (its hash was noted too soon after)
    del read[:]
    assert outputcache.sync_tree(files, site, cache) == []
    assert read == ["a.html"]
    # Without its notes (another machine, pruned) every file is read again
    del read[:]
    assert outputcache.sync_tree(files, site, OutputCache(tmp_path / "other")) == []
    assert sorted(read) == ["a.html", "b/c.html", "d.html"]


def test_a_folder_is_made_once_then_restored(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    made = []

    def make(site):
        made.append(site)
        (site / "data").mkdir()
        (site / "data" / "x.csv").write_bytes(b"a,b\n")
        (site / "elsewhere.txt").write_bytes(b"not kept")

    digest = key({"model": "m"})
    out = tmp_path / "out"
    assert cache.restore_or_make(digest, out, "data", make) is True
    (out / "data" / "stale.csv").write_bytes(b"old")
    assert cache.restore_or_make(digest, out, "data", make) is False
    assert len(made) == 1
    assert sorted(p.name for p in out.rglob("*")) == ["data", "x.csv"]


def test_the_model_digest_names_every_value_and_no_address():
    @dataclasses.dataclass(frozen=True)
    class Record:
        name: str
        hours: tuple[str, ...]

    one = Record("Aura", ("Tu 14:00-17:00",))
    assert outputcache.repr_digest(one) == outputcache.repr_digest(
        Record("Aura", ("Tu 14:00-17:00",)))
    assert outputcache.repr_digest(one) != outputcache.repr_digest(
        Record("Aura", ("Tu 14:00-17:30",)))


def test_the_code_version_changes_with_any_file_of_the_package_but_not_its_bytecode(tmp_path):
    package = tmp_path / "package"
    (package / "__pycache__").mkdir(parents=True)
    (package / "build.py").write_text("x = 1\n")
    first = outputcache.files_digest(package)
    (package / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"\x00")
    assert outputcache.files_digest(package) == first
    (package / "build.py").write_text("x = 2\n")
    assert outputcache.files_digest(package) != first


def test_a_living_process_reads_its_templates_again_but_keeps_the_code_it_loaded(tmp_path):
    """serve forgets the code digest when a template is saved: the next one names the edited
    template, but not a Python file edited meanwhile, which the running process never loaded
    (its outputs must not be kept under the edited code's name)."""
    package = tmp_path / "package"
    pages = package / outputcache.TEMPLATE_FOLDER / "pages"
    pages.mkdir(parents=True)
    (package / "build.py").write_text("x = 1\n")
    (pages / "page.html").write_text("<p>{{ x }}</p>")
    first = outputcache._code_digest(package)
    (package / "build.py").write_text("x = 2\n")
    (pages / "page.html").write_text("<p>{{ x }}!</p>")
    assert outputcache._code_digest(package) == first       # until told to read again
    outputcache._templates_digest.cache_clear()
    second = outputcache._code_digest(package)
    (pages / "page.html").write_text("<p>{{ x }}</p>")
    outputcache._templates_digest.cache_clear()
    assert second != first and outputcache._code_digest(package) == first


def _age(cache: OutputCache, digest: str, name: str, seconds_ago: int) -> None:
    path = outputcache.entry_path(cache.folder, digest, name)
    when = path.stat().st_mtime - seconds_ago
    os.utime(path, (when, when))


def test_pruning_deletes_the_entries_used_longest_ago_down_to_the_limit(tmp_path):
    """Entries are 1,000 bytes each (and their hash), made in the order a, b, c, d; reading b
    marks it used, so with room for two, a and c go, b (read) and d (newest) stay."""
    cache = OutputCache(tmp_path)
    size = 1000 + outputcache.SEAL
    for age, name in enumerate("abcd"):
        cache.put(key({"entry": name}), name.encode() * 1000)
        _age(cache, key({"entry": name}), "out", 400 - 100 * age)
    assert cache.get(key({"entry": "b"})) == b"b" * 1000
    pruned = outputcache.prune_folder(tmp_path, 2 * size)
    assert (pruned.removed, pruned.freed, pruned.kept) == (2, 2 * size, 2 * size)
    assert [name for name in "abcd" if cache.get(key({"entry": name})) is not None] == ["b", "d"]
    assert outputcache.prune_folder(tmp_path, 2 * size).removed == 0


def test_a_recall_gives_the_entries_the_last_build_used_without_reading_each(tmp_path):
    """What a build looked up or stored under a part name comes back to the next build of the
    same purpose from one entry. Each entry is still marked used (pruning keeps it); one
    pruned since is not found; only what the last build used is recalled."""
    cache = OutputCache(tmp_path)
    page = {name: key({"page": name}) for name in "abcde"}
    first = Recall(cache, "head", "language fi")
    for name in "abcd":
        first.put(page[name], f"head of {name}".encode())
    assert first.get(page["e"]) is None
    first.save()
    for name in "abcd":
        _age(cache, page[name], "head", 400)
    # Damaged on disk, so that a value read from the entry would be a miss.
    for name in "ad":
        outputcache.entry_path(cache.folder, page[name], "head").write_bytes(b"damaged")
    outputcache.entry_path(cache.folder, page["b"], "head").unlink()   # pruned

    second = Recall(cache, "head", "language fi")
    # a: recalled, not read (its entry is damaged)
    assert [second.get(page[name]) for name in "abc"] == [b"head of a", None, b"head of c"]
    assert time.time() - outputcache.entry_path(cache.folder, page["c"], "head").stat(
        ).st_mtime < 60   # marked used
    assert Recall(cache, "head", "language sv").get(page["d"]) is None   # another purpose
    second.save()
    # d was not looked up by the second build: the third reads it, and it is damaged.
    third = Recall(cache, "head", "language fi")
    assert [third.get(page[name]) for name in "acd"] == [b"head of a", b"head of c", None]


def test_a_folder_whose_file_was_pruned_is_a_miss_and_a_file_being_written_is_left(tmp_path):
    cache = OutputCache(tmp_path)
    cache.put_tree("f" * 64, {"x.html": b"x" * 100, "y.html": b"y" * 100})
    blob = hashlib.sha256(b"x" * 100).hexdigest()
    outputcache.entry_path(tmp_path, blob, outputcache.BLOB).unlink()
    assert cache.get_tree("f" * 64) is None
    writing = tmp_path / "ab" / f"{outputcache.PART}123"
    writing.parent.mkdir(exist_ok=True)
    writing.write_bytes(b"z" * 5000)
    outputcache.prune_folder(tmp_path, 0)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [writing.name]


def test_the_size_limit_is_4000_mb_unless_the_environment_names_one(monkeypatch):
    monkeypatch.delenv(outputcache.LIMIT_ENVIRONMENT, raising=False)
    assert outputcache.size_limit() == 4_000_000_000
    monkeypatch.setenv(outputcache.LIMIT_ENVIRONMENT, "250")
    assert outputcache.size_limit() == 250_000_000


def test_a_cache_folder_that_cannot_be_written_keeps_nothing_and_fails_nothing(tmp_path):
    """A cache is only a shortcut: where its folder cannot be made (here a file is in the
    way, which stops root too), entries are not kept and every read is a miss."""
    blocked = tmp_path / "file"
    blocked.write_bytes(b"")
    cache = OutputCache(blocked / "cache")
    cache.put("a" * 64, b"page")
    cache.put_tree("b" * 64, {"x.html": b"x"})
    assert cache.get("a" * 64) is None and cache.get_tree("b" * 64) is None
    assert cache.restore_or_make("c" * 64, tmp_path / "site", "data", lambda site: (
        (site / "data").mkdir(), (site / "data" / "y.json").write_text("{}")))
    assert (tmp_path / "site" / "data" / "y.json").read_text() == "{}"


def test_kept_bytes_are_read_only_when_their_file_must_be_written(tmp_path, monkeypatch):
    monkeypatch.setattr(outputcache, "RACY", 0)
    cache, site = OutputCache(tmp_path / "cache"), tmp_path / "site"
    files = {"a.html": cache.keep(b"aaaa"), "b/c.html": cache.keep(b"cccc")}
    cache.put_tree("t" * 64, files)
    assert cache.get_kept_tree("t" * 64) == files
    assert cache.get_tree("t" * 64) == {"a.html": b"aaaa", "b/c.html": b"cccc"}
    read: list[str] = []
    original = OutputCache.get

    def get(self, digest, name="out"):
        if name == outputcache.BLOB:
            read.append(digest)
        return original(self, digest, name)
    monkeypatch.setattr(OutputCache, "get", get)
    assert sorted(outputcache.sync_tree(files, site, cache)) == ["a.html", "b/c.html"]
    del read[:]
    # Noted too soon after they were written: the files are read, the kept bytes are not
    assert outputcache.sync_tree(files, site, cache) == []
    assert read == []
    assert outputcache.sync_tree(files, site, cache) == []
    assert read == []
    (site / "a.html").write_bytes(b"AAAA")
    assert outputcache.sync_tree(files, site, cache) == ["a.html"]
    assert read == [files["a.html"].sha256]
    assert (site / "a.html").read_bytes() == b"aaaa"
    # Damaged since it was looked up: the file is left, named, and the bytes are forgotten
    # (kept again by the next build that makes them), the rest synced all the same.
    blob = outputcache.entry_path(tmp_path / "cache", files["b/c.html"].sha256,
                                  outputcache.BLOB)
    blob.write_bytes(blob.read_bytes()[:-1])
    (site / "b/c.html").write_bytes(b"CCCC")
    (site / "a.html").write_bytes(b"AAAA")
    with pytest.raises(outputcache.MissingBlob, match="b/c.html"):
        outputcache.sync_tree(files, site, cache)
    assert (site / "a.html").read_bytes() == b"aaaa"
    assert not blob.exists()
    assert cache.get_kept_tree("t" * 64) is None
    assert cache.keep(b"cccc") == files["b/c.html"] and blob.exists()
