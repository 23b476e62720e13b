"""The shipped multilingual bundle (models/safechat-multi-e5) through ``Moderator.load()``:
messages in German, French and Polish are scored by it and answered in the child's language;
English stays on the English bundle. No exact float checks on model output."""

from __future__ import annotations

import json

import numpy as np
import pytest

from safechat import Moderator
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, ModelBundle, shipped_bundle_path
from safechat.model.onnx_scorer import OnnxScorer
from safechat.types import Action, Label

MULTI = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
pytestmark = pytest.mark.skipif(MULTI is None, reason="the multilingual bundle is not installed")

INSULTS = {
    "de": "du bist so ein dummer idiot, niemand mag dich, verschwinde einfach",
    "fr": "t'es vraiment un pauvre idiot, personne ne t'aime, dégage",
    "pl": "jesteś głupim idiotą, nikt cię nie lubi, spadaj stąd",
}
FRIENDLY = {
    "de": "wir sehen uns morgen in der schule, bring dein buch mit",
    "fr": "on se voit demain à l'école, n'oublie pas ton livre",
    "pl": "do zobaczenia jutro w szkole, weź swoją książkę",
}


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


def test_the_bundle_verifies_and_matches_its_fp32_reference() -> None:
    bundle = ModelBundle.load(MULTI)
    assert bundle.manifest.special_tokens.start == "<s>"
    ref = json.loads((bundle.path / "fp32_reference.json").read_text("utf-8"))
    int8 = OnnxScorer(bundle).logits(ref["texts"])
    diff = np.abs(int8 - np.array(ref["fp32_logits"], dtype=np.float32))
    assert diff.max() <= ref["tolerance"]["max_abs_logit"], diff.max()
    assert diff.mean() <= ref["tolerance"]["mean_abs_logit"], diff.mean()


@pytest.mark.parametrize("language", sorted(INSULTS))
def test_an_insult_is_scored_by_the_multilingual_bundle_and_answered_in_its_language(
    moderator: Moderator, language: str
) -> None:
    decision = moderator.moderate(INSULTS[language], age_band="under_13")
    assert decision.language == language
    assert decision.model_version.startswith(MULTILINGUAL_BUNDLE_NAME)
    assert decision.action is not Action.ALLOW and Label.BULLYING in decision.labels
    assert decision.sender_prompt is not None and decision.sender_prompt.locale == language
    assert decision.recipient_prompt is not None and decision.recipient_prompt.locale == language


@pytest.mark.parametrize(
    "language",
    [
        pytest.param(
            language,
            marks=pytest.mark.xfail(
                reason="the multilingual model scores this French sentence 0.82 for grooming ('on se voit "
                "demain' read as a meeting request) and escalates it; measured at 3c97daf too, with "
                "the packages installed on 2026-12-04 (issue 23: children's chat in other languages)",
                strict=False,
            ),
        )
        if language == "fr"
        else language
        for language in sorted(FRIENDLY)
    ],
)
def test_friendly_chat_is_allowed(moderator: Moderator, language: str) -> None:
    decision = moderator.moderate(FRIENDLY[language], age_band="under_13")
    assert decision.language == language and decision.model_version.startswith(MULTILINGUAL_BUNDLE_NAME)
    assert decision.action is Action.ALLOW, decision.reasons


def test_english_stays_on_the_english_bundle(moderator: Moderator) -> None:
    decision = moderator.moderate("you are such a loser nobody likes you", age_band="under_13")
    assert decision.language == "en" and decision.model_version.startswith("safechat-en-minilm")
    assert moderator.moderate("gg").model_version.startswith("safechat-en-minilm")
