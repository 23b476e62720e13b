"""Decisions as JSON objects and as readable text for the command line."""

from __future__ import annotations

from typing import Any

from safechat.types import LABELS, Coverage, Decision, Prompt, Reason

_COVERAGE_TEXT = {
    Coverage.TRAINED: "the model was trained on this language",
    Coverage.ZERO_SHOT: "the model knows this language but was not trained on it: weaker scores",
    Coverage.NONE: "no model could read this text: the rules and the band's unread action decided",
}


def decision_json(decision: Decision) -> dict[str, Any]:
    """The full decision as plain JSON data (used by ``safechat check --json``)."""
    return {
        "action": decision.action.value,
        "scores": score_json(decision),
        "labels": [label.value for label in decision.labels],
        "reasons": [reason_json(r) for r in decision.reasons],
        "masked_text": decision.masked_text,
        "support": decision.support,
        "sender_prompt": prompt_json(decision.sender_prompt),
        "recipient_prompt": prompt_json(decision.recipient_prompt),
        "age_band": decision.age_band.value,
        "locale": decision.locale,
        "evasions": list(decision.evasions),
        "model_version": decision.model_version,
        "policy_version": decision.policy_version,
        "fail_closed": decision.fail_closed,
        "language": decision.language,
        "review": review_json(decision),
        "coverage": decision.coverage.value,
    }


def review_json(decision: Decision) -> str | None:
    """``"routine"``, ``"urgent"`` or ``None``: whether a person must look at the message."""
    return decision.review.value if decision.review is not None else None


def score_json(decision: Decision) -> dict[str, float | None]:
    """All eight labels, always; ``null`` values when the decision failed closed or no model
    could read the message (coverage ``none``)."""
    if decision.scores is None:
        return {label.value: None for label in LABELS}
    return {label.value: round(decision.scores[label], 6) for label in LABELS}


def reason_json(reason: Reason) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": reason.code,
        "label": reason.label.value if reason.label else None,
        "source": reason.source.value,
        "action": reason.action.value,
    }
    if reason.score is not None:
        data["score"] = round(reason.score, 6)
        data["threshold"] = reason.threshold
    if reason.span is not None:
        data["span"] = [reason.span.start, reason.span.end]
    if reason.exemplar is not None:
        data["exemplar"] = reason.exemplar
    if reason.review is not None:
        data["review"] = reason.review.value
    return data


def prompt_json(prompt: Prompt | None) -> dict[str, Any] | None:
    if prompt is None:
        return None
    helpline = prompt.helpline
    return {
        "label": prompt.label.value if prompt.label else None,
        "role": prompt.role.value,
        "locale": prompt.locale,
        "text": prompt.text,
        "rule": prompt.rule,
        "options": [o.value for o in prompt.options],
        "helpline": None
        if helpline is None
        else {
            "country": helpline.country,
            "name": helpline.name,
            "phone": helpline.phone,
            "url": helpline.url,
        },
    }


def decision_text(decision: Decision) -> str:
    """A few readable lines for a person at a terminal."""
    lines = [f"action: {decision.action.value}" + ("  (failed closed)" if decision.fail_closed else "")]
    lines.append("labels: " + (", ".join(label.value for label in decision.labels) or "none"))
    for reason in decision.reasons:
        detail = reason.code
        if reason.score is not None:
            detail += f"  score {reason.score:.3f} >= {reason.threshold}"
        if reason.span is not None:
            detail += f"  span [{reason.span.start}, {reason.span.end})"
        if reason.review is not None:
            detail += f"  review {reason.review.value}"
        lines.append(f"  - {detail} -> {reason.action.value}")
    if decision.masked_text is not None:
        lines.append(f"masked: {decision.masked_text}")
    if decision.support:
        lines.append("support: show the writer where to get help")
    if decision.review is not None:
        lines.append(f"review: {decision.review.value} (a person must look, whatever the action)")
    if decision.evasions:
        lines.append("evasions: " + ", ".join(decision.evasions))
    if decision.scores is not None:
        lines.append("scores: " + "  ".join(f"{k.value}={decision.scores[k]:.3f}" for k in LABELS))
    for title, prompt in (("to sender", decision.sender_prompt), ("to recipient", decision.recipient_prompt)):
        if prompt is not None:
            lines.append(f"{title}: {prompt.text}")
            lines.append(f"    options: {', '.join(o.value for o in prompt.options)}")
            if prompt.helpline is not None:
                h = prompt.helpline
                lines.append(f"    help: {h.name} {h.phone or ''} {h.url or ''}".rstrip())
    coverage = _COVERAGE_TEXT[decision.coverage]
    lines.append(
        f"language: {decision.language or 'unknown'}   coverage: {decision.coverage.value} ({coverage})"
    )
    lines.append(f"model: {decision.model_version}   policy: {decision.policy_version}")
    return "\n".join(lines)
