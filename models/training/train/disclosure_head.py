"""Fit a bundle's disclosure head (safechat/model/disclosure_head.py) on children's chat ``dev`` lines.

Positives are the ``dev`` lines of a child telling of harm done to them (form ``disclosure``, support
needed); every other ``dev`` line is a negative. The lines are embedded by the bundle as the engine
embeds them (the normalised model text). C and the threshold are chosen on out-of-fold
probabilities (5 folds by topic family, as every children's chat fit here): per C, the lowest
threshold at which at most ``--max-false`` of the ``dev`` lines that need no support fire; the C
that then finds the most disclosures wins. The head is refitted on every ``dev`` line with that C,
and the threshold folded into its bias, so that it fires at 0.5. The ``test`` split is never read
for fitting; it is scored once at the end and the figures logged and written to ``--report``.

    python -m models.training.train.disclosure_head --bundle models/safechat-en-minilm
    python -m models.training.train.disclosure_head --bundle models/safechat-multi-e5 --multilingual

With ``--multilingual`` the multilingual children's chat set's ``dev`` lines are fitted on together
with the English ones (the multilingual bundle reads both). With ``--card`` the figures go into the
bundle's model card (between ``<!-- disclosure:start -->`` and ``<!-- disclosure:end -->``) and the
card's sha256 into its manifest.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from models.training.data import childchat
from safechat.model.bundle import ModelBundle
from safechat.model.disclosure_head import DisclosureHead
from safechat.model.onnx_scorer import OnnxScorer
from safechat.normalize import normalize

log = logging.getLogger("disclosure_head")

HEADS = Path(__file__).resolve().parents[3] / "safechat" / "model" / "disclosure_heads"
CS = (0.3, 1.0, 3.0, 10.0)
MAX_FALSE = 0.01
BATCH = 128

_Floats = npt.NDArray[np.float64]


def is_disclosure(row: dict[str, Any]) -> bool:
    """A child telling of harm done to them: the set's ``disclosure`` lines that need support."""
    return bool(row["support"]) and row["form"] == "disclosure"


def embed(model: OnnxScorer, rows: Sequence[dict[str, Any]]) -> npt.NDArray[np.float32]:
    """Unit-length sentence embeddings of ``rows`` as the engine computes them."""
    texts = [normalize(r["text"]).text for r in rows]
    parts = []
    for start in range(0, len(texts), BATCH):
        encoded = model.encode(texts[start : start + BATCH])
        assert encoded.embeddings is not None
        parts.append(encoded.embeddings)
        log.info("embedded %d of %d lines", min(start + BATCH, len(texts)), len(texts))
    return np.concatenate(parts)


def out_of_fold(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.int_], folds: npt.NDArray[np.int_], c: float
) -> _Floats:
    """Each line's probability from a head fitted without its fold."""
    found = np.zeros(len(y))
    for fold in sorted(set(folds.tolist())):
        held = folds == fold
        clf = LogisticRegression(C=c, max_iter=4000, class_weight="balanced").fit(x[~held], y[~held])
        found[held] = clf.predict_proba(x[held])[:, 1]
    return found


def threshold_for(probabilities: _Floats, quiet: npt.NDArray[np.bool_], max_false: float) -> float:
    """The lowest threshold at which at most ``max_false`` of the ``quiet`` lines fire."""
    ranked = np.sort(probabilities[quiet])[::-1]
    allowed = int(math.floor(max_false * len(ranked)))
    return float(min(0.999, ranked[allowed] + 1e-6)) if allowed < len(ranked) else 0.5


