"""Invariants that must hold for any message (issue 29 item 3), checked with hypothesis on the
decision path: the policy, the rules and the engine, with fake scores so any score can occur.

Normalising twice changing nothing, and an error path never allowing, are held in
test_normalize.py and test_hardening.py."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from safechat import Action, AgeBand, InvalidInputError, Moderator
from safechat.detect import find_rule_hits
from safechat.normalize import normalize
from safechat.policy.decide import decide
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import LABELS, Decision, Scores
from tests.unit.fixtures import fake_moderator, reference_policy

BANDS = list(AgeBand)  # youngest first
RULE_TEXTS = [
    json.loads(line)["text"]
    for line in (Path(__file__).resolve().parents[1] / "data" / "rule_cases.jsonl")
    .read_text("utf-8")
    .splitlines()
]
LANGUAGES = [None, "en", "de", "es", "fr", "it", "nl", "pl", "pt", "uk"]
POLICIES = {"default": Policy.default(), "reference": reference_policy()}

scores = st.builds(Scores, **{label.value: st.floats(0.0, 1.0) for label in LABELS})


@settings(max_examples=400, deadline=None)
@given(
    policy=st.sampled_from(sorted(POLICIES)),
    text=st.sampled_from(RULE_TEXTS),
    given_scores=scores,
    language=st.sampled_from(LANGUAGES),
)
def test_a_younger_band_never_allows_what_an_older_band_blocks(
    policy: str, text: str, given_scores: Scores, language: str | None
) -> None:
    hits = find_rule_hits(normalize(text).text)
    actions = [
        decide(POLICIES[policy].band(band), given_scores, hits, language=language).action for band in BANDS
    ]
    for younger, action in enumerate(actions):
        for older in actions[younger + 1 :]:
            assert not (action is Action.ALLOW and older.severity >= Action.BLOCK.severity), actions


_WORDS = st.sampled_from(
    ["hey", "lol", "add me", "my", "snap", "is", "call", "me", "on", "gg", "ok", ":", "."]
)
_PII = st.sampled_from(
    [
        "add me on snap: lily_2013",
        "my insta is @lily.rose",
        "text me on 07700 900123",
        "my email is lily.rose@example.com",
        "i live at 12 Oak Tree Road",
        "discord.gg/abc123",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(_WORDS, max_size=4).map(" ".join),
    shared=_PII,
    after=st.lists(_WORDS, max_size=4).map(" ".join),
    band=st.sampled_from(BANDS),
    pii_score=st.floats(0.0, 1.0),
)
def test_a_delivered_message_never_shows_a_span_it_masks(
    before: str, shared: str, after: str, band: AgeBand, pii_score: float
) -> None:
    text = f"{before} {shared} {after}".strip()
    moderator, _ = fake_moderator({"": {"pii": pii_score}})
    decision = moderator.moderate(text, age_band=band)
    # the values the PII detectors found and the policy masks (a grooming phrase beside them, such
    # as "add me on snap", may ask for mask too, but masking hides the value, not the phrase)
    masked = [
        r
        for r in decision.reasons
        if r.action is Action.MASK and r.span is not None and r.code.startswith("rule.pii.")
    ]
    if decision.action is Action.MASK:
        assert masked and decision.masked_text is not None
    shown = decision.masked_text if decision.masked_text is not None else text
    assert len(shown) == len(text)
    for reason in masked if decision.delivered else ():
        assert reason.span is not None
        hidden = shown[reason.span.start : reason.span.end]
        assert all(char == "*" or char.isspace() for char in hidden), reason.code


def _moderator(max_text_chars: int) -> Moderator:
    return Moderator(
        scorer=FakeScorer(None, default=0.5),
        policy=reference_policy(),
        prompts=PromptBook.load(),
        max_text_chars=max_text_chars,
        queue_reviews=False,
    )


_SMALL = _moderator(40)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(max_size=80),
    band=st.one_of(st.none(), st.sampled_from([*(b.value for b in BANDS), "teen", ""])),
    locale=st.one_of(st.none(), st.sampled_from(["en", "fr-BE", "xx", "", "pt_BR"])),
)
def test_any_text_gets_a_decision_or_the_documented_error(
    text: str, band: str | None, locale: str | None
) -> None:
    try:
        decision = _SMALL.moderate(text, age_band=band, locale=locale)
    except InvalidInputError:
        assert len(text) > 40  # the only documented error for a string: longer than max_text_chars
        return
    assert isinstance(decision, Decision) and len(text) <= 40
    assert not decision.fail_closed  # a fake scorer never fails: no input may break the engine
