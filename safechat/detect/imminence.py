"""Imminent self-harm risk: a writer who means to hurt or kill themselves soon.

A message is imminent when it says the writer means to do it (an *intent*: "I'm going to kill
myself") together with a plan ("I've written my note"), the means ("I have the pills"), a time
("tonight") or a goodbye ("tell my mum I love her"). An *implied* intent ("I'm not coming home",
"this is it") counts with a plan, the means or a few telling times ("when everyone's asleep")
only. A few phrases are imminent by themselves ("by the time you read this", "I've been saving
up pills", "tell my mum I love her", "I won't be here tomorrow", "I'm on the train tracks"), a
goodbye among them only when the message does not say the writer will be back ("see you monday",
"good night", "dentist appointment", in each language). Each hit is ``self_harm.imminent.<kind>`` (kind: ``plan``, ``means``, ``time``,
``goodbye``), label ``self_harm``, spanning the qualifier.

The phrases live in ``safechat/detect/data/imminence.json``, per language (English, French,
German, Spanish, Italian, Portuguese, Dutch, Polish, Ukrainian); they are read and compiled on
first use.
Passive thoughts ("I wish I could disappear") are not imminent: ``self_harm.ideation`` and the
model's score cover them. Where the self-harm head reads a message as self-harm, its reading counts
as an implied intent (:func:`find_imminence_as_implied`; the engine adds those hits).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from safechat.detect.base import PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.types import Label

Kind = Literal["plan", "means", "time", "goodbye"]

KINDS: tuple[Kind, ...] = ("plan", "means", "time", "goodbye")
"""What makes a self-harm message imminent, in the order of the rule codes."""

IMMINENT_FAMILY = "self_harm.imminent"
"""The prefix of every imminence rule code; a policy entry for it covers them all."""

IMMINENCE_RULES: tuple[str, ...] = tuple(f"{IMMINENT_FAMILY}.{kind}" for kind in KINDS)
"""Every rule code this detector produces."""

DATA_PACKAGE = "safechat.detect.data"
DATA_FILE = "imminence.json"

_APOSTROPHE = "['\u2019]"  # chat writes both ' and ’
_GOODBYE = f"{IMMINENT_FAMILY}.goodbye"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Language(_Model):
    intent: tuple[str, ...] = Field(min_length=1)
    implied: tuple[str, ...] = ()
    with_intent: dict[Kind, tuple[str, ...]]
    with_implied: dict[Kind, tuple[str, ...]] = Field(default_factory=dict)
    alone: dict[Kind, tuple[str, ...]] = Field(default_factory=dict)
    not_goodbye: tuple[str, ...] = ()


class _File(_Model):
    comment: str = Field(alias="_comment")
    languages: dict[str, _Language] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class _Compiled:
    intent: PatternGroup
    implied: PatternGroup
    with_intent: PatternGroup
    with_implied: PatternGroup
    alone: PatternGroup
    not_goodbye: PatternGroup


def _phrase(regex: str) -> str:
    """``regex`` as a whole word or phrase, with ' matching ’ too."""
    return rf"(?<!\w)(?:{regex.replace(chr(39), _APOSTROPHE)})(?!\w)"


def _compile(groups: list[tuple[str, str]]) -> PatternGroup:
    return compile_patterns((rule, _phrase(regex)) for rule, regex in groups)


@functools.cache
def _patterns() -> _Compiled:
    """The phrases of every language, read and compiled once.

    Raises:
        ValueError: the data file does not validate or a phrase is not a regular expression
            (a packaging error; the tests load it).
    """
    raw = files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = _File.model_validate(json.loads(raw))
    languages = data.languages.values()

    def qualifiers(pick: Callable[[_Language], dict[Kind, tuple[str, ...]]]) -> PatternGroup:
        return _compile(
            [
                (f"{IMMINENT_FAMILY}.{kind}", regex)
                for language in languages
                for kind, phrases in pick(language).items()
                for regex in phrases
            ]
        )

    return _Compiled(
        intent=_compile([("intent", regex) for language in languages for regex in language.intent]),
        implied=_compile([("implied", regex) for language in languages for regex in language.implied]),
        with_intent=qualifiers(lambda language: language.with_intent),
        with_implied=qualifiers(lambda language: language.with_implied),
        alone=qualifiers(lambda language: language.alone),
        not_goodbye=_compile(
            [("not_goodbye", regex) for language in languages for regex in language.not_goodbye]
        ),
    )


def find_imminence(text: str) -> list[RuleHit]:
    """``self_harm.imminent.<kind>`` hits in ``text`` (the normalised model text): a plan, the
    means, a time or a goodbye in a message that says the writer means to hurt or kill themselves,
    and the phrases that are imminent by themselves (a goodbye alone not when the message says the
    writer will be back: "see you", "good night", "we're moving house")."""
    compiled = _patterns()
    alone = run_patterns(text, compiled.alone, Label.SELF_HARM)
    if any(hit.rule == _GOODBYE for hit in alone) and _found(compiled.not_goodbye, text):
        alone = [hit for hit in alone if hit.rule != _GOODBYE]
    groups = []
    if _found(compiled.intent, text):
        groups += [compiled.with_intent, compiled.with_implied]
    elif _found(compiled.implied, text):
        groups.append(compiled.with_implied)
    hits = list(alone)
    for group in groups:  # a rule's overlapping matches count once, as within one group
        hits += [
            hit
            for hit in run_patterns(text, group, Label.SELF_HARM)
            if not any(h.rule == hit.rule and h.span.overlaps(hit.span) for h in hits)
        ]
    return hits


def find_imminence_as_implied(text: str) -> list[RuleHit]:
    """The ``self_harm.imminent.<kind>`` qualifiers that count with an implied intent (a plan, the
    means, a few telling times: "i keep a blade in my pencil case", "sto andando al ponte adesso"),
    found in ``text`` (the normalised model text) without the intent phrase: for a message the
    self-harm head (:mod:`safechat.model.support_head`) reads as self-harm, whose reading stands for
    the implied intent the phrases would otherwise need."""
    return run_patterns(text, _patterns().with_implied, Label.SELF_HARM)


def _found(group: PatternGroup, text: str) -> bool:
    return any(pattern.regex.search(text) for pattern in group.candidates(text))
