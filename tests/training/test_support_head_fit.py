"""Fitting a head (models/training/train/support_head.py): the head that finds the most positives
out of fold at the budget is chosen, logistic or perceptron, and the shipped head fires exactly
where the fitted estimator's probability reaches the chosen threshold."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

import models.training.train.support_head as support_head_fit  # noqa: E402
from models.training.train.support_head import (  # noqa: E402
    CANDIDATES,
    Candidate,
    FitRows,
    choose,
    head_from,
    within_budget,
)


def _rows(x: np.ndarray, y: np.ndarray) -> FitRows:
    return FitRows(
        x=x.astype(np.float32),
        y=y,
        folds=np.arange(len(y)) % 5,
        quiet=y == 0,
        elsewhere=np.zeros(len(y), dtype=bool),
    )


def _xor(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Positives where the first two coordinates share a sign: no line separates them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4))
    return x, (np.sign(x[:, 0]) == np.sign(x[:, 1])).astype(int)


def test_a_perceptron_is_chosen_where_no_line_separates_the_positives() -> None:
    x, y = _xor(600, 0)
    choice = choose(_rows(x, y), 0.05, CANDIDATES)
    assert choice.candidate.alpha is not None
    logistic = choose(_rows(x, y), 0.05, [c for c in CANDIDATES if c.alpha is None])
    assert choice.recall > logistic.recall + 0.3


def test_a_logistic_head_is_kept_when_a_line_separates_them_as_well() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 4))
    y = (x[:, 0] + 0.1 * rng.normal(size=400) > 0.8).astype(int)
    choice = choose(_rows(x, y), 0.05, [Candidate(c=1.0), Candidate(alpha=1e-3)])
    assert choice.candidate.alpha is None  # the first of equals, or better
    assert choice.recall >= 0.8


@pytest.mark.parametrize(
    "candidate", [Candidate(c=1.0), Candidate(alpha=1e-3)], ids=["logistic", "perceptron"]
)
def test_the_shipped_head_fires_where_the_estimator_reaches_the_threshold(candidate: Candidate) -> None:
    x, y = _xor(400, 2)
    fitted = candidate.estimator().fit(x.astype(np.float32), y)
    threshold = 0.8
    head = head_from(fitted, "m 1", threshold)
    assert (head.hidden is not None) == (candidate.alpha is not None)
    probe, _ = _xor(300, 3)
    expected = fitted.predict_proba(probe.astype(np.float32))[:, 1]
    found = head.probabilities(probe.astype(np.float32))
    clear = np.abs(expected - threshold) > 1e-3  # float32 rounding aside
    assert np.array_equal((found >= 0.5)[clear], (expected >= threshold)[clear])
    assert clear.sum() > 250


def test_a_head_that_fires_on_more_than_the_budget_at_every_threshold_is_not_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A perceptron's probabilities saturate at 1.0: no threshold keeps it to its budget then, and
    it is passed over (here every candidate is, so the fit stops with a clear error)."""
    x, y = _xor(200, 4)
    rows = _rows(x, y)
    assert within_budget(np.zeros(len(y), dtype=bool), rows, 0.01)
    assert not within_budget(rows.quiet.copy(), rows, 0.01)
    monkeypatch.setattr(support_head_fit, "out_of_fold", lambda x, y, folds, candidate: np.ones(len(y)))
    with pytest.raises(ValueError, match="no head fires on at most 1.0%"):
        choose(rows, 0.01, [Candidate(c=1.0)])


def test_the_out_of_fold_heads_fire_where_the_chosen_head_did_out_of_fold() -> None:
    x, y = _xor(300, 2)
    choice = choose(_rows(x, y), 0.05, [Candidate(c=1.0)])
    dev = [{"text": f"line {i}"} for i in range(len(y))]
    folded = support_head_fit.out_of_fold_heads(choice, dev)
    fires = np.array([folded[row["text"]] >= 0.5 for row in dev])
    assert np.array_equal(fires, choice.out_of_fold >= choice.threshold)
