"""The multilingual rows: every set of ``multi/`` with its splits, the English sample, hand-written negatives.

Rows are dicts (text, source, lang, split, labels, offensive, shipped, group); the text is model text.
Splits: a set's own test split, else a seeded group-level 20%; validation = a set's own dev split, else a
seeded group-level 10% of its training part. Non-commercial / research-only sets are evaluation-only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from models.training.common.rows import LABELS, model_text
from models.training.data.handwritten import generate_benign
from models.training.data.rows import load_set
from models.training.data.sources_multi import SETS

log = logging.getLogger("safechat.multi")


def _unit(seed: int, salt: str, group: str) -> float:
    """A fixed pseudo-random number in [0, 1) per (seed, salt, group): seeded group-level splits."""
    h = hashlib.sha256(f"{seed}:{salt}:{group}".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def multi_rows(data: Path, *, seed: int, caps: dict[str, int]) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of every multi set as dicts (text, source, lang, split, labels, offensive, shipped);
    also the training texts of the shipped sets before capping (for the vocabulary)."""
    staged: list[dict[str, Any]] = []
    vocab_texts: list[str] = []
    for s in SETS:
        for r in load_set(s.name, s.loader, data):
            text = model_text(r.text)
            if not text.strip():
                continue
            split = r.meta.get("split", "")
            if not s.shipped:
                split = "test"
            elif split == "":
                split = "test" if _unit(seed, "test", r.group) < 0.2 else "train"
            if split == "train" and s.name != "gahd_de" and _unit(seed, "val", r.group) < 0.1:
                split = "val"  # gahd_de has its own dev split
            split = {"dev": "val"}.get(split, split)
            row = {
                "text": text,
                "source": s.name,
                "lang": s.lang,
                "split": split,
                "labels": r.labels,
                "offensive": r.meta.get("offensive", ""),
                "shipped": s.shipped,
                "group": r.group,
            }
            staged.append(row)
            if s.shipped and split != "test":
                vocab_texts.append(text)
    return _dedup_and_cap(staged, seed=seed, caps=caps), vocab_texts


def _dedup_and_cap(rows: list[dict[str, Any]], *, seed: int, caps: dict[str, int]) -> list[dict[str, Any]]:
    """Test rows first: a text seen in any test split never trains; duplicates within a split are
    dropped; then a seeded cap per (set, split)."""
    test_keys = {_key(r["text"]) for r in rows if r["split"] == "test"}
    seen: set[tuple[str, str]] = set()
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: r["split"] != "test"):
        k = _key(r["text"])
        if (r["split"] != "test" and k in test_keys) or (r["source"], k) in seen:
            continue
        seen.add((r["source"], k))
        cells[(r["source"], r["split"])].append(r)
    out = []
    rng = random.Random(seed)
    for cell in sorted(cells):
        rs = cells[cell]
        rng.shuffle(rs)
        out += rs[: caps[cell[1]]]
    return out


def english_rows(
    path: Path, *, seed: int, sizes: dict[str, int], avoid: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """A label-balanced sample of the cached English rows (already model text), split by group:
    15% test, 10% validation, the rest training. Returns the rows and all training-part texts."""
    by_split: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if _key(r["text"]) in avoid:
            continue
        u = _unit(seed, "en", r["group"] or r["text"])
        split = "test" if u < 0.15 else "val" if u < 0.25 else "train"
        by_split[split].append(
            {
                "text": r["text"],
                "source": "en:" + r["source"],
                "lang": "en",
                "split": split,
                "labels": r["labels"],
                "offensive": "",
                "shipped": True,
                "group": r["group"],
            }
        )
    vocab_texts = [r["text"] for r in by_split["train"] + by_split["val"]]
    out = []
    for split, n in sizes.items():
        out += _balanced(by_split[split], n, per_label=n * 3 // 40, seed=seed)
    return out + hand_written_negatives(seed=seed, avoid=avoid), vocab_texts


def hand_written_negatives(*, seed: int, avoid: set[str]) -> list[dict[str, Any]]:
    """The English bundle's hand-written everyday chat (models/training/data/handwritten.py:
    identity terms used kindly, game banter, children asking for help, sharing plans), split by
    template into training and validation. Friends' plans to meet ("see you at school
    tomorrow") also count as grooming negatives here: without them the frozen heads escalated
    such plans in German and French as grooming."""
    out = []
    for row in generate_benign(seed=seed):
        text = model_text(row.text)
        if _key(text) in avoid:
            continue
        labels = dict(row.labels)
        if "see you" in text.lower() or "meet you" in text.lower():
            labels["grooming"] = 0
        split = "val" if _unit(seed, "hwb", row.group) < 0.2 else "train"
        out.append(
            {
                "text": text,
                "source": "en:handwritten_benign",
                "lang": "en",
                "split": split,
                "labels": labels,
                "offensive": "",
                "shipped": True,
                "group": row.group,
            }
        )
    return out


def _balanced(rows: list[dict[str, Any]], n: int, *, per_label: int, seed: int) -> list[dict[str, Any]]:
    """Up to ``per_label`` positives of each label (rarest first), then random rows up to ``n``."""
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    chosen: dict[int, None] = {}
    counts = Counter(k for r in rows for k, v in r["labels"].items() if v == 1)
    for label in sorted(LABELS, key=lambda k: counts[k]):
        pos = [i for i in order if rows[i]["labels"].get(label) == 1 and i not in chosen]
        chosen.update(dict.fromkeys(pos[:per_label]))
    for i in order:
        if len(chosen) >= n:
            break
        chosen.setdefault(i, None)
    return [rows[i] for i in chosen]


def english_source_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Training rows per English source (the English bundle's sets)."""
    c = Counter(r["source"][3:] for r in rows if r["lang"] == "en" and r["split"] == "train")
    return dict(sorted(c.items()))
