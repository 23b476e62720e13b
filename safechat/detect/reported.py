"""Hurtful words told of, quoted or objected to, in English: the words are in the message, but
nobody is aiming them at its reader.

A child tells what was said to them ("someone in my clan told me kys", "the same guy spams 'kys
noob' at me"), passes a quote to an adult or a moderator ("miss, amir said 'nobody wants u here' to
the new girl"), or objects to the words ("nobody deserves to be told to kys", "we dont tell people
to drink bleach here", "no doxxing"). :func:`unless_reported` drops the hits of the rules that act
on their own for bullying and doxxing (``bullying.kys``, ``bullying.exclusion``,
``bullying.dogpiling``, ``bullying.humiliation``, ``pii.doxxing``, ``threat.emoji``,
``threat.incitement``) in such a message,
as :func:`safechat.detect.harm_languages.unless_told_of` does for the other languages. The model
still reads the message, and ``context.disclosure`` and ``context.counter_speech`` still decide
how its scores count.

A bully can quote too ("'go die' lol"): a hit is dropped for a quote only where the message also
objects to the words or tells of them, never for the quote marks alone.
"""

from __future__ import annotations

from safechat.detect.base import RuleHit, compile_patterns

_SAID = (
    r"(?:said|says|saying|say|spam(?:s|med|ming)?|typed|types|typing|wrote|writes|writing|posted|posts|commented"
    r"|messaged|dm'?d|dmed|texted|yelled|shouted)"
)

_TOLD_OF = compile_patterns(
    ("told_of", regex)
    for regex in (
        # said to the writer: "told me kys", "called me a loser", "kept telling me to die"
        r"\b(?:told|tells|telling|called|calls|calling|keeps? telling|kept telling|keeps? calling|kept calling) me\b",
        rf"\b{_SAID}\b[^.!?\n]{{0,40}}?\b(?:at|to|about|under|on) (?:me|my)\b",
        # "spammed my name", "said they'd dox me"
        rf"\b{_SAID} my\b|\b{_SAID} (?:they|he|she)(?:'?d|'?ll| would| will| were gonna| was gonna)?\b[^.!?\n]{{0,25}}?\bme\b",
        r"\b(?:i|me) (?:got|get|was|were|keep getting|kept getting|have been|'?ve been|been) (?:told|called)\b",
        # said to someone else, told to an adult: "amir said 'nobody wants u here' to the new girl"
        rf"\b(?:he|she|they|someone|somebody|some ?one|a kid|a boy|a girl|a guy|people|\w+) {_SAID}\b\W{{0,3}}['\"“‘]",
    )
)
"""The message tells of words said (to the writer, or to someone, in quotes)."""

_OBJECTION = compile_patterns(
    ("objection", regex)
    for regex in (
        r"\b(?:no ?one|nobody|no1) deserves to be (?:told|called)\b",
        r"\b(?:is|its|it'?s|thats|that'?s) (?:never|not) (?:a joke|ok|okay|funny|banter|cool|acceptable)\b",
        r"\bnot (?:ok|okay|cool|funny|banter|a joke) (?:to|when)\b",
        r"\b(?:we|u|you) (?:don'?t|dont|do not) (?:tell|say|type|write) (?:people|ppl|anyone|that|stuff like that)\b",
        r"\bcan (?:we|u|you|y'?all|everyone) (?:not with|stop (?:saying|telling|typing|writing|spamming|with))\b",
        r"\b(?:it'?s|its|that'?s|thats) (?:so |really |actually |literally )?(?:vile|messed up)\b",
        r"\b(?:stop|quit) (?:telling|saying|typing|writing|spamming)\b",
        r"\bno (?:doxx?ing|kys|kys jokes)\b|\b(?:it'?s|its|that'?s|thats) doxx?ing\b",
    )
)
"""The message objects to the words."""

_REPORTED_RULES = frozenset(
    {
        "bullying.kys",
        "bullying.exclusion",
        "bullying.dogpiling",
        "bullying.humiliation",
        "pii.doxxing",
        "threat.emoji",
        "threat.incitement",
    }
)


def unless_reported(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less the hits of :data:`_REPORTED_RULES` when ``text`` tells of the words
    or objects to them (see the module's docstring); other hits are kept."""
    if all(hit.rule not in _REPORTED_RULES for hit in hits):
        return hits
    if not (_TOLD_OF.mentions(text) or _OBJECTION.mentions(text)):
        return hits
    return [hit for hit in hits if hit.rule not in _REPORTED_RULES]
