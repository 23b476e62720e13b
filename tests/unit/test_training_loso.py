"""The leave-one-source-out fine-tune table: its command line and its model-card section (no torch)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.training.evaluate.card import loso_ft_section
from models.training.experiments.loso import _reference, main


def _cell(n: int, pos: int, left_out: float, ref: float) -> dict[str, object]:
    return {
        "n": n,
        "pos": pos,
        "left_out": {"roc_auc": left_out, "pr_auc": 0.5},
        "seed0": {"roc_auc": ref, "pr_auc": 0.4},
        "alt_profanity_check": {"roc_auc": 0.7, "pr_auc": 0.3},
    }


def _source(rows: int, minutes: float, label: str, cell: dict[str, object]) -> dict[str, object]:
    return {"rows_trained": rows, "minutes": minutes, "labels": {label: cell}}


TABLE = {
    "seed": 0,
    "train_rows": 70000,
    "references": {"seed0": "../artifacts/ft_j"},
    "sources": {
        "olid": _source(60000, 12.5, "bullying", _cell(4000, 1479, 0.70, 0.72)),
        "askfm": _source(61000, 12.9, "bullying", _cell(4000, 1199, 0.86, 0.84)),
        "convabuse": _source(61500, 13.0, "hate", _cell(2017, 58, 0.95, 0.90)),
    },
}


def test_card_section_has_a_row_per_pair_and_the_mean_difference() -> None:
    text = "\n".join(loso_ft_section(TABLE))
    assert "| bullying | olid | 4000 | 1479 | 0.700 | 0.720 | 0.700 | 0.500 | 0.400 |" in text
    assert "| hate | convabuse | 2017 | 58 | 0.950 | 0.900 |" in text
    # (-0.02 + 0.02 + 0.05) / 3
    assert "mean ROC-AUC difference +0.017 over 3 (label, set) pairs" in text
    assert "2 higher, 1 lower; range -0.020 to +0.050" in text
    assert "ft_j" in text and "olid left out: 60000 rows, 12.5 min" in text


def test_reference_wants_name_equals_folder() -> None:
    assert _reference("seed0=../artifacts/ft_j") == ("seed0", Path("../artifacts/ft_j"))
    for bad in ("../artifacts/ft_j", "=/x", "name="):
        with pytest.raises(Exception, match="NAME=FOLDER"):
            _reference(bad)


def test_unknown_left_out_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--sources", "gametox"])
    assert "gametox" in capsys.readouterr().err
