"""safechat's own matrix products run with the BLAS library on one thread (safechat/blas.py):
OpenBLAS's threads would otherwise spin on the cores the model's next run needs. The thread
counts are set back afterwards, nested blocks and many threads included."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

from safechat.blas import _controller, one_blas_thread
from safechat.exemplars import ExemplarBank, ExemplarWeights
from safechat.exemplars.scorer import BankedScorer
from safechat.model.bundle import EXEMPLARS_FILE, ModelBundle
from safechat.model.onnx_scorer import OnnxScorer
from safechat.model.support_head import SupportHead


def _threads() -> list[int]:
    np.ones((2, 2)) @ np.ones((2, 2))  # numpy's BLAS is loaded
    return [pool["num_threads"] for pool in _controller().info() if pool["user_api"] == "blas"]


def test_one_thread_inside_and_the_counts_back_after_nested_blocks() -> None:
    before = _threads()
    assert before  # the premise: numpy's BLAS is found
    with one_blas_thread():
        assert _threads() == [1] * len(before)
        with one_blas_thread():
            assert _threads() == [1] * len(before)
        assert _threads() == [1] * len(before)
    assert _threads() == before


def test_blocks_on_many_threads_leave_the_counts_as_they_were() -> None:
    before = _threads()

    def block(_: int) -> list[int]:
        with one_blas_thread():
            return _threads()

    with ThreadPoolExecutor(max_workers=4) as pool:
        inside = list(pool.map(block, range(32)))
    assert all(counts == [1] * len(before) for counts in inside)
    assert _threads() == before


def test_the_heads_and_the_bank_combination_run_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _threads()
    seen: list[list[int]] = []

    def recording(original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            seen.append(_threads())
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(SupportHead, "probabilities", recording(SupportHead.probabilities))
    monkeypatch.setattr(ExemplarWeights, "probabilities", recording(ExemplarWeights.probabilities))
    bundle = ModelBundle.load()
    weights = ExemplarWeights.load(bundle.path / "exemplar_weights.json")
    scorer = BankedScorer(OnnxScorer(bundle), [ExemplarBank.load(bundle.path / EXEMPLARS_FILE)], weights)
    scorer.score_batch(["see u at the park at 5", "nobody likes you, just leave the group"])
    assert len(seen) >= 2  # the combination and at least one head
    assert all(counts == [1] * len(before) for counts in seen)
    assert _threads() == before
