"""The explicit harm rules in the other children's chat languages (issue 23,
``safechat.detect.harm_languages``): each rule fires on the common phrasings in French, German,
Spanish, Italian, Portuguese, Dutch, Polish and Ukrainian with the English rule's code and label,
and not on what looks like them: game kill talk, idioms of dying, quoting, counter-speech, a child
telling of what was said to them, everyday arrangements. The phrasings were written without a
native speaker's review."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.detect import find_harm_phrases, harm_languages
from safechat.detect.harm_languages import OTHER_LANGUAGE_GROUPS
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, shipped_bundle_path
from safechat.normalize import normalize
from safechat.types import Action, Label

RULES = {
    "bullying.kys": Label.BULLYING,
    "bullying.exclusion": Label.BULLYING,
    "threat.violence": Label.THREAT,
    "threat.school_attack": Label.THREAT,
    "sexual.solicitation": Label.SEXUAL,
}

FIRES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "bullying.kys": [
            "va te pendre sale noob",
            "tue toi stp",
            "tu devrais te suicider",
            "va crever",
            "suicide-toi",
        ],
        "bullying.exclusion": [
            "personne t'aime ici",
            "tout le monde te deteste",
            "t'es pas invitee a l'anniv",
            "degage du groupe",
        ],
        "threat.violence": [
            "recommence a me balancer et tu vas le regretter",  # a veiled threat
            "je vais te tuer",
            "je te casse les dents serieux",
            "jvais te defoncer a la sortie",
        ],
        "threat.school_attack": [
            "demain je rentre au college arme, vous allez voir",  # a place of the school beside an attack
            "je vais faire un carnage au lycee",
            "venez pas au college vendredi, il va se passer un truc",
            "fusillade au bahut demain",
        ],
        "sexual.solicitation": [
            "envoie moi des nudes",
            "tu veux coucher avec moi",
            "on parle de trucs sales ce soir",
        ],
    },
    "de": {
        "bullying.kys": [
            "geh sterben digga",
            "bring dich doch um",
            "lösch dich einfach du noob",
            "häng dich auf",
        ],
        "bullying.exclusion": [
            "niemand mag dich",
            "alle hassen dich",
            "du bist nicht eingeladen",
            "neue gruppe ohne jonas",
        ],
        "threat.violence": [
            "früher oder später krieg ich dich",  # a veiled threat
            "ich bring dich um",
            "ich mach dich fertig wenn du das nochmal sagst",
            "sonst brech ich dir die nase",
            "ich bring dich morgen nach der schule um",
        ],
        "threat.school_attack": [
            "morgen geht in der aula was hoch, bleibt lieber weg",  # a place of the school beside an attack
            "amoklauf am freitag wer ist dabei",
            "ich bring am montag was mit in die schule, dann lacht keiner mehr",
            "morgen sollte lieber keiner zur schule kommen",
        ],
        "sexual.solicitation": ["schick mir nacktbilder", "lass uns sexten", "willst du sex haben"],
    },
    "es": {
        "bullying.kys": [
            "matate manco",
            "vete a morir",
            "tirate x la ventana",
            "ojala te mueras",
            "muerete ya",
        ],
        "bullying.exclusion": [
            "nadie te quiere",
            "todos te odian",
            "vete del grupo",
            "nadie quiere jugar contigo",
            "no estas invitada",
        ],
        "threat.violence": [
            "no sabes con quien te has metido",
            "te voy a matar",
            "te parto la cara",
            "si me vuelves a tocar te pincho",
        ],
        "threat.school_attack": [
            "el lunes entro armado al insti, avisados",  # a place of the school beside an attack
            "el lunes no vengais al insti, lo digo en serio",
            "voy a llevar la pistola de mi padre al insti",
            "tiroteo en el insti el viernes",
        ],
        "sexual.solicitation": [
            "manda nudes",
            "hablemos de cosas guarras",
            "quieres hacer sexo",
            "pasame fotos desnuda",
        ],
    },
    "it": {
        "bullying.kys": [
            "ammazzati",
            "buttati da un ponte",
            "vai a morire",
            "nessuno ti piangerebbe",
            "ucciditi",
        ],
        "bullying.exclusion": ["nessuno ti vuole", "tutti ti odiano", "nn hai amici", "esci dal gruppo"],
        "threat.violence": [
            "non sai con chi hai a che fare",
            "ti ammazzo appena ti vedo",
            "ti spacco la faccia",
            "te la faccio pagare",
        ],
        "threat.school_attack": [
            "domani entro in classe armato, state a casa",  # a place of the school beside an attack
            "porto la pistola di mio zio a scuola",
            "sparatoria a scuola domani",
            "metto una bomba a scuola",
        ],
        "sexual.solicitation": [
            "manda nudes o ti blocco",
            "mandami una foto senza maglietta",
            "facciamo sesso",
        ],
    },
    "pt": {
        "bullying.kys": [
            "vai se matar",
            "se joga da ponte",
            "mata-te",
            "ainda nao se matou?",
            "se mata logo",
        ],
        "bullying.exclusion": [
            "ngm gosta de vc",
            "todo mundo te odeia",
            "vc nao foi convidada",
            "bora tirar a carolina do grupo",
        ],
        "threat.violence": [
            "nao sabes com quem te meteste",  # a veiled threat
            "vou te matar",
            "eu te pego na saida",
            "vou-te partir a cara",
            "parto-te os dentes",
        ],
        "threat.school_attack": [
            "amanha vou pegar fogo na escola, fiquem em casa",  # a place of the school beside an attack
            "segunda levo a arma pra escola",
            "bomba na escola amanha",
            "dá pra entrar com a arma fácil",
        ],
        "sexual.solicitation": ["manda nude vai", "manda uma foto mais ousada", "bora transar"],
    },
    "nl": {
        "bullying.kys": [
            "ga toch gwn dood",
            "spring van het dak",
            "pleeg zelfmoord",
            "niemand zou je missen als je dood was",
        ],
        "bullying.exclusion": [
            "niemand vindt je leuk",
            "iedereen haat je",
            "je bent niet uitgenodigd",
            "je hebt geen vrienden",
        ],
        "threat.violence": [
            "je weet niet met wie je te maken hebt",
            "ik maak je af",
            "ik ga je zo hard slaan",
            "ik steek je neer",
        ],
        "threat.school_attack": [
            "morgen neem ik iets mee dat knalt naar school",  # a place of the school beside an attack
            "ik neem morgen mn vaders geweer mee naar school",
            "niet naar school komen donderdag, ik zeg het maar 1x",
            "schietpartij op school",
        ],
        "sexual.solicitation": ["stuur nudes", "stuur ff iets pittigs", "wil je sexten"],
    },
    "pl": {
        "bullying.kys": ["zabij sie", "idz sie zabij", "powies sie", "zdechnij", "skocz z mostu"],
        "bullying.exclusion": [
            "nikt cie nie lubi",
            "wszyscy cie nienawidza",
            "nie masz przyjaciol",
            "wypad z grupy",
        ],
        "threat.violence": [
            "nie wiesz z kim zadzierasz",
            "zajebie cie",
            "dostaniesz wpierdol",
            "zabije cie jak cie zobacze",
        ],
        "threat.school_attack": [
            "jutro w szkole cos wybuchnie, zostancie w domu",  # a place of the school beside an attack
            "strzelanina w szkole jutro",
            "wezme ojca strzelbe i zrobie porzadek z cala klasa",
            "wysadze szkole",
        ],
        "sexual.solicitation": ["wyslij nudesy", "chcesz seks?", "wyslij mi fotki bez bluzki"],
    },
    "uk": {
        "bullying.kys": ["вбийся", "піди вбийся", "здохни", "повісься"],
        "bullying.exclusion": [
            "тебе ніхто не любить",
            "всі тебе ненавидять",
            "не сідайте з нею",
            "вали з чату",
        ],
        "threat.violence": ["ти ще пожалкуєш", "я тебе вб'ю", "приб'ю тебе", "тобі капець"],
        "threat.school_attack": [
            "завтра в школі щось вибухне, сидіть вдома",
            "я замінував школу",
            "принесу рушницю в школу",
            "стрілянина в школі",
        ],
        "sexual.solicitation": ["скинь нюдси", "давай займемось сексом", "скинь фото без одягу"],
    },
}

LOOK_ALIKES: dict[str, list[str]] = {
    "game": [
        "te voy a matar en el fortnite jaja",
        "je vais te tuer a la prochaine manche",
        "ich bring dich um wenn du wieder campst lol",
        "vou te matar no minecraft kkkk",
        "ti ammazzo a fifa stasera ahah",
        "ik maak je af in fortnite haha",
        "zabije cie w fortnite xd",
        "я тебе вб'ю в наступному раунді хаха",
        "viens on va tuer l'ender dragon ce soir",
        "voy a matar vacas para sacar cuero",
        "mata o creeper antes que ele rebente a casa",
        "ho ucciso il drago dell end finalmente",
    ],
    "idiom": [
        "me muero de risa",
        "je suis mort de rire",
        "ich sterbe vor lachen",
        "muoio dal ridere",
        "morrendo de rir kkkk",
        "ik ga dood van het lachen",
        "umieram ze smiechu",
        "я помру від сміху",
        "meine mutter bringt mich um wenn sie das zeugnis sieht",
        "mes parents vont me tuer j'ai depense tous mes sous",
        "minha mãe vai me matar quando ver a conta",
        "muerete de envidia",
    ],
    "quoting and counter-speech": [
        "no le digas 'matate' a nadie, eso no se dice",
        "jak ktos jeszcze raz napisze 'idz sie zabij' do zuzi to zglaszam",
        'on dit pas "va te pendre", c\'est grave',
        "'nessuno ti vuole' nn si dice, smettila",
    ],
    "telling of it": [
        "me dicen q me mate, q hago",
        "sie sagen mir ich soll mich umbringen",
        "il m'a dit va te pendre, je fais quoi",
        "mi hanno scritto ammazzati, cosa faccio",
        "me disseram pra eu me matar",
        "ze zeiden tegen mij ga dood",
        "napisali mi zabij sie",
        "мені пишуть вбийся",
    ],
    "everyday": [
        "no puedo quedar hoy, lo siento",
        "mañana no vengais al insti, hay huelga",
        "ich bring dich um 8 zur schule",
        "ik maak je huiswerk af",
        "ik kom je ophalen na school",
        "ich bring morgen was mit in die schule für die party",
        "nie zabij sie na tej rampie",
        "una crepa nel muro",
        "tu veux jouer avec moi ce soir ?",
        "en sexto tenemos examen",
        "on parle de sexe en svt demain",
        "wir sehen uns morgen in der schule, bring dein buch mit",
        "eu sai do grupo ontem",
        "ik ga uit de groep, te veel berichten",
    ],
}


def _rules(text: str) -> list[tuple[str, Label]]:
    return [(hit.rule, hit.label) for hit in find_harm_phrases(normalize(text).text) if hit.rule in RULES]


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
    """The checks that drop quoted, told-of and play hits are gated like rules: a gate that
    skipped one would let a look-alike through."""
    texts = [
        normalize(t).text
        for ts in (*LOOK_ALIKES.values(), *(r for rs in FIRES.values() for r in rs.values()))
        for t in ts
    ]
    for group in (
        harm_languages._TOLD_OF,
        harm_languages._SAY_NOT,
        harm_languages._PLAY,
        harm_languages._REAL_WORLD,
    ):
        for text in [v for t in texts for v in (t, t.upper(), t + " 😭")]:
            for pattern in group:
                if pattern.regex.search(text):
                    assert pattern in group.candidates(text), (pattern.rule, text)


MULTI = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
_NO_BUNDLE = pytest.mark.skipif(MULTI is None, reason="the multilingual bundle is not installed")


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


@_NO_BUNDLE
@pytest.mark.parametrize(
    ("text", "locale"), [("matate nadie te quiere", "es"), ("zabij sie, nikt cie nie lubi", "pl")]
)
def test_real_bundle_blocks_telling_a_child_to_die(moderator: Moderator, text: str, locale: str) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale=locale)
    assert decision.action in (Action.BLOCK, Action.ESCALATE)
    assert "rule.bullying.kys" in [reason.code for reason in decision.reasons]


@_NO_BUNDLE
def test_real_bundle_leaves_spanish_game_kill_talk_to_the_model(moderator: Moderator) -> None:
    """No rule acts on "te voy a matar en el fortnite jaja"."""
    decision = moderator.moderate("te voy a matar en el fortnite jaja", age_band="under_13", locale="es")
    assert not [reason for reason in decision.reasons if reason.code.startswith("rule.threat")]


@_NO_BUNDLE
def test_real_bundle_allows_spanish_game_kill_talk(moderator: Moderator) -> None:
    decision = moderator.moderate("te voy a matar en el fortnite jaja", age_band="under_13", locale="es")
    assert decision.action is Action.ALLOW


@pytest.mark.parametrize(
    "text",
    [
        "je vais te tuer a la prochaine partie",
        "ik maak je dood in de volgende ronde",
        "я тебе вб'ю в фортнайті",
        "vou te matar no free fire",
    ],
)
def test_a_threat_in_a_named_round_or_game_is_play(text: str) -> None:
    hits = [h.rule for h in find_harm_phrases(normalize(text).text)]
    assert "threat.violence" not in hits


@pytest.mark.parametrize(
    "text",
    [
        "esto no es un juego, te voy a matar",  # the game named only to deny it
        "si me vuelves a matar en fortnite te busco y te mato",  # coming to find the reader
        "te voy a matar en el fortnite, lo digo en serio",  # not joking
    ],
)
def test_a_threat_that_leaves_the_game_is_not_play(text: str) -> None:
    hits = [h.rule for h in find_harm_phrases(normalize(text).text)]
    assert "threat.violence" in hits


def test_an_order_quoted_from_the_first_character_is_dropped() -> None:
    # the quote mark is the message's first character: the look-behind window must start at 0
    assert _rules('"matate"') == []
    assert _rules("matate") != []
