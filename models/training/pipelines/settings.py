"""What a bundle build is asked for: the data, the output folder, the seed and the toy limits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from models.training.common.paths import REPO


@dataclass(frozen=True)
class BuildSettings:
    """One build's options. ``sample`` (rows per data set) and ``max_steps`` (fine-tune steps) make a
    toy build that runs in minutes; ``None`` is the shipped recipe."""

    data: Path
    out: Path
    seed: int = 0
    sample: int | None = None
    max_steps: int | None = None
    allow_missing_sets: bool = False

    @property
    def work(self) -> Path:
        """Intermediate files (rows, fine-tunes, exported graphs, caches)."""
        return self.out / "work"

    @property
    def checkpoints(self) -> Path:
        return self.out / "checkpoints"

    @property
    def toy(self) -> bool:
        return self.sample is not None or self.max_steps is not None


def shipped_version(name: str) -> str:
    """The version in the committed bundle's manifest (``models/<name>/manifest.json``)."""
    manifest = json.loads((REPO / "models" / name / "manifest.json").read_text("utf-8"))
    return str(manifest["version"])
