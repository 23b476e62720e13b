"""The compact language model: the same answers, to the bit, as py3langid's own identifier
restricted to the same languages; one copy per process; one feature pass per message."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from safechat import language
from safechat.language import (
    MEMBER_STATE_LANGUAGES,
    SUPPORTED,
    LanguageDetector,
    TextSample,
)
from safechat.model.router import ModelRouter
from safechat.testing import FakeScorer

# Chat as children write it, in the languages routed and told, with the cases the encoder
# treats apart: all upper case (lowered), composed and decomposed accents (NFC), no letters, no
# features, emoji, a lone surrogate, mixed scripts and languages.
TEXTS = [
    "",
    "gg",
    "ok 123 :)",
    "1234567890 !!!! ????",
    "you are so stupid, nobody likes you",
    "hey does anyone have the maths homework for tomorrow",
    "YOU ARE SO STUPID NOBODY LIKES YOU",
    "du bist so dumm, niemand mag dich",
    "hat wer die mathe hausaufgaben? seite 47 nr 3",
    "t'es trop nul, personne ne t'aime",
    "tu es vraiment nul et personne ne t'aime",
    "jesteś głupi i nikt cię nie lubi",
    "eres muy tonto y nadie te quiere",
    "sei proprio stupido, nessuno ti vuole",
    "você é muito burro, ninguém gosta de você",
    "je bent echt dom, niemand vindt je leuk",
    "du er så dum, ingen kan lide dig",
    "είσαι πολύ χαζός και κανείς δεν σε θέλει",
    "sen çok aptalsın, kimse seni sevmiyor",
    "ești foarte prost și nimeni nu te place",
    "ти дуже дурний і ніхто тебе не любить",
    "ты очень глупый и никто тебя не любит",
    "ти си много глупав и никой не те обича",
    "du är så dum, ingen gillar dig",
    "olet tosi tyhmä eikä kukaan tykkää sinusta",
    "sa oled nii loll ja keegi ei armasta sind",
    "tu esi tik kvailas ir niekas tavęs nemyli",
    "ti si jako glup i nitko te ne voli",
    "je si tak hloupý a nikdo tě nemá rád",
    "nagyon buta vagy és senki sem szeret",
    "ենթադրում եմ, որ դու շատ հիմար ես",
    "შენ ძალიან სულელი ხარ",
    "tá tú an-dúr agus níl aon duine ag iarraidh thú",
    "café crème brûlée",
    "cafe\u0301 cre\u0300me bru\u0302le\u0301e",  # decomposed accents: NFC makes them the line above
    "lol 😂😂😂 this is sooo funny 💀",
    "wie geht's? hahaha 😂 see you tomorrow at school",
    "l33t h4x0r u r s0 n00b",
    "send me ur address pls",
    "broken \ud800 surrogate in the middle of a message",
    "日本語のメッセージです、よろしくお願いします",
    "x" * 2000,
]


@pytest.fixture(scope="module")
def references() -> Iterator[dict[tuple[str, ...], LanguageIdentifier]]:
    """py3langid's own identifiers, restricted to each language set the router uses."""
    found = {}
    for languages in (
        LanguageDetector().languages,
        LanguageDetector().widened(MEMBER_STATE_LANGUAGES).languages,
    ):
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(languages))
        found[languages] = identifier
    yield found


@pytest.mark.parametrize("wide", [False, True], ids=["routed", "member states"])
def test_same_language_and_confidence_as_py3langid(
    references: dict[tuple[str, ...], LanguageIdentifier], wide: bool
) -> None:
    detector = LanguageDetector(min_confidence=0.0, min_letters=0)
    if wide:
        detector = detector.widened(MEMBER_STATE_LANGUAGES)
    reference = references[detector.languages]
    for text in TEXTS:
        expected_language, expected_confidence = reference.classify(text)
        found = detector.detect(text)
        assert found.language == expected_language, text
        assert found.confidence == float(expected_confidence), text  # the same sums, to the bit


