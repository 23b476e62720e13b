"""Policy files: thresholds and actions per label and age band, rule actions, masking.

A policy is TOML validated by pydantic with unknown keys forbidden, so a misspelt threshold
stops loading with the field path that is wrong instead of being ignored.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from safechat.detect import rule_codes
from safechat.errors import PolicyError
from safechat.model.support_head import SUPPORT_RULES
from safechat.types import LABELS, Action, AgeBand, Label, Review

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_STRICT = ConfigDict(extra="forbid", frozen=True)

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""A language as the detector names it: ISO 639-1 (or 639-3), lower case."""
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class LabelRule(BaseModel):
    """What a model score for one label does in one band.

    A score >= ``threshold`` triggers ``action``; a score >= ``high_threshold`` triggers
    ``high_action`` instead. ``support`` marks the label as one where the writer needs help.
    ``language_thresholds`` replaces ``threshold`` for messages in a language (ISO 639-1 code,
    e.g. ``{en = 0.5}``): the detected language, else the language of the locale the app gave; a
    message in another language, or in none that is known, uses ``threshold``.
    ``language_high_thresholds`` does the same for ``high_threshold``.

    ``review_threshold`` and ``review`` (``routine`` or ``urgent``) go together: a score at or
    above ``review_threshold`` asks a person to look (reason ``model.<label>.review``), whatever
    the action; e.g. a very high ``self_harm`` score counted as imminent risk. Unset: the score
    alone never asks for review.

    ``corroborated_action``, ``corroborating_threshold`` and ``corroborating_label`` go together:
    when this label's score gives an action and the score of ``corroborating_label`` (another
    label) is at least ``corroborating_threshold``, the reason (``model.<label>.corroborated``, or
    ``model.<label>.high.corroborated``) gives the more restrictive of its action and
    ``corroborated_action``: e.g. a request for personal information that also reads as grooming
    is escalated, not masked. A label a context rule settles is never corroborated.
    """

    model_config = _STRICT

    threshold: float = Field(ge=0.0, le=1.0)
    action: Action
    high_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    high_action: Action | None = None
    support: bool = False
    language_thresholds: dict[LanguageCode, Probability] = Field(default_factory=dict)
    language_high_thresholds: dict[LanguageCode, Probability] = Field(default_factory=dict)
    review_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    review: Review | None = None
    corroborated_action: Action | None = None
    corroborating_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    corroborating_label: Label | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LabelRule:
        if (self.high_threshold is None) != (self.high_action is None):
            raise ValueError("high_threshold and high_action go together")
        corroboration = (self.corroborated_action, self.corroborating_threshold, self.corroborating_label)
        if len({part is None for part in corroboration}) > 1:
            raise ValueError(
                "corroborated_action, corroborating_threshold and corroborating_label go together"
            )
        if (self.review_threshold is None) != (self.review is None):
            raise ValueError("review_threshold and review go together")
        if self.high_threshold is None and self.language_high_thresholds:
            raise ValueError("language_high_thresholds need a high_threshold")
        if self.high_threshold is not None and self.high_action is not None:
            if self.high_threshold < self.threshold:
                raise ValueError("high_threshold must be >= threshold")
            languages = sorted({*self.language_thresholds, *self.language_high_thresholds})
            above = [k for k in languages if self.threshold_for(k) > (self.high_threshold_for(k) or 1.0)]
            if above:
                raise ValueError(f"high_threshold must be >= the language_thresholds of {above}")
            if self.high_action.severity < self.action.severity:
                raise ValueError("high_action must be at least as restrictive as action")
        return self

    def threshold_for(self, language: str | None) -> float:
        """The threshold for a message in ``language`` (``None``: not told)."""
        if language is None:
            return self.threshold
        return self.language_thresholds.get(language, self.threshold)

    def high_threshold_for(self, language: str | None) -> float | None:
        """The high threshold for a message in ``language`` (``None``: not told); ``None`` when
        the rule has no high threshold."""
        if language is None or self.high_threshold is None:
            return self.high_threshold
        return self.language_high_thresholds.get(language, self.high_threshold)


