"""The sidecar's conversion between protobuf messages and safechat's types, field by field
(safechat_server.convert; found by mutation testing, docs/mutation-testing.md): every field of a
decision reaches the wire, every request field is checked with the field's own name, and each
limit holds at its boundary."""

from __future__ import annotations

import pytest
from safechat_server import convert
from safechat_server.convert import FieldProblem, InvalidField

from safechat import (
    Action,
    AgeBand,
    Coverage,
    Decision,
    Label,
    Message,
    Prompt,
    PromptOption,
    Reason,
    ReasonSource,
    Review,
    Role,
    Scores,
)
from safechat.conversation import ChatMessage
from safechat.types import Helpline, Span
from safechat.v1 import moderation_pb2 as pb

HELPLINE = Helpline("FR", "Fil Santé Jeunes", "0800 235 236", "https://example.org/fsj", "9-23")
SENDER_PROMPT = Prompt(
    Label.BULLYING,
    Role.SENDER,
    "fr",
    AgeBand.AGE_13_15,
    "Pas de moqueries ici.",
    "bullying",
    (PromptOption.EDIT, PromptOption.TALK_TO_SOMEONE),
    HELPLINE,
)
RECIPIENT_PROMPT = Prompt(
    None, Role.RECIPIENT, "fr", AgeBand.AGE_13_15, "Tu peux le signaler.", "any", (PromptOption.REPORT,), None
)
SCORES = Scores.of([0.11, 0.23, 0.31, 0.42, 0.57, 0.64, 0.78, 0.93])
FULL = Decision(
    action=Action.MASK,
    scores=SCORES,
    labels=(Label.BULLYING, Label.PII),
    reasons=(
        Reason(
            "model.bullying",
            Label.BULLYING,
            ReasonSource.MODEL,
            Action.WARN,
            score=0.5,
            threshold=0.4,
            exemplar="bank-3",
        ),
        Reason("rule.pii.phone", Label.PII, ReasonSource.RULE, Action.MASK, span=Span(5, 12)),
        Reason(
            "conversation.dogpiling",
            Label.BULLYING,
            ReasonSource.CONVERSATION,
            Action.BLOCK,
            evidence=("m1", "m2"),
            review=Review.URGENT,
        ),
        Reason("evasion.leetspeak", None, ReasonSource.EVASION, Action.BLOCK),
    ),
    sender_prompt=SENDER_PROMPT,
    recipient_prompt=RECIPIENT_PROMPT,
    masked_text="call ******* now",
    support=True,
    age_band=AgeBand.AGE_13_15,
    locale="fr",
    evasions=("leetspeak", "spaced"),
    model_version="safechat-en-minilm 0.5.0",
    policy_version="default-0.6.4",
    fail_closed=True,
    language="fr",
    review=Review.ROUTINE,
    coverage=Coverage.ZERO_SHOT,
)


