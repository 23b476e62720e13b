"""``context.game`` in the other children's chat languages (issue 23): game rivalry and in-game kill
talk between players settles the model's threat score, in French, German, Spanish, Italian,
Portuguese (Portugal and Brazil), Dutch, Polish and Ukrainian. A hit needs a rivalry or kill phrase
aimed at the reader and a game named; a weapon, a body part, a real place or time, "irl", "I'm not
joking" or "when I see you" anywhere in the message stops it, so that a real threat dressed as a
game keeps its decision. The phrasings were written without a native speaker's review."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.detect import context, harm_languages
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, shipped_bundle_path
from safechat.normalize import normalize
from safechat.types import Action, Label
from tests.unit.fixtures import context_hits

# Per language: game talk that fires; the same words with a real place, time or weapon; a plain threat.
CASES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "game": [
            "je vais te tuer a la prochaine manche mdr",
            "je vais te defoncer a la prochaine partie",
            "jte detruis en ranked frero",
            "on va vous massacrer au tournoi fortnite",
            "t'es mort cette game",
        ],
        "real": [
            "je vais te defoncer a la prochaine partie et apres les cours aussi",
            "je vais te tuer a la prochaine manche, je sais ou tu habites",
            "je vais te tuer en vrai, pas dans fortnite",
            "jte detruis en ranked et demain a la recre",
            "t'es mort cette game, je te jure quand je te vois",
            "on va te tuer ce soir au city stade apres le match",
        ],
        "plain": ["je vais te tuer", "t'es mort"],
    },
    "de": {
        "game": [
            "ich mach dich fertig in der naechsten runde",
            "ich kill dich in fortnite lol",
            "ich zerstör dich im 1v1",
            "du bist so tot in bedwars",
            "wir machen euch platt im turnier",
        ],
        "real": [
            "ich mach dich fertig in der naechsten runde und nach der schule",
            "ich kill dich in fortnite und im echten leben",
            "ich zerstör dich im 1v1, ich weiss wo du wohnst",
            "du bist so tot in bedwars, morgen in der pause",
            "wir machen euch platt im turnier, bringt ein messer mit",
            "ich kill dich in fortnite, after school bist du dran",
            "ich mach dich fertig in der runde, ich mein das ernst",
        ],
        "plain": ["ich mach dich fertig", "du bist tot"],
    },
    "es": {
        "game": [
            "te voy a matar en el fortnite jaja",
            "te reviento en la proxima partida",
            "os vamos a destrozar en el torneo",
            "estas muerto en la siguiente ronda xd",
            "te mato si vuelves a campear",
        ],
        "real": [
            "te voy a matar en el fortnite y luego a la salida",
            "te reviento en la proxima partida y en el recreo",
            "os vamos a destrozar en el torneo, se donde vives",
            "estas muerto en la siguiente ronda, y en la vida real tambien",
            "te mato si vuelves a campear, tengo un cuchillo",
            "te reviento en la proxima partida, a las 5 en el parque",
            "si me vuelves a matar en fortnite te busco y te mato",
        ],
        "plain": ["te voy a matar a la salida del cole", "te mato"],
    },
    "it": {
        "game": [
            "ti ammazzo a fortnite",
            "ti distruggo nella prossima partita",
            "sei morto al prossimo round",
            "vi asfaltiamo nel torneo",
        ],
        "real": [
            "ti ammazzo a fortnite e poi all'uscita",
            "ti distruggo nella prossima partita, ti aspetto sotto casa",
            "sei morto al prossimo round, porto il coltello",
            "vi asfaltiamo nel torneo, non scherzo",
        ],
        "plain": ["ti ammazzo", "sei morto"],
    },
    "pt": {
        "game": [
            "vou te matar no free fire kkkk",
            "vou-te destruir nesta partida",
            "te amasso na proxima rodada",
            "vc ta morto no mine",
        ],
        "real": [
            "vou te matar no free fire e na saida da escola",
            "vou-te destruir nesta partida, sei onde moras",
            "te amasso na proxima rodada, levo a faca",
            "vc ta morto no mine e na vida real",
        ],
        "plain": ["vou te matar", "eu te mato"],
    },
    "nl": {
        "game": [
            "ik maak je kapot in de volgende ronde",
            "ik ga je slopen in fortnite haha",
            "je bent dood in de volgende potje",
            "we maken jullie af in het toernooi",
        ],
        "real": [
            "ik maak je kapot in de volgende ronde en na school",
            "ik ga je slopen in fortnite, ik weet waar je woont",
            "je bent dood in de volgende potje, als ik je zie",
            "we maken jullie af in het toernooi, met een mes",
        ],
        "plain": ["ik maak je kapot", "je bent dood"],
    },
    "pl": {
        "game": [
            "zabije cie w fortnite",
            "zniszcze cie w nastepnej rundzie xd",
            "jestes trupem w tej grze",
            "zjemy was w turnieju",
        ],
        "real": [
            "zabije cie w fortnite i po lekcjach",
            "zniszcze cie w nastepnej rundzie, jak cie zobacze",
            "jestes trupem w tej grze i na przerwie",
            "zjemy was w turnieju, mam noz",
            "zabije cie w fortnite, pozalujesz",
        ],
        "plain": ["zabije cie", "jestes trupem"],
    },
    "uk": {
        "game": [
            "я тебе вб'ю в фортнайті",
            "знищу тебе в наступному раунді",
            "ти труп в цій катці",
            "тебе рознесу в бравлі",
        ],
        "real": [
            "я тебе вб'ю в фортнайті і після уроків",
            "знищу тебе в наступному раунді, знаю де ти живеш",
            "ти труп в цій катці, в мене є ніж",
            "тебе рознесу в бравлі і на перерві",
        ],
        "plain": ["я тебе вб'ю", "ти труп"],
    },
}

# Game talk that is not rivalry aimed at the reader: no hit.
NOT_AIMED = [
    "je vais tuer l'ender dragon ce soir",
    "uccidi quello sul tetto che ci sta sparando",
    "voy a matar vacas para sacar cuero en el mine",
    "zombie zabil mi psa w mc",
    "der boss hat mich zehnmal getötet",
    "esto no es un juego, te voy a matar",
    "c'est pas un jeu, je vais te tuer en vrai",
]


def _game_hits(text: str) -> list[str]:
    return [hit.rule for hit in context_hits(text, "context.game")]


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(language, text) for language, kinds in CASES.items() for text in kinds[kind]]


@pytest.mark.parametrize(("language", "text"), _cases("game"))
def test_game_talk_fires(language: str, text: str) -> None:
    hits = context_hits(text, "context.game")
    assert hits, (language, text)
    assert {hit.label for hit in hits} == {Label.THREAT}


@pytest.mark.parametrize(("language", "text"), _cases("real"))
def test_the_real_world_stops_it(language: str, text: str) -> None:
    assert _game_hits(text) == [], (language, text)


@pytest.mark.parametrize(("language", "text"), _cases("plain"))
def test_a_threat_with_no_game_does_not_fire(language: str, text: str) -> None:
    assert _game_hits(text) == [], (language, text)


@pytest.mark.parametrize("text", NOT_AIMED)
def test_game_talk_not_aimed_at_the_reader_does_not_fire(text: str) -> None:
    assert _game_hits(text) == [], text


def test_every_language_is_covered() -> None:
    assert set(CASES) == {"fr", "de", "es", "it", "pt", "nl", "pl", "uk"}


def test_every_pattern_can_fire_and_its_gate_lets_it() -> None:
    """Each rivalry, game and real-world pattern matches one of the phrasings above, and its literal
    gate (ASCII or wide) keeps it a candidate for that phrasing, in lower and upper case and beside
    text outside ASCII."""
    texts = [normalize(text).text for kinds in CASES.values() for ts in kinds.values() for text in ts]
    texts += [normalize(text).text for text in NOT_AIMED]
    variants = [v for text in texts for v in (text, text.upper(), text + " 😭")]
    for group in (
        context.GAME_PATTERNS_OTHER_LANGUAGES,
        context.GAME_NAMED,
        harm_languages._REAL_WORLD_MORE,
    ):
        for pattern in group:
            matching = [text for text in variants if pattern.regex.search(text)]
            assert matching, pattern.regex.pattern[:60]
            for text in matching:
                assert pattern in group.candidates(text), (pattern.regex.pattern[:60], text)


def test_english_game_talk_is_unchanged() -> None:
    """The English rule still needs its own words; the other languages' rule adds nothing to English."""
    assert _game_hits("i'm gonna destroy you in fortnite") == ["context.game"]
    assert _game_hits("i'm gonna kill you in fortnite") == []
    assert context._game_other_languages(normalize("you're going down next round lol").text) == []


MULTI = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
_NO_BUNDLE = pytest.mark.skipif(MULTI is None, reason="the multilingual bundle is not installed")


@_NO_BUNDLE
@pytest.mark.parametrize(
    ("text", "locale"),
    [("te voy a matar en el fortnite jaja", "es"), ("je vais te tuer a la prochaine manche mdr", "fr")],
)
def test_real_bundle_allows_game_kill_talk(moderator: Moderator, text: str, locale: str) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale=locale)
    assert decision.action is Action.ALLOW


@_NO_BUNDLE
def test_real_bundle_keeps_a_threat_after_school(moderator: Moderator) -> None:
    decision = moderator.moderate("te voy a matar a la salida del cole", age_band="under_13", locale="es")
    assert decision.action is not Action.ALLOW
