"""The severe threat and doxxing rules in the other children's chat languages
(``safechat.detect.severity_languages``): ``threat.specific`` and ``pii.doxxing`` fire on the
common phrasings in French, German, Spanish, Italian, Portuguese, Dutch, Polish and Ukrainian with
the English rules' codes and labels, and not on what looks like them: game talk, a child telling of
a threat or asking what to do, arranging to meet, the writer's own number or address. The
phrasings were written without a native speaker's review."""

from __future__ import annotations

import pytest

from safechat.detect import find_severe, severity_languages
from safechat.detect.severity_languages import OTHER_LANGUAGE_GROUPS
from safechat.normalize import normalize
from safechat.types import Label

RULES = {"threat.specific": Label.THREAT, "pii.doxxing": Label.PII}

FIRES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "threat.specific": [
            "jvais te defoncer a la sortie du college",
            "demain 16h devant le portail t'es mort",
            "on va le taper apres les cours, venez tous",
            "je sais ou tu habites, fais gaffe a toi",
        ],
        "pii.doxxing": [
            "son num c'est le 06 12 34 56 78",
            "spammez le toute la nuit, 06 11 22 33 44",
            "je vais poster son adresse sur le groupe",
        ],
    },
    "de": {
        "threat.specific": [
            "ich schlag dich morgen nach der schule kaputt",
            "in der pause bist du dran",
            "ich weiß wo du wohnst, pass bloß auf",
        ],
        "pii.doxxing": [
            "seine nummer ist 0176 12345678",
            "spammt ihn voll, 0176 48291733",
            "ich poste gleich wo sie wohnt",
        ],
    },
    "es": {
        "threat.specific": [
            "te voy a partir la cara a la salida",
            "mañana en el recreo te reviento",
            "vamos todos a reventar a los de 2b",
            "se donde vives, ya veras",
        ],
        "pii.doxxing": [
            "su num es 612 48 93 07",
            "llamadle todos a las 3 de la mañana, 612 555 907",
            "pasad su numero por todos los grupos",
        ],
    },
    "it": {
        "threat.specific": [
            "domani all uscita ti spacco la faccia",
            "ti ammazzo fuori da scuola",
            "chi viene con me a menare quello di 3b",
            "so dove abiti, stai attento",
        ],
        "pii.doxxing": [
            "il numero di luca è 347 218 9054",
            "spammatela tutti stanotte",
            "pubblico il suo indirizzo stasera",
        ],
    },
    "pt": {
        "threat.specific": [
            "vou te bater na saida amanha",
            "no recreio vou partir a tua cara",
            "sei onde tu moras, fica atento",
            "bora bater no novato, quem ta dentro",
        ],
        "pii.doxxing": [
            "o numero dele é 912 345 678",
            "liguem pra ele a noite toda",
            "vou postar o endereço dela",
        ],
    },
    "nl": {
        "threat.specific": [
            "ik sla je morgen in elkaar na school",
            "ik maak je af bij het hek",
            "ik weet waar je woont, slaap lekker",
        ],
        "pii.doxxing": [
            "zijn adres is kastanjelaan 23",
            "bel hem allemaal, 06 12345678",
            "ik heb haar huis gevonden op google maps",
        ],
    },
    "pl": {
        "threat.specific": [
            "jutro po lekcjach dostaniesz wpierdol",
            "zajebie cie pod szkola",
            "kto idzie ze mna pobic tego nowego",
            "wiem gdzie mieszkasz, uwazaj",
        ],
        "pii.doxxing": [
            "numer kuby 512 448 903",
            "dzwoncie do niego cala noc",
            "wrzucam jej adres na grupe",
        ],
    },
    "uk": {
        "threat.specific": [
            "після уроків тебе поб'ю",
            "завтра біля школи тобі капець",
            "знаю де ти живеш, стережися",
            "йдемо бити тих з 12 школи",
        ],
        "pii.doxxing": [
            "номер дениса 096 431 27 85",
            "спамте йому всю ніч",
            "злили її адресу в чат",
        ],
    },
}

