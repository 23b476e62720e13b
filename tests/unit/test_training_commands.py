"""Every training command (``python -m`` a module of ``models.training``) the repository quotes runs.

The shipped model cards quote the old flat names (they are hashed into the bundles' manifests, so
they stay as written); ``models/training/legacy.py`` runs each old name's new module.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from models.training import legacy

ROOT = Path(__file__).resolve().parents[2]
COMMAND = re.compile(r"python -m (models\.training(?:\.\w+)*)")
SKIP = {".git", ".venv", "node_modules", "mutants"}


def quoting_files() -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        if SKIP & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in {".md", ".py", ".toml", ".txt"} or path.name == "run":
            found.append(path)
    return found


def quoted_modules() -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in quoting_files():
        for name in COMMAND.findall(path.read_text("utf-8", errors="replace")):
            names.setdefault(name, path)
    return names


def test_the_cards_quotes_are_found() -> None:
    names = quoted_modules()
    assert "models.training.childchat" in names
    assert "models.training.train" in names


@pytest.mark.parametrize("name", sorted(quoted_modules()))
def test_every_quoted_command_resolves(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None, f"{name} (quoted in {quoted_modules()[name]}) does not exist"
    if spec.submodule_search_locations is not None:
        main = importlib.util.find_spec(f"{name}.__main__")
        assert main is not None, f"{name} is a package without __main__"


def test_every_old_name_points_at_a_module() -> None:
    for old, new in legacy.MOVED.items():
        assert not (ROOT / "models" / "training" / f"{old}.py").exists(), old
        assert importlib.util.find_spec(f"models.training.{new}") is not None, (old, new)


def test_an_old_name_runs_with_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "models.training.childchat", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "assemble" in done.stdout


def test_an_old_name_is_not_importable() -> None:
    with pytest.raises(ImportError, match=r"models\.training\.data\.childchat"):
        importlib.import_module("models.training.childchat")
    sys.modules.pop("models.training.childchat", None)
