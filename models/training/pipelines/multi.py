"""Train the multilingual bundle safechat-multi-e5: one command from the data to the bundle.

    python -m models.training.pipelines.multi --data ../shared/data --encoder ../artifacts/me5-lgc \
        --out models/safechat-multi-e5 --work ../artifacts/multi

Recipe (a FROZEN encoder: full fine-tuning of multilingual-e5-small costs about 57-94 s per 1,000
examples on the 2 CPU cores this was built on, far beyond a session):

1. rows: every set of ``../shared/data/multi`` (:mod:`models.training.data.sources_multi`, explicit label
   mapping per loader, unknown labels masked) plus a label-balanced sample of the cached English
   rows (``--english-rows``, written by ``models.training.train``; the only source of the grooming,
   self_harm, sexual, threat and pii labels). Text = ``sources.model_text`` (safechat.normalize),
   no e5 ``query:`` prefix. Splits: each set's own test split, else a seeded group-level 20%;
   validation = a set's own dev split, else a seeded group-level 10% of its training part.
   Non-commercial / research-only sets are evaluation-only. Rows per set are capped (seeded).
2. vocabulary: pruned to the pieces used by the TRAINING texts (shipped sets + all English rows,
   never a test split or an evaluation-only set), by the ``--wordfreq-n`` most frequent words of
   each language of ``--wordfreq-langs`` (the `wordfreq` package's lists; lower-case and
   capitalised), every single-character piece and the special tokens. A Unigram tokeniser
   restricted to a superset of the pieces a text uses segments it identically, so training texts
   are unaffected; the share of test messages that still tokenise identically is measured and
   reported (languages without training data, it/es/pl, depend on the word lists).
3. encoder + masked mean pooling exported as fp32 ONNX, quantised with
   ``quantize.quantise_per_token`` (int8, per-token activation scales); int8 embeddings of every
   row computed ONCE with onnxruntime (cached under --work).
4. one logistic-regression head per label (class_weight balanced, masked rows, C picked on the
   validation rows), standardisation folded into the linear layer; Platt per label on validation.
5. evaluation (per set / language on test splits, leave-one-language-out, English held-out rows,
   hand-written multilingual check), the final ONNX graph (int8 encoder + fp32 Gemm heads), the
   checks (graph vs heads, int8 vs fp32), MODEL_CARD.md and manifest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from models.training.common.bundle_files import platt
from models.training.common.rows import LABELS
from models.training.data.multi_rows import _key, english_rows, english_source_counts, multi_rows
from models.training.evaluate.multi_eval import (
    evaluate,
    handwritten_scores,
    leave_one_language_out,
    test_groups,
)
from models.training.export.multi_graph import (
    MAX_LENGTH,
    WORDFREQ_LANGS,
    _vocab_size,
    add_heads,
    checks,
    embed_cached,
    export_encoder,
    frequent_words,
    prune_vocabulary,
    tokenisation_identity,
    write_manifest,
)
from models.training.train.multi_heads import choose_c, label_matrix, train_heads

log = logging.getLogger("safechat.multi")


# labels with training data in English only (see the card)
ENGLISH_ONLY_LABELS = ("threat", "sexual", "grooming", "self_harm", "pii")


def _step(timings: dict[str, float], name: str, t: float) -> float:
    timings[name] = round(time.time() - t, 1)
    log.info("step %-12s %6.1fs", name, timings[name])
    return time.time()


def run(args: argparse.Namespace) -> None:  # noqa: PLR0915 - one linear pipeline, step by step
    import shutil

    work, out, seed = args.work, args.out, args.seed
    timings: dict[str, float] = {}
    t = time.time()
    caps = {"train": args.cap_train, "val": args.cap_val, "test": args.cap_test}
    rows, vocab_texts = multi_rows(args.data, seed=seed, caps=caps)
    avoid = {_key(r["text"]) for r in rows if r["split"] == "test"}
    sizes = {"train": args.english, "val": args.english // 6, "test": args.english // 3}
    en, en_vocab = english_rows(args.english_rows, seed=seed, sizes=sizes, avoid=avoid)
    rows += en
    counts = Counter((r["source"] if r["lang"] != "en" else "english", r["split"]) for r in rows)
    log.info("rows: %d; %s", len(rows), sorted(counts.items()))
    t = _step(timings, "rows", t)

    tok = work / "tokenizer.json"
    words = frequent_words(args.wordfreq_langs.split(","), args.wordfreq_n)
    keep = prune_vocabulary(args.encoder, vocab_texts + en_vocab + words, 0, tok)
    identity = tokenisation_identity(args.encoder / "tokenizer.json", tok, rows)
    log.info("tokenisation identical after pruning (test splits): %s", identity)
    t = _step(timings, "vocabulary", t)

    fp32, int8 = work / "encoder_fp32.onnx", work / "encoder_int8.onnx"
    stamp = hashlib.sha256(json.dumps([str(args.encoder), keep]).encode()).hexdigest()
    if (
        not int8.exists()
        or not (work / "encoder.stamp").exists()
        or (work / "encoder.stamp").read_text() != stamp
    ):
        export_encoder(args.encoder, keep, fp32, int8)
        (work / "encoder.stamp").write_text(stamp)
    t = _step(timings, "export", t)

    x, from_cache = embed_cached(int8, tok, [r["text"] for r in rows], work)
    t = _step(timings, "embed", t)

    y = label_matrix(rows)
    split = np.array([r["split"] for r in rows])
    tr, va = split == "train", split == "val"
    cs = choose_c(x[tr], y[tr], x[va], y[va], (0.003, 0.01, 0.03, 0.1, 0.3, 1.0), seed)
    W, B = train_heads(x[tr], y[tr], cs=cs, seed=seed)
    logits = x @ W.T + B
    cal = {}
    other_language = np.array([r["lang"] != "en" for r in rows])
    for j, label in enumerate(LABELS):
        k = va & (y[:, j] >= 0)
        target = y[:, j].copy()
        if label in ENGLISH_ONLY_LABELS:
            # no labelled data outside English: the other languages' validation messages
            # (tweets and comments collected for offensive-language research) count as
            # negatives for calibration only, so ordinary chat in those languages is not
            # pushed over the English-tuned policy thresholds
            presumed = va & other_language & (y[:, j] < 0)
            target[presumed] = 0
            k = k | presumed
        if len(set(target[k].tolist())) < 2:  # only in a toy build: nothing to calibrate against
            a, b = 1.0, 0.0
            log.warning("calibration of %s: one class only in the validation rows, identity", label)
        else:
            a, b = platt(logits[k, j], target[k])
        cal[label] = {"a": a, "b": b}
    t = _step(timings, "heads", t)

    report: dict[str, Any] = {
        "rows": {f"{s}|{sp}": n for (s, sp), n in sorted(counts.items())},
        "C": cs,
        "calibration": cal,
        "identity": identity,
        "vocab": {
            "kept": len(keep),
            "full": _vocab_size(args.encoder),
            "wordfreq_langs": args.wordfreq_langs,
            "wordfreq_n": args.wordfreq_n,
        },
        "max_length": MAX_LENGTH,
        "embeddings_from_cache": from_cache,
        "seed": seed,
        "caps": caps,
        "english_sizes": sizes,
    }
    report["english_sources"] = english_source_counts(rows)
    report["positives"] = {
        f"{s}|{sp}|{k}": n
        for (s, sp, k), n in sorted(
            Counter(
                (r["source"] if r["lang"] != "en" else "english", r["split"], k)
                for r in rows
                for k, v in r["labels"].items()
                if v == 1
            ).items()
        )
    }
    report["eval"] = evaluate(rows, y, logits, cal, test_groups(rows))
    report["val"] = evaluate(rows, y, logits, cal, {"all": va})
    t = _step(timings, "evaluate", t)
    report["lolo"] = leave_one_language_out(rows, x, y, cs, cal, seed)
    t = _step(timings, "lolo", t)

    out.mkdir(parents=True, exist_ok=True)
    add_heads(int8, W, B, out / "model.onnx")
    add_heads(fp32, W, B, work / "model_fp32.onnx")
    shutil.copyfile(tok, out / "tokenizer.json")
    (out / "calibration.json").write_text(json.dumps({"method": "platt", "labels": cal}, indent=1) + "\n")
    report["checks"] = checks(rows, x, W, B, out, work, seed)
    report["handwritten"] = handwritten_scores(out, cal)
    t = _step(timings, "bundle", t)
    report["timings"] = timings
    (work / "report.json").write_text(json.dumps(report, indent=1))
    write_card_and_manifest(out, report)


def write_card_and_manifest(out: Path, report: dict[str, Any]) -> dict[str, Any]:
    """MODEL_CARD.md and manifest.json from the report; ``languages`` = those with training rows."""
    from models.training.data.sources_multi import SETS_BY_NAME
    from models.training.evaluate import multi_card

    langs = {
        "en" if key.startswith("english|") else SETS_BY_NAME[key.split("|")[0]].lang
        for key in report["rows"]
        if key.endswith("|train")
    }
    languages = sorted(langs)
    multi_card.write(out / "MODEL_CARD.md", report, languages)
    manifest = write_manifest(out, languages)
    size = sum((out / f).stat().st_size for f in manifest["files"]) / 2**20
    sizes = {f: round((out / f).stat().st_size / 2**20, 2) for f in manifest["files"]}
    log.info("bundle %s: %.1f MB; %s", out, size, sizes)
    return manifest


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--encoder", type=Path, default=Path("../artifacts/me5-lgc"))
    p.add_argument("--english-rows", type=Path, default=Path("../artifacts/rows.jsonl"))
    p.add_argument("--out", type=Path, default=Path("models/safechat-multi-e5"))
    p.add_argument("--work", type=Path, default=Path("../artifacts/multi"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--cap-train", type=int, default=6000)
    p.add_argument("--cap-val", type=int, default=500)
    p.add_argument("--cap-test", type=int, default=1500)
    p.add_argument(
        "--english", type=int, default=10000, help="English training rows (val 1/6, test 1/3 of it)"
    )
    p.add_argument("--wordfreq-langs", default=",".join(WORDFREQ_LANGS), help="word lists that add pieces")
    p.add_argument("--card-only", action="store_true", help="only rewrite card + manifest")
    p.add_argument("--wordfreq-n", type=int, default=50000, help="most frequent words per language")
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(), logging.FileHandler(args.work / "multi.log")],
    )
    np.random.seed(args.seed)
    if args.card_only:
        write_card_and_manifest(args.out, json.loads((args.work / "report.json").read_text()))
    else:
        run(args)
