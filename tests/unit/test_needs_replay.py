"""The calibration tooling replays the engine's decisions: a case holds every hit the engine decides
with, the heads' hits included (``Moderator.decision_inputs``), so that a threshold fitted on cases
is fitted for the decisions a child gets."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from models.training.train.policy_fit import read_heads_out_of_fold
from safechat.calibration.data import LabelledLine
from safechat.calibration.needs_fit import cases_from_lines
from safechat.engine import Message, Moderator
from safechat.model.support_head import DISCLOSURE, HARM_KINDS, ORDINARY
from safechat.policy.decide import decide
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import LABELS, Action, AgeBand, Scores

BULLYING = next(kind for kind in HARM_KINDS if kind.name == "bullying")


class _HeadScorer(FakeScorer):
    """FakeScorer whose scores carry heads' probabilities: the bullying head fires on "loser", the
    ordinary head on "gg", the disclosure head on "told"."""

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        def fires(word: str, text: str) -> float:
            return 0.9 if word in text.lower().split() else 0.1

        return [
            dataclasses.replace(
                scores,
                heads={
                    BULLYING.name: fires("loser", text),
                    ORDINARY.name: fires("gg", text),
                    DISCLOSURE.name: fires("told", text),
                },
            )
            for scores, text in zip(super().score_batch(texts), texts, strict=True)
        ]


TEXTS = (
    "ur such a loser",  # the bullying head's hit blocks it for children
    "gg ur dead next round",  # the ordinary head settles the threat score
    "a boy told me im a loser at school",  # the disclosure head: help, no bullying action
    "see u at practice",
)


def _moderator() -> Moderator:
    scorer = _HeadScorer({"dead": {"threat": 0.7}, "loser": {"bullying": 0.3}})
    return Moderator(scorer=scorer, policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False)


def _lines() -> list[LabelledLine]:
    truth = tuple(0 for _ in LABELS)
    return [
        LabelledLine(number, text, truth, band, needs=Action.ALLOW)
        for number, text in enumerate(TEXTS, start=1)
        for band in AgeBand
    ]


def test_a_case_holds_the_heads_hits_the_engine_decides_with() -> None:
    moderator = _moderator()
    scores = moderator.moderate(TEXTS[0], age_band="under_13").scores
    assert scores is not None
    hits, _ = moderator.decision_inputs(Message(TEXTS[0], age_band="under_13"), scores)
    assert "bullying.similar" in {hit.rule for hit in hits}
    cases = cases_from_lines(moderator, _lines())
    assert any(hit.rule == "bullying.similar" for hit in cases[0].hits)
    assert any(hit.rule == "context.ordinary.similar" for hit in cases[len(AgeBand)].hits)


def test_replaying_a_case_gives_the_engines_decision() -> None:
    moderator = _moderator()
    lines = _lines()
    cases = cases_from_lines(moderator, lines)
    assert len(cases) == len(lines)
    for line, case in zip(lines, cases, strict=True):
        decision = moderator.moderate(line.text, age_band=line.band)
        replayed = decide(Policy.default().band(line.band), case.scores, case.hits, case.evasions)
        assert (replayed.action, replayed.support) == (decision.action, decision.support), line.text
    assert moderator.moderate(TEXTS[0], age_band="under_13").action is Action.BLOCK
    assert moderator.moderate(TEXTS[2], age_band="under_13").support


def test_lines_the_heads_were_fitted_on_can_leave_the_heads_out() -> None:
    """The project's own fit leaves the heads' hits out of the children's chat lines every head
    was fitted on (models/training/train/policy_fit.py)."""
    cases = cases_from_lines(_moderator(), _lines(), heads=False)
    assert not any(hit.rule.endswith(".similar") for case in cases for hit in case.hits)
    assert cases_from_lines(_moderator(), _lines())[0].hits != cases[0].hits


def test_head_overrides_replace_a_lines_heads_and_their_hits_follow() -> None:
    """``policy_fit.py --head-oof`` gives the lines the heads were fitted on their out-of-fold
    probabilities: a head that fires in-sample may not out of fold, and the other way round."""
    overrides = {TEXTS[0]: {BULLYING.name: 0.2}, TEXTS[3]: {BULLYING.name: 0.8}}
    cases = cases_from_lines(_moderator(), _lines(), heads=False, head_overrides=overrides)
    by_text = {line.text: case for line, case in zip(_lines(), cases, strict=True)}
    assert not any(hit.rule == "bullying.similar" for hit in by_text[TEXTS[0]].hits)
    assert any(hit.rule == "bullying.similar" for hit in by_text[TEXTS[3]].hits)
    assert by_text[TEXTS[3]].scores.heads == {BULLYING.name: 0.8}
    assert not any(hit.rule.endswith(".similar") for hit in by_text[TEXTS[1]].hits)  # no override: none


def test_out_of_fold_files_are_merged_per_bundle_and_checked(tmp_path: Path) -> None:
    files = []
    for kind, p in (("bullying", 0.7), ("ordinary", 0.2)):
        path = tmp_path / f"{kind}.json"
        path.write_text(
            json.dumps({"name": "safechat-en-minilm", "bundle": "x", "kind": kind, "lines": {"a": p}})
        )
        files.append(path)
    assert read_heads_out_of_fold(files) == {"safechat-en-minilm": {"a": {"bullying": 0.7, "ordinary": 0.2}}}
    with pytest.raises(SystemExit, match="two files"):
        read_heads_out_of_fold([files[0], files[0]])
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    with pytest.raises(SystemExit, match="not a support_head.py --oof file"):
        read_heads_out_of_fold([broken])