def test_thresholds_and_known_languages() -> None:
    detector = LanguageDetector()
    wide = detector.widened(MEMBER_STATE_LANGUAGES)
    assert detector.detect("gg").language is None
    assert detector.detect("").language is None
    assert detector.detect("du bist so dumm, niemand mag dich").language == "de"
    assert detector.detect("jesteś głupi i nikt cię nie lubi").language == "pl"
    assert detector.detect("είσαι πολύ χαζός και κανείς δεν σε θέλει").language == "el"
    assert wide.detect("ти дуже дурний і ніхто тебе не любить").language == "uk"
    assert wide.detect("du är så dum, ingen gillar dig").language == "sv"


def test_one_sample_serves_both_detectors() -> None:
    detector = LanguageDetector()
    wide = detector.widened(MEMBER_STATE_LANGUAGES)
    for text in TEXTS:
        sample = TextSample(text)
        assert detector.detect(sample) == detector.detect(text)
        assert wide.detect(sample) == wide.detect(text)
    sample = TextSample("hat wer die mathe hausaufgaben? seite 47 nr 3")
    wide.detect(sample)
    walked = sample.features()
    detector.detect(sample)
    assert sample.features() is walked  # walked once


def test_router_language_is_the_wide_then_the_routed_answer() -> None:
    router = ModelRouter(FakeScorer({}), cache_size=0)
    narrow = router.detector
    wide = narrow.widened(MEMBER_STATE_LANGUAGES)
    for text in TEXTS:
        told = wide.detect(text).language
        expected = told if told is not None and told not in narrow.languages else narrow.detect(text).language
        assert router.language(text) == expected, text


def test_compact_model_holds_py3langid_model() -> None:
    """The arrays the compact model walks and sums equal py3langid's (a sample of rows and every
    automaton entry)."""
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model = language._model(SUPPORTED)
    assert model.all_classes == tuple(reference.nb_classes)
    assert np.array_equal(
        np.frombuffer(model._nextmove, dtype=np.uint32), np.frombuffer(reference.tk_nextmove, dtype=np.uint32)
    )
    assert list(model._rowbase) == list(reference._rowbase)
    assert list(model._output) == list(reference.tk_output)
    rows = np.random.default_rng(3).choice(reference.nb_ptc.shape[0], size=2000, replace=False)
    for languages in (SUPPORTED, LanguageDetector().widened(MEMBER_STATE_LANGUAGES).languages):
        held = language._model(languages)._sets[languages]
        columns = [i for i, name in enumerate(reference.nb_classes) if name in set(languages)]
        assert held.names == tuple(reference.nb_classes[i] for i in columns)
        assert held.weights.dtype == np.float16 and held.weights.flags.c_contiguous
        assert np.array_equal(held.weights[rows], reference.nb_ptc[rows][:, columns])
        assert np.array_equal(held.priors, reference.nb_pc[columns])
    # only the languages asked for are held: not the 142 columns of the file
    assert model._weights.shape[1] < len(reference.nb_classes) / 2


def test_a_language_outside_the_held_ones_reads_the_model_again(
    references: dict[tuple[str, ...], LanguageIdentifier],
) -> None:
    before = language._model(SUPPORTED)
    asian = LanguageDetector(("ja", "zh", "ko"), min_confidence=0.0, min_letters=0)
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(["ja", "zh", "ko"])
    expected_language, expected_confidence = reference.classify(
        "日本語のメッセージです、よろしくお願いします"
    )
    found = asian.detect("日本語のメッセージです、よろしくお願いします")
    assert (found.language, found.confidence) == (expected_language, float(expected_confidence))
    after = language._model(SUPPORTED)
    assert {"ja", "zh", "ko"} <= after.languages and set(SUPPORTED) <= after.languages
    # the detectors made before still answer as py3langid does
    routed = LanguageDetector(min_confidence=0.0, min_letters=0)
    text = "du bist so dumm, niemand mag dich"
    assert routed.detect(text).confidence == float(references[routed.languages].classify(text)[1])
    assert before is not after


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no language"):
        LanguageDetector(("en", "xx")).detect("this message is long enough to be read")


def test_loaded_once_for_all_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_MODEL", None)
    seen: list[object] = []
    detector = LanguageDetector()

    def work() -> None:
        detector.detect("hey does anyone have the maths homework for tomorrow")
        seen.append(language._model(detector.languages))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(model is seen[0] for model in seen)


def test_nothing_loads_at_import() -> None:
    code = "import safechat, safechat.language as l; assert l._MODEL is None; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "ok"
