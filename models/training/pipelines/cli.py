"""``python -m models.training build``: rebuild a shipped bundle from the shared data in one command.

    python -m models.training build --bundle en --data ../shared/data --out ../artifacts/build-en
    python -m models.training build --bundle multi --data ../shared/data --out ../artifacts/build-multi

The stages run in order (``pipelines/en.py``, ``pipelines/multi_e5.py``), each checkpointed under
``<out>/checkpoints``: run the same command again after a cut-off and the finished stages are
skipped. Intermediate files go to ``<out>/work``, the bundle (model files, card, manifest) to
``<out>/<bundle name>``, the log to ``<out>/build.log``. The same data, seed and code give the same
bundle; set ``SOURCE_DATE_EPOCH`` to fix the manifest's ``created`` date as well.

A toy build (``--sample N`` rows per data set, ``--max-steps K`` fine-tune steps,
``--allow-missing-sets`` for a sample that holds only some sets) runs every stage in minutes; its
bundle loads and runs but is not a model to ship.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.training.pipelines import en, multi_e5
from models.training.pipelines.settings import BuildSettings
from models.training.pipelines.stages import Stage, run_stages

log = logging.getLogger("safechat.build")
BUNDLES = {"en": en, "multi": multi_e5}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m models.training build",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--bundle", choices=sorted(BUNDLES), required=True, help="which shipped bundle")
    p.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    p.add_argument("--out", type=Path, required=True, help="build folder: work/, checkpoints/, the bundle")
    p.add_argument("--seed", type=int, default=0, help="seed of every sampled, split or trained stage")
    p.add_argument("--sample", type=int, default=None, help="toy build: at most N rows per data set")
    p.add_argument("--max-steps", type=int, default=None, help="toy build: at most K fine-tune steps")
    p.add_argument(
        "--allow-missing-sets",
        action="store_true",
        help="toy build: skip a data set whose files are missing (a real build needs every set)",
    )
    p.add_argument("--list", action="store_true", help="print the stages and whether each is up to date")
    return p


def settings_from(args: argparse.Namespace) -> BuildSettings:
    return BuildSettings(
        data=args.data.resolve(),
        out=args.out.resolve(),
        seed=args.seed,
        sample=args.sample,
        max_steps=args.max_steps,
        allow_missing_sets=args.allow_missing_sets,
    )


def plan(bundle: str, s: BuildSettings) -> list[Stage]:
    """The stages of ``bundle`` ("en" or "multi") for settings ``s``."""
    stages: list[Stage] = BUNDLES[bundle].stages(s)
    return stages


@dataclass(frozen=True)
class Built:
    """A finished build: the bundle's folder and the stages that ran (the others were up to date)."""

    bundle: Path
    ran: tuple[str, ...]


def build(bundle: str, s: BuildSettings) -> Built:
    """Run (or resume) the build.

    Raises:
        ValueError: ``allow_missing_sets`` without a toy limit.
    """
    from models.training.data.rows import allow_missing_sets

    if s.allow_missing_sets and not s.toy:
        raise ValueError("--allow-missing-sets is for toy builds (--sample or --max-steps) only")
    allow_missing_sets(s.allow_missing_sets)
    random.seed(s.seed)
    np.random.seed(s.seed)
    s.work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    ran = run_stages(plan(bundle, s), s.checkpoints)
    log.info("build %s: %d stage(s) ran in %.1f min", bundle, len(ran), (time.time() - started) / 60)
    path: Path = BUNDLES[bundle].bundle_dir(s)
    return Built(path, tuple(ran))


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    s = settings_from(args)
    s.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr), logging.FileHandler(s.out / "build.log")],
    )
    if args.list:
        from models.training.pipelines.stages import Hasher, up_to_date

        hasher = Hasher()
        for stage in plan(args.bundle, s):
            done = up_to_date(stage, s.checkpoints / f"{stage.name}.json", hasher)
            print(f"{stage.name:16s} {'up to date' if done else 'to run'}")
        return
    built = build(args.bundle, s)
    log.info("bundle written to %s", built.bundle)
