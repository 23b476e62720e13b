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


@pytest.mark.parametrize("language", sorted(FRIENDLY))
def test_friendly_chat_is_allowed(moderator: Moderator, language: str) -> None:
    decision = moderator.moderate(FRIENDLY[language], age_band="under_13")
    assert decision.language == language and decision.model_version.startswith(MULTILINGUAL_BUNDLE_NAME)
    assert decision.action is Action.ALLOW, decision.reasons


def test_english_stays_on_the_english_bundle(moderator: Moderator) -> None:
    decision = moderator.moderate("you are such a loser nobody likes you", age_band="under_13")
    assert decision.language == "en" and decision.model_version.startswith("safechat-en-minilm")
    assert moderator.moderate("gg").model_version.startswith("safechat-en-minilm")


# Cyrillic, Armenian and Georgian word pieces given back in 0.4.0 (models/training/export/vocab_extend.py)
GIVEN_BACK = {
    "uk": "ти такий дурний, ніхто з тобою не дружить",
    "ru": "ты такой тупой, никто с тобой не дружит",
    "hy": "դու այնքան հիմար ես, ոչ ոք չի ուզում ընկերանալ քեզ հետ",
    "ka": "ისეთი სულელი ხარ, არავის უნდა შენთან მეგობრობა",
}


def test_every_piece_of_the_vocabulary_has_an_embedding_row() -> None:
    import onnxruntime as ort

    assert MULTI is not None
    size = len(json.loads((MULTI / "tokenizer.json").read_text("utf-8"))["model"]["vocab"])
    session = ort.InferenceSession(str(MULTI / "model.onnx"), providers=["CPUExecutionProvider"])

    def run(piece_id: int) -> list[np.ndarray]:
        ids = np.array([[0, piece_id, 2]], dtype=np.int64)
        return session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})

    assert all(np.isfinite(out).all() for out in run(size - 1))  # the last piece appended
    with pytest.raises(Exception, match="out of"):  # and no row past the vocabulary
        run(size)


@pytest.mark.parametrize("language", sorted(GIVEN_BACK))
def test_the_scripts_given_back_are_read_as_words(moderator: Moderator, language: str) -> None:
    from tokenizers import Tokenizer

    text = GIVEN_BACK[language]
    tokenizer = Tokenizer.from_file(str(MULTI / "tokenizer.json"))
    pieces = tokenizer.encode(text, add_special_tokens=False).tokens
    assert "<unk>" not in pieces and len(pieces) <= 2 * len(text.split())  # words, not letters
    decision = moderator.moderate(text, age_band="16_17", locale=language)
    assert decision.coverage.value == "zero_shot" and decision.scores is not None
    assert decision.model_version.startswith(MULTILINGUAL_BUNDLE_NAME)
