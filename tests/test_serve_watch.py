"""When the preview looks at the watched files: at once when the system says one changed."""
import time
from pathlib import Path

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
        before = watcher.look([data, config])
        assert set(before) == {record, config}
        assert not _due_within(watcher, 0.5)   # nothing changed: the next look waits
        record.read_text()
        assert not _due_within(watcher, 0.5)   # reading a file changes nothing
        record.write_text("name: B\n")
        assert _due_within(watcher, 2.0)       # well before the safety look
        assert changes(before, watcher.look([data, config])) == {record}
        assert not watcher.due()
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
