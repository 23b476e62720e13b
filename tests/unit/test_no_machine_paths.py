"""No committed file names a path of the machine it was written on (issue 28): commands and
defaults use paths relative to the repository (``../shared/data``, ``../artifacts``) or take
them as arguments."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:work|root|home/[a-z][\w-]*|Users/[\w-]+|mnt/[a-z])/")
"""An absolute path under a developer's or a sandbox's home: /work/..., /root/..., /home/<user>/...,
/Users/<user>/..., /mnt/c/... ."""

ALLOWED = {"server/Dockerfile", "tests/unit/test_no_machine_paths.py"}
"""Files that name such paths on purpose: the container image cleans its own root's cache; this
test names the paths it looks for."""


def _tracked_text_files() -> list[Path]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    names = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True).stdout.split(
        b"\0"
    )
    return [REPO / name.decode() for name in names if name and name.decode() not in ALLOWED]


def test_no_committed_file_names_a_machine_path() -> None:
    found = []
    for path in _tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (models, images) and files deleted in the working tree
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}")
    assert not found, f"machine paths in committed files: {found[:20]}"


@pytest.mark.parametrize(
    ("line", "machine"),
    [
        ("--work /work/artifacts/multi", True),
        ('Path("/root/data")', True),
        ("see /home/alice/notes", True),
        ("--work ../artifacts/multi", False),
        ("https://example.org/work/x", False),
        ("python -m benchmarks.run --markdown /tmp/bench.md", False),
    ],
)
def test_the_guard_tells_machine_paths_from_relative_ones(line: str, machine: bool) -> None:
    assert bool(MACHINE_PATH.search(line)) is machine
