"""The training pipeline's data rules that need no torch: held-out sources, and the hand-written
benign rows staying apart from the neutral test list."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.training.finetune import VAL_SOURCES, held_sources
from models.training.handwritten import generate_benign
from models.training.sources import model_text

NEUTRAL = Path(__file__).resolve().parents[1] / "data" / "neutral_sentences.txt"


def test_held_sources_moves_named_sets_into_training() -> None:
    assert held_sources("") == VAL_SOURCES
    held = held_sources("askfm, hatexplain")
    assert "askfm" not in held and "hatexplain" not in held
    assert set(held) == set(VAL_SOURCES) - {"askfm", "hatexplain"}


def test_held_sources_refuses_a_name_that_is_not_held_out() -> None:
    with pytest.raises(ValueError, match="gametox"):
        held_sources("gametox")


def test_no_benign_training_row_is_a_neutral_test_sentence() -> None:
    def key(text: str) -> str:
        return " ".join(model_text(text).casefold().split())

    lines = NEUTRAL.read_text(encoding="utf-8").splitlines()
    neutral = {key(line) for line in lines if line.strip() and not line.startswith("#")}
    benign = {key(row.text) for row in generate_benign(seed=0)}
    assert len(benign) > 300
    assert not benign & neutral
