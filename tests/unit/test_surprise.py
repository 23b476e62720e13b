"""A secret kept for a surprise is no grooming secrecy (safechat/detect/surprise.py); a surprise
or a present offered to the reader keeps it. Texts go through the normaliser, as in the engine."""

from __future__ import annotations

import pytest

from safechat.detect.grooming import find_grooming_signals
from safechat.normalize.pipeline import normalize

KEPT_FOR_SOMEONE = (
    "don't tell your mum, it's for her birthday",
    "keep it secret from josh, we're decorating his locker for his birthday",
    "dont tell ur mom its a surprise party",
    "ne dis rien a ta mere, c'est pour la fete des meres",
    "sag deiner mama nix, das ist eine ueberraschung zum muttertag",
    "no le digas a tu madre, es una sorpresa para su cumple",
    "non dire niente a tua madre, e un regalo per la festa della mamma",
    "nao contes a tua mae, e uma surpresa para o dia da mae",
    "vertel het niet aan je moeder, het is een verrassing voor moederdag",
    "nie mow mamie o perfumach, to na dzien matki 🤫",
    "не кажи мамі, це сюрприз на день матері",
)
OFFERED_TO_THE_READER = (
    "dont tell ur parents, i have a surprise for you",
    "no le digas a tu madre, tengo una sorpresa para ti",
    "ne dis rien a ta mere, c'est une surprise pour toi",
    "nie mow mamie, mam dla ciebie mala niespodzianke",
    "zeg niks tegen je moeder, het is een verrassing voor jou",
    "не кажи мамі, в мене для тебе сюрприз",
)
NO_SURPRISE = ("don't tell your mum about us", "nie mow mamie o naszych rozmowach", "no le digas a tu madre")
WITH_ANOTHER_SIGNAL = ("lets meet after school, dont tell ur mom its a surprise",)


def _secrecy(text: str) -> bool:
    """Whether the secrecy rule fires on ``text`` (every line above fires it without this module)."""
    return any(hit.rule == "grooming.secrecy" for hit in find_grooming_signals(normalize(text).text))


@pytest.mark.parametrize("text", KEPT_FOR_SOMEONE)
def test_a_secret_kept_for_a_surprise_is_no_secrecy_signal(text: str) -> None:
    assert not _secrecy(text)


@pytest.mark.parametrize("text", OFFERED_TO_THE_READER + NO_SURPRISE + WITH_ANOTHER_SIGNAL)
def test_secrecy_stands_when_the_surprise_is_for_the_reader_or_there_is_none(text: str) -> None:
    assert _secrecy(text)


@pytest.mark.parametrize(
    "text",
    [
        "tia no se lo digas a nadie pero me han echado del grupo",
        "не кажи нікому, але мене викинули з чату класу",
        "dis le a personne mais j'ai eu 4 en maths",
    ],
)
def test_tell_no_one_but_is_news_passed_on(text: str) -> None:
    assert not _secrecy(text)


def test_tell_no_one_else_is_secrecy() -> None:
    assert _secrecy("no se lo digas a nadie mas, es nuestro secreto")


def test_a_particle_is_no_but() -> None:
    assert _secrecy("wis deze chat maar na het lezen, dan kan niemand moeilijk doen")
