"""The source files a stage runs: its entry modules and every package module they import.

Read from the source with ``ast`` (no import), counting imports inside functions too, so a stage's
checkpoint changes when any code it can run changes, and only then.
"""

from __future__ import annotations

import ast
from pathlib import Path

from models.training.common.paths import REPO

PACKAGE = REPO / "models" / "training"
PREFIX = "models.training"


def module_name(path: Path) -> str:
    """``models/training/data/rows.py`` -> ``models.training.data.rows`` (a package: its folder)."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the training package by name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(tree: ast.AST, known: set[str]) -> set[str]:
    """The package's modules a file imports (``from pkg import mod`` names the module ``pkg.mod``),
    with the packages above them (importing a module runs its packages' ``__init__``)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith(PREFIX)}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PREFIX):
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known}
    with_parents = set(out)
    for name in out:
        parts = name.split(".")
        with_parents |= {".".join(parts[:i]) for i in range(2, len(parts))}
    return with_parents & known


def import_graph() -> dict[str, set[str]]:
    """Each module's imports of other package modules."""
    mods = modules()
    known = set(mods)
    return {name: imported(ast.parse(path.read_text("utf-8")), known) - {name} for name, path in mods.items()}


def code_of(*entries: str) -> tuple[Path, ...]:
    """The files of ``entries`` (module names) and of every package module they import, transitively."""
    graph, files = import_graph(), modules()
    seen: set[str] = set()
    parents = {".".join(e.split(".")[:i]) for e in entries for i in range(2, e.count(".") + 1)}
    todo = [e for e in (*entries, *sorted(parents)) if e in files]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += sorted(graph[name] - seen)
    return tuple(files[name] for name in sorted(seen))
