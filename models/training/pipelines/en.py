"""The stages that rebuild safechat-en-minilm from the shared data (the recipe of its model card).

1. ``starter``: the frozen-encoder bundle (``train.frozen``): the capped English rows
   (``work/rows.jsonl``), the starter bundle the fine-tune is compared with and its metrics.
2. ``split``: a one-step fine-tune that writes the validation rows every seed shares.
3. ``finetune_s<N>``: three fine-tunes end to end, seeds ``seed``, ``seed + 1``, ``seed + 2``.
4. ``soup``: their uniform weight average (the base seed's part last, as shipped).
5. ``ship``: export, int8 quantisation, calibration on the validation rows, the model files, the
   card and the manifest (``export.ship_finetuned --keep-policy --write``).
6. ``exemplars``: the bundle with its example banks (``train.exemplars``), written into
   ``<out>/safechat-en-minilm``.

The shipped recipe's comparisons that only feed the card's tables (``experiments.loso``,
``experiments.frozen_same_split``) are experiments and are not rerun; the card leaves them out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from models.training.common.paths import REPO, minilm_dir
from models.training.pipelines.code import code_of
from models.training.pipelines.settings import BuildSettings, shipped_version
from models.training.pipelines.stages import Stage

NAME = "safechat-en-minilm"
CAP_PER_SOURCE = 4000
TRAIN_ROWS = 50000
SEEDS = 3
TOY_CHECK_TEXTS = 32  # a toy build checks its starter graph on this many texts
TOY_DEV_SHARE = 0.15  # a toy build fits its banks on this share of the children's chat families
FINETUNE = (
    "--benign", "4", "--contrast", "3", "--impute-cross", "--emoji-words", "--max-length", "64",
    "--batch-size", "32", "--lr-encoder", "5e-5", "--lr-head", "1e-3",
)  # fmt: skip
BETAS = "0.5,0.4,0.35,0.3"
POLICY = REPO / "safechat" / "policy" / "data" / "default_policy.toml"
NEUTRAL = REPO / "tests" / "data" / "neutral_sentences.txt"
NORMALISER = REPO / "safechat" / "normalize"  # model text: every stage's rows depend on it
DEVSETS = REPO / "devsets"


def stages(s: BuildSettings) -> list[Stage]:
    """The English bundle's stages for settings ``s``, in order."""
    from models.training.export import ship_finetuned
    from models.training.train import exemplars, frozen, soup

    work, data = s.work, s.data
    cap = s.sample or CAP_PER_SOURCE
    version = shipped_version(NAME)
    steps = ["--steps", str(s.max_steps)] if s.max_steps else []
    starter = work / "starter_bundle"
    seeds = [s.seed + i for i in range(SEEDS)]
    parts = [work / f"ft_s{n}" for n in seeds[1:] + seeds[:1]]
    shipped = work / "ship_bundle"
    bundle = s.out / NAME
    train_code = code_of("models.training.train.frozen", "models.training.train.finetune")
    toy = {"sample": s.sample, "max_steps": s.max_steps, "allow_missing_sets": s.allow_missing_sets}

    def starter_run() -> None:
        frozen.main(
            ["--mode", "frozen", "--data", str(data), "--out", str(starter), "--work", str(work)]
            + ["--max-per-source", str(cap), "--seed", str(s.seed)]
            + (["--check-texts", str(TOY_CHECK_TEXTS)] if s.toy else [])
        )

    def split_run() -> None:
        frozen.main(
            ["--mode", "finetune", "--rows", str(work / "rows.jsonl"), "--work", str(work)]
            + ["--ft-name", "ft", "--steps", "1", "--seed", str(s.seed)]
        )

    def finetune_run(seed: int) -> None:
        frozen.main(
            ["--mode", "finetune", "--data", str(data), "--work", str(work), "--max-per-source", str(cap)]
            + ["--val-rows", str(work / "ft" / "val_rows.jsonl"), "--ft-name", f"ft_s{seed}", *FINETUNE]
            + ["--train-rows", str(TRAIN_ROWS), "--seed", str(seed), *steps]
        )

    def soup_run() -> None:
        soup.main(["--out", str(work / "ft_soup"), *map(str, parts)])

    def ship_run() -> None:
        ship_finetuned.main(
            ["--ft", str(work / "ft_soup"), "--baseline", str(starter), "--work", str(work)]
            + ["--out", str(shipped), "--betas", BETAS, "--keep-policy", "--write", "--version", version]
            + ["--policy", str(POLICY), "--neutral", str(NEUTRAL), "--loso", str(work / "metrics.json")]
            + ["--loso-ft", str(work / "no_loso_finetune.json"), "--frozen", ""]
        )

    def exemplars_run() -> None:
        if bundle.exists():
            shutil.rmtree(bundle)
        shutil.copytree(shipped, bundle)
        exemplars.main(
            ["--data", str(data), "--bundle", str(bundle), "--work", str(work / "exemplars")]
            + ["--version", version]
            + (["--dev-share", str(TOY_DEV_SHARE)] if s.toy else [])
        )

    finetunes = [
        Stage(
            f"finetune_s{n}",
            lambda n=n: finetune_run(n),  # type: ignore[misc]
            inputs=(data, work / "ft" / "val_rows.jsonl", minilm_dir(), NORMALISER, *train_code),
            outputs=(work / f"ft_s{n}" / "heads.npz", work / f"ft_s{n}" / "encoder"),
            settings={"seed": n, "cap": cap, "train_rows": TRAIN_ROWS, "recipe": FINETUNE, **toy},
        )
        for n in seeds
    ]
    return [
        Stage(
            "starter",
            starter_run,
            inputs=(data, minilm_dir(), NORMALISER, *code_of("models.training.train.frozen")),
            outputs=(work / "rows.jsonl", work / "metrics.json", starter / "manifest.json"),
            settings={"seed": s.seed, "cap": cap, **toy},
        ),
        Stage(
            "split",
            split_run,
            inputs=(work / "rows.jsonl", minilm_dir(), *train_code),
            outputs=(work / "ft" / "val_rows.jsonl",),
            settings={"seed": s.seed},
        ),
        *finetunes,
        Stage(
            "soup",
            soup_run,
            inputs=(*parts, *code_of("models.training.train.soup")),
            outputs=(work / "ft_soup" / "heads.npz", work / "ft_soup" / "encoder"),
        ),
        Stage(
            "ship",
            ship_run,
            inputs=(
                work / "ft_soup",
                starter,
                work / "metrics.json",
                POLICY,
                NEUTRAL,
                NORMALISER,
                *code_of("models.training.export.ship_finetuned"),
            ),
            outputs=(shipped,),
            settings={"version": version, "betas": BETAS},
        ),
        Stage(
            "exemplars",
            exemplars_run,
            inputs=(shipped, data, DEVSETS, NORMALISER, *code_of("models.training.train.exemplars")),
            outputs=(bundle,),
            settings={"version": version, "toy": s.toy},
        ),
    ]


def bundle_dir(s: BuildSettings) -> Path:
    return s.out / NAME
