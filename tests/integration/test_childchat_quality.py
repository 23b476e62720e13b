"""Quality gates on held-out children's chat: what a child sees on lines nothing was fitted on.

The gates read the `test` split of the project's children's chat sets (``devsets/childchat-en``
and ``devsets/childchat-multi``): no threshold, bank, weight, rule or model was fitted on those
lines (the rules were written with the `dev` lines in view, the banks hold `dev` lines only,
and the split is by topic family, so near-paraphrases do not cross it). The
neutral sentences and clear positives of ``test_model_quality.py`` informed the policy's
choices, so they guard against regressions only; these gates measure.

How the bounds were set: each was measured once with the shipped bundles and policy (values in
``MEASURED``; model safechat-en-minilm 0.5.0, safechat-multi-e5 0.4.0 and their support and harm
heads (refitted with batches 6 and 7 of the `dev` lines), their ordinary heads, policy
default-0.15.0, normaliser v6 and the rules of 2026-12-07; the comments below say what moved
them), then moved by two standard errors of the measured share (sqrt(p(1-p)/n)) in the direction
of a regression, rounded outward to the next 0.01: a change
that costs children that much fails here, sampling noise of a rewritten line or two does not.
ROC-AUC bounds are 0.03 below the measured value. Re-measure and move the bounds (never only
loosen them) when a bundle or the default policy changes, and say so in CHANGELOG.md.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from models.training.data import childchat
from safechat import Moderator
from safechat.calibration.data import ScoredData, score_file
from safechat.calibration.decisions import decision_metrics
from safechat.calibration.metrics import roc_auc
from safechat.types import LABELS, AgeBand

EN_BANDS = ("under_13", "13_15", "16_17", "adult")

# Measured once (see the module docstring): share of harmful lines that got at least the action
# they need, share of benign lines given any action, per band; per label for under-13s; ROC-AUC of
# the decision's scores per label for under-13s. The imminence goodbyes of issue 24 moved the
# shares by the lines they newly give support (re-measured with and without them on the same tree):
# English harmful one line more in each band, self_harm one of 68, multilingual harmful three of 1253.
# The other languages' rules of issue 23 (harm, grooming, disclosures, game talk; 2026-12-06, on an
# AMD EPYC machine) moved the multilingual shares to 0.249 harmful and 0.0647 benign (from 0.2155
# and 0.0638 measured on the same machine just before them: 0.220 and 0.0705 were another CPU's).
# Policy default-0.6.7 (grooming stages escalate alone for under-16s), the other languages' threat
# and doxxing rules and the English told-of check (2026-12-06, re-measured on one tree): multilingual
# harmful 0.249 -> 0.299. The English shares were re-measured on the same tree: under-13 harmful
# 0.510 -> 0.511, benign 0.071 -> 0.074 and sexual 0.471 -> 0.462 (one line of 104) had moved with
# the earlier rules of that day, before these changes; these changes turned two benign English
# `test` lines from block to allow and gave one grooming line the escalation it needs.
# The disclosure heads, context.disclosure.threat and the other languages' humiliation and slur rules
# (policy default-0.6.8, same day, same tree): English harmful under-13 0.511 -> 0.514 (self-harm
# lines newly offered the help they need, 0.647 -> 0.676), multilingual 0.299 -> 0.313; benign
# unchanged. Help offered to a child who tells of harm (benign lines needing support), under-13:
# English 0.350 -> 0.683 of 60, multilingual 0.245 -> 0.718 of 110 (gated since then).
# The self-harm heads and the disclosure heads refitted with the `dev` lines of batch 4 (policy
# default-0.9.0, same day, same tree): self-harm lines newly offered the help they need, English
# under-13 self_harm 0.676 -> 0.706 and harmful 0.514 -> 0.517 (each band up by the same 2 lines),
# multilingual harmful 0.313 -> 0.333; help to a child who tells, English 0.683 -> 0.650 (the
# refitted English disclosure head finds 2 fewer of the 60), multilingual unchanged at 0.718; benign
# and every other label unchanged. Then context.idiom for a parent or teacher who will "kill" the
# writer, in every language: multilingual benign 0.0647 -> 0.0618 (three lines), English unchanged.
# Personal information and swearing in the other languages, English requests that place a child, and
# policy default-0.9.1 (English grooming at 0.7 for under-16s, doxxing escalates alone; 2026-12-07,
# before and after on one machine): English under-13 harmful 0.517 -> 0.559 (grooming 0.429 -> 0.561,
# sexual 0.462 -> 0.529, pii 0.743 -> 0.807, bullying 0.391 -> 0.401), 13-15 0.497 -> 0.538, benign
# 0.074 -> 0.073; multilingual harmful 0.333 -> 0.371, benign 0.0618 -> 0.0628 (two slurs quoted in
# Dutch counter-speech now masked; a Polish line settled by a child asking how to report), help to a
# child who tells 0.718 -> 0.773 (a child asking for help is a disclosure in every language).
# The harm heads (policy default-0.10.0: bullying, hate, sexual and grooming in the multilingual
# bundle, bullying and sexual in the English one; same day, same machine): English harmful under-13
# 0.559 -> 0.590 (bullying 0.401 -> 0.485, hate 0.578 -> 0.595, sexual 0.529 -> 0.606), 13-15 0.538
# -> 0.572, 16-17 0.445 -> 0.476, adult 0.389 -> 0.423, benign 0.073 -> 0.083, 0.065 -> 0.076, 0.044
# -> 0.055, 0.041 -> 0.048; multilingual harmful 0.371 -> 0.487, benign 0.0628 -> 0.0821; help unchanged.
# Then the multilingual heads refitted with batch 5 of the `dev` lines (friends' arrangements and
# children telling of harm; same day, same machine): multilingual harmful 0.487 -> 0.464 (the
# grooming head, which had flagged 7 of the 96 new arrangements, now finds fewer), benign 0.0821 ->
# 0.0773, help to a child who tells 0.773 -> 0.809 (the refitted disclosure head); English unchanged.
# Policy default-0.11.0 (the pii score corroborated by grooming as the pii.request rule is; the
# sexual head escalates for under-13s; 2026-12-07, a fresh AMD EPYC machine with AVX-512 VNNI,
# before and after on it): the same tree before the change measured English under-13 harmful 0.588
# and benign 0.079 (0.590 and 0.083 on the machine above), multilingual harmful 0.470, benign
# 0.0821 and help 0.791; after: English under-13 harmful 0.588 -> 0.604 (grooming 0.556 -> 0.610,
# pii 0.789 -> 0.826, sexual 0.615 -> 0.635), 13-15 0.567 -> 0.579, 16-17 and adults unchanged,
# benign unchanged in every band but 16-17 (0.053 -> 0.055, one line); multilingual harmful 0.470 ->
# 0.483 (sexual 0.529 -> 0.616), benign and help unchanged. Then threat.emoji (same policy version,
# same machine): English under-13 harmful 0.604 -> 0.607 (threat 0.468 -> 0.486), 13-15 0.579 ->
# 0.581, 16-17 0.472 -> 0.475, adults 0.423 -> 0.425; multilingual harmful 0.483 -> 0.486 (threat
# 0.149 -> 0.176); benign unchanged. Policy default-0.12.0 (perceptron harm heads, a multilingual
# threat head, every harm head refitted with batch 6 of the multilingual dev lines; same machine,
# before and after): English under-13 harmful 0.607 -> 0.621 (bullying 0.485 -> 0.540, sexual 0.635
# -> 0.654, hate 0.595 -> 0.586, one line), benign 0.079 -> 0.074, every other band up and less
# flagged (the refitted English sexual head, a perceptron, read a neutral sentence, "sending you a
# big hug", as sexual: not shipped); multilingual harmful 0.486 -> 0.578 (threat 0.176 -> 0.392),
# benign 0.0821 -> 0.0879 (14 ordinary lines newly flagged, 8 no longer), help unchanged. Then the
# English disclosure head refitted as a perceptron (same policy, same machine): English help to a
# child who tells 0.650 -> 0.717, self_harm 0.706 -> 0.735, under-13 harmful 0.621 -> 0.623, benign
# unchanged. Policy default-0.13.0 (the ordinary heads, which settle the model's moderate scores on
# ordinary chat that shares words with harm; an English threat head; the multilingual bullying head
# refitted with batch 7; same machine, before and after): English under-13 harmful 0.623 -> 0.639
# (threat 0.486 -> 0.596, pii 0.826 -> 0.844), 13-15 0.598 -> 0.614, 16-17 0.493 -> 0.510, adults
# 0.466 -> 0.478; benign 0.074 -> 0.073 for under-13s, 16-17 0.050 -> 0.053 and adults 0.042 -> 0.045
# (the threat head flags two more ordinary lines there than the ordinary head settles);
# multilingual harmful 0.578 -> 0.576 (three lines), benign 0.0879 -> 0.0763, help unchanged.
# Policy default-0.14.0 (context.reported_quote, context.warning, the surprise exception and "tell no
# one but" in every language; same machine, before and after): English benign 0.073 -> 0.070,
# 0.067 -> 0.064, 0.053 -> 0.051 (48 -> 46, 44 -> 42, 35 -> 34 lines), adults unchanged; multilingual benign
# 0.0763 -> 0.0754 (one Ukrainian line); harmful, help and ROC-AUC unchanged.
# Policy default-0.15.0 (threat.incitement, weapons, school attacks, veiled threats and doxxing calls
# in the eight languages, a meeting kept secret, bullying.exclusion blocking alone for readers under
# 18; same machine, before and after): English harmful 0.639 -> 0.646, 0.614 -> 0.621, 0.510 -> 0.517
# (threat 0.596 -> 0.624, bullying 0.540 -> 0.545, grooming 0.610 -> 0.615); multilingual harmful
# 0.576 -> 0.589; benign, help and ROC-AUC unchanged.
# Policy default-0.16.0 (context.banter, context.safety_advice, shaming pictures spread, the signs
# of self-harm without the word; same machine, before and after): English harmful 0.646 -> 0.649,
# 0.621 -> 0.623, 0.517 -> 0.518, 0.478 -> 0.483 (bullying 0.545 -> 0.549, self_harm 0.735 ->
# 0.750: one line each); benign, help and ROC-AUC unchanged; multilingual unchanged line for line.
# Policy default-0.17.0 (the older bands' actions; same machine, before and after): English
# harmful 16-17 0.518 -> 0.559 (grooming 0.400 -> 0.527, pii 0.697 -> 0.807), adults 0.483 -> 0.493
# (threat 0.486 -> 0.523); multilingual 16-17 0.514 -> 0.548 and adults 0.421 -> 0.466 (not gated
# here: under-13s only); benign, help and under-16s unchanged line for line.
MEASURED: dict[str, Any] = {
    "en": {
        "harmful": {
            "under_13": (0.649, 743),
            "13_15": (0.623, 743),
            "16_17": (0.559, 714),
            "adult": (0.493, 416),
        },
        "benign": {
            "under_13": (0.070, 661),
            "13_15": (0.064, 661),
            "16_17": (0.051, 661),
            "adult": (0.045, 661),
        },
        "labels_under_13": {
            "bullying": (0.549, 202),
            "hate": (0.586, 116),
            "threat": (0.624, 109),
            "sexual": (0.654, 104),
            "grooming": (0.615, 205),
            "self_harm": (0.750, 68),
            "pii": (0.844, 109),
        },
        "help_under_13": (0.717, 60),
        "roc_auc_under_13": {
            "bullying": 0.815,
            "hate": 0.944,
            "threat": 0.910,
            "sexual": 0.862,
            "grooming": 0.961,
            "self_harm": 0.915,
            "pii": 0.982,
        },
    },
    "multi": {"harmful": (0.589, 1253), "benign": (0.0754, 1035), "help": (0.791, 110)},
}


def lower_bound(share: float, lines: int) -> float:
    """Two standard errors below ``share``, rounded down to 0.01."""
    return math.floor((share - 2 * math.sqrt(share * (1 - share) / lines)) * 100) / 100


def upper_bound(share: float, lines: int) -> float:
    """Two standard errors above ``share``, rounded up to 0.01."""
    return math.ceil((share + 2 * math.sqrt(share * (1 - share) / lines)) * 100) / 100


def _test_split(source: Path, out: Path) -> Path:
    """The `test` lines of ``source`` as `safechat eval` input, as `childchat export` writes them."""
    lines = childchat.eval_lines(childchat.read(source, split="test"))
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    return out


@pytest.fixture(scope="module")
def english(moderator: Moderator, tmp_path_factory: pytest.TempPathFactory) -> ScoredData:
    path = _test_split(childchat.DEVSET, tmp_path_factory.mktemp("en") / "test.jsonl")
    data = score_file(moderator, path, every_band=True)
    assert not data.problems
    return data


@pytest.fixture(scope="module")
def english_metrics(english: ScoredData) -> dict[str, Any]:
    return decision_metrics(english)


@pytest.fixture(scope="module")
def multilingual(moderator: Moderator, tmp_path_factory: pytest.TempPathFactory) -> ScoredData:
    path = _test_split(childchat.MULTI_DEVSET, tmp_path_factory.mktemp("multi") / "test.jsonl")
    data = score_file(moderator, path)
    assert not data.problems
    return data


def test_the_bounds_are_below_and_above_what_was_measured() -> None:
    """The bounds leave room on the side of a regression only: at most 0.13 for a label's few
    lines (and the help offered to the few children who tell of harm), 0.06 overall."""
    helped = [MEASURED["en"]["help_under_13"], MEASURED["multi"]["help"]]
    for share, lines in [*MEASURED["en"]["labels_under_13"].values(), *helped]:
        assert share - 0.13 <= lower_bound(share, lines) < share
    for share, lines in [*MEASURED["en"]["harmful"].values(), MEASURED["multi"]["harmful"]]:
        assert share - 0.06 <= lower_bound(share, lines) < share
    for share, lines in [*MEASURED["en"]["benign"].values(), MEASURED["multi"]["benign"]]:
        assert share < upper_bound(share, lines) <= share + 0.03


@pytest.mark.parametrize("band", EN_BANDS)
def test_english_harmful_lines_get_the_action_they_need(english_metrics: dict[str, Any], band: str) -> None:
    found = english_metrics[band]["harmful"]
    share, lines = MEASURED["en"]["harmful"][band]
    assert found["lines"] == lines  # the split is the one measured
    assert found["share"] >= lower_bound(share, lines), found


@pytest.mark.parametrize("band", EN_BANDS)
def test_english_benign_lines_are_left_alone(english_metrics: dict[str, Any], band: str) -> None:
    found = english_metrics[band]["benign"]
    share, lines = MEASURED["en"]["benign"][band]
    assert found["lines"] == lines
    assert found["share"] <= upper_bound(share, lines), found


@pytest.mark.parametrize("label", sorted(MEASURED["en"]["labels_under_13"]))
def test_english_each_harm_is_acted_on_for_a_child(english_metrics: dict[str, Any], label: str) -> None:
    found = english_metrics["under_13"]["labels"][label]
    share, lines = MEASURED["en"]["labels_under_13"][label]
    assert found["lines"] == lines
    assert found["share"] >= lower_bound(share, lines), found


@pytest.mark.parametrize("label", sorted(MEASURED["en"]["roc_auc_under_13"]))
def test_english_scores_rank_each_harm(english: ScoredData, label: str) -> None:
    column = [lab.value for lab in LABELS].index(label)
    rows = english.band_rows(AgeBand.UNDER_13) & (english.truth[:, column] >= 0)
    truth = english.truth[rows, column] == 1
    assert truth.any() and not truth.all()
    found = roc_auc(english.scores[rows, column].astype(np.float64), truth)
    assert found is not None
    assert found >= MEASURED["en"]["roc_auc_under_13"][label] - 0.03


def test_english_children_who_tell_of_harm_are_offered_help(english_metrics: dict[str, Any]) -> None:
    found = english_metrics["under_13"]["help"]
    share, lines = MEASURED["en"]["help_under_13"]
    assert found["lines"] == lines
    assert found["share"] >= lower_bound(share, lines), found


def test_multilingual_children_who_tell_of_harm_are_offered_help(multilingual: ScoredData) -> None:
    found = decision_metrics(multilingual)["under_13"]["help"]
    share, lines = MEASURED["multi"]["help"]
    assert found["lines"] == lines
    assert found["share"] >= lower_bound(share, lines), found


def test_multilingual_children_get_the_action_they_need(multilingual: ScoredData) -> None:
    found = decision_metrics(multilingual)["under_13"]
    share, lines = MEASURED["multi"]["harmful"]
    assert found["harmful"]["lines"] == lines
    assert found["harmful"]["share"] >= lower_bound(share, lines), found["harmful"]
    share, lines = MEASURED["multi"]["benign"]
    assert found["benign"]["lines"] == lines
    assert found["benign"]["share"] <= upper_bound(share, lines), found["benign"]
