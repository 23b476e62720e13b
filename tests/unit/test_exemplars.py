"""Example banks: the file format, validation, the nearest-example index and the combination."""

from __future__ import annotations

import json
import os
import signal
import time

import numpy as np
import pytest

from safechat.blas import _controller
from safechat.errors import BundleError, ExemplarBankError
from safechat.exemplars import BENIGN, CLASSES, Example, ExemplarBank, ExemplarIndex, ExemplarWeights
from safechat.exemplars.bank import quantize
from safechat.exemplars.index import (
    Neighbours,
    _balanced_groups,
    _top_mean,
    _top_mean_of,
)
from safechat.types import LABELS

DIM = 16


def _unit(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _bank(n: int = 6, *, space: str = "test-bundle 1.0") -> ExemplarBank:
    rng = np.random.default_rng(0)
    vectors = _unit(rng, n)
    classes = [CLASSES[i % len(CLASSES)] for i in range(n)]
    return ExemplarBank.empty(space, DIM).with_examples(
        [Example(f"ex-{i}", classes[i], vectors[i], text=f"text {i}", added="2026-12-04") for i in range(n)]
    )


def test_bank_round_trips_through_its_file(tmp_path):
    bank = _bank()
    path = tmp_path / "bank.npz"
    bank.save(path)
    loaded = ExemplarBank.load(path)
    assert loaded.ids == bank.ids and loaded.classes == bank.classes and loaded.texts == bank.texts
    assert loaded.space == "test-bundle 1.0" and loaded.dim == DIM
    assert np.array_equal(loaded.vectors, bank.vectors)
    assert loaded.sha256 == bank.sha256


def test_an_empty_bank_round_trips(tmp_path):
    path = tmp_path / "empty.npz"
    ExemplarBank.empty("test-bundle 1.0", DIM).save(path)
    assert len(ExemplarBank.load(path)) == 0


def test_repr_and_errors_never_hold_text():
    bank = _bank()
    assert "text 0" not in repr(bank)
    with pytest.raises(ExemplarBankError) as err:
        bank.with_examples([Example("ex-0", "bullying", np.ones(DIM, np.float32), text="secret words")])
    assert "secret words" not in str(err.value) and "ex-0" in str(err.value)


@pytest.mark.parametrize(
    ("example", "problem"),
    [
        (Example("bad id!", "bullying", np.ones(DIM, np.float32)), "must be 1-128"),
        (Example("ok", "toxicity", np.ones(DIM, np.float32)), "unknown class"),
        (Example("ok", "hate", np.ones(DIM + 1, np.float32)), "embedding must be"),
        (Example("ok", "hate", np.full(DIM, np.nan, np.float32)), "embedding must be"),
    ],
)
def test_bad_examples_are_refused(example, problem):
    with pytest.raises(ExemplarBankError, match=problem):
        _bank().with_examples([example])


def test_removing_examples(tmp_path):
    bank = _bank()
    smaller = bank.without(["ex-1", "ex-3"])
    assert smaller.ids == ("ex-0", "ex-2", "ex-4", "ex-5")
    assert np.array_equal(smaller.vectors[1], bank.vectors[2])
    with pytest.raises(ExemplarBankError, match="no example with id 'nope'"):
        bank.without(["nope"])


def test_files_that_are_not_banks_are_refused(tmp_path):
    with pytest.raises(ExemplarBankError, match="no example bank file"):
        ExemplarBank.load(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ExemplarBankError, match="is not an example bank"):
        ExemplarBank.load(junk)
    partial = tmp_path / "partial.npz"
    np.savez(partial, format=np.array(1), vectors=np.zeros((0, DIM), np.int8))
    with pytest.raises(ExemplarBankError, match="missing"):
        ExemplarBank.load(partial)


def test_quantize_keeps_direction():
    rng = np.random.default_rng(1)
    v = rng.standard_normal(DIM).astype(np.float32) * 7
    q = quantize(v).astype(np.float32)
    cosine = float(q @ v / (np.linalg.norm(q) * np.linalg.norm(v)))
    assert cosine > 0.999


def _brute(vectors, classes, queries, k):
    sims = queries @ vectors.T
    out = np.zeros((len(queries), len(CLASSES)), np.float32)
    nearest = np.full((len(queries), len(CLASSES)), -1)
    for c in range(len(CLASSES)):
        cols = np.flatnonzero(classes == c)
        if len(cols):
            block = np.sort(sims[:, cols], axis=1)[:, ::-1][:, :k]
            out[:, c] = block.mean(axis=1)
            nearest[:, c] = cols[np.argmax(sims[:, cols], axis=1)]
    return out, nearest


def test_exact_index_matches_brute_force():
    rng = np.random.default_rng(2)
    vectors, queries = _unit(rng, 300), _unit(rng, 17)
    classes = rng.integers(0, len(CLASSES) - 1, 300)  # the last class (benign) has no example
    found = ExemplarIndex(vectors, classes, k=3).search(queries)
    expected, nearest = _brute(vectors, classes, queries, 3)
    assert np.allclose(found.similarity, expected, atol=1e-5)
    assert np.array_equal(found.nearest, nearest)
    assert np.all(found.nearest[:, -1] == -1) and np.all(found.similarity[:, -1] == 0)
    rows = np.arange(len(queries))[:, None]
    assert np.allclose(found.closest[:, :-1], (queries @ vectors.T)[rows, found.nearest[:, :-1]], atol=1e-5)


@pytest.mark.parametrize("k", [1, 2, 3, 5, 9, 12])
def test_the_repeated_maxima_give_the_partitions_top_mean(k):
    """The exact search's top-k by repeated maxima (issue 26) against the straightforward
    partition, on classes narrower than, as wide as and wider than ``k``, with tied values."""
    rng = np.random.default_rng(k)
    for width in (1, k, k + 1, 40):
        block = rng.standard_normal((23, width)).astype(np.float32)
        block[::4, : width // 2] = 0.5  # ties, at the maximum in some rows
        best = np.argmax(block, axis=1)
        expected = _top_mean(block.copy(), k)
        found = _top_mean_of(block.copy(), k, best, block[np.arange(23), best])
        assert np.allclose(found, expected, rtol=0, atol=1e-6)
        assert found.dtype == np.float32


def test_exact_search_matches_brute_force_with_tied_examples():
    rng = np.random.default_rng(5)
    vectors, queries = _unit(rng, 200), _unit(rng, 31)
    vectors[100:140] = vectors[60]  # many copies of one example: ties for the top k
    queries[:5] = vectors[60]
    classes = rng.integers(0, len(CLASSES), 200)
    for k in (1, 3, 4):
        found = ExemplarIndex(vectors, classes, k=k).search(queries)
        expected, nearest = _brute(vectors, classes, queries, k)
        assert np.allclose(found.similarity, expected, atol=1e-6)
        assert np.array_equal(found.nearest, nearest)


def test_a_query_answer_does_not_depend_on_its_batch():
    rng = np.random.default_rng(3)
    vectors, queries = _unit(rng, 400), _unit(rng, 9)
    classes = rng.integers(0, len(CLASSES), 400)
    for index in (ExemplarIndex(vectors, classes), ExemplarIndex(vectors, classes, exact_up_to=100)):
        whole = index.search(queries)
        for i in range(len(queries)):
            alone = index.search(queries[i : i + 1])
            assert np.array_equal(alone.nearest[0], whole.nearest[i])
            assert np.allclose(alone.similarity[0], whole.similarity[i], atol=1e-6)


def test_int8_preselection_agrees_with_exact_search_on_clustered_data():
    rng = np.random.default_rng(4)
    dim = 384
    centres = _unit(rng, 40, dim)
    pick = rng.integers(0, 40, 3000)
    vectors = centres[pick] + 0.02 * rng.standard_normal((3000, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = centres[rng.integers(0, 40, 60)] + 0.02 * rng.standard_normal((60, dim)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    classes = rng.integers(0, len(CLASSES), 3000)
    approximate = ExemplarIndex(vectors, classes, exact_up_to=1000)
    exact = ExemplarIndex(vectors, classes)
    assert not approximate.exact and exact.exact
    a, b = approximate.search(queries), exact.search(queries)
    assert (a.nearest == b.nearest).mean() >= 0.99
    same = a.nearest == b.nearest
    assert np.allclose(a.closest[same], b.closest[same], atol=1e-5)  # the nearest one's cosine too
    assert np.all(a.similarity <= b.similarity + 1e-5)  # it can only miss neighbours, never invent them
    rows = np.arange(len(queries))[:, None]
    assert np.allclose(a.closest, (queries @ vectors.T)[rows, a.nearest], atol=1e-5)  # exact cosines


def test_fewer_candidates_than_neighbours_is_refused():
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError, match="candidates"):
        ExemplarIndex(_unit(rng, 10), np.zeros(10, dtype=np.intp), k=3, candidates=2)


def _weights(**label) -> ExemplarWeights:
    entry = {"logit": 1.0, "positive": 0.0, "benign": 0.0, "bias": 0.0, **label}
    return ExemplarWeights.model_validate(
        {"method": "logistic", "k": 3, "labels": {lab.value: entry for lab in LABELS}}
    )


def test_weights_combine_logit_and_similarities():
    weights = _weights(logit=0.5, positive=4.0, benign=-2.0, bias=-1.0)
    logits = np.array([[2.0] * len(LABELS)], np.float32)
    similarity = np.zeros((1, len(CLASSES)), np.float32)
    similarity[0, CLASSES.index("hate")] = 0.5
    similarity[0, CLASSES.index(BENIGN)] = 0.25
    found = Neighbours(similarity, np.zeros((1, len(CLASSES)), np.intp), similarity.copy())
    p = weights.probabilities(logits, found, np.zeros((1, DIM), np.float32))[0]
    z_hate = 2.0 * 0.5 + 0.5 * 4.0 - 0.25 * 2.0 - 1.0
    z_other = 2.0 * 0.5 + 0.0 - 0.25 * 2.0 - 1.0
    assert p[LABELS.index("hate")] == pytest.approx(1 / (1 + np.exp(-z_hate)), rel=1e-5)
    assert p[LABELS.index("bullying")] == pytest.approx(1 / (1 + np.exp(-z_other)), rel=1e-5)


def test_a_head_adds_the_embedding_projection():
    head = tuple(float(i) / DIM for i in range(DIM))
    weights = _weights(logit=0.0, head=head)
    assert weights.head_width() == DIM
    embedding = np.ones((1, DIM), np.float32)
    zeros = np.zeros((1, len(CLASSES)), np.float32)
    found = Neighbours(zeros, np.zeros((1, len(CLASSES)), np.intp), zeros)
    p = weights.probabilities(np.zeros((1, len(LABELS)), np.float32), found, embedding)[0]
    assert p[0] == pytest.approx(1 / (1 + np.exp(-sum(head))), rel=1e-5)


def test_weights_files_are_validated(tmp_path):
    path = tmp_path / "exemplar_weights.json"
    entry = {"logit": 1, "positive": 0, "benign": 0, "bias": 0}
    path.write_text(json.dumps({"method": "logistic", "k": 3, "labels": {"bullying": entry}}))
    with pytest.raises(BundleError, match="missing labels"):
        ExemplarWeights.load(path)
    with pytest.raises(BundleError, match="missing"):
        ExemplarWeights.load(tmp_path / "none.json")


def _blas_threads() -> list[int]:
    """The thread counts of the BLAS pools the index limits (those loaded before its first search:
    numpy's; a library loaded later, by another test, is not numpy's and is left alone)."""
    return [pool["num_threads"] for pool in _controller().info() if pool["user_api"] == "blas"]


class _SpyIndex(ExemplarIndex):
    """An index that records the BLAS thread counts while each class is searched."""

    seen: list[list[int]]

    def _search_exact(self, c, transposed, found):
        self.seen.append(_blas_threads())
        super()._search_exact(c, transposed, found)


def test_a_search_runs_on_one_blas_thread_per_core_and_gives_the_others_back():
    """OpenBLAS's idle threads spin on the cores the model needs next (issue 26): a search runs its
    products on one BLAS thread each, its classes on the index's own threads, and every pool's
    count is set back afterwards; the answer is the brute-force one."""
    rng = np.random.default_rng(5)
    vectors, queries = _unit(rng, 6000), _unit(rng, 64)  # 384,000 comparisons: shared over the cores
    classes = rng.integers(0, len(CLASSES), 6000)
    before = _blas_threads()
    assert before  # the premise: numpy's BLAS is found
    index = _SpyIndex(vectors, classes, k=3)
    index.seen = []
    found = index.search(queries)
    assert len(index.seen) == len(CLASSES)
    assert all(counts == [1] * len(before) for counts in index.seen)
    assert _blas_threads() == before
    expected, nearest = _brute(vectors, classes, queries, 3)
    assert np.allclose(found.similarity, expected, atol=1e-5) and np.array_equal(found.nearest, nearest)


def test_classes_are_shared_out_into_groups_of_about_equal_work():
    assert _balanced_groups([5, 0, 3, 3, 1], 2) == ((0, 4), (2, 3))
    assert _balanced_groups([5, 0, 3, 3, 1], 1) == ((0, 2, 3, 4),)
    assert _balanced_groups([0, 0], 3) == ((),)
    groups = _balanced_groups([100, 90, 80, 70, 60, 50, 40, 30, 5269], 2)
    assert sorted(c for group in groups for c in group) == list(range(9))
    assert groups[0] == (8,)  # benign, the largest class, alone against the eight labels


def test_searches_from_many_threads_leave_the_blas_thread_counts_as_they_were():
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(6)
    vectors = _unit(rng, 400)
    index = ExemplarIndex(vectors, rng.integers(0, len(CLASSES), 400), k=3)
    batches = [_unit(rng, 16) for _ in range(24)]
    before = _blas_threads()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(index.search, batches))
    assert _blas_threads() == before
    for batch, found in zip(batches, results, strict=True):
        assert np.array_equal(found.nearest, index.search(batch).nearest)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_searches_on_threads_of_its_own():
    """A child forked after a search (a pre-forking server) has none of the pool's threads; its
    searches must not wait for them forever."""
    rng = np.random.default_rng(7)
    index = ExemplarIndex(_unit(rng, 6000), rng.integers(0, len(CLASSES), 6000), k=3)
    queries = _unit(rng, 64)
    expected = index.search(queries).nearest
    pid = os.fork()
    if pid == 0:  # the child: exit 0 when the search answers the same
        os._exit(0 if np.array_equal(index.search(queries).nearest, expected) else 1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked child's search never answered")