class RuleAction(BaseModel):
    """What a transparent rule does in one band.

    Alone, a hit gives ``action``. When the model's score for ``corroborating_label`` (by
    default the rule's own label) is at least ``corroborating_threshold``, it gives
    ``corroborated_action`` (a rule alone should not escalate a benign sentence; a rule the
    model agrees with may).

    ``tempers_model_below`` is for context rules (``context.*``, which explain a score rather
    than flag a message) and self-harm rules (``self_harm.*``: "I'm going to kill myself
    tonight" is not a threat to the reader, whatever the threat score says): when set and the
    model's score for the rule's label is below it, the
    label's own thresholds give this rule's ``action`` instead of the label's actions (a
    disclosure of bullying is not bullying; game banter is not a threat). A score at or above
    it acts as usual. ``tempers_labels`` names more labels it settles the same way (a child
    telling of bullying gets no hate action either); with ``settles_rules``, the hits of other
    rules for the settled labels inside the same sentence are settled too (reason
    ``rule.<code>.tempered``): "he asked me for pics" is a child telling of grooming, not grooming.

    ``review`` (``routine`` or ``urgent``) asks a person to look at every message where the rule
    fires, whatever the action (``self_harm.imminent``: ``urgent``).
    """

    model_config = _STRICT

    action: Action
    corroborated_action: Action | None = None
    corroborating_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    corroborating_label: Label | None = None
    support: bool = False
    tempers_model_below: float | None = Field(default=None, ge=0.0, le=1.0)
    tempers_labels: tuple[Label, ...] = ()
    settles_rules: bool = False
    review: Review | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RuleAction:
        if (self.corroborated_action is None) != (self.corroborating_threshold is None):
            raise ValueError("corroborated_action and corroborating_threshold go together")
        if (self.tempers_labels or self.settles_rules) and self.tempers_model_below is None:
            raise ValueError("tempers_labels and settles_rules need tempers_model_below")
        if len(set(self.tempers_labels)) != len(self.tempers_labels):
            raise ValueError("a label is listed twice in tempers_labels")
        return self

    def settled_labels(self, own: Label) -> tuple[Label, ...]:
        """The labels this (context) rule settles when it fires for ``own``: its own, then
        ``tempers_labels``."""
        return tuple(dict.fromkeys((own, *self.tempers_labels)))


class ConversationRule(BaseModel):
    """What the conversation says in one band (the band of the reader).

    Grooming risk (0 to 1) grows with the distinct grooming stages one sender shows towards one
    reader, each fading with ``half_life_s``; at ``grooming_warn_risk`` and
    ``grooming_escalate_risk`` the message gets at least warn and escalate. Hostility: when
    ``hostility_messages`` hostile messages reach one reader within ``hostility_window_s``, from
    one sender or several, the message gets at least ``hostility_action``.
    """

    model_config = _STRICT

    grooming_warn_risk: float = Field(ge=0.0, le=1.0)
    grooming_escalate_risk: float = Field(ge=0.0, le=1.0)
    half_life_s: float = Field(gt=0)
    hostility_messages: int = Field(ge=2)
    hostility_window_s: float = Field(gt=0)
    hostility_action: Action

    @model_validator(mode="after")
    def _ordered(self) -> ConversationRule:
        if self.grooming_escalate_risk < self.grooming_warn_risk:
            raise ValueError("grooming_escalate_risk must be >= grooming_warn_risk")
        return self


# Rule families added after policies were first written, with what a policy that does not name
# them gets: the behaviour it had before the family existed (the hit is reported, nothing more).
LATER_RULE_FAMILIES: dict[str, RuleAction] = {
    "profanity": RuleAction(action=Action.ALLOW),
    "context": RuleAction(action=Action.ALLOW),
    "sexual": RuleAction(action=Action.ALLOW),
    "hate": RuleAction(action=Action.ALLOW),
}

