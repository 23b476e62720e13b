"""Language routing: each message goes to the bundle for its language, the decision says which,
and without a given locale the prompts speak the child's language."""

from __future__ import annotations

import logging

import pytest

from safechat.engine import Message, Moderator
from safechat.errors import BundleError
from safechat.language import LanguageDetector, locale_language
from safechat.model.router import Routing
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, Decision, Label
from tests.unit.fixtures import reference_policy

GERMAN = "du bist so dumm, niemand mag dich"
FRENCH = "t'es trop nul, personne ne t'aime"
POLISH = "jesteś głupi i nikt cię nie lubi"
ENGLISH = "you are so stupid, nobody likes you"
INSULTS = {"dumm": {"bullying": 0.95}, "nul": {"bullying": 0.95}, "głupi": {"bullying": 0.95}}


def _moderator(
    routing: Routing | str = Routing.AUTO, multilingual: object = "fake"
) -> tuple[Moderator, FakeScorer, FakeScorer]:
    english = FakeScorer({"stupid": {"bullying": 0.95}}, version="english 1")
    other = FakeScorer(INSULTS, version="multilingual 1")
    moderator = Moderator(
        scorer=english,
        policy=reference_policy(),
        prompts=PromptBook.load(),
        multilingual=other if multilingual == "fake" else multilingual,  # type: ignore[arg-type]
        routing=routing,
    )
    return moderator, english, other


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (FRENCH, "fr"), (POLISH, "pl")])
def test_other_languages_go_to_the_multilingual_bundle_and_get_prompts_in_their_language(
    text: str, language: str
) -> None:
    moderator, english, other = _moderator()
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.language == language
    assert decision.model_version == "multilingual 1"
    assert Label.BULLYING in decision.labels and decision.action is not Action.ALLOW
    assert decision.locale == language
    assert decision.sender_prompt is not None and decision.sender_prompt.locale == language
    assert english.calls == [] and other.calls == [1]


def test_english_and_unclear_messages_stay_on_the_default_bundle() -> None:
    moderator, english, other = _moderator()
    decisions = moderator.moderate_batch([ENGLISH, "gg", "lol ok", "kys"])
    assert [d.model_version for d in decisions] == ["english 1"] * 4
    assert decisions[0].language == "en"
    assert [d.language for d in decisions[1:]] == [None, None, None]
    assert all(d.locale == "en" for d in decisions)
    assert other.calls == []


def test_a_mixed_batch_is_split_by_language_and_comes_back_in_order() -> None:
    moderator, english, other = _moderator()
    texts = [GERMAN, ENGLISH, "gg", POLISH, FRENCH]
    decisions = moderator.moderate_batch(texts)
    assert [d.model_version for d in decisions] == [
        "multilingual 1", "english 1", "english 1", "multilingual 1", "multilingual 1",
    ]  # fmt: skip
    assert [d.language for d in decisions] == ["de", "en", None, "pl", "fr"]
    assert sorted(english.calls + other.calls) == [2, 3]


def test_a_given_locale_is_kept_whatever_the_language() -> None:
    moderator, _, _ = _moderator()
    decision = moderator.moderate_batch([Message(GERMAN, "under_13", "fr-BE")])[0]
    assert decision.language == "de" and decision.model_version == "multilingual 1"
    assert decision.locale == "fr-BE"
    assert decision.sender_prompt is not None and decision.sender_prompt.locale == "fr"


def test_a_short_message_goes_to_the_bundle_of_the_locale_sent_with_it() -> None:
    moderator, english, other = _moderator()
    decisions = moderator.moderate_batch(
        [
            Message("du opfer", "under_13", "de-AT"),
            Message("gg", "under_13", "pl"),
            Message("gg", "under_13", "en-GB"),
        ]
    )
    assert [d.language for d in decisions] == [None, None, None]  # too short to detect
    assert [d.model_version for d in decisions] == ["multilingual 1", "multilingual 1", "english 1"]
    assert english.calls == [1] and other.calls == [2]


def test_a_locale_the_multilingual_bundle_does_not_read_stays_on_the_default_bundle() -> None:
    moderator, _, other = _moderator()
    decision = moderator.moderate_batch([Message("ти лох", "under_13", "uk")])[0]
    assert decision.model_version == "english 1" and other.calls == []


def test_single_routing_uses_the_default_bundle_for_everything() -> None:
    moderator, english, other = _moderator(Routing.SINGLE)
    decisions = moderator.moderate_batch([GERMAN, ENGLISH])
    assert [d.model_version for d in decisions] == ["english 1", "english 1"]
    assert decisions[0].locale == "de"  # the prompts still speak the child's language
    assert other.calls == []


