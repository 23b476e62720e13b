"""The severe threat and doxxing rules in the other children's chat languages
(``safechat.detect.severity_languages``): ``threat.specific`` and ``pii.doxxing`` fire on the
common phrasings in French, German, Spanish, Italian, Portuguese, Dutch, Polish and Ukrainian with
the English rules' codes and labels, and not on what looks like them: game talk, a child telling of
a threat or asking what to do, arranging to meet, the writer's own number or address. So do
``bullying.humiliation`` and ``hate.slur`` (a slur aimed at a person), and not on a slur quoted,
told of or objected to, game talk, the writer's own diary or photos, or identity words. The
phrasings were written without a native speaker's review."""

from __future__ import annotations

import time

import pytest

from safechat import Moderator
from safechat.detect import find_severe, severity_languages
from safechat.detect.severity_languages import OTHER_LANGUAGE_GROUPS
from safechat.normalize import normalize
from safechat.types import Action, Label

RULES = {"threat.specific": Label.THREAT, "pii.doxxing": Label.PII}

FIRES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "threat.specific": [
            "jai un canif dans mon sac, tu vas voir",
            "si je le croise au gymnase je le frappe direct",
            "faudrait les degager du quartier ceux-la",
            "jvais te defoncer a la sortie du college",
            "demain 16h devant le portail t'es mort",
            "on va le taper apres les cours, venez tous",
            "je sais ou tu habites, fais gaffe a toi",
        ],
        "pii.doxxing": [
            "elle est en 4e B et sort a 16h30, maintenant vous savez ou",
            "son num c'est le 06 12 34 56 78",
            "spammez le toute la nuit, 06 11 22 33 44",
            "je vais poster son adresse sur le groupe",
        ],
    },
    "de": {
        "threat.specific": [
            "ich hab n schlagring dabei, dann siehst du",
            "wenn der nochmal kommt hau ich ihm aufs maul",
            "die sollte man die moschee abfackeln",
            "ich schlag dich morgen nach der schule kaputt",
            "in der pause bist du dran",
            "ich weiß wo du wohnst, pass bloß auf",
        ],
        "pii.doxxing": [
            "er geht in die klasse 7b am goethe gymnasium, macht ihn fertig",
            "seine nummer ist 0176 12345678",
            "spammt ihn voll, 0176 48291733",
            "ich poste gleich wo sie wohnt",
        ],
    },
    "es": {
        "threat.specific": [
            "tengo una navaja, ya veras",
            "si vuelve a venir le vamos a dar una paliza",
            "hay que quemar la mezquita del barrio",
            "te voy a partir la cara a la salida",
            "mañana en el recreo te reviento",
            "vamos todos a reventar a los de 2b",
            "se donde vives, ya veras",
        ],
        "pii.doxxing": [
            "esta en 2B y sale a las 14:00, ahora ya sabeis donde",
            "su num es 612 48 93 07",
            "llamadle todos a las 3 de la mañana, 612 555 907",
            "pasad su numero por todos los grupos",
        ],
    },
    "it": {
        "threat.specific": [
            "ho un coltellino in tasca, vedrai",
            "se si presenta alla festa lo pestiamo",
            "quelli vanno presi a calci fuori da scuola",
            "domani all uscita ti spacco la faccia",
            "ti ammazzo fuori da scuola",
            "chi viene con me a menare quello di 3b",
            "so dove abiti, stai attento",
        ],
        "pii.doxxing": [
            "sta in 2B e esce alle 13:10, adesso sapete dove",
            "il numero di luca è 347 218 9054",
            "spammatela tutti stanotte",
            "pubblico il suo indirizzo stasera",
        ],
    },
    "pt": {
        "threat.specific": [
            "tenho uma faca na mochila, vc vai ver",
            "vou te bater na saida amanha",
            "no recreio vou partir a tua cara",
            "sei onde tu moras, fica atento",
            "bora bater no novato, quem ta dentro",
        ],
        "pii.doxxing": [
            "ela anda no 8º ano e sai as 13h, voces sabem o que fazer",
            "o numero dele é 912 345 678",
            "liguem pra ele a noite toda",
            "vou postar o endereço dela",
        ],
    },
    "nl": {
        "threat.specific": [
            "ik heb een mes bij me, dan zie je het",
            "als hij weer komt slaan we m in elkaar",
            "dat azc moeten we in de fik steken",
            "ik sla je morgen in elkaar na school",
            "ik maak je af bij het hek",
            "ik weet waar je woont, slaap lekker",
        ],
        "pii.doxxing": [
            "hij zit in klas 2b en is om 15:15 uit, zoek hem maar op",
            "zijn adres is kastanjelaan 23",
            "bel hem allemaal, 06 12345678",
            "ik heb haar huis gevonden op google maps",
        ],
    },
    "pl": {
        "threat.specific": [
            "mam noz w kieszeni, zobaczysz",
            "jak go zobacze na boisku to go zleje",
            "trzeba ich spuscic ze schodow",
            "jutro po lekcjach dostaniesz wpierdol",
            "zajebie cie pod szkola",
            "kto idzie ze mna pobic tego nowego",
            "wiem gdzie mieszkasz, uwazaj",
        ],
        "pii.doxxing": [
            "on mieszka przy Lipowej 12, kto jest blisko",
            "numer kuby 512 448 903",
            "dzwoncie do niego cala noc",
            "wrzucam jej adres na grupe",
        ],
    },
    "uk": {
        "threat.specific": [
            "у мене є ніж, побачиш",
            "його побʼємо після уроків",
            "відмудохаємо їх біля школи",
            "після уроків тебе поб'ю",
            "завтра біля школи тобі капець",
            "знаю де ти живеш, стережися",
            "йдемо бити тих з 12 школи",
        ],
        "pii.doxxing": [
            "він в 7-Б, виходить о 13:40, тепер знаєте де",
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
    "everyday": [
        "je la plante dans le jardin avec mamie",
        "je le demonte pour le ranger",
        "lo pegamos con cinta en el mural",
        "lo gonfiamo per la festa",
        "ja pobije rekord w tej grze",
        "we gaan ze pakken vandaag, 3-0 minstens",
        "het kampvuur in de fik steken om 8",
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
    texts = [
        normalize(t).text
        for fires in (FIRES, AIMED_FIRES)
        for rules in fires.values()
        for ts in rules.values()
        for t in ts
    ]
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


# --- bullying.humiliation and hate.slur ------------------------------------------------------------

AIMED_RULES = {"bullying.humiliation": Label.BULLYING, "hate.slur": Label.HATE}

AIMED_FIRES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "bullying.humiliation": [
            "j'ai ses vocaux ou elle chiale, je les balance dans le groupe de la classe",
            "je poste son journal intime ce soir",
            "on a fait une video sur toi, tout le monde l'a vue",
            "j'ai filme lea qui pleure aux toilettes, je l'envoie a tout le monde",
            "toute la classe sait que tu fais pipi au lit",
            "venez tous vous moquer de lucas",
            "jai filmé théo qui trébuche dans l'escalier, je le mets en story 😂",
        ],
        "hate.slur": [
            "t'es un pd",
            "t'es qu'une sale gouine",
            "ferme ta gueule espece de mongol",
            "sale bougnoule",
            "sale arabe rentre chez toi",
            "t'es une g**ine",
        ],
    },
    "de": {
        "bullying.humiliation": [
            "ich poste gleich den screenshot wo mia dem ben ihre liebe gesteht",
            "hab seine sprachnachricht in die klassengruppe geschickt",
            "die ganze klasse weiß dass du ins bett machst",
            "ich hab gefilmt wie tim hingefallen ist, kommt gleich auf tiktok",
            "ich hab ein video über dich gemacht",
            "hab jonas in der pause beim schlafen gefilmt wie er sabbert, kommt in meinen status",
            "lacht alle über jonas",
        ],
        "hate.slur": [
            "du bist so ein spast",
            "du schwuchtel",
            "bist du behindert oder was",
            "verpiss dich du kanake",
        ],
    },
    "es": {
        "bullying.humiliation": [
            "hemos puesto su audio llorando en el grupo de clase",
            "os paso las capturas de lo q le escribio nerea a alex",
            "toda la clase sabe q te meas en la cama",
            "hemos grabado a lucas llorando, va al grupo",
            "hemos hecho un meme de ti",
            "reíos todos de pablo",
            "voy a subir a mi estado el video de cuando se meó en clase",
        ],
        "hate.slur": [
            "eres un maricon",
            "callate ya subnormal",
            "maricon de mierda no me mires",
            "eres una bollera",
        ],
    },
    "it": {
        "bullying.humiliation": [
            "ho registrato giulia che piange in bagno, lo mando nel gruppo della classe",
            "chi vuole la foto di sofia che dorme sul banco con la bava?",
            "ho messo il suo diario nel gruppo",
            "ho fatto un meme su di te",
            "tutta la classe sa che ti fai la pipi addosso",
            "ridete tutti di marco",
            "ho registrato luca mentre scivola in palestra, stasera lo metto su tiktok",
        ],
        "hate.slur": [
            "sei un frocio",
            "zitto n*gro",
            "sei proprio un ritardato",
            "albanese di merda torna al tuo paese",
        ],
    },
    "pt": {
        "bullying.humiliation": [
            "vou postar as mensagens dela no grupo da turma",
            "gravei o pedro chorando no balneario, ja ta no grupo",
            "a turma toda sabe que tu fazes xixi na cama",
            "fiz um meme de ti",
            "riam todos do joao",
            "tenho o vídeo do rui a tropeçar no recreio, vai direto pro tiktok",
        ],
        "hate.slur": [
            "vc é um viado",
            "seu retardado",
            "és mesmo paneleiro",
            "cala a boca sapatao",
            "volta pra senzala, macaco",
        ],
    },
    "nl": {
        "bullying.humiliation": [
            "ik heb gefilmd hoe fenna viel bij gym, gaat zo op tiktok",
            "ik zet haar dagboek in de klassenapp",
            "de hele klas weet dat je nog in bed plast",
            "kijk naar de berichten van sanne",
            "ik heb een meme van je gemaakt",
            "lach hem allemaal uit",
            "ik heb dat filmpje van sem die in z'n broek plast in de groepsapp gegooid",
        ],
        "hate.slur": [
            "jij bent echt een flikker",
            "hou je bek mongool",
            "je bent achterlijk",
            "jij vuile zigeuner",
        ],
    },
    "pl": {
        "bullying.humiliation": [
            "wrzucam na story liscik ktory hania napisala do igora",
            "mam glosowke jak patryk wyznaje milosc kindze, puszczam na klasowej",
            "cala klasa wie ze ty sikasz w lozko",
            "nagralem jak kuba placze, wysylam na grupe",
            "zrobilem mema o tobie",
            "smiejcie sie z kuby",
            "nagrałam jak kuba się wywalił na wf, leci na tiktoka",
        ],
        "hate.slur": [
            "ty pedale",
            "jestes zwyklym cwelem",
            "spadaj ciapaku",
            "ty czarnuchu",
            "szwabie wracaj do siebie",
        ],
    },
    "uk": {
        "bullying.humiliation": [
            "заскрінила твоє повідомлення і кинула всьому класу",
            "я зняв як богдан впав в їдальні, вже в тіктоці",
            "весь клас знає що ти пісяєш в ліжко",
            "виклала її щоденник у сторіс",
            "зробив мем про тебе",
            "смійтеся з олега",
            "знімайте як він гепнувся з драбини, кину в тікток",
        ],
        "hate.slur": ["ти підор", "ти шо даун?", "ей жидок, позич грошей", "ти просто чурка"],
    },
}

AIMED_LOOK_ALIKES: dict[str, list[str]] = {
    "quoted": [
        'on dit pas "pd" comme insulte',
        "'spast' sagt man nicht",
        "dire \"t'es autiste\" pour dire t'es nul c'est vraiment pas ok",
        'nn si dice "sei un frocio"',
    ],
    "reported": [
        "il m'a traite de pd devant tout le monde",
        "er hat mich spast genannt",
        "me llaman maricon en clase",
        "mi chiamano ritardato tutti i giorni",
        "me chamaram de macaco na educação física",
        "ze noemen me mongool op school",
        "wyzywaja mnie od pedalow",
        "мене обзивають даун",
        "ils ont poste mes messages dans le groupe, je fais quoi",
        "jemand hat meine sprachnachricht in die gruppe geschickt",
    ],
    "objected": [
        "arrete de le traiter de pd, c'est homophobe",
        "arrête de le traiter de mongol",
        "c'est pas cool de poster son journal",
        "decir 'maricon' como insulto no mola",
        "para de chamar ele de macaco, isso é racismo",
        "przestan mowic do niego ty pedale",
        "hou op met jij mongool zeggen",
        "перестань казати ти даун",
        "smettila di postare le sue foto nel gruppo",
    ],
    "game": [
        "je vais poster la video de ma game sur tiktok",
        "ich poste gleich meinen neuen highscore in die gruppe",
        "he subido el video de la partida al grupo",
        "ho messo il video della partita su tiktok",
        "vou postar o meu print da vitoria no grupo",
        "ik zet mijn clip in de groepsapp",
        "wrzucam moj klip z gry na grupe",
        "кинув свій кліп у чат",
    ],
    "own_diary": [
        "j'ai poste mon journal sur mon blog",
        "ich zeige euch mein tagebuch",
        "os paso mis apuntes de mates",
        "metto il mio diario su wattpad",
        "vou postar as minhas fotos da viagem no grupo",
        "ik post mijn dagboek op insta",
        "wrzucam moj pamietnik na bloga",
        "виклала свій щоденник у сторіс",
    ],
    "identity": [
        "je suis gay et alors",
        "mein bruder ist autist und voll lieb",
        "mi hermano es autista",
        "il mio migliore amico è gay",
        "ele é negro e lindo",
        "mijn neef is homo",
        "jestem gejem",
        "мій друг гей",
    ],
    "told_of_humiliation": [
        "ils ont fait un sondage pour savoir qui est la plus moche de la classe",
        "sie haben mein tagebuch in die gruppe gestellt, was soll ich machen",
    ],
}


def _aimed_rules(text: str) -> list[tuple[str, Label]]:
    return [(hit.rule, hit.label) for hit in find_severe(normalize(text).text) if hit.rule in AIMED_RULES]


@pytest.mark.parametrize(
    ("language", "rule", "text"),
    [
        (language, rule, text)
        for language, rules in AIMED_FIRES.items()
        for rule, texts in rules.items()
        for text in texts
    ],
)
def test_humiliation_and_slurs_fire_in_each_language(language: str, rule: str, text: str) -> None:
    assert (rule, AIMED_RULES[rule]) in _aimed_rules(text), (language, text)


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in AIMED_LOOK_ALIKES.items() for text in texts]
)
def test_humiliation_and_slur_look_alikes_do_not_fire(kind: str, text: str) -> None:
    assert _aimed_rules(text) == [], (kind, text)


