"""The package type-checks: ``mypy --strict`` as configured in pyproject.toml ([tool.mypy])."""
import subprocess
import sys

from conftest import REPO


def test_mypy_strict_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
