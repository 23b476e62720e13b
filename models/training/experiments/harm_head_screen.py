"""Which harm heads pay? Out of fold on the children's chat ``dev`` lines, per label.

A harm head (safechat/model/support_head.py) is fitted the way ``train/support_head.py`` fits it
(the ``dev`` lines and the other platforms' ordinary messages in the bundle's bank, 5 folds, at most
0.5% of the ordinary lines of each firing). For each label, this sets its out-of-fold hits against
the decisions the default policy gives without any harm head, for under-13s, on the lines of the
set the bundle is for: the harmful lines of the label whose decision falls short of what they need
and that the head finds, and the ordinary lines the policy allows that the head would flag. A head
pays when it finds at least :data:`PAYS_AT` such harmful lines for each ordinary line it flags (the
rule the shipped heads were chosen by; models/training/experiments/README.md). Every kind of harm
head is screened, whether or not a bundle ships it. The ``test`` split is never read.

    python -m models.training.experiments.harm_head_screen --bundle models/safechat-en-minilm
    python -m models.training.experiments.harm_head_screen --bundle models/safechat-multi-e5 --multilingual
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from models.training.data import childchat
from models.training.train.support_head import (
    HARM_MAX_FALSE,
    choose,
    embed,
    fit_rows,
    has_label,
    other_platforms,
    quiet_lines,
)
from safechat import Moderator
from safechat.model.bundle import ModelBundle
from safechat.model.onnx_scorer import OnnxScorer
from safechat.model.support_head import HARM_KINDS
from safechat.policy.policy import Policy
from safechat.types import Action

log = logging.getLogger("harm_head_screen")

PAYS_AT = 3
"""Harmful lines found per ordinary line flagged at which a head is worth shipping."""
BAND = "under_13"
BATCH = 256


def without_harm_heads() -> Policy:
    """The default policy with no entry for a harm head's rule: the decisions a head adds to."""
    raw = Policy.default().model_dump(mode="json")
    for band in raw["bands"].values():
        for kind in HARM_KINDS:
            band["rules"].pop(kind.rule, None)
    return Policy.from_mapping(raw)


def actions(moderator: Moderator, rows: Sequence[dict[str, Any]]) -> list[Action]:
    """The under-13 action of each line, sent with its locale as an app would."""
    found: dict[int, Action] = {}
    locales = sorted({row.get(childchat.LOCALE) or "" for row in rows})
    for locale in locales:
        part = [i for i, row in enumerate(rows) if (row.get(childchat.LOCALE) or "") == locale]
        for start in range(0, len(part), BATCH):
            chunk = part[start : start + BATCH]
            decisions = moderator.moderate_batch(
                [rows[i]["text"] for i in chunk], age_band=BAND, locale=locale or None
            )
            found.update({i: d.action for i, d in zip(chunk, decisions, strict=True)})
    return [found[i] for i in range(len(rows))]


def screen(bundle_path: Path, multilingual: bool) -> list[dict[str, Any]]:
    """One row per label: the head chosen, its threshold, harmful lines found, ordinary lines
    flagged, whether it pays."""
    bundle = ModelBundle.load(bundle_path)
    model = OnnxScorer(bundle)
    sources = [childchat.DEVSET, *([childchat.MULTI_DEVSET] if multilingual else [])]
    dev = [r for source in sources for r in childchat.read(source, split="dev")]
    x = embed(model, dev)
    others = other_platforms(bundle)
    moderator = Moderator.load(policy=without_harm_heads(), cache_size=0, queue_reviews=False)
    decided = actions(moderator, dev)
    own = np.array([childchat.language_of(r) != "en" if multilingual else True for r in dev])
    short = np.array(
        [a.severity < Action(r["needs"][BAND]).severity for a, r in zip(decided, dev, strict=True)]
    )
    allowed = np.array([a is Action.ALLOW for a in decided])
    benign = np.array([not r["labels"] for r in dev])
    results = []
    for kind in HARM_KINDS:
        label = kind.label
        has = np.array([label.value in r["labels"] for r in dev])
        rows = fit_rows(x, dev, has_label(label), quiet_lines(kind, multilingual), others)
        choice = choose(rows, HARM_MAX_FALSE)
        fires = choice.out_of_fold[: len(dev)] >= choice.threshold
        found = int((own & fires & has & short).sum())
        flagged = int((own & fires & benign & allowed).sum())
        results.append(
            {
                "label": label.value,
                "head": choice.candidate.describe(),
                "threshold": round(choice.threshold, 4),
                "missed": int((own & has & short).sum()),
                "found": found,
                "ordinary_flagged": flagged,
                "pays": found >= PAYS_AT * flagged,
            }
        )
        log.info("%s", json.dumps(results[-1]))
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--multilingual", action="store_true", help="the multilingual dev lines too")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print("| label | head | threshold | missed | found | ordinary flagged | pays |")
    print("|---|---|---|---|---|---|---|")
    for r in screen(args.bundle, args.multilingual):
        print(
            f"| {r['label']} | {r['head']} | {r['threshold']:.3f} | {r['missed']} | {r['found']}"
            f" | {r['ordinary_flagged']} | {'yes' if r['pays'] else 'no'} |"
        )


if __name__ == "__main__":
    main()
