"""What the example banks cost: the lookup per message with a 50,000-example bank, and batched
throughput with the banks against the raw int8 graph on the same batches, measured in one run.

    python -m benchmarks.exemplars [--examples 50000] [--messages 2000]

The 50,000-example bank is the shipped bank's embeddings plus jittered copies of them (real
directions, so the 8-bit pre-selection sees the structure of real messages). Throughput is
compared scorer to scorer: the bundle's scorer without banks against the banked scorer, both
returning the same ``Scores``, in alternating rounds; the ratio quoted is the median of the
per-round ratios, so a slow moment on a shared machine hits both sides of a round. Numbers depend
on the machine and on what else runs on it: quote medians and ratios from one run.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from benchmarks.corpus import unique_messages
from safechat.exemplars.bank import CLASSES, ExemplarBank
from safechat.exemplars.index import ExemplarIndex
from safechat.exemplars.scorer import BankedScorer
from safechat.exemplars.weights import ExemplarWeights
from safechat.model.bundle import ModelBundle
from safechat.model.onnx_scorer import OnnxScorer
from safechat.normalize import normalize

BATCH = 64


def grown_bank(bank: ExemplarBank, size: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``size`` unit vectors and classes: the bank's own, then jittered copies of them."""
    rng = np.random.default_rng(seed)
    base = bank.unit_vectors()
    classes = np.array([CLASSES.index(c) for c in bank.classes])
    picks = rng.integers(0, len(base), max(0, size - len(base)))
    extra = base[picks] + 0.05 * rng.standard_normal((len(picks), base.shape[1])).astype(np.float32)
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return np.concatenate([base, extra])[:size], np.concatenate([classes, classes[picks]])[:size]


def per_message_ms(index: ExemplarIndex, queries: np.ndarray, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for first in range(0, len(queries), BATCH):
            index.search(queries[first : first + BATCH])
        times.append((time.perf_counter() - started) * 1000 / len(queries))
    return statistics.median(times)


def batched_rates(
    raw: OnnxScorer, banked: BankedScorer, texts: list[str], rounds: int = 7
) -> tuple[float, float, float]:
    """Median messages per second of the scorer without banks and of the banked scorer, taking
    turns, and the median of the per-round ratios (banked / without)."""

    def rate(function: object) -> float:
        started = time.perf_counter()
        for first in range(0, len(texts), BATCH):
            function(texts[first : first + BATCH])  # type: ignore[operator]
        return len(texts) / (time.perf_counter() - started)

    raw_rates, banked_rates = [], []
    for _ in range(rounds):
        raw_rates.append(rate(raw.score_batch))
        banked_rates.append(rate(banked.score_batch))
    ratios = [b / r for r, b in zip(raw_rates, banked_rates, strict=True)]
    return statistics.median(raw_rates), statistics.median(banked_rates), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50_000)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    bundle = ModelBundle.load()
    model = OnnxScorer(bundle)
    own = ExemplarBank.load(bundle.path / "exemplars.npz")
    weights = ExemplarWeights.load(bundle.path / "exemplar_weights.json")
    texts = [normalize(t).text for t in unique_messages(args.messages)]
    encoded = model.encode(texts)
    assert encoded.embeddings is not None
    queries = encoded.embeddings

    vectors, classes = grown_bank(own, args.examples)
    preselected = ExemplarIndex(vectors, classes, k=weights.k)
    exact = ExemplarIndex(vectors, classes, k=weights.k, exact_up_to=len(vectors) + 1)
    shipped = ExemplarIndex(
        own.unit_vectors(), np.array([CLASSES.index(c) for c in own.classes]), k=weights.k
    )
    a, b = preselected.search(queries), exact.search(queries)
    same = float((a.nearest == b.nearest).mean())
    gap = float(np.abs(a.similarity - b.similarity).max())
    print(f"machine: {len(texts)} messages, batches of {BATCH}; bank of {len(vectors)} examples")
    n = len(vectors)
    print(
        f"lookup, {n} examples, 8-bit pre-selection: {per_message_ms(preselected, queries):.3f} "
        f"ms/message (target <= 0.2); nearest example per class equal to exact search: {same:.1%}; "
        f"largest top-{weights.k} similarity difference {gap:.4f}"
    )
    print(f"lookup, {n} examples, exact: {per_message_ms(exact, queries):.3f} ms/message")
    print(
        f"lookup, shipped bank ({len(own)} examples, exact): "
        f"{per_message_ms(shipped, queries):.3f} ms/message"
    )

    raw = OnnxScorer(bundle, embeddings=False)
    with_shipped = BankedScorer(model, [own], weights)
    raw_rate, shipped_rate, ratio = batched_rates(raw, with_shipped, texts)
    print(
        f"batched throughput: without banks {raw_rate:.0f} msg/s, with the shipped bank "
        f"{shipped_rate:.0f} msg/s (median ratio {ratio:.0%}; target >= 80%)"
    )
    with_large = _with_index(with_shipped, preselected)
    raw_rate, large_rate, ratio = batched_rates(raw, with_large, texts)
    print(
        f"batched throughput: without banks {raw_rate:.0f} msg/s, with {n} examples "
        f"{large_rate:.0f} msg/s (median ratio {ratio:.0%}; target >= 80%)"
    )


def _with_index(scorer: BankedScorer, index: ExemplarIndex) -> BankedScorer:
    """``scorer`` searching ``index`` instead (ids are not needed for timing)."""
    clone = BankedScorer.__new__(BankedScorer)
    clone._model = scorer._model  # noqa: SLF001
    clone._weights = scorer._weights  # noqa: SLF001
    clone._ids = [f"x{i}" for i in range(len(index))]  # noqa: SLF001
    clone._index = index  # noqa: SLF001
    return clone


if __name__ == "__main__":
    main()
