"""The content-addressed output cache (digituki.outputcache): keys from named inputs, parts
stored and read back whole, the folder chosen by the environment."""
from pathlib import Path

from digituki import outputcache
from digituki.outputcache import OutputCache, key


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
