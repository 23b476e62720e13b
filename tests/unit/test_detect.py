from __future__ import annotations

import pytest

from safechat.detect import (
    GroomingStage,
    RuleHit,
    find_grooming_signals,
    find_pii,
    find_rule_hits,
)
from safechat.detect.grooming import GROOMING_PATTERNS, stage_of
from safechat.normalize import normalize
from tests.conftest import load_jsonl

CASES = load_jsonl("rule_cases.jsonl")


def _hits(text: str) -> tuple[str, list[RuleHit]]:
    model_text = normalize(text).text
    return model_text, find_rule_hits(model_text)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_rule_case(case: dict[str, object]) -> None:
    model_text, hits = _hits(str(case["text"]))
    assert sorted({h.rule for h in hits}) == sorted(set(case["rules"]))  # type: ignore[arg-type]
    if "masked" in case:
        maskable = [model_text[h.span.start : h.span.end] for h in hits if h.maskable]
        assert case["masked"] in maskable


def test_the_masked_spans_are_checked_for_some_cases() -> None:
    """test_rule_case checks the maskable span only for cases that give ``masked``."""
    masked = [case for case in CASES if "masked" in case]
    assert len(masked) >= 10
    assert {rule for case in masked for rule in case["rules"]} >= {"pii.phone"}  # type: ignore[attr-defined]


def test_every_grooming_stage_has_a_rule_and_a_case() -> None:
    stages = {p.rule.split(".", 1)[1] for p in GROOMING_PATTERNS}
    assert stages == {s.value for s in GroomingStage}
    covered = {r.split(".", 1)[1] for c in CASES for r in c["rules"] if r.startswith("grooming.")}  # type: ignore[attr-defined]
    assert covered == stages


def test_stage_of() -> None:
    (hit,) = find_grooming_signals("are you home alone")
    assert stage_of(hit) is GroomingStage.ALONE_CHECK


def test_requests_are_not_maskable() -> None:
    _, hits = _hits("whats your number")
    assert hits and not any(h.maskable for h in hits)


def test_phone_regions_are_respected() -> None:
    text = "ring 0151 23456789"
    assert find_pii(text, regions=("DE",))
    assert not [h for h in find_pii(text, regions=("US",)) if h.rule == "pii.phone"]


def test_numbers_in_two_regions_formats_are_both_found() -> None:
    """Regions are tried in turn until no phone-shaped run is left unclaimed: a number in the
    first region's format must not stop the search for one in the second's."""
    for text in ("text me on 07700 900123 or 0151 23456789", "call 0151 23456789 or 07700 900123"):
        phones = [
            text[h.span.start : h.span.end]
            for h in find_pii(text, regions=("GB", "DE"))
            if h.rule == "pii.phone"
        ]
        assert sorted(phones) == ["0151 23456789", "07700 900123"]


def test_the_prefilter_of_every_pattern_group_never_hides_a_match() -> None:
    """A group's prefilter and literal gates are optimisations: the hits must equal running every
    pattern on its own, on positives (the rule cases) and negatives (the neutral sentences)."""
    from pathlib import Path

    from safechat.detect import context, harm, imminence, pii, profanity
    from safechat.detect.base import run_patterns
    from safechat.types import Label

    neutral = Path(__file__).parents[1] / "data" / "neutral_sentences.txt"
    texts = [str(c["text"]) for c in CASES] + [
        line for line in neutral.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    groups = (
        pii._SHARING,
        pii._REQUESTS,
        harm._ENCOURAGEMENT,
        harm._THREATS,
        harm._SELF_HARM,
        GROOMING_PATTERNS,
        profanity.PROFANITY_PATTERNS,
        context.DISCLOSURE_PATTERNS,
        context.GROOMING_DISCLOSURE_PATTERNS,
        context.ABUSE_DISCLOSURE_PATTERNS,
        *(
            getattr(imminence._patterns(), name)
            for name in ("intent", "implied", "with_intent", "with_implied", "alone")
        ),
    )
    assert all(group.prefilter is not None for group in groups)
    fired = 0
    for text in texts:
        model_text = normalize(text).text
        for group in groups:
            with_prefilter = run_patterns(model_text, group, Label.PII)
            assert with_prefilter == run_patterns(model_text, tuple(group), Label.PII), text
            fired += bool(with_prefilter)
    assert fired >= len(CASES) // 2