CONTEXT_FAMILY = "context"
TEMPERING_FAMILIES = frozenset({CONTEXT_FAMILY, "self_harm"})
"""The rule families whose entries may set ``tempers_model_below``: rules that explain a score
rather than flag a message (context; self-harm, where violence the model reads as a threat is
turned on the writer)."""


def _with_later_families(rules: dict[str, RuleAction]) -> dict[str, RuleAction]:
    return {**LATER_RULE_FAMILIES, **rules}


class BandPolicy(BaseModel):
    """Everything the policy says for one age band."""

    model_config = _STRICT

    labels: dict[Label, LabelRule]
    # a family in LATER_RULE_FAMILIES may be left out: it then keeps the default given there
    rules: Annotated[dict[str, RuleAction], AfterValidator(_with_later_families)]
    conversation: ConversationRule
    evasion_raises: bool = True
    fail_closed_action: Action = Action.ESCALATE
    unread_action: Action = Action.ESCALATE
    """The action for text no model can read (``Decision.coverage`` ``none``): ``allow``,
    ``block`` or ``escalate`` (nothing was read, so there is nothing to mask or warn about).
    The rules still apply; the more restrictive action wins. Default: hold for review."""

    @model_validator(mode="after")
    def _complete(self) -> BandPolicy:
        missing = [label.value for label in LABELS if label not in self.labels]
        if missing:
            raise ValueError(f"labels missing: {missing}")
        own = sorted(label.value for label, rule in self.labels.items() if rule.corroborating_label is label)
        if own:
            raise ValueError(f"corroborating_label must be another label; {own} name themselves")
        known = rule_codes()
        unknown = sorted(code for code in self.rules if code not in known)
        if unknown:
            raise ValueError(f"unknown rule codes {unknown}; known: {sorted(known)}")
        families = sorted({code.split(".", 1)[0] for code in known} - set(self.rules))
        if families:
            raise ValueError(f"rules must give an action for every rule family; missing: {families}")
        tempering = sorted(
            code
            for code, entry in self.rules.items()
            if entry.tempers_model_below is not None and code.split(".", 1)[0] not in TEMPERING_FAMILIES
        )
        if tempering:
            raise ValueError(
                f"tempers_model_below is only for context and self-harm rules; set on {tempering}"
            )
        for rule in sorted(SUPPORT_RULES & set(self.rules)):
            head = self.rules[rule]
            if (
                head.action is not Action.ALLOW
                or head.corroborated_action is not None
                or head.tempers_model_below is not None
            ):
                raise ValueError(
                    f"{rule} (a support head) offers support only: action allow, "
                    "no corroborated_action, no tempers_model_below"
                )
        if self.fail_closed_action.severity < Action.BLOCK.severity:
            raise ValueError("fail_closed_action must be block or escalate (fail closed)")
        if self.unread_action in (Action.MASK, Action.WARN):
            raise ValueError(
                "unread_action must be allow, block or escalate: no model read the text, "
                "so there is nothing to mask or to warn about"
            )
        return self

    def rule_action(self, rule: str) -> RuleAction:
        """The most specific entry for ``rule``: ``pii.phone`` before ``pii``."""
        parts = rule.split(".")
        for end in range(len(parts), 0, -1):
            entry = self.rules.get(".".join(parts[:end]))
            if entry is not None:
                return entry
        raise PolicyError(f"no rule action for {rule}")  # unreachable after validation


BUNDLED_BANKS = "bundled"
"""The entry in ``[exemplars] banks`` that stands for each bundle's own example bank;
``bundled:NAME`` stands for the bank of the bundle named NAME only."""


def _is_bundled(entry: str) -> bool:
    return entry == BUNDLED_BANKS or entry.startswith(BUNDLED_BANKS + ":")


