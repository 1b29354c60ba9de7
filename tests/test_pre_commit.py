"""The pre-commit hook validates only the records a commit changes."""
import os
import shutil
import subprocess

import pytest

from conftest import INVALID, REPO, VALID


@pytest.fixture
def repository(tmp_path):
    """A git repository with the hook configuration, the valid fixtures as its records, a
    broken record beside them, and this checkout's .venv."""
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path)
    shutil.copytree(VALID, tmp_path / "providers")
    shutil.copy(INVALID / "hours-syntax.yaml", tmp_path / "providers")
    (tmp_path / ".venv").symlink_to(REPO / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def pre_commit(folder, *files):
    env = {**os.environ, "PRE_COMMIT_HOME": str(folder / ".cache"), "TERM": "dumb"}
    return subprocess.run([str(REPO / ".venv" / "bin" / "pre-commit"), "run", "--color", "never",
                           "--files", *files], cwd=folder, env=env, capture_output=True,
                          text=True)


def test_a_valid_changed_record_passes(repository):
    result = pre_commit(repository, "providers/minimal.yaml")
    assert result.returncode == 0, result.stdout
    assert "digituki validate (changed records)" in result.stdout


def test_a_broken_changed_record_stops_the_commit_with_its_line(repository):
    result = pre_commit(repository, "providers/hours-syntax.yaml", "providers/minimal.yaml")
    assert result.returncode == 1
    assert "providers/hours-syntax.yaml:26:17: error[hours-syntax]" in result.stdout


def test_records_not_in_the_commit_are_not_checked(repository):
    # the broken record is in the folder but not among the changed files
    result = pre_commit(repository, "providers/every-field.yaml")
    assert result.returncode == 0, result.stdout


def test_a_change_to_shared_files_checks_every_record(repository):
    result = pre_commit(repository, "providers/_region.yaml")
    assert result.returncode == 1  # the broken record in the folder is found
    assert "providers/hours-syntax.yaml:26:17: error[hours-syntax]" in result.stdout
