"""Turning scores and rule hits into an action, reasons, masking and support, for one band.

Pure functions of their inputs: no I/O, no randomness, no message text in anything but the
masked text itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from safechat.detect import RuleHit
from safechat.normalize import Evasion
from safechat.policy.policy import CONTEXT_FAMILY, BandPolicy, LabelRule
from safechat.types import LABELS, Action, Label, Reason, ReasonSource, Review, Scores, Span

_EMPHASIS = frozenset({Evasion.REPEATED})
"""Evasions that are ordinary emphasis in chat ("sooo"): recorded, but never raise an action."""

_TEMPERED = ".tempered"
"""The suffix of a reason whose score or hit a rule settled."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy decided, before prompts are attached."""

    action: Action
    labels: tuple[Label, ...]
    reasons: tuple[Reason, ...]
    mask_spans: tuple[Span, ...]
    support: bool
    review: Review | None = None


@dataclass(frozen=True, slots=True)
class _Settled:
    """What context rules settle: labels whose model scores give the rule's action instead, and
    sentences inside which the other rules' hits for some labels do the same."""

    labels: Mapping[Label, Action]
    spans: tuple[tuple[Span, frozenset[Label], Action], ...]

    def action_for(self, hit: RuleHit) -> Action | None:
        """The action a context rule gives ``hit`` instead of its own, or ``None``."""
        actions = [
            action for span, labels, action in self.spans if hit.label in labels and span.overlaps(hit.span)
        ]
        return Action.most_restrictive(actions) if actions else None


def review_of(reasons: Sequence[Reason], action: Action) -> Review | None:
    """The review a decision asks for: the most urgent any reason asks for, and at least
    ``routine`` for ``escalate`` (block, keep the evidence, a person looks)."""
    asked = Review.most_urgent(reason.review for reason in reasons)
    if action is Action.ESCALATE:
        return Review.most_urgent([asked, Review.ROUTINE])
    return asked


def decide(
    band: BandPolicy,
    scores: Scores,
    hits: Sequence[RuleHit],
    evasions: Sequence[Evasion] = (),
    *,
    language: str | None = None,
) -> Verdict:
    """Apply one band's policy.

    Args:
        band: the policy for the reader's age band.
        scores: calibrated probabilities for all eight labels.
        hits: rule hits, their spans already mapped to the original text.
        evasions: the evasions the normaliser undid.
        language: the message's language (detected, else the given locale's; ``None``: not
            known), for the labels' ``language_thresholds``.
    """
    settled = _settled(band, scores, hits)
    reasons = [
        *_model_reasons(band, scores, settled.labels, language),
        *_rule_reasons(band, scores, hits, settled),
    ]
    support = any(_is_support(band, reason) for reason in reasons)
    worst = Action.most_restrictive([r.action for r in reasons])
    deliberate = [e for e in evasions if e not in _EMPHASIS]
    # a writer in crisis who spells "k1ll myself" is not hiding harm from a reader: never raised.
    # The crisis is told by the self-harm rules, not by the score: a higher score then never
    # gives a less restrictive action
    in_crisis = any(
        r.label is Label.SELF_HARM and r.source is ReasonSource.RULE and _is_support(band, r) for r in reasons
    )
    if deliberate and band.evasion_raises and worst.severity >= Action.WARN.severity and not in_crisis:
        raised = _raise_one_step(worst)
        reasons += [
            Reason(f"evasion.{evasion.value}", None, ReasonSource.EVASION, raised) for evasion in deliberate
        ]
        worst = raised
    maskable = {hit.span for hit in hits if hit.maskable}
    mask_spans = tuple(r.span for r in reasons if r.action is Action.MASK and r.span in maskable)
    if worst is Action.MASK and not mask_spans:
        worst = Action.WARN  # nothing to mask: ask the sender instead of delivering as is
    reasons.sort(key=lambda r: -r.action.severity)
    labels: list[Label] = []
    for reason in reasons:
        if reason.label is not None and reason.action is not Action.ALLOW and reason.label not in labels:
            labels.append(reason.label)
    for reason in reasons:  # support-only labels (self-harm) come last; context explains, never labels
        if (
            reason.label is not None
            and reason.label not in labels
            and _is_support(band, reason)
            and not _is_context(reason)
        ):
            labels.append(reason.label)
    return Verdict(
        action=worst,
        labels=tuple(labels),
        reasons=tuple(reasons),
        mask_spans=_merge(mask_spans) if worst.delivers else (),
        support=support,
        review=review_of(reasons, worst),
    )


def mask(text: str, spans: Sequence[Span], char: str = "*") -> str:
    """``text`` with every character inside ``spans`` replaced by ``char`` (spaces kept)."""
    chars = list(text)
    for span in spans:
        for position in range(span.start, min(span.end, len(chars))):
            if not chars[position].isspace():
                chars[position] = char
    return "".join(chars)


def settled_by_context(band: BandPolicy, scores: Scores, hits: Sequence[RuleHit]) -> frozenset[Label]:
    """The labels the context rules among ``hits`` settle (each hit's own label and its
    ``tempers_labels``, while the model's score is below the rule's ``tempers_model_below``)."""
    context = [hit for hit in hits if _family(hit.rule) == CONTEXT_FAMILY]
    return frozenset(_settled(band, scores, context).labels)


