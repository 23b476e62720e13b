"""What every bundle the pipelines write shares: sha256s, the manifest, Platt calibration, ranking metrics."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from models.training.common.rows import LABELS
from safechat.normalize import NORMALIZER_VERSION

# the graph output that carries the pooled sentence embedding (export/embedding_output.py)
EMBEDDING_OUTPUT = "embedding"
BUNDLE_FILES = ("model.onnx", "tokenizer.json", "calibration.json", "emoji_words.json", "MODEL_CARD.md")


def build_date() -> str:
    """The manifest's ``created`` date: today, or the day of ``SOURCE_DATE_EPOCH`` (seconds since
    1970, UTC) when it is set, so that a rebuild on another day writes the same manifest."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(
    out: Path,
    *,
    name: str,
    version: str,
    max_length: int,
    base_model: str,
    extra_files: tuple[str, ...] = (),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``out/manifest.json`` in the format ``safechat.model.bundle`` verifies: the sha256 of every
    bundle file present in ``out`` (plus ``extra_files``); ``extra`` keys go before ``files``."""
    files = [f for f in (*BUNDLE_FILES, *extra_files) if (out / f).exists()]
    manifest: dict[str, Any] = {
        "format": 1,
        "name": name,
        "version": version,
        "labels": list(LABELS),
        "max_length": max_length,
        "inputs": ["input_ids", "attention_mask"],
        "output": "logits",
        "normalizer": f"safechat.normalize v{NORMALIZER_VERSION}",
        "created": build_date(),
        "base_model": base_model,
        **(extra or {}),
        "files": {f: sha256(out / f) for f in files},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def update_manifest(bundle: Path, *, version: str | None, files: Sequence[str] = ()) -> dict[str, Any]:
    """Rewrite ``bundle/manifest.json``: the embedding output, ``version`` when given, and the
    sha256 of every listed file plus ``files``."""
    path = bundle / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    if version:
        manifest["version"] = version
    manifest["embedding"] = EMBEDDING_OUTPUT
    names = list(dict.fromkeys([*manifest["files"], *files]))
    manifest["files"] = {name: sha256(bundle / name) for name in names}
    ordered = {k: v for k, v in manifest.items() if k != "files"} | {"files": manifest["files"]}
    path.write_text(json.dumps(ordered, indent=2) + "\n", "utf-8")
    return ordered


def write_card_section(card: Path, section: str, start: str, end: str) -> None:
    """Put ``section`` (which opens with ``start`` and closes with ``end``) into the model card
    ``card`` in place of the one between those markers, or at its end when it has none; then the
    card's sha256 into its bundle's manifest, when the card's folder has one."""
    text = card.read_text("utf-8")
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    card.write_text(text, "utf-8")
    if (card.parent / "manifest.json").exists():
        update_manifest(card.parent, version=None)


def platt(logit: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling ``sigmoid(a * logit + b)`` fitted on the finite logits."""
    from sklearn.linear_model import LogisticRegression

    ok = ~np.isnan(logit)
    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(logit[ok].reshape(-1, 1), y[ok])
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def ranking_metrics(y: np.ndarray, score: np.ndarray) -> dict[str, float | int | None]:
    """n, positives, ROC-AUC and PR-AUC (4 decimals) over the rows with a finite score; the AUCs
    are None unless both classes are present."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    ok = ~np.isnan(score)
    y, score = y[ok], score[ok]
    d: dict[str, float | int | None] = {"n": int(len(y)), "pos": int(y.sum())}
    if 0 < y.sum() < len(y):
        d["roc_auc"] = round(float(roc_auc_score(y, score)), 4)
        d["pr_auc"] = round(float(average_precision_score(y, score)), 4)
    else:
        d["roc_auc"] = d["pr_auc"] = None
    return d
