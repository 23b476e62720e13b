"""The committed 8-bit pre-selection graph (safechat/exemplars/data/int8_candidates.onnx) is what
models/training/export/bank_search_graph.py writes, and it finds each query's highest products."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

pytest.importorskip("onnx")

from models.training.export.bank_search_graph import candidates_graph  # noqa: E402
from safechat.exemplars import index  # noqa: E402


def _committed() -> bytes:
    return resources.files("safechat.exemplars.data").joinpath("int8_candidates.onnx").read_bytes()


def test_the_committed_graph_is_the_scripts() -> None:
    assert candidates_graph() == _committed()


def test_the_graph_returns_the_highest_integer_products() -> None:
    rng = np.random.default_rng(0)
    queries = rng.integers(0, 256, (7, 32)).astype(np.uint8)
    examples = rng.integers(-127, 128, (32, 500)).astype(np.int8)
    k = 5
    feed = {
        "queries": queries,
        "examples": examples,
        "zero_point": np.array(128, dtype=np.uint8),
        "k": np.array([k], dtype=np.int64),
    }
    values, picked = index._candidates_session().run(["values", "indices"], feed)  # noqa: SLF001
    products = (queries.astype(np.int64) - 128) @ examples.astype(np.int64)
    expected = np.sort(products, axis=1)[:, -k:]
    assert np.array_equal(np.sort(values, axis=1), expected)
    assert np.array_equal(np.take_along_axis(products, picked, axis=1), values)
