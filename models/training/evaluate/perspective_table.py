"""Measure how safechat's Perspective-style attributes behave on public, held-out data, for
docs/perspective-migration.md.

    python -m models.training.evaluate.perspective_table --rows ../artifacts/ft/val_rows.jsonl \
        --out docs/perspective-table.md

``--rows``: the validation rows the training run wrote (held-out sources, labels mapped to
safechat's as models/training/data/sources.py documents). Each attribute is scored exactly as the
sidecar's ``/v1alpha1/comments:analyze`` scores it (safechat_server.perspective.ATTRIBUTES over
the calibrated probabilities for an adult reader).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from safechat_server.perspective import ATTRIBUTES

from safechat import Moderator

Row = dict[str, object]
# attribute -> (description of the ground truth, source, truth from the row's labels or None to skip)
CHECKS: list[tuple[str, str, str, Callable[[dict[str, int]], int | None]]] = [
    ("TOXICITY", "offensive (OLID: targeted or untargeted)", "olid", lambda lab: _offensive(lab)),
    ("INSULT", "targeted insult (OLID)", "olid", lambda lab: lab.get("bullying")),
    ("INSULT", "bullying (Ask.fm)", "askfm", lambda lab: lab.get("bullying")),
    ("IDENTITY_ATTACK", "hate speech (HateXplain)", "hatexplain", lambda lab: lab.get("hate")),
    (
        "IDENTITY_ATTACK",
        "hateful (HatemojiBuild, held-out groups)",
        "hatemoji_build",
        lambda lab: lab.get("hate"),
    ),
    ("SEVERE_TOXICITY", "hate speech (HateXplain)", "hatexplain", lambda lab: lab.get("hate")),
    (
        "THREAT",
        "threatening (HatemojiBuild, held-out groups)",
        "hatemoji_build",
        lambda lab: lab.get("threat"),
    ),
    ("SEXUALLY_EXPLICIT", "sexual harassment (ConvAbuse)", "convabuse", lambda lab: lab.get("sexual")),
    ("PROFANITY", "untargeted offensive (OLID)", "olid", lambda lab: lab.get("profanity")),
]


def _offensive(labels: dict[str, int]) -> int | None:
    """OLID's OFF: a targeted insult (bullying) or untargeted swearing (profanity); NOT when both are 0."""
    if labels.get("bullying") == 1 or labels.get("profanity") == 1:
        return 1
    if labels.get("bullying") == 0 and labels.get("profanity") == 0:
        return 0
    return None


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    for value in np.unique(s):  # average ranks of ties
        tied = s == value
        ranks[tied] = ranks[tied].mean()
    positives = y.sum()
    negatives = len(y) - positives
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-source", type=int, default=2000, help="rows per source at most (default 2000)")
    args = parser.parse_args()
    by_source: dict[str, list[Row]] = {}
    with args.rows.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            by_source.setdefault(str(row["source"]), []).append(row)
    rng = random.Random(0)
    for rows in by_source.values():
        rng.shuffle(rows)  # a fixed-seed sample: the file is ordered by label within a source
    moderator = Moderator.load(cache_size=0)
    scores: dict[str, list[dict[str, float]]] = {}
    started = time.time()
    for source in {check[2] for check in CHECKS}:
        rows = by_source.get(source, [])[: args.per_source]
        decisions = moderator.moderate_batch([str(r["text"]) for r in rows], age_band="adult")
        scores[source] = [
            {name: rule(d.scores) for name, rule in ATTRIBUTES.items()} if d.scores else {} for d in decisions
        ]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} with `{moderator.model_version}` in "
        f"{time.time() - started:.0f} s:",
        "",
        "```",
        f"python -m models.training.evaluate.perspective_table --rows {args.rows} --out {args.out}",
        "```",
        "",
        "| attribute | public data (held out from training) | n | positives | ROC-AUC | "
        "mean score, positives | mean score, negatives | positives >= 0.7 | negatives >= 0.7 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for attribute, truth_name, source, truth in CHECKS:
        pairs = [
            (t, s[attribute])
            for row, s in zip(by_source.get(source, [])[: args.per_source], scores[source], strict=True)
            if s and (t := truth(row["labels"])) is not None  # type: ignore[arg-type]
        ]
        if not pairs:
            continue
        y = np.asarray([t for t, _ in pairs])
        v = np.asarray([s for _, s in pairs])
        if y.sum() == 0 or y.sum() == len(y):
            continue
        lines.append(
            f"| {attribute} | {truth_name} | {len(y)} | {int(y.sum())} | {roc_auc(y, v):.3f} | "
            f"{v[y == 1].mean():.3f} | {v[y == 0].mean():.3f} | {(v[y == 1] >= 0.7).mean():.0%} | "
            f"{(v[y == 0] >= 0.7).mean():.0%} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
