"""Words the normaliser restores: masked words ("f*ck", "s*icide") and stretched ones ("gooood").

A masked word is restored only to a word of :data:`MASKED_WORDS` of the same length whose
letters agree with every letter shown, and only when exactly one such word exists. A stretched
run keeps two letters where the word with two is in the doubled-words list
(``data/doubled_words.txt``, written by ``python -m models.training.doubled_words``), else one.
"""

from __future__ import annotations

import functools
from importlib.resources import files

MASKED_WORDS: frozenset[str] = frozenset((
    "kill", "kills", "killed", "killing", "murder", "stab", "shoot", "bomb", "gun", "knife", "hang",
    "die", "dies", "died", "dead", "death", "suicide", "suicidal", "self", "harm", "hurt", "cut",
    "cuts", "cutting", "blade", "pills", "unalive", "kys", "kms", "fuck", "fucks", "fucked", "fucker",
    "fucking", "shit", "shitty", "bitch", "bitches", "bastard", "cunt", "slut", "sluts", "whore",
    "dick", "cock", "pussy", "penis", "vagina", "boobs", "tits", "nude", "nudes", "naked", "sex",
    "sexy", "porn", "horny", "rape", "raped", "rapist", "retard", "retarded", "faggot", "fag", "dyke",
    "tranny", "nigger", "nigga", "chink", "paki", "spastic", "spaz", "gay", "homo", "lesbian", "hate",
    "ugly", "fat", "loser", "stupid", "idiot", "dumb", "hell", "damn", "ass", "asshole", "arse",
    "piss", "pissed", "twat", "wanker", "prick", "crap", "terrorist",
))  # fmt: skip
"""Words children mask with ``*`` to slip past a filter: harm, swearing, slurs, sex."""

ALGOSPEAK: dict[str, str] = {
    # sex
    "seggs": "sex", "segs": "sex", "seggz": "sex", "secks": "sex",
    "seggsy": "sexy", "seggsi": "sexy", "secksy": "sexy", "segsy": "sexy",
    "seggsual": "sexual", "secksual": "sexual",
    "noods": "nudes", "noodz": "nudes", "nudez": "nudes", "newds": "nudes", "newdz": "nudes",
    "nudies": "nudes", "noodies": "nudes", "noodes": "nudes",
    "cornhub": "pornhub", "pornz": "porn",
    "horni": "horny", "hornee": "horny",
    # identity words spelt to pass a filter
    "lesbean": "lesbian", "lesbeans": "lesbians",
}  # fmt: skip
"""Words children spell differently so that a filter misses them, and the word each stands
for. Only spellings with no everyday meaning of their own: "corn" (porn) and "spicy" are left
to the model and the rules. Lower case; matched as whole words in any case, after leetspeak
is undone ("s3ggs", "n00dz")."""

_DATA_PACKAGE = "safechat.normalize.data"
_DOUBLED_FILE = "doubled_words.txt"


def unmask(word: str, mask: str = "*") -> str | None:
    """The one word of :data:`MASKED_WORDS` that ``word`` stands for, each ``mask`` character one
    hidden letter ("f*ck" -> "fuck", "b**ch" -> "bitch"); ``None`` when none or several fit."""
    lowered = word.lower()
    found = {
        candidate
        for candidate in _by_length().get(len(lowered), ())
        if all(shown in (mask, letter) for shown, letter in zip(lowered, candidate, strict=True))
    }
    return found.pop() if len(found) == 1 else None


def is_doubled_word(word: str) -> bool:
    """Whether ``word`` (any case) is spelt with a doubled letter in the doubled-words list."""
    return word.lower() in _doubled_words()


@functools.cache
def _by_length() -> dict[int, tuple[str, ...]]:
    groups: dict[int, list[str]] = {}
    for word in sorted(MASKED_WORDS):
        groups.setdefault(len(word), []).append(word)
    return {length: tuple(group) for length, group in groups.items()}


@functools.cache
def _doubled_words() -> frozenset[str]:
    text = files(_DATA_PACKAGE).joinpath(_DOUBLED_FILE).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
