import datetime
import signal
from pathlib import Path

import pytest

from digituki.model.build import load_dataset

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
# Fixture dates are written relative to this build date.
TODAY = datetime.date(2026, 11, 26)

# Started as a background job of a script, the suite inherits SIGINT ignored (POSIX shells
# ignore it for such jobs), and so would the preview it starts: stopped as Ctrl+C stops it,
# it ran on, and the test failed after a minute. Python's handler, installed here, reaches
# the processes the tests start as the default action, as from a terminal.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def dataset():
    """The model of the valid fixture records on TODAY (frozen: a test that needs another
    copies it with dataclasses.replace)."""
    data, _ = load_dataset(VALID, TODAY)
    return data


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    """Reports name files relative to the working folder, as contributors see them."""
    monkeypatch.chdir(REPO)
