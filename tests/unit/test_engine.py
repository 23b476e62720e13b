from __future__ import annotations

import logging

import pytest

import safechat
from safechat import Action, AgeBand, InvalidInputError, Label, Message, ReasonSource, Role
from tests.unit.fixtures import failing_moderator, fake_moderator, reference_policy

KIND = "gg wp, see you tomorrow"


def test_public_api_is_pinned() -> None:
    assert sorted(safechat.__all__) == sorted(
        [
            "LABELS",
            "Action",
            "AgeBand",
            "BundleError",
            "Coverage",
            "Decision",
            "Evasion",
            "Helpline",
            "InferenceError",
            "InvalidInputError",
            "Label",
            "Message",
            "ModelBundle",
            "Moderator",
            "NormalizedText",
            "Policy",
            "PolicyError",
            "Prompt",
            "PromptDataError",
            "PromptOption",
            "Reason",
            "ReasonSource",
            "ReportReason",
            "ReportReceipt",
            "ReportStatus",
            "ReportStoreError",
            "Review",
            "Role",
            "SafechatError",
            "Scorer",
            "Scores",
            "Span",
            "__version__",
            "normalize",
        ]
    )
    for name in safechat.__all__:
        assert hasattr(safechat, name)


@pytest.mark.parametrize("band", [None, "", "under_13", "13_15", "16_17", "adult", "nonsense"])
def test_failing_model_never_allows(band: str | None) -> None:
    decision = failing_moderator().moderate(KIND, age_band=band)
    assert decision.fail_closed
    assert decision.action.severity >= Action.BLOCK.severity
    assert decision.scores is None
    assert decision.reasons[0].source is ReasonSource.ENGINE
    assert decision.sender_prompt is not None and decision.sender_prompt.text


def test_unknown_band_is_under_13() -> None:
    moderator, _ = fake_moderator()
    assert moderator.moderate(KIND, age_band="toddler").age_band is AgeBand.UNDER_13
    assert moderator.moderate(KIND).age_band is AgeBand.UNDER_13


def test_snap_handle_is_masked_with_a_pii_reason_and_span() -> None:
    moderator, _ = fake_moderator()
    text = "add me on snap: lily_2013"
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.action is Action.MASK
    assert decision.masked_text == "add me on snap: *********"
    reason = next(r for r in decision.reasons if r.code == "rule.pii.handle")
    assert reason.span is not None and text[reason.span.start : reason.span.end] == "lily_2013"
    assert Label.PII in decision.labels
    assert decision.sender_prompt is not None and decision.sender_prompt.label is Label.PII


def test_mask_span_maps_to_the_original_text() -> None:
    moderator, _ = fake_moderator()
    text = "call me 0\u200b7700 900123 ok"
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.masked_text is not None
    assert "0" not in decision.masked_text and decision.masked_text.endswith(" ok")


def test_kys_variants_give_one_decision() -> None:
    moderator, _ = fake_moderator()
    decisions = [moderator.moderate(t) for t in ["kys", "k y s", "k.y.s", "k\u0443s"]]
    assert {d.action for d in decisions} == {Action.BLOCK}
    assert {d.labels for d in decisions} == {(Label.BULLYING,)}


def test_batch_is_one_model_run_in_order() -> None:
    moderator, scorer = fake_moderator({"dumb": {"bullying": 0.95}})
    items = [KIND, Message("you are dumb", age_band="adult"), "kys", Message("hi", locale="fr")]
    decisions = moderator.moderate_batch(items)
    assert scorer.calls == [4]
    assert [d.action for d in decisions] == [Action.ALLOW, Action.BLOCK, Action.BLOCK, Action.ALLOW]
    assert decisions[1].age_band is AgeBand.ADULT
    assert decisions[3].locale == "fr"


def test_recipient_prompt_for_bullying_and_not_for_pii() -> None:
    moderator, _ = fake_moderator({"dumb": {"bullying": 0.6}})
    bullying = moderator.moderate("you are dumb")
    assert bullying.recipient_prompt is not None and bullying.recipient_prompt.role is Role.RECIPIENT
    pii = moderator.moderate("call me on 07700 900123")
    assert pii.recipient_prompt is None


