"""Text that no model can read (``Decision.coverage`` ``none``): the band's ``unread_action``.

Such text is never scored silently by a model that cannot read it: no model scores it, the
rules (PII, grooming signals, imminent self-harm phrases...) still apply, and the decision
carries the reason ``model.unread`` with the band's ``unread_action``. The more restrictive of
the two wins, except for a writer the rules found in need of support (self-harm, a child
telling of harm done to them): that message is not held for being unread, as it is never
raised for an evasion; a person is asked to look instead (a routine review).
"""

from __future__ import annotations

from dataclasses import replace

from safechat.policy.decide import Verdict, review_of
from safechat.policy.policy import BandPolicy
from safechat.types import Action, Reason, ReasonSource, Review

UNREAD = "model.unread"
"""The reason code of a message no model could read."""


def with_unread(verdict: Verdict, band: BandPolicy) -> Verdict:
    """``verdict`` (from the rules alone) with the band's ``unread_action`` and its reason."""
    if verdict.support:
        reason = Reason(UNREAD, None, ReasonSource.ENGINE, verdict.action, review=Review.ROUTINE)
        action = verdict.action
    else:
        reason = Reason(UNREAD, None, ReasonSource.ENGINE, band.unread_action)
        action = Action.most_restrictive([verdict.action, band.unread_action])
    raised = action.severity > verdict.action.severity
    reasons = (reason, *verdict.reasons) if raised else (*verdict.reasons, reason)
    mask_spans = verdict.mask_spans if action.delivers else ()
    return replace(
        verdict,
        action=action,
        reasons=reasons,
        mask_spans=mask_spans,
        review=review_of(reasons, action),
    )
