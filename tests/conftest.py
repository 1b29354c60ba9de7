import datetime
from pathlib import Path

import pytest

from digituki.model.build import load_dataset

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
# Fixture dates are written relative to this build date.
TODAY = datetime.date(2026, 11, 26)


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
