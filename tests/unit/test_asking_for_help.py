"""A child asking for help with what is done to them (``context.disclosure``, the patterns of
``safechat.detect.context.ASKING_FOR_HELP``): whom to tell, where to report, how to block someone, a
helpline, telling anonymously, in every children's chat language; help with homework or a game is
not it. The decision offers support and takes no action. Written without a native speaker's review."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.types import Action
from tests.unit.fixtures import context_hits

ASKS: dict[str, list[str]] = {
    "en": ["who can i tell about this", "i need help, they wont stop", "is there a helpline i can call"],
    "de": ["wem kann ich das erzählen", "ich brauche hilfe, die hören nicht auf", "wie melde ich ihn"],
    "fr": ["à qui je peux en parler", "j'ai besoin d'aide, ils arrêtent pas", "comment signaler quelqu'un"],
    "es": ["a quién se lo puedo contar", "necesito ayuda, no paran", "cómo denuncio a alguien"],
    "it": ["a chi posso dirlo", "ho bisogno di aiuto, non smettono", "come segnalo qualcuno"],
    "nl": ["aan wie kan ik het vertellen", "ik heb hulp nodig", "hoe meld ik iemand"],
    "pl": ["komu mam to powiedziec", "potrzebuje pomocy, nie przestaja", "jak zglosic kogos"],
    "pt": ["a quem posso contar", "preciso de ajuda, não param", "como denuncio alguém"],
    "uk": ["кому можна розповісти", "мені потрібна допомога", "куди можна звернутись"],
}

NOT_ASKING: list[str] = [
    "i need help with my homework",
    "i need help on this level",
    "how do i build a castle in minecraft",
    "ich brauche hilfe bei den hausaufgaben",
    "j'ai besoin d'aide pour mes devoirs",
    "necesito ayuda con los deberes",
    "ho bisogno di aiuto con i compiti",
    "ik heb hulp nodig bij mijn huiswerk",
    "potrzebuje pomocy z matmy",
    "preciso de ajuda com o trabalho",
    "who wants to play tonight",
    "wie kann ich die aufgabe lösen",
    "c'è un numero per ordinare la pizza?",
    "hay algún número para pedir pizza",
    "is er een nummer van de pizzeria",
]


def _disclosures(text: str) -> list[str]:
    return [hit.rule for hit in context_hits(text, "context.disclosure")]


@pytest.mark.parametrize(("language", "text"), [(language, t) for language, ts in ASKS.items() for t in ts])
def test_asking_for_help_is_a_disclosure(language: str, text: str) -> None:
    assert _disclosures(text), language


@pytest.mark.parametrize("text", NOT_ASKING)
def test_help_with_homework_or_a_game_is_not(text: str) -> None:
    assert _disclosures(text) == []


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("куди можна звернутись, мене цькують", "uk"),
        ("jak zglosic kogos na discordzie? ktos mnie neka", "pl"),
    ],
)
def test_a_child_asking_for_help_is_offered_it_and_not_stopped(
    moderator: Moderator, text: str, locale: str
) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale=locale)
    assert decision.support is not None
    assert decision.action is Action.ALLOW