def test_every_language_has_humiliation_and_slurs() -> None:
    assert set(AIMED_FIRES) == set(FIRES)
    for rules in AIMED_FIRES.values():
        assert set(rules) == set(AIMED_RULES)


def test_every_humiliation_and_slur_pattern_can_fire_and_its_gate_lets_it() -> None:
    texts = [normalize(t).text for rules in AIMED_FIRES.values() for ts in rules.values() for t in ts]
    variants = [v for t in texts for v in (t, t.upper(), t + " 😭")]
    fired = set()
    for group in (severity_languages.HUMILIATION_OTHER_LANGUAGES, severity_languages.SLURS_OTHER_LANGUAGES):
        for pattern in group:
            for text in [text for text in variants if pattern.regex.search(text)]:
                fired.add(pattern.regex.pattern)
                assert pattern in group.candidates(text), (pattern.regex.pattern[:60], text)
    # every slur pattern, and every language's humiliation, is exercised by a phrasing above
    assert {p.regex.pattern for p in severity_languages.SLURS_OTHER_LANGUAGES} <= fired


def test_the_gate_of_the_told_of_check_lets_it_run() -> None:
    texts = [normalize(t).text for ts in AIMED_LOOK_ALIKES.values() for t in ts]
    group = severity_languages._CALLED_OR_OBJECTED
    for text in [v for t in texts for v in (t, t.upper(), t + " 😭")]:
        for pattern in group:
            if pattern.regex.search(text):
                assert pattern in group.candidates(text), (pattern.rule, text)


