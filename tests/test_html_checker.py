"""Every page type in every language is valid HTML by the Nu HTML Checker (vnu.jar from npm)."""
import json
import shutil
import subprocess

import pytest

from browser_support import VNU_JAR, built_site, html_file, missing, page_cases


@pytest.fixture(scope="module")
def checked_files(tmp_path_factory):
    site = built_site(tmp_path_factory)
    return site, [html_file(site, address) for _, _, address in page_cases()]


def test_nu_html_checker_finds_no_errors(checked_files):
    java = shutil.which("java")
    if java is None:
        missing("java not found (Debian package default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"{VNU_JAR} is missing: run `npm ci`")
    site, files = checked_files
    assert all(f.exists() for f in files), [str(f) for f in files if not f.exists()]
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=600)
    # The checker writes its report to stderr; exit status 1 means it found errors.
    report = json.loads(run.stderr or run.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        name = m.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
        lines.append(f"{name}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
                     f"{m['message']}\n    {m.get('extract', '').strip()}")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(lines)
    assert run.returncode == 0, run.stderr[-2000:]