def _settled(band: BandPolicy, scores: Scores, hits: Sequence[RuleHit]) -> _Settled:
    """Labels a context rule settles (the hit's own and its ``tempers_labels``, each while its
    score is below the rule's ``tempers_model_below``), with the action the rule gives instead
    (the most restrictive where several settle one); and, for rules with ``settles_rules``, the
    sentence inside which other rules' hits for those labels are settled too."""
    tempered: dict[Label, Action] = {}
    spans: list[tuple[Span, frozenset[Label], Action]] = []
    for hit in hits:
        entry = band.rule_action(hit.rule)
        below = entry.tempers_model_below
        if below is None:
            continue
        labels = frozenset(label for label in entry.settled_labels(hit.label) if scores[label] < below)
        for label in labels:
            before = tempered.get(label)
            tempered[label] = (
                entry.action if before is None else Action.most_restrictive([before, entry.action])
            )
        if entry.settles_rules and labels:
            spans.append((hit.span, labels, entry.action))
    return _Settled(tempered, tuple(spans))


def _model_reasons(
    band: BandPolicy, scores: Scores, tempered: Mapping[Label, Action], language: str | None
) -> list[Reason]:
    reasons: list[Reason] = []
    for label in LABELS:
        rule = band.labels[label]
        score = scores[label]
        plain = rule.threshold_for(language)
        high = rule.high_threshold_for(language)
        if high is not None and rule.high_action is not None and score >= high:
            code, action, threshold = f"model.{label.value}.high", rule.high_action, high
        elif score >= plain:
            code, action, threshold = f"model.{label.value}", rule.action, plain
        else:
            continue
        if label in tempered:
            code, action = f"{code}{_TEMPERED}", tempered[label]
        elif _corroborated(rule, scores):
            assert rule.corroborated_action is not None
            code, action = f"{code}.corroborated", Action.most_restrictive([action, rule.corroborated_action])
        match = scores.match(label)
        reasons.append(
            Reason(
                code,
                label,
                ReasonSource.MODEL,
                action,
                score=score,
                threshold=threshold,
                exemplar=match.exemplar_id if match is not None else None,
            )
        )
    reasons += _review_reasons(band, scores, tempered)
    return reasons


def _corroborated(rule: LabelRule, scores: Scores) -> bool:
    """True when ``rule`` has a corroborating label whose score reaches its threshold."""
    if rule.corroborating_label is None or rule.corroborating_threshold is None:
        return False
    return scores[rule.corroborating_label] >= rule.corroborating_threshold


def _review_reasons(band: BandPolicy, scores: Scores, tempered: Mapping[Label, Action]) -> list[Reason]:
    """``model.<label>.review`` for each score at or above its label's ``review_threshold``: a
    person looks, whatever the action (the label's own reason gives the action)."""
    reasons: list[Reason] = []
    for label in LABELS:
        rule = band.labels[label]
        if rule.review_threshold is None or label in tempered or scores[label] < rule.review_threshold:
            continue
        reasons.append(
            Reason(
                f"model.{label.value}.review",
                label,
                ReasonSource.MODEL,
                Action.ALLOW,
                score=scores[label],
                threshold=rule.review_threshold,
                review=rule.review,
            )
        )
    return reasons


def _rule_reasons(
    band: BandPolicy, scores: Scores, hits: Sequence[RuleHit], settled: _Settled
) -> list[Reason]:
    reasons: list[Reason] = []
    for hit in hits:
        entry = band.rule_action(hit.rule)
        instead = None if _family(hit.rule) == CONTEXT_FAMILY else settled.action_for(hit)
        if instead is not None:  # reported speech in a child's telling of harm ("he asked me for pics")
            reasons.append(
                Reason(f"rule.{hit.rule}{_TEMPERED}", hit.label, ReasonSource.RULE, instead, span=hit.span)
            )
            continue
        action, code = entry.action, f"rule.{hit.rule}"
        if entry.corroborated_action is not None and entry.corroborating_threshold is not None:
            label = entry.corroborating_label or hit.label
            if scores[label] >= entry.corroborating_threshold:
                action = Action.most_restrictive([action, entry.corroborated_action])
                code = f"{code}.corroborated"
        reasons.append(Reason(code, hit.label, ReasonSource.RULE, action, span=hit.span, review=entry.review))
    return reasons


def rule_of(reason: Reason) -> str:
    """The rule code of a rule reason: ``rule.grooming.secrecy.corroborated`` -> ``grooming.secrecy``."""
    return reason.code.removeprefix("rule.").removesuffix(".corroborated").removesuffix(_TEMPERED)


def _family(rule: str) -> str:
    return rule.split(".", 1)[0]


def _is_context(reason: Reason) -> bool:
    return reason.source is ReasonSource.RULE and _family(rule_of(reason)) == CONTEXT_FAMILY


def _is_support(band: BandPolicy, reason: Reason) -> bool:
    if reason.label is None:
        return False
    if reason.source is ReasonSource.MODEL:
        # a settled score is explained away ("me muero de risa": no help for it); a self-harm
        # rule that settles its own label's score offers the help itself
        return band.labels[reason.label].support and not reason.code.endswith(_TEMPERED)
    if reason.source is ReasonSource.RULE:
        return band.rule_action(rule_of(reason)).support
    return False


def _raise_one_step(action: Action) -> Action:
    if action.severity >= Action.BLOCK.severity:
        return action
    return Action.BLOCK if action is Action.WARN else Action.WARN


def _merge(spans: Sequence[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)