def test_multilingual_routing_uses_that_bundle_for_everything() -> None:
    moderator, english, _ = _moderator("multilingual")
    decisions = moderator.moderate_batch([GERMAN, ENGLISH, "gg"])
    assert {d.model_version for d in decisions} == {"multilingual 1"}
    assert english.calls == []


def test_the_multilingual_bundle_is_built_on_first_need_only() -> None:
    built: list[int] = []

    def build() -> FakeScorer:
        built.append(1)
        return FakeScorer(INSULTS, version="multilingual 1")

    moderator, _, _ = _moderator(multilingual=build)
    moderator.moderate_batch([ENGLISH, "gg"])
    assert built == []
    assert moderator.moderate(GERMAN).model_version == "multilingual 1"
    moderator.moderate(FRENCH)
    assert built == [1]


def test_a_multilingual_bundle_that_cannot_load_falls_back_to_the_default(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> FakeScorer:
        raise BundleError("sha256 mismatch for model.onnx")

    moderator, _, _ = _moderator(multilingual=broken)
    with caplog.at_level(logging.ERROR, logger="safechat"):
        decisions = [moderator.moderate(GERMAN), moderator.moderate(FRENCH)]
    assert [d.model_version for d in decisions] == ["english 1", "english 1"]
    assert not any(d.fail_closed for d in decisions)
    assert sum("cannot be loaded" in r.getMessage() for r in caplog.records) == 1
    assert not any(GERMAN in r.getMessage() for r in caplog.records)


def test_routing_is_validated() -> None:
    with pytest.raises(ValueError, match="routing must be one of"):
        _moderator("by-country")
    with pytest.raises(ValueError, match="needs a multilingual bundle"):
        _moderator("multilingual", multilingual=None)


def test_the_detector_needs_enough_letters_and_confidence() -> None:
    detector = LanguageDetector()
    assert detector.detect("gg").language is None
    assert detector.detect("ok 123 :)").language is None
    assert detector.detect(GERMAN).language == "de"
    assert detector.detect("είσαι πολύ χαζός και κανείς δεν σε θέλει").language == "el"
    assert detector.detect("sen çok aptalsın, kimse seni sevmiyor").language == "tr"
    with pytest.raises(ValueError, match="min_confidence"):
        LanguageDetector(min_confidence=1.5)


# A profanity score between the default policy's plain threshold (0.33) and its English one (0.5).
MILD = {"darn": {"profanity": 0.4}}


def _profanity_moderator(routing: Routing | str = Routing.AUTO) -> Moderator:
    return Moderator(
        scorer=FakeScorer(MILD, version="english 1"),
        policy=reference_policy(),
        prompts=PromptBook.load(),
        multilingual=FakeScorer(MILD, version="multilingual 1"),
        routing=routing,
    )


def _profane(decision: Decision) -> bool:
    return Label.PROFANITY in decision.labels


def test_language_thresholds_follow_the_detected_language() -> None:
    moderator = _profanity_moderator()
    english, german = moderator.moderate_batch(
        ["this homework is darn long and so boring", "diese hausaufgabe ist darn lang und so langweilig"]
    )
    assert (english.language, german.language) == ("en", "de")
    assert not _profane(english)  # 0.4 < en 0.5
    assert _profane(german)  # 0.4 >= 0.33


@pytest.mark.parametrize(
    ("locale", "profane"), [(None, True), ("en-GB", False), ("en_US.UTF-8", False), ("de", True)]
)
def test_without_a_detected_language_the_given_locale_picks_the_thresholds(
    locale: str | None, profane: bool
) -> None:
    decision = _profanity_moderator().moderate("darn it", age_band="under_13", locale=locale)
    assert decision.language is None  # too short to tell: reported as unknown
    assert _profane(decision) is profane


def test_single_routing_skips_detection_and_uses_the_given_locale_for_thresholds() -> None:
    moderator = _profanity_moderator(Routing.SINGLE)
    text = "diese hausaufgabe ist darn lang und so langweilig"
    assert not _profane(moderator.moderate(text, locale="en"))
    assert _profane(moderator.moderate(text, locale="de-AT"))


@pytest.mark.parametrize(
    ("locale", "language"),
    [("fr-BE", "fr"), ("fr_BE.UTF-8", "fr"), ("de_DE@euro", "de"), ("EN", "en"), ("zh-Hant-TW", "zh"),
     ("fil", "fil"), ("", None), (None, None), ("123", None), ("english", None), ("-", None)],
)  # fmt: skip
def test_locale_language_reads_the_language_subtag(locale: str | None, language: str | None) -> None:
    assert locale_language(locale) == language
