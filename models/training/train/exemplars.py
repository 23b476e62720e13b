"""Build a bundle's example bank and fit how its scores combine with bank similarity.

The bank (``exemplars.npz``) holds positives per label and benign look-alikes: a stratified
sample of the training sets (never the cross-source validation sets) and the ``dev`` split of
the children's chat set (devsets/childchat-en; never its ``test`` split).

The combination (``exemplar_weights.json``) is one logistic model per label over the model's
logit, the mean similarity to the ``k`` nearest positives of the label and to the ``k`` nearest
benign examples. It is fitted on held-out folds: the fitting rows (the dev lines the model never
trained on, :func:`childchat.is_fitting_line`: every one unless ``--finetuned-on-childchat``, and a
sample of training rows) are cut
into folds by topic family or source group, and each fold's features come from a bank without
that fold's examples, so a message never finds itself or a paraphrase of itself in the bank
while the weights are fitted.

    python -m models.training.train.exemplars --data ../shared/data --bundle models/safechat-en-minilm \
        --work ../artifacts/exemplars --version 0.5.0
    python -m models.training.train.exemplars --data ../shared/data --bundle models/safechat-multi-e5 \
        --work ../artifacts/exemplars-multi --version 0.3.0 --multilingual

With ``--multilingual``, the bank and the fit also take the ``dev`` split of the multilingual
children's chat set (devsets/childchat-multi; every dev line: the multilingual model was never
trained on children's chat), each language under its own source (``childchat-fr``...), and each
label's option is chosen on those languages' held-out lines.

writes ``exemplars.npz``, ``exemplar_weights.json`` and ``exemplar_metrics.json`` into the
bundle, adds the embedding output to its graph if missing (logits unchanged), and rewrites its
manifest (sha256s, version). Encodings are cached in ``--work``; a rerun reuses them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.training.common.bundle_files import EMBEDDING_OUTPUT, sha256, update_manifest
from models.training.common.rows import LABELS, VAL_SOURCES, Row
from models.training.data import childchat
from models.training.export.embedding_output import add_embedding_output

log = logging.getLogger("safechat.exemplars")

K = 3
POSITIVES_PER_LABEL = 800
BENIGN_FROM_TRAINING = 4000
FIT_TRAINING_ROWS = 6000
MULTI_POSITIVES_PER_LABEL = 600
MULTI_BENIGN = 3000
FOLDS = childchat.FOLDS
SEED = 0


@dataclass(frozen=True)
class Item:
    """A row for the bank or the fit: model text, known labels, origin and its fold group."""

    id: str
    text: str
    labels: dict[str, int]
    source: str
    group: str
    keep_text: bool = False


def ensure_embedding_output(bundle: Path, version: str | None) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    if manifest.get("embedding") != EMBEDDING_OUTPUT:
        width = add_embedding_output(bundle / "model.onnx")
        log.info("added the %d-wide embedding output to %s", width, bundle / "model.onnx")
    update_manifest(bundle, version=version)


# ---------------------------------------------------------------- rows
def training_rows(data: Path, work: Path) -> list[Row]:
    """The training pipeline's rows (normalised, de-duplicated, capped per source), cached."""
    from models.training.data import sources
    from models.training.data.rows import load_all, normalise_and_dedup, sample_per_source

    cache = work / "rows.jsonl"
    if cache.exists():
        return [
            Row(d["text"], d["source"], d["labels"], d["group"])
            for d in map(json.loads, cache.read_text("utf-8").splitlines())
        ]
    rows, _ = normalise_and_dedup(load_all(data, seed=SEED))
    rows = sources.add_rule_negatives(sample_per_source(rows, cap=6000, seed=SEED))
    with cache.open("w", encoding="utf-8") as out:
        for i, r in enumerate(rows):
            record = {"text": r.text, "source": r.source, "labels": r.labels, "group": r.group or f"row{i}"}
            out.write(json.dumps(record) + "\n")
    return training_rows(data, work)


def _round_robin(rows: list[Row], limit: int, rng: random.Random) -> list[Row]:
    """Up to ``limit`` rows, taken in turn from each source so that no set dominates."""
    by_source: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_source[r.source].append(r)
    for queue in by_source.values():
        rng.shuffle(queue)
    chosen: list[Row] = []
    while len(chosen) < limit and any(by_source.values()):
        for source in sorted(by_source):
            if by_source[source] and len(chosen) < limit:
                chosen.append(by_source[source].pop())
    return chosen


