"""The training package's stages import each other without a circle.

Every ``import`` of a ``models.training`` module counts, at the top of a file or inside a function
(a late import only hides a circle), and importing a module also runs its parent packages. The
graph is read from the source with ``ast``, so this needs none of the training dependencies.
"""

from __future__ import annotations

from models.training.pipelines.code import code_of, import_graph

PREFIX = "models.training"


def graph() -> dict[str, set[str]]:
    return import_graph()


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_late_imports_and_submodules() -> None:
    edges = graph()
    assert len(edges) > 30
    # exemplars imports ``childchat`` as ``from models.training.data import childchat``
    assert "models.training.data.childchat" in edges["models.training.train.exemplars"]


def test_training_package_has_no_import_circle() -> None:
    assert circles(graph()) == []


def test_a_stage_code_follows_its_imports() -> None:
    names = {p.as_posix().split("models/training/")[1] for p in code_of("models.training.train.soup")}
    assert names == {"__init__.py", "legacy.py", "train/__init__.py", "train/soup.py"}
    rows = {p.as_posix().split("models/training/")[1] for p in code_of("models.training.data.rows")}
    assert {"data/rows.py", "data/sources.py", "data/handwritten.py", "common/rows.py"} <= rows


def test_common_imports_no_stage() -> None:
    for name, deps in graph().items():
        if name.startswith(f"{PREFIX}.common"):
            assert all(d.startswith(f"{PREFIX}.common") or d == PREFIX for d in deps), (name, deps)


def test_the_build_never_imports_an_experiment() -> None:
    for name, deps in graph().items():
        if not name.startswith(f"{PREFIX}.experiments"):
            assert not any(d.startswith(f"{PREFIX}.experiments") for d in deps), (name, deps)