LOOK_ALIKES: dict[str, list[str]] = {
    "game": [
        "je vais te defoncer demain en ranked mdr",
        "ti ammazzo domani in partita",
        "te mato mañana en fortnite jaja",
        "morgen mach ich dich fertig in fifa",
        "jutro cie zabije w minecraft xd",
        "esta noche vamos a por el dragon del end",
    ],
    "told_of": [
        "il m'a dit qu'il allait me defoncer a la sortie",
        "er hat mir geschrieben ich schlag dich nach der schule, was soll ich machen",
        "me dijeron te voy a partir la cara a la salida, que hago",
        "napisal mi ze dostaniesz wpierdol po lekcjach, co mam robic",
    ],
    "quoted": [
        'no le digas "te voy a partir la cara a la salida" a nadie',
    ],
    "meeting": [
        "on se retrouve a la sortie a 16h",
        "treffen wir uns um 4 am park?",
        "te espero en la puerta a las 5",
        "ci vediamo al parco alle 5",
        "ik kom je ophalen na school",
        "ich bring dich um 8 zur schule",
        "czekam na ciebie pod szkola o 8",
        "despues del insti vamos a por un helado?",
        "je sais ou tu habites, j'arrive dans 10 min",
    ],
    "own_data": [
        "mon num c'est le 06 72 18 45 90",
        "meine nummer ist 0157 32948811",
        "mi numero es 678 34 12 90, escribidme",
        "seguitemi su insta @giuly.rossi_2011",
        "mijn insta is @fennaa.x2011",
        "moj numer to 512 448 903",
        "мій номер 096 431 27 85",
        "nn chiamatelo alex, si chiama alessandra",
    ],
    "warning": [
        "attention, ils veulent le taper a la sortie",
        "cuidado, dicen que van a pegar a pablo a la salida",
    ],
}


def _rules(text: str) -> list[tuple[str, Label]]:
    return [(hit.rule, hit.label) for hit in find_severe(normalize(text).text) if hit.rule in RULES]


@pytest.mark.parametrize(
    ("language", "rule", "text"),
    [
        (language, rule, text)
        for language, rules in FIRES.items()
        for rule, texts in rules.items()
        for text in texts
    ],
)
def test_each_rule_fires_in_each_language(language: str, rule: str, text: str) -> None:
    assert (rule, RULES[rule]) in _rules(text), (language, text)


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in LOOK_ALIKES.items() for text in texts]
)
def test_look_alikes_do_not_fire(kind: str, text: str) -> None:
    assert _rules(text) == [], (kind, text)


def test_every_language_has_every_rule() -> None:
    assert set(FIRES) == {"fr", "de", "es", "it", "pt", "nl", "pl", "uk"}
    for rules in FIRES.values():
        assert set(rules) == set(RULES)


def test_every_pattern_can_fire_and_its_gate_lets_it() -> None:
    """Each pattern matches one of the phrasings above, and its literal gate (ASCII or wide) keeps
    it a candidate for that phrasing, in lower and upper case and beside text outside ASCII."""
    texts = [normalize(t).text for rules in FIRES.values() for ts in rules.values() for t in ts]
    variants = [v for t in texts for v in (t, t.upper(), t + " 😭")]
    for group in OTHER_LANGUAGE_GROUPS:
        for pattern in group:
            matching = [text for text in variants if pattern.regex.search(text)]
            assert matching, pattern.regex.pattern[:60]
            for text in matching:
                assert pattern in group.candidates(text), (pattern.regex.pattern[:60], text)


def test_the_gates_of_the_look_alike_checks_let_them_run() -> None:
    texts = [
        normalize(t).text
        for ts in (*LOOK_ALIKES.values(), *(r for rs in FIRES.values() for r in rs.values()))
        for t in ts
    ]
    for group in (severity_languages._ASKS_HELP, severity_languages._PLAY):
        for text in [v for t in texts for v in (t, t.upper(), t + " 😭")]:
            for pattern in group:
                if pattern.regex.search(text):
                    assert pattern in group.candidates(text), (pattern.rule, text)


def test_english_lines_are_left_to_the_english_rules() -> None:
    for text in ("i'll beat u up after school", "her address is 12 oak road", "see u at the park at 4"):
        assert not severity_languages.find_severe_other_languages(normalize(text).text), text