def test_every_field_of_a_decision_reaches_the_wire() -> None:
    expected = pb.Decision(
        action=pb.ACTION_MASK,
        scores=pb.Scores(
            bullying=0.11,
            hate=0.23,
            threat=0.31,
            sexual=0.42,
            grooming=0.57,
            self_harm=0.64,
            pii=0.78,
            profanity=0.93,
        ),
        labels=[pb.LABEL_BULLYING, pb.LABEL_PII],
        reasons=[
            pb.Reason(
                code="model.bullying",
                label=pb.LABEL_BULLYING,
                source=pb.REASON_SOURCE_MODEL,
                action=pb.ACTION_WARN,
                score=0.5,
                threshold=0.4,
                exemplar="bank-3",
                review=pb.REVIEW_NONE,
            ),
            pb.Reason(
                code="rule.pii.phone",
                label=pb.LABEL_PII,
                source=pb.REASON_SOURCE_RULE,
                action=pb.ACTION_MASK,
                span=pb.Span(start=5, end=12),
            ),
            pb.Reason(
                code="conversation.dogpiling",
                label=pb.LABEL_BULLYING,
                source=pb.REASON_SOURCE_CONVERSATION,
                action=pb.ACTION_BLOCK,
                evidence=["m1", "m2"],
                review=pb.REVIEW_URGENT,
            ),
            pb.Reason(
                code="evasion.leetspeak",
                label=pb.LABEL_UNSPECIFIED,
                source=pb.REASON_SOURCE_EVASION,
                action=pb.ACTION_BLOCK,
            ),
        ],
        sender_prompt=pb.Prompt(
            label=pb.LABEL_BULLYING,
            role=pb.ROLE_SENDER,
            locale="fr",
            age_band=pb.AGE_BAND_13_15,
            text="Pas de moqueries ici.",
            rule="bullying",
            options=[pb.PROMPT_OPTION_EDIT, pb.PROMPT_OPTION_TALK_TO_SOMEONE],
            helpline=pb.Helpline(
                country="FR",
                name="Fil Santé Jeunes",
                phone="0800 235 236",
                url="https://example.org/fsj",
                hours="9-23",
            ),
        ),
        recipient_prompt=pb.Prompt(
            label=pb.LABEL_UNSPECIFIED,
            role=pb.ROLE_RECIPIENT,
            locale="fr",
            age_band=pb.AGE_BAND_13_15,
            text="Tu peux le signaler.",
            rule="any",
            options=[pb.PROMPT_OPTION_REPORT],
        ),
        masked_text="call ******* now",
        support=True,
        age_band=pb.AGE_BAND_13_15,
        locale="fr",
        evasions=["leetspeak", "spaced"],
        model_version="safechat-en-minilm 0.5.0",
        policy_version="default-0.6.4",
        fail_closed=True,
        language="fr",
        message_id="msg-9",
        review=pb.REVIEW_ROUTINE,
        coverage=pb.COVERAGE_ZERO_SHOT,
    )
    assert convert.decision_to_pb(FULL, message_id="msg-9") == expected
    # the optional fields are present: set, even where a value equals the default
    out = convert.decision_to_pb(FULL)
    assert out.message_id == ""
    assert out.HasField("scores") and out.HasField("masked_text")
    assert out.HasField("sender_prompt") and out.HasField("recipient_prompt")
    assert out.sender_prompt.HasField("helpline") and not out.recipient_prompt.HasField("helpline")
    first, second = out.reasons[0], out.reasons[1]
    assert first.HasField("score") and first.HasField("threshold") and first.HasField("exemplar")
    assert not first.HasField("span") and second.HasField("span")
    assert (
        not second.HasField("score") and not second.HasField("threshold") and not second.HasField("exemplar")
    )


def test_an_empty_decision_leaves_the_optional_fields_unset() -> None:
    empty = Decision(Action.ALLOW, None, (), (), None, None, coverage=Coverage.NONE)
    out = convert.decision_to_pb(empty)
    assert out == pb.Decision(
        action=pb.ACTION_ALLOW, age_band=pb.AGE_BAND_UNDER_13, locale="en", coverage=pb.COVERAGE_NONE
    )
    for name in ("scores", "masked_text", "sender_prompt", "recipient_prompt"):
        assert not out.HasField(name), name


def test_a_score_of_zero_is_still_sent() -> None:
    reason = Reason("model.pii", Label.PII, ReasonSource.MODEL, Action.MASK, score=0.0, threshold=0.0)
    out = convert.decision_to_pb(Decision(Action.MASK, None, (), (reason,), None, None)).reasons[0]
    assert out.HasField("score") and out.score == 0.0
    assert out.HasField("threshold") and out.threshold == 0.0


def test_a_helpline_without_phone_url_or_hours_sends_empty_strings() -> None:
    prompt = Prompt(
        Label.SELF_HARM,
        Role.SENDER,
        "en",
        AgeBand.UNDER_13,
        "t",
        "self_harm",
        (),
        Helpline("GB", "Childline", None, None),
    )
    out = convert.prompt_to_pb(prompt)
    assert out.helpline == pb.Helpline(country="GB", name="Childline")
    assert out.label == pb.LABEL_SELF_HARM and out.age_band == pb.AGE_BAND_UNDER_13


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (Coverage.TRAINED, pb.COVERAGE_TRAINED),
        (Coverage.ZERO_SHOT, pb.COVERAGE_ZERO_SHOT),
        (Coverage.NONE, pb.COVERAGE_NONE),
    ],
)
def test_each_coverage_converts(value: Coverage, number: int) -> None:
    assert convert.coverage_to_pb(value) == number


@pytest.mark.parametrize(
    ("value", "number"),
    [(None, pb.REVIEW_NONE), (Review.ROUTINE, pb.REVIEW_ROUTINE), (Review.URGENT, pb.REVIEW_URGENT)],
)
def test_each_review_converts(value: Review | None, number: int) -> None:
    assert convert.review_to_pb(value) == number


