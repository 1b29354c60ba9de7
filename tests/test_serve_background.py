"""The preview's background work: one forked process whose messages the preview reads."""
import gc
import os
import tempfile
import time
from pathlib import Path

from digituki.serve import background as background_module
from digituki.serve.background import Background, Send


def _report_process(send: Send) -> None:
    send("pid", os.getpid())
    send("frozen", gc.get_freeze_count())


def test_the_work_runs_in_its_own_process_and_never_scans_what_it_inherited_for_cycles():
    frozen = gc.get_freeze_count()
    background = Background()
    background.start(_report_process)
    messages: dict[str, object] = {}
    while background.busy:
        messages.update(background.receive(1.0))
    assert messages["pid"] != os.getpid()
    # the preview's model and records, inherited, are never scanned for cycles in it
    assert isinstance(messages["frozen"], int) and messages["frozen"] > 1000
    assert gc.get_freeze_count() == frozen   # the preview's own collector is as it was


def _leave_temporary_files(send: Send) -> None:
    folder = tempfile.mkdtemp(prefix="half-made-")
    Path(folder, "part").write_text("an index half made")
    send("folder", folder)
    time.sleep(60)   # cancelled meanwhile: a killed process cleans up nothing


def _report_temporary_folder(send: Send) -> None:
    send("folder", tempfile.gettempdir())


def _wait_for(background: Background, what: str) -> object:
    for _ in range(300):
        for name, detail in background.receive(0.1):
            if name == what:
                return detail
    raise AssertionError(f"no {what!r} message")


def test_what_cancelled_work_leaves_in_its_temporary_folder_is_deleted():
    """A save cancels the background work, killed mid-way through making the search index:
    the files it was making must not pile up in /tmp over a day of previewing."""
    background = Background()
    background.start(_leave_temporary_files)
    first = Path(str(_wait_for(background, "folder")))
    assert first.is_dir() and first.parent != Path(tempfile.gettempdir())
    background.start(_leave_temporary_files)   # a save cancels the first
    second = Path(str(_wait_for(background, "folder")))
    # the next work deletes what the cancelled one left, while the pages are shown
    for _ in range(100):
        if not first.parent.exists():
            break
        time.sleep(0.05)
    assert not first.parent.exists() and second.is_dir()
    background.stop()   # the preview stops
    assert not second.parent.exists()


def test_work_that_ends_deletes_its_temporary_folder():
    background = Background()
    background.start(_report_temporary_folder)
    folder = Path(str(_wait_for(background, "folder")))
    while background.busy:
        background.receive(0.1)
    assert folder.name.startswith("digituki-background-") and not folder.exists()
    assert tempfile.gettempdir() != str(folder)   # the preview's own is as it was


def test_leftovers_are_deleted_even_when_the_work_deleting_them_is_cancelled(monkeypatch):
    """Saves in quick succession: the work that was deleting what an earlier one left is
    cancelled in turn; the next one deletes all of it."""
    background = Background()
    background.start(_leave_temporary_files)
    first = Path(str(_wait_for(background, "folder")))
    with monkeypatch.context() as patched:   # the next work is stopped while deleting
        patched.setattr(background_module, "_delete", lambda folders: time.sleep(60))
        background.start(_leave_temporary_files)
        time.sleep(0.5)
        background.cancel()
    assert first.parent.exists()
    background.start(_report_temporary_folder)
    _wait_for(background, "folder")
    while background.busy:
        background.receive(0.1)
    assert not first.parent.exists()
    background.stop()