def _is_benign(r: Row) -> bool:
    return sum(1 for v in r.labels.values() if v == 0) >= 3 and not any(v == 1 for v in r.labels.values())


def training_items(rows: list[Row]) -> tuple[list[Item], list[Item]]:
    """(bank candidates, fitting rows) from the training sets; the validation sets are left out."""
    rng = random.Random(SEED)
    train = [r for r in rows if r.source not in VAL_SOURCES]
    bank = _bank_candidates(train, "en", POSITIVES_PER_LABEL, BENIGN_FROM_TRAINING, rng)
    fit = [_item(r, "en") for r in _round_robin(train, FIT_TRAINING_ROWS, rng)]
    return bank, fit


def _item(r: Row, prefix: str) -> Item:
    """A row as an item, its id ``prefix:source:hash`` of its text."""
    key = hashlib.sha256(r.text.encode()).hexdigest()[:10]
    return Item(f"{prefix}:{r.source}:{key}", r.text, r.labels, r.source, f"{r.source}:{r.group}")


def _bank_candidates(
    rows: list[Row], prefix: str, per_label: int, benign: int, rng: random.Random
) -> list[Item]:
    """Up to ``per_label`` positives of each label, then up to ``benign`` benign rows, each taken
    round-robin over the sources; a row chosen twice is kept once."""
    bank: dict[str, Item] = {}
    for label in LABELS:
        for r in _round_robin([r for r in rows if r.labels.get(label) == 1], per_label, rng):
            bank.setdefault(_item(r, prefix).id, _item(r, prefix))
    for r in _round_robin([r for r in rows if _is_benign(r)], benign, rng):
        bank.setdefault(_item(r, prefix).id, _item(r, prefix))
    return list(bank.values())