@pytest.mark.parametrize(
    ("number", "band"),
    [
        (pb.AGE_BAND_UNDER_13, AgeBand.UNDER_13),
        (pb.AGE_BAND_13_15, AgeBand.AGE_13_15),
        (pb.AGE_BAND_16_17, AgeBand.AGE_16_17),
        (pb.AGE_BAND_ADULT, AgeBand.ADULT),
    ],
)
def test_each_age_band_converts_both_ways(number: int, band: AgeBand) -> None:
    assert convert.age_band(number, "age_band") is band
    decision = Decision(Action.ALLOW, None, (), (), None, None, age_band=band)
    assert convert.decision_to_pb(decision).age_band == number


def test_an_unknown_age_band_names_its_field() -> None:
    with pytest.raises(InvalidField) as err:
        convert.age_band(99, "messages[2].recipient_age_band")
    assert err.value.problem == FieldProblem("messages[2].recipient_age_band", "unknown age band 99")
    assert str(err.value) == "messages[2].recipient_age_band: unknown age band 99"


def _problem(call: object, *args: object, **kwargs: object) -> FieldProblem:
    assert callable(call)
    with pytest.raises(InvalidField) as err:
        call(*args, **kwargs)
    return err.value.problem


def test_a_request_becomes_a_message() -> None:
    request = pb.ModerateRequest(
        text="hello there", age_band=pb.AGE_BAND_16_17, locale="fr-BE", country="BE", message_id="m" * 256
    )
    assert convert.message_from_request(request, max_text_chars=11) == Message(
        text="hello there", age_band=AgeBand.AGE_16_17, locale="fr-BE", country="BE"
    )
    bare = convert.message_from_request(pb.ModerateRequest(text="hi"), max_text_chars=10)
    assert bare == Message(text="hi", age_band=AgeBand.UNDER_13, locale=None, country=None)


@pytest.mark.parametrize("name", ["message_id", "sender_id", "conversation_id"])
@pytest.mark.parametrize("field", ["", "requests[4]"])
def test_an_over_long_id_names_its_field(name: str, field: str) -> None:
    request = pb.ModerateRequest(text="hi", **{name: "x" * 257})
    given = {"field": field} if field else {}  # no field given: the top-level request's names
    problem = _problem(convert.message_from_request, request, max_text_chars=10, **given)
    prefix = f"{field}." if field else ""
    assert problem == FieldProblem(f"{prefix}{name}", "is 257 characters; the limit is 256")


@pytest.mark.parametrize(
    ("request_fields", "problem"),
    [
        ({"text": ""}, FieldProblem("requests[1].text", "must not be empty")),
        ({"text": "x" * 11}, FieldProblem("requests[1].text", "is 11 characters; the limit is 10")),
        ({"text": "hi", "age_band": 7}, FieldProblem("requests[1].age_band", "unknown age band 7")),
        (
            {"text": "hi", "locale": "e" * 36},
            FieldProblem("requests[1].locale", "must be a language tag such as en or fr-BE"),
        ),
        (
            {"text": "hi", "locale": "en US"},
            FieldProblem("requests[1].locale", "must be a language tag such as en or fr-BE"),
        ),
        (
            {"text": "hi", "country": "FRA"},
            FieldProblem("requests[1].country", "must be an ISO 3166-1 alpha-2 code"),
        ),
        (
            {"text": "hi", "country": "F"},
            FieldProblem("requests[1].country", "must be an ISO 3166-1 alpha-2 code"),
        ),
        (
            {"text": "hi", "country": "F1"},
            FieldProblem("requests[1].country", "must be an ISO 3166-1 alpha-2 code"),
        ),
    ],
)
def test_a_bad_request_field_is_named(request_fields: dict[str, object], problem: FieldProblem) -> None:
    request = pb.ModerateRequest(**request_fields)  # type: ignore[arg-type]
    assert _problem(convert.message_from_request, request, max_text_chars=10, field="requests[1]") == problem


@pytest.mark.parametrize("locale", ["", "en", "fr-BE", "zh_Hant", "e" * 35, "sr-Latn-RS"])
def test_language_tags_up_to_35_characters_are_accepted(locale: str) -> None:
    convert.check_locale(locale, "")
    convert.check_locale(locale, "fr")


