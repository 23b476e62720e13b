"""The training pipeline's data rules that need no torch: held-out sources, and the hand-written
rows staying apart from the neutral test list and the probe sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.training.common.rows import VAL_SOURCES, model_text
from models.training.data.handwritten import generate_benign, generate_slurs, generate_swearing
from models.training.export.ship_finetuned import PROBES
from models.training.train.finetune import held_sources

NEUTRAL = Path(__file__).resolve().parents[1] / "data" / "neutral_sentences.txt"


def test_held_sources_moves_named_sets_into_training() -> None:
    assert held_sources("") == VAL_SOURCES
    held = held_sources("askfm, hatexplain")
    assert "askfm" not in held and "hatexplain" not in held
    assert set(held) == set(VAL_SOURCES) - {"askfm", "hatexplain"}


def test_held_sources_refuses_a_name_that_is_not_held_out() -> None:
    with pytest.raises(ValueError, match="gametox"):
        held_sources("gametox")


def _key(text: str) -> str:
    return " ".join(model_text(text).casefold().split())


def test_no_benign_training_row_is_a_neutral_test_sentence() -> None:
    lines = NEUTRAL.read_text(encoding="utf-8").splitlines()
    neutral = {_key(line) for line in lines if line.strip() and not line.startswith("#")}
    benign = {_key(row.text) for row in generate_benign(seed=0)}
    assert len(benign) > 300
    assert not benign & neutral


def test_no_swearing_or_slur_row_is_a_probe_sentence() -> None:
    probes = {_key(text) for texts in PROBES.values() for text in texts}
    rows = {_key(row.text) for row in [*generate_swearing(seed=0), *generate_slurs(seed=0)]}
    assert len(rows) > 150
    assert not rows & probes
    kept_out = ("holy shit", "oh shit i forgot", "what the fuck is this", "damn this level", "shut up")
    kept_out += ("lost again",)
    assert not [row for row in rows if any(phrase in row for phrase in kept_out)]


def test_swearing_rows_separate_swearing_at_no_one_from_swearing_at_a_person() -> None:
    rows = generate_swearing(seed=0)
    untargeted = [row for row in rows if row.group.startswith("hws:untargeted:")]
    targeted = [row for row in rows if row.group.startswith("hws:targeted:")]
    assert untargeted and targeted
    assert all(row.labels["profanity"] == 1 and row.labels["bullying"] == 0 for row in untargeted)
    assert all(row.labels == {"bullying": 1} for row in targeted)


def test_a_child_reporting_a_slur_is_not_hate() -> None:
    rows = generate_slurs(seed=0)
    reports = [row for row in rows if row.group.startswith("hwl:report:")]
    assert reports and all(row.labels == {"hate": 0, "bullying": 0, "threat": 0} for row in reports)
    assert all(row.labels == {"hate": 1} for row in rows if row.group.startswith("hwl:slur:"))


def test_keep_languages_pins_the_earlier_policy_for_each_language() -> None:
    from models.training.train.policy_fit import keep_languages
    from safechat.policy.policy import Policy
    from safechat.types import AgeBand, Label

    earlier = Policy.default()
    band = earlier.bands[AgeBand.UNDER_13]
    refit = earlier.model_copy(
        update={
            "bands": {
                **earlier.bands,
                AgeBand.UNDER_13: band.model_copy(
                    update={
                        "labels": {
                            **band.labels,
                            Label.BULLYING: band.labels[Label.BULLYING].model_copy(
                                update={"threshold": 0.11, "high_threshold": 0.12}
                            ),
                        }
                    }
                ),
            }
        }
    )
    kept = keep_languages(refit, earlier, ("es", "xx"))
    rule = kept.bands[AgeBand.UNDER_13].labels[Label.BULLYING]
    old = band.labels[Label.BULLYING]
    assert rule.threshold == 0.11  # the shared (English) threshold is the re-fit one
    assert (
        rule.threshold_for("xx") == old.threshold
    )  # a language without its own keeps the earlier shared one
    assert rule.threshold_for("es") == old.threshold_for("es")
    assert rule.high_threshold_for("xx") == old.high_threshold
