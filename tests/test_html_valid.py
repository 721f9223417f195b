"""Every built page is valid HTML, by the Nu Html Checker (vnu.jar, npm package vnu-jar).

.ci/run installs vnu-jar into .ci/tools; on a developer's machine without it (or without
java) the test is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parent.parent / ".ci" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

LATIN_GUESS = '.*appears to be written in [A-Za-z ]+ but the .html. start tag has .lang="kk-Latn".*'


@pytest.mark.skipif((not VNU.is_file() or not shutil.which("java")) and not os.environ.get("CI"),
                    reason="vnu.jar or java missing (.ci/run installs vnu-jar)")
def test_every_page_is_valid_html(built_content, built_demo):
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--format", "gnu",
                             # its language guesser takes Kazakh in Latin letters (kk-Latn) for Turkish
                             "--filterpattern", LATIN_GUESS, str(built_content), str(built_demo)],
                            capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