def test_prompts_follow_the_locale() -> None:
    moderator, _ = fake_moderator({"dumb": {"bullying": 0.6}})
    english = moderator.moderate("you are dumb", locale="en")
    french = moderator.moderate("you are dumb", locale="fr-BE")
    assert english.sender_prompt is not None and french.sender_prompt is not None
    assert english.sender_prompt.text != french.sender_prompt.text
    assert french.sender_prompt.locale.startswith("fr")


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["list"]])
def test_wrong_types_raise_typed_errors(bad: object) -> None:
    moderator, _ = fake_moderator()
    with pytest.raises(InvalidInputError) as err:
        moderator.moderate(bad)  # type: ignore[arg-type]
    assert "must be str" in str(err.value)


def test_too_long_names_the_limit_not_the_text() -> None:
    moderator, _ = fake_moderator()
    with pytest.raises(InvalidInputError) as err:
        moderator.moderate("secret " * 20_000)
    assert "100000" in str(err.value) and "secret" not in str(err.value)


def test_decision_repr_and_logs_hold_no_text(caplog: pytest.LogCaptureFixture) -> None:
    moderator, _ = fake_moderator()
    with caplog.at_level(logging.DEBUG, logger="safechat"):
        decision = moderator.moderate("add me on snap: lily_2013 please")
    assert "lily_2013" not in repr(decision)
    assert "please" not in repr(decision)
    assert caplog.records and "lily" not in caplog.text and "please" not in caplog.text


def test_empty_text_is_moderated_not_refused() -> None:
    moderator, _ = fake_moderator()
    assert moderator.moderate("   ").action is Action.ALLOW


def test_repeats_are_scored_once_and_the_cache_is_bounded() -> None:
    from safechat.engine import Moderator as _Moderator
    from safechat.policy.prompts import PromptBook
    from safechat.testing import FakeScorer

    scorer = FakeScorer()
    moderator = _Moderator(scorer=scorer, policy=reference_policy(), prompts=PromptBook.load(), cache_size=2)
    moderator.moderate_batch(["gg", "GG", "lol", "gg"])  # "gg" and "GG" are different model texts
    assert scorer.calls == [3]
    moderator.moderate_batch(["lol", "gg"], age_band="adult")  # another band: decided again
    assert scorer.calls == [3, 1]  # "lol" was remembered; "gg" had been evicted
    decision = moderator.moderate("call me on 07700 900123")
    assert decision.masked_text is not None  # rules still run on cached scores


def test_cached_looks_up_a_decision_without_scoring() -> None:
    from safechat.engine import Moderator as _Moderator
    from safechat.policy.prompts import PromptBook
    from safechat.testing import FakeScorer

    scorer = FakeScorer({"idiot": {"bullying": 0.9}})
    moderator = _Moderator(scorer=scorer, policy=reference_policy(), prompts=PromptBook.load())
    assert moderator.cached("you idiot", age_band="13_15") is None
    assert scorer.calls == []
    decided = moderator.moderate("you idiot", age_band="13_15")
    assert moderator.cached("you idiot", age_band="13_15") is decided
    assert moderator.cached(Message("you idiot", "13_15")) is decided
    assert moderator.cached("you idiot", age_band="under_13") is None  # another band
    assert scorer.calls == [1]
    with pytest.raises(InvalidInputError):
        moderator.cached(b"bytes")  # type: ignore[arg-type]


def test_a_repeated_message_gets_the_remembered_decision_but_never_a_failed_one() -> None:
    from safechat.engine import Moderator as _Moderator
    from safechat.policy.prompts import PromptBook
    from safechat.testing import FakeScorer

    scorer = FakeScorer({"idiot": {"bullying": 0.9}})
    moderator = _Moderator(scorer=scorer, policy=reference_policy(), prompts=PromptBook.load())
    first = moderator.moderate("you idiot", age_band="13_15", locale="fr")
    assert moderator.moderate("you idiot", age_band="13_15", locale="fr") is first
    assert scorer.calls == [1]
    other_band = moderator.moderate("you idiot", age_band="under_13", locale="fr")
    other_locale = moderator.moderate("you idiot", age_band="13_15", locale="de")
    assert other_band.age_band.value == "under_13" and other_locale.locale == "de"

    failing = [True]

    class Flaky(FakeScorer):
        def score_batch(self, texts):  # type: ignore[no-untyped-def]
            if failing[0]:
                raise RuntimeError("transient")
            return super().score_batch(texts)

    flaky = _Moderator(scorer=Flaky(), policy=reference_policy(), prompts=PromptBook.load())
    assert flaky.moderate("hello there").fail_closed
    failing[0] = False
    assert not flaky.moderate("hello there").fail_closed