@pytest.mark.parametrize("locale", ["en.US", "en/US", "en US", "e" * 36])
def test_other_locales_are_refused_with_the_prefix(locale: str) -> None:
    problem = _problem(convert.check_locale, locale, "", prefix="p.")
    assert problem.field == "p.locale"


def test_an_app_id_of_256_characters_is_accepted() -> None:
    convert.check_id("x" * 256, "message_id")
    assert _problem(convert.check_id, "x" * 257, "message_id") == FieldProblem(
        "message_id", "is 257 characters; the limit is 256"
    )


def test_a_review_message_carries_the_ids_and_none_for_empty_ones() -> None:
    message = Message(text="hi", age_band=AgeBand.UNDER_13)
    with_ids = convert.review_message(message, message_id="m1", sender_id="s1", conversation_id="c1")
    assert (with_ids.message_id, with_ids.sender_id, with_ids.conversation_id) == ("m1", "s1", "c1")
    assert with_ids.text == "hi"
    without = convert.review_message(message, message_id="", sender_id="", conversation_id="")
    assert (without.message_id, without.sender_id, without.conversation_id) == (None, None, None)


def test_a_stream_item_becomes_a_chat_message() -> None:
    item = pb.ConversationMessage(
        conversation_id="c1",
        message_id="m3",
        sender="adult-1",
        recipient="kid-1",
        sender_age_band=pb.AGE_BAND_ADULT,
        recipient_age_band=pb.AGE_BAND_13_15,
        text="how old are you",
        locale="en-GB",
        timestamp=1_800_000_000.5,
        country="GB",
    )
    assert convert.chat_message(item, 3, 100) == ChatMessage(
        conversation_id="c1",
        sender="adult-1",
        text="how old are you",
        message_id="m3",
        recipient="kid-1",
        sender_age_band=AgeBand.ADULT,
        recipient_age_band=AgeBand.AGE_13_15,
        locale="en-GB",
        country="GB",
        timestamp=1_800_000_000.5,
    )


def test_a_stream_item_s_unset_fields_mean_unknown_everyone_and_now() -> None:
    item = pb.ConversationMessage(conversation_id="c1", sender="s", text="hi")
    message = convert.chat_message(item, 0, 100)
    assert message == ChatMessage(
        conversation_id="c1", sender="s", text="hi", recipient_age_band=AgeBand.UNDER_13
    )
    assert message.sender_age_band is None and message.recipient is None and message.timestamp is None
    # an under-13 sender set explicitly is not the same as no sender band
    explicit = pb.ConversationMessage(
        conversation_id="c1", sender="s", text="hi", sender_age_band=pb.AGE_BAND_UNDER_13
    )
    assert convert.chat_message(explicit, 0, 100).sender_age_band is AgeBand.UNDER_13


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"sender": "s", "text": "hi"}, FieldProblem("messages[5].conversation_id", "must not be empty")),
        ({"conversation_id": "c", "text": "hi"}, FieldProblem("messages[5].sender", "must not be empty")),
        (
            {"conversation_id": "c", "sender": "s", "text": ""},
            FieldProblem("messages[5].text", "must not be empty"),
        ),
        (
            {"conversation_id": "c", "sender": "s", "text": "hi", "sender_age_band": 9},
            FieldProblem("messages[5].sender_age_band", "unknown age band 9"),
        ),
        (
            {"conversation_id": "c", "sender": "s", "text": "hi", "recipient_age_band": 9},
            FieldProblem("messages[5].recipient_age_band", "unknown age band 9"),
        ),
        (
            {"conversation_id": "c", "sender": "s", "text": "hi", "country": "GBR"},
            FieldProblem("messages[5].country", "must be an ISO 3166-1 alpha-2 code"),
        ),
        (
            {"conversation_id": "c", "sender": "s", "text": "x" * 4},
            FieldProblem("messages[5].text", "is 4 characters; the limit is 3"),
        ),
    ],
)
def test_a_bad_stream_item_names_its_field(fields: dict[str, object], problem: FieldProblem) -> None:
    item = pb.ConversationMessage(**fields)  # type: ignore[arg-type]
    assert _problem(convert.chat_message, item, 5, 3) == problem


def test_without_a_prefix_the_locale_and_country_are_named_alone() -> None:
    assert _problem(convert.check_locale, "e" * 36, "").field == "locale"
    assert _problem(convert.check_locale, "en", "GBR").field == "country"