@pytest.mark.parametrize(
    ("text", "locale", "rule"),
    [
        (
            "j'ai ses vocaux ou elle chiale, je les balance dans le groupe de la classe",
            "fr",
            "bullying.humiliation",
        ),
        ("wrzucam na story liscik ktory hania napisala do igora", "pl", "bullying.humiliation"),
        ("t'es un pd", "fr", "hate.slur"),
        ("ty pedale", "pl", "hate.slur"),
    ],
)
@pytest.mark.parametrize("band", ["under_13", "13_15"])
def test_the_moderator_blocks_humiliation_and_slurs_for_children(
    moderator: Moderator, text: str, locale: str, rule: str, band: str
) -> None:
    """The policy's rule actions hold these for children whatever the model scores."""
    decision = moderator.moderate(text, age_band=band, locale=locale)
    assert decision.action.severity >= Action.BLOCK.severity
    assert any(reason.code == f"rule.{rule}" for reason in decision.reasons)


@pytest.mark.parametrize(
    "text", [". " * 10000, "😭!" * 7000, ", " * 10000, "spast, " * 3000, "je poste ses " * 2000]
)
def test_long_messages_take_linear_time(text: str) -> None:
    """The sentence and form-of-address patterns never rescan the rest of a long message from
    each full stop (a hang guard, not a speed test)."""
    started = time.perf_counter()
    severity_languages.find_severe_other_languages(text)
    assert time.perf_counter() - started < 5
