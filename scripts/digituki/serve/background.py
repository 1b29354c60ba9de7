"""The work that follows the pages (search index, exports, leaflets), in one forked process.

There is never more than one: a newer save cancels it (the process and everything it
started, as one process group) before its pages are built, so the pages never wait for it
and nothing writes into the site folder at the same time. It is forked from the preview
after the pages build, so it starts warm with the model in memory; what it made so far is
kept in the output cache and not made again by the next one. It reports each step done as
a message, which the preview reads between its checks for changes.

Its temporary files go into a folder of its own: a cancelled process cannot clean up after
itself (a search index half made is hundreds of files), so the next one deletes what the
cancelled ones left, and the preview the rest when it stops. The next pages build does not
wait for the deleting (on a disk that discards deleted blocks it takes seconds).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

# A message from the work: what became current, with its details (pickled through a pipe).
Message = tuple[str, object]
Send = Callable[[str, object], None]
Work = Callable[[Send], None]


def _run(work: Work, sender: Connection, scratch: str, leftovers: list[str]) -> None:
    os.setsid()  # its own process group, so a cancel reaches what it starts too
    _delete(leftovers)
    tempfile.tempdir = os.environ["TMPDIR"] = scratch   # for what it starts too
    # What it inherited (the model, the records' checks) is never scanned for cycles: a
    # full collection would scan, and so copy, all of the preview's memory it shares, on
    # the cores the browser reloads the page with.
    gc.freeze()
    try:
        work(lambda what, detail: sender.send((what, detail)))
    except Exception as error:  # a failed step is reported; the preview goes on
        sender.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()
        _delete([scratch])


def _delete(folders: list[str]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


class Background:
    """At most one forked process of work at a time."""

    def __init__(self) -> None:
        self._process: BaseProcess | None = None
        self._receiver: Connection | None = None
        self._scratch: str | None = None        # the running work's temporary folder
        self._leftovers: list[str] = []         # those of cancelled work, to be deleted
        self._handed: list[str] = []            # and those the running work deletes

    @property
    def busy(self) -> bool:
        return self._process is not None

    def start(self, work: Work) -> None:
        """Cancel what runs and start ``work(send)`` in a new process."""
        self.cancel()
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._scratch = tempfile.mkdtemp(prefix="digituki-background-")
        self._handed, self._leftovers = self._leftovers, []
        self._process = context.Process(target=_run, args=(work, sender, self._scratch,
                                                           self._handed),
                                        name="digituki-background")
        self._process.start()
        sender.close()  # the child holds its end; when it ends, reading ends too

    def cancel(self) -> None:
        """Stop the work and everything it started, and wait until it has stopped."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.is_alive() and process.pid is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it had not made its group yet: it has started nothing
            process.kill()
        process.join()
        # Killed before it could delete its folder and those handed to it, maybe.
        self._leftovers += [*self._handed, *([self._scratch] if self._scratch else [])]
        self._handed, self._scratch = [], None
        self._close()

    def stop(self) -> None:
        """Cancel the work and delete what cancelled work left (the preview stops)."""
        self.cancel()
        _delete(self._leftovers)
        self._leftovers = []

    def receive(self, timeout: float) -> list[Message]:
        """The messages that arrive within ``timeout`` seconds (and those already waiting;
        with no work, after ``timeout`` seconds of nothing); when the work has ended, its
        process is reaped."""
        if self._receiver is None:
            time.sleep(timeout)
            return []
        messages: list[Message] = []
        try:
            if self._receiver.poll(timeout):
                while self._receiver.poll():
                    messages.append(self._receiver.recv())
        except EOFError:  # every message read and the work has ended
            if self._process is not None:
                self._process.join()
                self._process = self._scratch = None   # which deleted its folders
                self._handed = []
            self._close()
        return messages

    def _close(self) -> None:
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