class ExemplarSettings(BaseModel):
    """Which example banks take part in the scores (``[exemplars]``).

    ``banks`` lists ``"bundled"`` (each model bundle's own bank; ``"bundled:NAME"``: only the
    bank of the bundle named NAME, e.g. ``bundled:safechat-en-minilm``) and bank files (``.npz``,
    written by ``safechat exemplars add``; a relative path is relative to the policy file). Each
    file is validated when the moderator loads, and its content counts in the policy version
    the decisions carry. An empty list turns the banks off: the scores are the model's alone.
    """

    model_config = _STRICT

    banks: tuple[str, ...] = ()

    @field_validator("banks")
    @classmethod
    def _distinct(cls, banks: tuple[str, ...]) -> tuple[str, ...]:
        if any(not entry.strip() for entry in banks):
            raise ValueError("a bank entry must not be empty")
        if len(set(banks)) != len(banks):
            raise ValueError("a bank is listed twice")
        return banks


class Policy(BaseModel):
    """A whole policy: one :class:`BandPolicy` per age band."""

    model_config = _STRICT

    version: str = Field(min_length=1)
    description: str = ""
    mask_char: str = Field(default="*", min_length=1, max_length=1)
    bands: dict[AgeBand, BandPolicy]
    exemplars: ExemplarSettings = ExemplarSettings()
    provenance: dict[str, Any] = Field(default_factory=dict)

    def bank_files(self) -> list[Path | str]:
        """The banks named by ``[exemplars] banks``, in order: a path, or the bundle's name for a
        bundle's own bank (``"*"``: every bundle's). :meth:`from_toml` has made relative paths
        relative to the policy file's folder; in a policy built otherwise they are relative to
        the working directory."""
        return [
            (entry.partition(":")[2] or "*") if _is_bundled(entry) else Path(entry)
            for entry in self.exemplars.banks
        ]

    @model_validator(mode="after")
    def _every_band(self) -> Policy:
        missing = [band.value for band in AgeBand if band not in self.bands]
        if missing:
            raise ValueError(f"bands missing: {missing}")
        return self

    def band(self, band: AgeBand) -> BandPolicy:
        """The policy for ``band``."""
        return self.bands[band]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "policy") -> Policy:
        """Validate already-parsed data.

        Raises:
            PolicyError: naming each wrong field by its path, e.g. ``bands.under_13.labels.hate.threshold``.
        """
        try:
            return cls.model_validate(dict(data))
        except ValidationError as err:
            raise PolicyError(_describe(err, source)) from None

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load and validate a TOML policy file.

        Raises:
            PolicyError: the file is missing, is not TOML, or does not validate.
        """
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except OSError as err:
            raise PolicyError(f"cannot read policy file {file}: {err.strerror}") from None
        except tomllib.TOMLDecodeError as err:
            raise PolicyError(f"policy file {file} is not valid TOML: {err}") from None
        return cls.from_mapping(_banks_beside(data, file.parent), source=str(file))

    @classmethod
    def default(cls) -> Policy:
        """The shipped default policy (safe by default)."""
        return cls.from_mapping(tomllib.loads(default_policy_text()), source="default_policy.toml")


def default_policy_text() -> str:
    """The shipped default policy file's text, comments and all."""
    return resources.files("safechat.policy.data").joinpath("default_policy.toml").read_text("utf-8")


def _banks_beside(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """``data`` with each relative bank path in ``[exemplars] banks`` made relative to ``folder``
    (anything that is not a list of strings is left for validation to report)."""
    section = data.get("exemplars")
    if not isinstance(section, dict) or not isinstance(section.get("banks"), list):
        return data
    banks: list[Any] = section["banks"]
    moved = [
        str(folder / entry)
        if isinstance(entry, str) and not _is_bundled(entry) and not Path(entry).is_absolute()
        else entry
        for entry in banks
    ]
    return {**data, "exemplars": {**section, "banks": moved}}


def _describe(err: ValidationError, source: str) -> str:
    lines = [f"{source} does not validate ({err.error_count()} error(s)):"]
    for problem in err.errors():
        path = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        lines.append(f"  {path}: {problem['msg']}")
    return "\n".join(lines)
