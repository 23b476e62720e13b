"""The data stage's English rows: every loader's rows, model text, deduplication and the per-source cap."""

from __future__ import annotations

import json
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from models.training.common.rows import LABELS, Row, model_text
from models.training.data import sources as S

log = logging.getLogger("safechat.train")

# A set whose files are missing stops the load, unless a toy build allowed it (allow_missing_sets).
_SKIP_MISSING = False


def allow_missing_sets(allow: bool = True) -> None:
    """Let :func:`load_all` skip (and log) a data set whose files are missing: for toy builds on a
    sample of the data only; a real build needs every set."""
    global _SKIP_MISSING
    _SKIP_MISSING = allow


def load_set(name: str, loader: Callable[[Path], list[Row]], data: Path) -> list[Row]:
    """``loader(data)``; a set whose files are missing gives no rows where :func:`allow_missing_sets`
    allowed it (logged), else stops the build.

    Raises:
        FileNotFoundError: the set's files are missing and missing sets are not allowed.
    """
    try:
        return loader(data)
    except FileNotFoundError as missing:
        if not _SKIP_MISSING:
            raise
        log.warning("skipped %s: %s is missing", name, missing.filename)
        return []


def load_all(data: Path, *, seed: int) -> list[Row]:
    """Every English loader's rows, raw, in ``sources.LOADERS`` order.

    Raises:
        FileNotFoundError: a set's files are missing (unless :func:`allow_missing_sets`).
    """
    rows: list[Row] = []
    for name, fn in S.LOADERS.items():
        t = time.time()
        got = load_set(name, fn, data)
        log.info("loaded %-22s %7d rows in %.1fs", name, len(got), time.time() - t)
        rows += got
    return rows


def normalise_and_dedup(rows: list[Row]) -> tuple[list[Row], dict[str, int]]:
    """Model text for every row; rows with the same normalised text (case-folded) are merged
    across and within sets: labels are united, a label with conflicting values is dropped."""
    from tqdm import tqdm

    merged: dict[str, tuple[Row, dict[str, set[int]]]] = {}
    stats: Counter[str] = Counter()
    for r in tqdm(rows, desc="normalise", mininterval=5, file=sys.stderr):
        text = model_text(r.text)
        if not text.strip():
            stats["empty"] += 1
            continue
        key = " ".join(text.casefold().split())
        if key in merged:
            first, labs = merged[key]
            stats["dup_same_source" if first.source == r.source else "dup_cross_source"] += 1
            for k, v in r.labels.items():
                labs[k].add(v)
        else:
            labs = defaultdict(set)
            for k, v in r.labels.items():
                labs[k].add(v)
            merged[key] = (Row(text, r.source, {}, r.group, r.meta), labs)
    out = []
    for first, labs in merged.values():
        clean = {k: next(iter(v)) for k, v in labs.items() if len(v) == 1}
        stats["label_conflicts"] += sum(len(v) > 1 for v in labs.values())
        if clean:
            out.append(Row(first.text, first.source, clean, first.group, first.meta))
    return out, dict(stats)


def sample_per_source(rows: list[Row], *, cap: int, seed: int) -> list[Row]:
    """At most ``cap`` rows per source: positives (round-robin over the labels, so a rare label
    is kept whole) take up to half of the cap, negatives fill the rest."""
    rng = random.Random(seed)
    by_src: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_src[r.source].append(r)
    out = []
    for src in sorted(by_src):
        rs = by_src[src]
        rng.shuffle(rs)
        if len(rs) <= cap:
            out += rs
            continue
        pos = [r for r in rs if any(v == 1 for v in r.labels.values())]
        neg = [r for r in rs if not any(v == 1 for v in r.labels.values())]
        budget = min(len(pos), max(cap // 2, cap - len(neg)))
        queues = {k: [i for i, r in enumerate(pos) if r.labels.get(k) == 1] for k in LABELS}
        queues = {k: q for k, q in queues.items() if q}
        chosen: dict[int, None] = {}
        while len(chosen) < budget and queues:  # round-robin over labels: rare labels kept whole
            for k in list(queues):
                q = queues[k]
                while q and q[-1] in chosen:
                    q.pop()
                if not q:
                    del queues[k]
                    continue
                chosen[q.pop()] = None
                if len(chosen) >= budget:
                    break
        out += [pos[i] for i in chosen] + neg[: cap - len(chosen)]
    return out


def english_rows(data: Path, *, cap: int, seed: int) -> tuple[list[Row], dict[str, int]]:
    """The English training rows: every set's rows as model text, deduplicated, at most ``cap`` per
    source (seeded), with the rule negatives (``sources.add_rule_negatives``); also the
    deduplication counts."""
    rows, stats = normalise_and_dedup(load_all(data, seed=seed))
    log.info("after normalise+dedup: %d rows; %s", len(rows), stats)
    rows = sample_per_source(rows, cap=cap, seed=seed)
    log.info("after per-source sampling: %d rows", len(rows))
    return S.add_rule_negatives(rows), stats


def write_rows(rows: list[Row], path: Path) -> None:
    """Rows as JSON lines (text, source, labels, group), read back by ``common.rows.read_rows``."""
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(
                json.dumps({"text": r.text, "source": r.source, "labels": r.labels, "group": r.group}) + "\n"
            )
