"""Benchmark messages: the project's own (unique chat-like messages and a realistic stream where
short messages repeat, "gg", "lol", "ok", as they do in real chat) and real game chat drawn from the
shared data (:func:`real_chat`)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

COMMON = [
    "gg",
    "lol",
    "ok",
    "yes",
    "no",
    "brb",
    "wp",
    "ty",
    "np",
    "haha",
    "same",
    "lmao",
    "k",
    "yeah",
    "gg wp",
    "nice",
    "omg",
    "wait",
    "what",
    "hi",
    "bye",
    "idk",
    "sure",
    "go go go",
    "rip",
]
_OPENERS = ["hey", "so", "ok", "honestly", "lol", "wait", "bro", "guys", "hmm", "yo"]
_SUBJECTS = [
    "the new map",
    "my little brother",
    "that last round",
    "the maths homework",
    "our team",
    "this skin",
    "the teacher",
    "my dog",
    "the boss fight",
    "your build",
    "the school trip",
]
_VERBS = ["was", "is", "looks", "seems", "felt", "got", "became"]
_ENDS = [
    "so good",
    "kinda weird",
    "really hard",
    "hilarious",
    "not fair",
    "amazing tbh",
    "boring",
    "way too long",
    "actually fun",
    "a bit scary",
]
_EXTRAS = [
    "",
    "",
    "",
    " see you tomorrow",
    " can we play later",
    " you're trash lol",
    " shut up",
    " add me on snap",
    " how old are you",
    " call me on 07700 900123",
    " you're so dumb",
]


def unique_messages(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct, varied chat messages of 3-20 words."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < count:
        text = (
            f"{rng.choice(_OPENERS)} {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_ENDS)}"
            f"{rng.choice(_EXTRAS)} {rng.randint(1, 10_000)}"
        )
        out.add(text)
    return sorted(out, key=lambda _: rng.random())


def chat_stream(count: int, *, seed: int = 1, repeat_share: float = 0.5) -> list[str]:
    """A stream where about ``repeat_share`` of messages are common short repeats."""
    rng = random.Random(seed)
    fresh = iter(unique_messages(count, seed=seed + 100))
    return [rng.choice(COMMON) if rng.random() < repeat_share else next(fresh) for _ in range(count)]


# Chat in other languages, written for this project: (openers, subjects, predicates) per language.
_OTHER_LANGUAGES = {
    "de": (
        ["hey", "also", "ehrlich", "boah", "leute", "hmm"],
        ["die neue karte", "mein kleiner bruder", "die letzte runde", "die mathe hausaufgabe", "unser team"],
        ["war richtig gut", "ist echt komisch", "war viel zu schwer", "ist total lustig", "war nicht fair"],
    ),
    "fr": (
        ["salut", "bon", "franchement", "attends", "les gars", "bref"],
        ["la nouvelle carte", "mon petit frère", "la dernière partie", "le devoir de maths", "notre équipe"],
        [
            "était trop bien",
            "est vraiment bizarre",
            "était beaucoup trop dur",
            "est super drôle",
            "était pas juste",
        ],
    ),
    "pl": (
        ["hej", "no", "szczerze", "czekaj", "ludzie", "hmm"],
        ["nowa mapa", "mój młodszy brat", "ostatnia runda", "zadanie z matmy", "nasza drużyna"],
        ["była naprawdę dobra", "jest dziwna", "była za trudna", "jest bardzo śmieszna", "nie była fair"],
    ),
}


def other_language_messages(count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct chat messages in German, French and Polish, in turn."""
    rng = random.Random(seed)
    languages = sorted(_OTHER_LANGUAGES)
    out: dict[str, None] = {}
    while len(out) < count:
        openers, subjects, predicates = _OTHER_LANGUAGES[languages[len(out) % len(languages)]]
        text = (
            f"{rng.choice(openers)} {rng.choice(subjects)} {rng.choice(predicates)} {rng.randint(1, 10_000)}"
        )
        out[text] = None
    return list(out)


CONDA_TEST = Path("bullying/conda_dota2_weld2021/CONDA_test.csv")
"""Real Dota 2 match chat (CONDA, its test split), under the shared data folder."""


def real_chat(data: Path, count: int) -> tuple[list[str], list[str]]:
    """Real game chat from ``data`` (the shared data folder): the first ``count`` messages in the
    order they were sent (repeats and all, as a service sees them), and up to ``count`` distinct
    ones in their first order.

    Raises:
        FileNotFoundError: ``data`` does not hold the CONDA test file.
    """
    path = data / CONDA_TEST
    stream: list[str] = []
    distinct: dict[str, None] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = " ".join(row["utterance"].replace("[SEPA]", " ").split())
            if not text:
                continue
            if len(stream) < count:
                stream.append(text)
            if len(distinct) < count:
                distinct.setdefault(text)
            if len(stream) >= count and len(distinct) >= count:
                break
    return stream, list(distinct)
