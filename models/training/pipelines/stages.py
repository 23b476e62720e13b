"""Run a bundle's stages in order, each checkpointed, so that a cut-off build resumes.

A stage names its inputs (files or folders), its settings and its outputs. After it finishes, a
checkpoint ``<checkpoints>/<stage>.json`` records the fingerprint of its inputs and settings and
the sha256 of each output. A later run skips a stage whose checkpoint has the same fingerprint and
whose outputs are still there, unchanged; any other stage runs again, and since a stage's outputs
are the next stages' inputs, a change reruns everything after it. A stage cut off half-way leaves
no checkpoint, so it runs again from its start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("safechat.build")

# names never hashed inside an input folder: caches and bytecode change without changing the input
IGNORED = frozenset({"__pycache__", ".pytest_cache", ".DS_Store"})


@dataclass(frozen=True)
class Stage:
    """One step of a build: ``run`` reads ``inputs`` and writes ``outputs``; ``settings`` are the
    options that change what it writes (seed, sizes, versions)."""

    name: str
    run: Callable[[], None]
    inputs: tuple[Path, ...]
    outputs: tuple[Path, ...]
    settings: Mapping[str, object] = field(default_factory=dict)


@dataclass
class Hasher:
    """sha256 of files and folders, each computed once per build (inputs are re-read by many stages)."""

    seen: dict[Path, str] = field(default_factory=dict)

    def file(self, path: Path) -> str:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    def __call__(self, path: Path) -> str:
        """The sha256 of a file, or of a folder's files (relative names and contents, sorted);
        ``missing`` for a path that does not exist."""
        if path in self.seen:
            return self.seen[path]
        if not path.exists():
            return "missing"
        if path.is_file():
            digest = self.file(path)
        else:
            h = hashlib.sha256()
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not IGNORED & set(p.parts)):
                h.update(f"{child.relative_to(path).as_posix()}\0{self.file(child)}\n".encode())
            digest = h.hexdigest()
        self.seen[path] = digest
        return digest

    def forget(self, paths: Iterable[Path]) -> None:
        """Drop the cached hashes of ``paths`` and of any path inside them (a stage rewrote them)."""
        for path in paths:
            for known in [p for p in self.seen if p == path or path in p.parents]:
                del self.seen[known]


def fingerprint(stage: Stage, hasher: Hasher) -> dict[str, object]:
    """What decides a stage's outputs: its inputs' sha256s and its settings."""
    return {
        "inputs": {str(p): hasher(p) for p in stage.inputs},
        "settings": {k: str(v) for k, v in sorted(stage.settings.items())},
    }


def up_to_date(stage: Stage, checkpoint: Path, hasher: Hasher) -> bool:
    """The checkpoint matches the stage's fingerprint and every output is as the stage left it."""
    if not checkpoint.exists():
        return False
    saved = json.loads(checkpoint.read_text("utf-8"))
    if saved.get("fingerprint") != fingerprint(stage, hasher):
        return False
    outputs = saved.get("outputs", {})
    return all(p.exists() and outputs.get(str(p)) == hasher(p) for p in stage.outputs)


def run_stages(stages: Iterable[Stage], checkpoints: Path, *, hasher: Hasher | None = None) -> list[str]:
    """Run the stages in order, skipping those that are up to date; returns the names of the stages
    that ran.

    Raises:
        RuntimeError: a stage finished without writing one of its outputs.
    """
    hasher = hasher or Hasher()
    checkpoints.mkdir(parents=True, exist_ok=True)
    ran: list[str] = []
    todo = list(stages)
    for number, stage in enumerate(todo, 1):
        checkpoint = checkpoints / f"{stage.name}.json"
        if up_to_date(stage, checkpoint, hasher):
            log.info("stage %d/%d %s: up to date, skipped", number, len(todo), stage.name)
            continue
        log.info("stage %d/%d %s: running", number, len(todo), stage.name)
        checkpoint.unlink(missing_ok=True)
        print_ = fingerprint(stage, hasher)
        started = time.time()
        stage.run()
        seconds = time.time() - started
        hasher.forget(stage.outputs)
        missing = [str(p) for p in stage.outputs if not p.exists()]
        if missing:
            raise RuntimeError(f"stage {stage.name} did not write {missing}")
        record = {
            "stage": stage.name,
            "fingerprint": print_,
            "outputs": {str(p): hasher(p) for p in stage.outputs},
            "seconds": round(seconds, 1),
        }
        checkpoint.write_text(json.dumps(record, indent=1) + "\n", "utf-8")
        log.info("stage %d/%d %s: done in %.1f s", number, len(todo), stage.name, seconds)
        ran.append(stage.name)
    return ran
