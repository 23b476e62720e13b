"""Quality checks on the real shipped bundle (models/safechat-en-minilm).

- int8 vs fp32: the shipped int8 graph, run as the runtime runs it, reproduces the fp32 logits
  written at export time (fp32_reference.json, listed and sha256-verified in the manifest)
  within the tolerance stated in that file (and in MODEL_CARD.md).
- neutral sentences (tests/data/neutral_sentences.txt) are not flagged at the default policy;
  the bound is the false-positive count measured and reported in MODEL_CARD.md (12 of 163 at
  under_13 for 0.3.0; the flagged sentences are listed there), so it guards against regressions.
- a handful of clear positives per label are flagged.
No exact float checks on model output.

Both sets informed the policy (the neutral list the choice of betas, the clear positives some
rules), so they are regression checks, not measures of quality: the quality gates on held-out
children's chat are in test_childchat_quality.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from safechat import Moderator
from safechat.model.bundle import ModelBundle
from safechat.model.onnx_scorer import OnnxScorer

DATA = Path(__file__).resolve().parents[1] / "data"
BANDS = ("under_13", "13_15", "16_17", "adult")
# Neutral sentences flagged at the default policy, as measured on the shipped bundle and
# listed in MODEL_CARD.md; younger bands are stricter so they may flag more.
# (0.4.0 with policy default-0.5.0, 260 sentences: 2 / 2 / 2 / 2; with default-0.4.0 it flagged
# 9 / 9 / 7 / 7 of the first 170, 8 / 8 / 7 / 7 of the 60 written before the default-0.5.0 rules and
# 2 / 2 / 1 / 1 of the 30 written after them.) 0.5.0 with default-0.6.0 (example banks, thresholds
# fitted to children's chat, which serve 0.48 of the harmful test-split messages at under_13 where
# default-0.5.0 served 0.30) flags 5 / 5 / 4 / 3, measured once: the two sentences before, two
# sports sentences escalated as threats ("see you on the battlefield tonight") and a family's
# origins as personal information. The model card lists them as known failures.
MAX_NEUTRAL_FLAGGED = {"under_13": 5, "13_15": 5, "16_17": 4, "adult": 3}

# Clear cases the 0.2.0 and later bundles flag at under_13 (the decision: model or rule). The
# probe table in MODEL_CARD.md also lists the ones missed ("send me a pic with no clothes on" is
# escalated as grooming, not labelled sexual); they are known failures, not tested here. Since
# default-0.5.0 the explicit-phrase rules flag two the model alone misses: the last bullying and
# the last sexual case.
CLEAR_POSITIVES = {
    "bullying": [
        "you are such a loser nobody likes you",
        "shut up you worthless idiot",
        "you're a fat pig",
        "everyone hates you, just leave the group",
    ],
    "hate": ["muslims are terrorists", "women are too stupid to vote"],
    "threat": [
        "i'm going to kill you tomorrow",
        "i will beat you up after school",
        "i will find you and hurt you",
    ],
    "sexual": ["send nudes", "show me your boobs", "i want to have sex with you", "let's talk dirty"],
    "self_harm": ["i cut myself again last night", "i want to kill myself", "nobody would care if i died"],
    "profanity": ["this is fucking annoying", "what the fuck is this game", "shit i lost again"],
    "grooming": ["don't tell your parents about our chats", "are you home alone right now"],
}


def _neutral() -> list[str]:
    lines = (DATA / "neutral_sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_int8_graph_matches_the_fp32_reference() -> None:
    bundle = ModelBundle.load()  # verifies every sha256 in the manifest
    assert "fp32_reference.json" in bundle.manifest.files
    ref = json.loads((bundle.path / "fp32_reference.json").read_text("utf-8"))
    assert len(ref["texts"]) >= 32
    int8 = OnnxScorer(bundle).logits(ref["texts"])
    fp32 = np.array(ref["fp32_logits"], dtype=np.float32)
    diff = np.abs(int8 - fp32)
    assert diff.max() <= ref["tolerance"]["max_abs_logit"], diff.max()
    assert diff.mean() <= ref["tolerance"]["mean_abs_logit"], diff.mean()


def test_neutral_list_is_long_enough() -> None:
    assert len(_neutral()) >= 150


@pytest.mark.parametrize("band", BANDS)
def test_neutral_sentences_are_not_flagged(moderator: Moderator, band: str) -> None:
    texts = _neutral()
    decisions = moderator.moderate_batch(texts, age_band=band)
    flagged = [
        (text, [label.value for label in d.labels])
        for text, d in zip(texts, decisions, strict=True)
        if d.labels
    ]
    assert len(flagged) <= MAX_NEUTRAL_FLAGGED[band], flagged


@pytest.mark.parametrize(("label", "text"), [(k, t) for k, ts in CLEAR_POSITIVES.items() for t in ts])
def test_clear_positives_are_flagged_for_a_child(moderator: Moderator, label: str, text: str) -> None:
    decision = moderator.moderate(text, age_band="under_13")
    assert label in [lab.value for lab in decision.labels]