def shares(fires: npt.NDArray[np.bool_], rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How often the head fires per kind of line."""
    kinds: dict[str, npt.NDArray[np.bool_]] = {
        "disclosure": np.array([is_disclosure(r) for r in rows]),
        "harmful": np.array([bool(r["labels"]) for r in rows]),
        "benign_needing_no_support": np.array([not r["labels"] and not r["support"] for r in rows]),
    }
    return {
        kind: {
            "fired": int((fires & mask).sum()),
            "lines": int(mask.sum()),
            "share": round(float(fires[mask].mean()), 4),
        }
        for kind, mask in kinds.items()
        if mask.any()
    }


START, END = "<!-- disclosure:start -->", "<!-- disclosure:end -->"


def card_section(report: dict[str, Any], command: str) -> str:
    """The model card's section on the bundle's disclosure head."""
    test = report["test"]
    rows = [
        f"| {kind.replace('_', ' ')} | {v['fired']} of {v['lines']} | {v['share']:.3f} |"
        for kind, v in test.items()
    ]
    return "\n".join(
        [
            START,
            "## Disclosure head",
            "",
            "`safechat/model/disclosure_heads/` holds a logistic head on this bundle's sentence"
            " embedding that reads whether a message is a child telling of harm done to them; its hit,"
            " `context.disclosure.similar`, offers support and nothing else (README, Safeguarding). It"
            f" is fitted on the children's chat `dev` lines; C = {report['C']:g} and the threshold"
            f" {report['threshold']:.3f} were chosen on out-of-fold `dev` lines (5 folds by topic family;"
            f" at most {report['max_false']:.0%} of the `dev` lines that need no support may fire), where"
            f" it found {report['dev_out_of_fold_disclosures_found']:.3f} of the disclosures. On the"
            " `test` split (never fitted on), how often it fires:",
            "",
            "| lines | fired | share |",
            "|---|---|---|",
            *rows,
            "",
            "```",
            command,
            "```",
            END,
        ]
    )


def write_card(card: Path, section: str) -> None:
    """Put ``section`` into ``card`` (replacing an earlier one) and its sha256 into the manifest."""
    from models.training.common.bundle_files import update_manifest

    text = card.read_text("utf-8")
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    card.write_text(text, "utf-8")
    update_manifest(card.parent, version=None)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--multilingual", action="store_true", help="the multilingual dev lines too")
    parser.add_argument("--max-false", type=float, default=MAX_FALSE)
    parser.add_argument("--out", type=Path, help="default: disclosure_heads/<bundle name>.json")
    parser.add_argument("--report", type=Path, help="write the chosen C, threshold and figures as JSON")
    parser.add_argument("--card", action="store_true", help="write the figures into the bundle's model card")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    bundle = ModelBundle.load(args.bundle)
    model = OnnxScorer(bundle)
    if not model.embeds:
        raise SystemExit(f"{bundle.version} has no embedding output")
    sources = [childchat.DEVSET, *([childchat.MULTI_DEVSET] if args.multilingual else [])]
    dev = [r for source in sources for r in childchat.read(source, split="dev")]
    test = [r for source in sources for r in childchat.read(source, split="test")]
    x = embed(model, dev)
    y = np.array([int(is_disclosure(r)) for r in dev])
    folds = np.array([childchat.fold_of(childchat.family_group(r)) for r in dev])
    quiet = np.array([not r["support"] for r in dev])
    log.info("%d dev lines, %d disclosures", len(dev), int(y.sum()))

    best: tuple[float, float, float] | None = None  # (recall, C, threshold)
    for c in CS:
        oof = out_of_fold(x, y, folds, c)
        threshold = threshold_for(oof, quiet, args.max_false)
        recall = float((oof[y == 1] >= threshold).mean())
        log.info("C=%g: threshold %.3f, out-of-fold disclosures found %.3f", c, threshold, recall)
        if best is None or recall > best[0]:
            best = (recall, c, threshold)
    assert best is not None
    recall, c, threshold = best
    clf = LogisticRegression(C=c, max_iter=4000, class_weight="balanced").fit(x, y)
    bias = float(clf.intercept_[0]) - math.log(threshold / (1 - threshold))
    head = DisclosureHead(bundle.version, clf.coef_[0].astype(np.float32), bias)
    out = args.out or HEADS / f"{bundle.manifest.name}.json"
    out.write_text(head.to_json() + "\n", "utf-8")
    log.info("wrote %s (C=%g, threshold %.3f folded into the bias)", out, c, threshold)

    test_fires = head.probabilities(embed(model, test)) >= 0.5
    report = {
        "bundle": bundle.version,
        "C": c,
        "threshold": round(threshold, 4),
        "max_false": args.max_false,
        "dev_out_of_fold_disclosures_found": round(recall, 4),
        "test": shares(test_fires, test),
    }
    log.info("test: %s", json.dumps(report["test"]))
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    if args.card:
        command = f"python -m models.training.train.disclosure_head --bundle models/{bundle.manifest.name}"
        command += " --multilingual --card" if args.multilingual else " --card"
        write_card(bundle.path / "MODEL_CARD.md", card_section(report, command))


if __name__ == "__main__":
    main()
