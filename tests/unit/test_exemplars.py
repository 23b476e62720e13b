"""Example banks: the file format, validation, the nearest-example index and the combination."""

from __future__ import annotations

import json

import numpy as np
import pytest

from safechat.errors import BundleError, ExemplarBankError
from safechat.exemplars import BENIGN, CLASSES, Example, ExemplarBank, ExemplarIndex, ExemplarWeights
from safechat.exemplars.bank import quantize
from safechat.exemplars.index import PROJECTED_DIMS, Neighbours, _top_mean, _top_mean_of
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


def test_projected_search_agrees_with_exact_search_on_clustered_data():
    rng = np.random.default_rng(4)
    dim = 4 * PROJECTED_DIMS  # the projection is narrower than the embeddings
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
    assert (a.nearest == b.nearest).mean() >= 0.9
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
