"""The preview's background work: one forked process whose messages the preview reads."""
import gc
import os

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