def kept_family(row: dict[str, Any], share: float) -> bool:
    """Whether a children's chat line's topic family is in a fixed ``share`` of the families (all
    of them at 1.0; a smaller share is for toy builds, whose fits need only a few lines)."""
    if share >= 1.0:
        return True
    digest = hashlib.sha256(childchat.family_group(row).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def devset_items(*, fitting_only: bool, finetuned: bool = False, share: float = 1.0) -> list[Item]:
    """The children's chat ``dev`` lines (every label known: listed = 1, others 0); with
    ``fitting_only``, only those the model never trained on (:func:`childchat.is_fitting_line`;
    ``finetuned``: the model was fine-tuned on children's chat); the lines of a ``share`` of the
    topic families (:func:`kept_family`)."""
    from safechat.normalize import normalize

    return [
        Item(
            row["id"],
            normalize(row["text"]).text,
            {label: int(label in row["labels"]) for label in LABELS},
            childchat.SOURCE,
            childchat.family_group(row),
            keep_text=True,
        )
        for row in childchat.read(split="dev")
        if (childchat.is_fitting_line(row, finetuned=finetuned) or not fitting_only)
        and kept_family(row, share)
    ]


def multilingual_devset_items(share: float = 1.0) -> list[Item]:
    """Every ``dev`` line of the multilingual children's chat set (of a ``share`` of its families),
    its language as its source."""
    from safechat.normalize import normalize

    return [
        Item(
            row["id"],
            normalize(row["text"]).text,
            {label: int(label in row["labels"]) for label in LABELS},
            f"childchat-{childchat.language_of(row)}",
            childchat.family_group(row),
            keep_text=True,
        )
        for row in childchat.read(childchat.MULTI_DEVSET, split="dev")
        if kept_family(row, share)
    ]


def multilingual_items(data: Path) -> tuple[list[Item], list[Item], list[Item]]:
    """(bank candidates, fitting rows, validation rows) from the multilingual sets the multilingual
    bundle ships with: their train, validation and test splits (models/training/pipelines/multi.py)."""
    from models.training.data.multi_rows import multi_rows

    rows, _ = multi_rows(data, seed=SEED, caps={"train": 3000, "val": 800, "test": 1500})
    rng = random.Random(SEED)

    def as_row(d: dict[str, Any]) -> Row:
        return Row(d["text"], d["source"], dict(d["labels"]), str(d.get("group") or d["text"][:40]))

    train = [as_row(d) for d in rows if d["split"] == "train" and d["shipped"]]
    bank = _bank_candidates(train, "multi", MULTI_POSITIVES_PER_LABEL, MULTI_BENIGN, rng)
    fit = [_item(as_row(d), "multi") for d in rows if d["split"] == "val" and d["shipped"]]
    validation = [_item(as_row(d), "multi") for d in rows if d["split"] == "test"]
    return bank, fit, validation


def validation_items(rows: list[Row]) -> list[Item]:
    return [
        Item(f"val:{i}", r.text, r.labels, r.source, r.source)
        for i, r in enumerate(rows)
        if r.source in VAL_SOURCES
    ]


# ---------------------------------------------------------------- encoding
def encode(bundle: Path, items: Sequence[Item], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """(logits [n, 8], unit embeddings [n, d]) of the items' model texts, cached by content."""
    from tqdm import tqdm

    from safechat.model.bundle import ModelBundle
    from safechat.model.onnx_scorer import OnnxScorer

    digest = hashlib.sha256(
        "\x1e".join(i.text for i in items).encode() + sha256(bundle / "model.onnx").encode()
    )
    file = cache.with_name(f"{cache.stem}-{digest.hexdigest()[:12]}.npz")
    if file.exists():
        with np.load(file) as saved:
            return saved["logits"], saved["embeddings"]
    scorer = OnnxScorer(ModelBundle.load(bundle))
    logits, embeddings = [], []
    for start in tqdm(range(0, len(items), 256), desc=f"encode {cache.stem}", mininterval=10):
        encoded = scorer.encode([i.text for i in items[start : start + 256]])
        assert encoded.embeddings is not None
        logits.append(encoded.logits)
        embeddings.append(encoded.embeddings)
    result = np.concatenate(logits), np.concatenate(embeddings)
    np.savez(file, logits=result[0], embeddings=result[1])
    return result


# ---------------------------------------------------------------- bank entries
def bank_entries(items: Sequence[Item]) -> list[tuple[int, str, str]]:
    """(item position, class, entry id): one entry per positive label, or one benign entry."""
    from safechat.exemplars.bank import BENIGN

    entries = []
    for position, it in enumerate(items):
        positives = [label for label in LABELS if it.labels.get(label) == 1]
        if positives:
            entries += [
                (position, label, f"{it.id}/{label}" if len(positives) > 1 else it.id) for label in positives
            ]
        elif _is_benign(Row(it.text, it.source, it.labels)):
            entries.append((position, BENIGN, it.id))
    return entries


def features(
    logits: np.ndarray, queries: np.ndarray, vectors: np.ndarray, classes: np.ndarray, k: int
) -> np.ndarray:
    """[n, 8, 5]: per label the logit, the positive and the benign similarity (mean of the ``k``
    nearest), and the nearest positive's and the nearest benign example's cosine."""
    from safechat.exemplars.bank import BENIGN, CLASSES
    from safechat.exemplars.index import ExemplarIndex

    index = ExemplarIndex(vectors, classes, k=k)
    found = index.search(queries)
    b = CLASSES.index(BENIGN)
    out = np.zeros((len(queries), len(LABELS), 5), dtype=np.float32)
    for j, label in enumerate(LABELS):
        c = CLASSES.index(label)
        out[:, j, 0] = logits[:, j]
        out[:, j, 1] = found.similarity[:, c]
        out[:, j, 2] = found.similarity[:, b]
        out[:, j, 3] = found.closest[:, c]
        out[:, j, 4] = found.closest[:, b]
    return out


fold_of = childchat.fold_of


def held_out_features(
    fit_logits: np.ndarray,
    fit_vectors: np.ndarray,
    fit_folds: np.ndarray,
    bank_vectors: np.ndarray,
    bank_classes: np.ndarray,
    bank_folds: np.ndarray,
    k: int,
) -> np.ndarray:
    """Features of each fitting row from a bank without its fold's examples."""
    out = np.zeros((len(fit_logits), len(LABELS), 5), dtype=np.float32)
    for f in range(FOLDS):
        rows, keep = fit_folds == f, bank_folds != f
        out[rows] = features(fit_logits[rows], fit_vectors[rows], bank_vectors[keep], bank_classes[keep], k)
    return out


@dataclass(frozen=True)
class Option:
    """One way to combine a label's features: the bank similarities alone, or with a linear head
    on the sentence embedding (regularised by ``c``)."""

    name: str
    head: bool
    c: float
    banks: bool = True


OPTIONS = (
    Option("banks", False, 1.0),
    Option("banks+head C=0.1", True, 0.1),
    Option("banks+head C=1", True, 1.0),
)
MODEL_ALONE = Option("model alone", False, 1.0, banks=False)
"""The fallback when every option with the banks loses too much on a validation set: the logit
alone (a label whose examples then teach nothing)."""
MAX_VALIDATION_LOSS = 0.01


def _design(x: np.ndarray, embeddings: np.ndarray, option: Option) -> np.ndarray:
    if not option.banks:
        return x[:, :1]
    return np.hstack([x, embeddings]) if option.head else x


def fit_label(
    x: np.ndarray, embeddings: np.ndarray, y: np.ndarray, w: np.ndarray, option: Option
) -> dict[str, Any]:
    """Logistic weights of one label: logit, positive, benign, bias (and head)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=option.c, max_iter=3000)
    model.fit(_design(x, embeddings, option), y, sample_weight=w)
    coef = model.coef_[0]
    weights: dict[str, Any] = {
        "logit": float(coef[0]),
        "positive": float(coef[1]) if option.banks else 0.0,
        "benign": float(coef[2]) if option.banks else 0.0,
        "nearest_positive": float(coef[3]) if option.banks else 0.0,
        "nearest_benign": float(coef[4]) if option.banks else 0.0,
        "bias": float(model.intercept_[0]),
    }
    if option.head:
        weights["head"] = [round(float(v), 6) for v in coef[5:]]
    return weights


def label_z(weights: dict[str, Any], x: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """The combined logit of one label from its features ``x`` [n, 3] (and the embeddings)."""
    z: np.ndarray = (
        x[:, 0] * weights["logit"]
        + x[:, 1] * weights["positive"]
        + x[:, 2] * weights["benign"]
        + x[:, 3] * weights["nearest_positive"]
        + x[:, 4] * weights["nearest_benign"]
        + weights["bias"]
    )
    if "head" in weights:
        z = z + embeddings @ np.asarray(weights["head"], dtype=np.float64)
    return z


@dataclass
class Fitted:
    """The chosen option and weights per label, per-fold weights, and held-out combined logits."""

    options: dict[str, str]
    weights: dict[str, dict[str, Any]]
    fold_weights: list[dict[str, dict[str, Any]]]
    held_out: np.ndarray
    candidates: dict[str, dict[str, Any]]


def fit_combination(
    x: np.ndarray,
    embeddings: np.ndarray,
    truth: np.ndarray,
    known: np.ndarray,
    weight: np.ndarray,
    folds: np.ndarray,
    judged: np.ndarray,
    validation: tuple[np.ndarray, np.ndarray, list[Item], np.ndarray],
) -> Fitted:
    """Per label: each :data:`OPTIONS` entry is scored on held-out folds (its weights fitted
    without the fold: the ROC-AUC on the ``judged`` rows, children's chat) and on the
    validation sets (fitted on all rows); the best on children's chat among those that lose at
    most ``MAX_VALIDATION_LOSS`` of the model's ROC-AUC on every validation set is kept
    (:data:`MODEL_ALONE` when none does)."""
    from safechat.calibration.metrics import roc_auc

    val_x, val_embeddings, val_items, val_logits = validation
    options: dict[str, str] = {}
    weights: dict[str, dict[str, Any]] = {}
    fold_weights: list[dict[str, dict[str, Any]]] = [{} for _ in range(FOLDS)]
    held_out = np.zeros(truth.shape, dtype=np.float64)
    candidates: dict[str, dict[str, Any]] = {}
    for j, label in enumerate(LABELS):
        rows = known[:, j]
        tried: dict[str, Any] = {}
        results = []
        for option in (*OPTIONS, MODEL_ALONE):
            z = np.zeros(len(x))
            per_fold = []
            for f in range(FOLDS):
                train = rows & (folds != f)
                fitted = fit_label(x[train, j], embeddings[train], truth[train, j], weight[train], option)
                per_fold.append(fitted)
                z[folds == f] = label_z(fitted, x[folds == f, j], embeddings[folds == f])
            dev_rows = rows & judged
            dev_auc = float(roc_auc(z[dev_rows], truth[dev_rows, j]) or 0.0)
            whole = fit_label(x[rows, j], embeddings[rows], truth[rows, j], weight[rows], option)
            val_z = label_z(whole, val_x[:, j], val_embeddings)
            table = auc_table(val_items, val_logits[:, [j]], val_z[:, None], labels=(label,))
            worst = max((row["model"] - row["with_banks"] for row in table), default=0.0)
            allowed = worst <= MAX_VALIDATION_LOSS
            tried[option.name] = {
                "children_chat_auc": round(dev_auc, 4),
                "worst_validation_loss": round(worst, 4),
                "allowed": allowed,
            }
            results.append((option, dev_auc, allowed, z, per_fold))
        eligible = [r for r in results[:-1] if r[2]] or results[-1:]
        option, _, _, z, per_fold = max(eligible, key=lambda r: r[1])
        options[label] = option.name
        weights[label] = fit_label(x[rows, j], embeddings[rows], truth[rows, j], weight[rows], option)
        for f in range(FOLDS):
            fold_weights[f][label] = per_fold[f]
        held_out[:, j] = z
        candidates[label] = tried
    return Fitted(options, weights, fold_weights, held_out, candidates)


def auc_table(
    items: Sequence[Item], model: np.ndarray, banked: np.ndarray, *, labels: Sequence[str] = LABELS
) -> list[dict[str, Any]]:
    """ROC-AUC of the model alone and with the banks, per (source, label) with both classes;
    the columns of ``model`` and ``banked`` are ``labels``."""
    from safechat.calibration.metrics import roc_auc

    table = []
    sources = sorted({i.source for i in items})
    for source in sources:
        for j, label in enumerate(labels):
            rows = [n for n, i in enumerate(items) if i.source == source and label in i.labels]
            truth = np.array([items[n].labels[label] == 1 for n in rows], dtype=bool)
            if truth.sum() < 10 or (~truth).sum() < 10:
                continue
            before = roc_auc(model[rows, j].astype(np.float64), truth)
            after = roc_auc(banked[rows, j].astype(np.float64), truth)
            table.append(
                {
                    "source": source,
                    "label": label,
                    "positives": int(truth.sum()),
                    "rows": len(rows),
                    "model": round(float(before or 0), 4),
                    "with_banks": round(float(after or 0), 4),
                }
            )
    return table


def truth_arrays(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    truth = np.array([[i.labels.get(label, 0) == 1 for label in LABELS] for i in items])
    known = np.array([[label in i.labels for label in LABELS] for i in items])
    return truth, known


# ---------------------------------------------------------------- main
def build(args: argparse.Namespace) -> None:
    from safechat.exemplars.bank import CLASSES, Example, ExemplarBank

    bundle: Path = args.bundle
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    ensure_embedding_output(bundle, args.version)
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    space = f"{manifest['name']} {manifest['version']}"
    rows = training_rows(args.data, work)
    train_bank, train_fit = training_items(rows)
    dev = devset_items(fitting_only=False, share=args.dev_share)
    dev_fit = devset_items(fitting_only=True, finetuned=args.finetuned_on_childchat, share=args.dev_share)
    validation = validation_items(rows)
    if args.multilingual:
        multi_bank, multi_fit, multi_validation = multilingual_items(args.data)
        train_bank += multi_bank
        train_fit += multi_fit
        validation += multi_validation
        if childchat.MULTI_DEVSET.exists():
            multi_dev = multilingual_devset_items(args.dev_share)
            dev += multi_dev
            dev_fit += multi_dev
    log.info(
        "bank candidates %d (training) + %d (dev split); fit rows %d + %d; validation rows %d",
        len(train_bank),
        len(dev),
        len(train_fit),
        len(dev_fit),
        len(validation),
    )

    bank_items = [*train_bank, *dev]
    bank_logits, bank_vectors = encode(bundle, bank_items, work / "bank")
    entries = bank_entries(bank_items)
    entry_rows = np.array([e[0] for e in entries])
    entry_classes = np.array([CLASSES.index(e[1]) for e in entries])
    entry_groups = np.array([bank_items[e[0]].group for e in entries])
    entry_vectors = bank_vectors[entry_rows]

    fit_items = [*train_fit, *dev_fit]
    fit_logits, fit_vectors = encode(bundle, fit_items, work / "fit")
    fit_folds = np.array([fold_of(i.group) for i in fit_items])
    entry_folds = np.array([fold_of(g) for g in entry_groups.tolist()])
    x = held_out_features(
        fit_logits, fit_vectors, fit_folds, entry_vectors, entry_classes, entry_folds, args.k
    )
    truth, known = truth_arrays(fit_items)
    is_dev = np.array([i.source.startswith(childchat.SOURCE_PREFIX) for i in fit_items])
    # the option per label is chosen on the bundle's own children's chat: the other languages'
    # for the multilingual bundle (when the set is there), English for the English one
    other_languages = is_dev & np.array([i.source != childchat.SOURCE for i in fit_items])
    judged = other_languages if args.multilingual and other_languages.any() else is_dev
    # children's chat weighs as much as all the training rows together: it is what the bank is for
    weight = np.where(is_dev, (~is_dev).sum() / max(1, is_dev.sum()), 1.0)
    val_logits, val_vectors = encode(bundle, validation, work / "validation")
    val_x = features(val_logits, val_vectors, entry_vectors, entry_classes, args.k)
    fitted = fit_combination(
        x, fit_vectors, truth, known, weight, fit_folds, judged, (val_x, val_vectors, validation, val_logits)
    )
    weights = fitted.weights
    val_banked = np.stack(
        [label_z(weights[label], val_x[:, j], val_vectors) for j, label in enumerate(LABELS)], 1
    )

    bank = ExemplarBank.empty(space, entry_vectors.shape[1]).with_examples(
        [
            Example(
                entry_id,
                cls,
                entry_vectors[n],
                source=bank_items[pos].source,
                text=bank_items[pos].text if bank_items[pos].keep_text else "",
                added=manifest["created"],
            )
            for n, (pos, cls, entry_id) in enumerate(entries)
        ]
    )
    bank.save(bundle / "exemplars.npz")
    _write_weights(bundle / "exemplar_weights.json", weights, args.k)
    for f in range(FOLDS):  # for fitting the policy on held-out scores (models/training/train/policy_fit.py)
        bank.without([e[2] for n, e in enumerate(entries) if entry_folds[n] == f]).save(
            work / f"bank-fold{f}.npz"
        )
        _write_weights(work / f"weights-fold{f}.json", fitted.fold_weights[f], args.k)
    metrics: dict[str, Any] = {
        "bank": {"examples": len(bank), "per_class": bank.count(), "space": space},
        "fit": {"rows": len(fit_items), "children_chat_rows": int(is_dev.sum()), "folds": FOLDS, "k": args.k},
        "options": fitted.options,
        "candidates": fitted.candidates,
        "held_out_folds": auc_table(fit_items, fit_logits, fitted.held_out),
        "validation_sets": auc_table(validation, val_logits, val_banked),
    }
    (bundle / "exemplar_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", "utf-8")
    update_manifest(
        bundle, version=None, files=("exemplars.npz", "exemplar_weights.json", "exemplar_metrics.json")
    )
    for row in metrics["held_out_folds"] + metrics["validation_sets"]:
        log.info(
            "%-22s %-10s model %.3f  with banks %.3f",
            row["source"],
            row["label"],
            row["model"],
            row["with_banks"],
        )


def _write_weights(path: Path, weights: dict[str, dict[str, Any]], k: int) -> None:
    path.write_text(json.dumps({"method": "logistic", "k": k, "labels": weights}) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--bundle", type=Path, required=True, help="the bundle to write the bank into")
    parser.add_argument("--work", type=Path, required=True, help="folder for cached rows and encodings")
    parser.add_argument("--version", help="the bundle's new version")
    parser.add_argument("--k", type=int, default=K, help="neighbours averaged per class")
    parser.add_argument(
        "--multilingual", action="store_true", help="also the multilingual sets (for the multilingual bundle)"
    )
    parser.add_argument(
        "--dev-share",
        type=float,
        default=1.0,
        help="the share of children's chat topic families used (toy builds only; the bundles use all)",
    )
    parser.add_argument(
        "--finetuned-on-childchat",
        action="store_true",
        help="the bundle's model was fine-tuned on the children's chat MODEL_FOLDS families: only the "
        "other dev lines fit the combination (default: every dev line, as for the shipped model)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    build(args)


if __name__ == "__main__":
    main()
