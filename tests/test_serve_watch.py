"""When the preview looks at the watched files: at once when the system says one changed."""
import time

from digituki.serve import watch
from digituki.serve.watch import Watcher, changes, snapshot


def _due_within(watcher: Watcher, seconds: float) -> bool:
    ends = time.perf_counter() + seconds
    while time.perf_counter() < ends:
        if watcher.due():
            return True
        time.sleep(0.01)
    return False


def test_a_saved_file_is_looked_at_at_once_and_reading_one_is_no_change(tmp_path):
    data, config = tmp_path / "data", tmp_path / "mkdocs.yml"
    (data / "deeper").mkdir(parents=True)
    record = data / "deeper" / "a.yaml"
    record.write_text("name: A\n")
    config.write_text("site_name: x\n")
    watcher = Watcher([data, config])
    try:
        before = watcher.look()
        assert set(before) == {record, config}
        assert not _due_within(watcher, 0.5)   # nothing changed: the next look waits
        record.read_text()
        assert not _due_within(watcher, 0.5)   # reading a file changes nothing
        record.write_text("name: B\n")
        assert _due_within(watcher, 2.0)       # well before the safety look
        assert changes(before, watcher.look()) == {record}
        config.write_text("site_name: y\n")    # a watched file beside unwatched ones
        assert _due_within(watcher, 2.0)
    finally:
        watcher.stop()


def test_hidden_files_and_folders_are_not_the_sites(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x")
    (tmp_path / ".a.yaml.swp").write_text("x")
    (tmp_path / "a.yaml").write_text("x")
    assert set(snapshot([tmp_path, tmp_path / "missing"])) == {tmp_path / "a.yaml"}


def test_without_inotify_the_preview_looks_at_intervals(tmp_path, monkeypatch):
    """At the system's limit of inotify instances watchdog cannot start: the preview looks
    at the files at intervals instead of stopping."""
    def no_inotify():
        raise OSError(24, "inotify instance limit reached")
    monkeypatch.setattr(watch, "Observer", no_inotify)
    (tmp_path / "a.yaml").write_text("x")
    watcher = Watcher([tmp_path])
    before = watcher.look()
    (tmp_path / "a.yaml").write_text("changed")
    assert _due_within(watcher, 1.0)   # a small folder is looked at often
    assert changes(before, watcher.look()) == {tmp_path / "a.yaml"}
    watcher.stop()


def test_a_folder_linked_into_itself_is_looked_at_once(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_text("x")
    (tmp_path / "data" / "loop").symlink_to(tmp_path / "data")
    assert set(snapshot([tmp_path / "data"])) == {tmp_path / "data" / "a.yaml",
                                                  tmp_path / "data" / "loop"}
