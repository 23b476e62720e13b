"""The grooming stages in French, German, Spanish, Italian, Portuguese, Dutch, Polish and Ukrainian
(issue 23): each stage fires, with its stage, on common phrasings as children's apps spell them,
and friends arranging things do not fire. Texts go through the normaliser first, as in the engine."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.detect.grooming import GroomingStage, find_grooming_signals, stage_of
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, shipped_bundle_path
from safechat.normalize.pipeline import normalize
from safechat.types import Action

S = GroomingStage

CASES: dict[str, dict[GroomingStage, tuple[str, ...]]] = {
    "fr": {
        S.RAPPORT: (
            "t'es tres mature pour ton age",
            "j'ai jamais rencontre qqn comme toi",
            "tu peux me faire confiance",
        ),
        S.PROBING: (
            "t'as quel age ?",
            "ta kel age",
            "t'es en quelle classe ?",
            "tu habites ou ?",
            "tu vas dans quel college ?",
        ),
        S.SECRECY: (
            "dis rien a tes parents",
            "dis le a personne",
            "c'est notre petit secret",
            "ca reste entre nous ok",
        ),
        S.ISOLATION: ("y a que moi qui te comprends", "tes parents te comprennent pas", "t'as que moi"),
        S.ALONE_CHECK: ("t'es seule chez toi ?", "tes parents sont la ?", "tes parents regardent ton tel ?"),
        S.PRIVATE_APP: ("ajoute moi sur snap", "donne moi ton snap", "c quoi ton insta", "viens en pv"),
        S.GIFTS: ("je te donne des robux", "je peux t'acheter des vbucks", "robux gratuits"),
        S.IMAGE_REQUEST: (
            "envoie moi une photo",
            "envoie moi une photo de toi stp",
            "allume ta cam",
            "tu ressembles a quoi",
        ),
        S.MEETING: (
            "on peut se voir en vrai ?",
            "on pourrait se rencontrer",
            "je peux te chercher en voiture",
        ),
        S.SEXUALISATION: (
            "t'as deja embrasse un garcon ?",
            "t'es vierge ?",
            "tu portes quoi la",
            "t'es trop sexy",
        ),
    },
    "de": {
        S.RAPPORT: ("du bist so reif fuer dein alter", "du kannst mir vertrauen", "du bist so besonders"),
        S.PROBING: (
            "wie alt bist du?",
            "in welche klasse gehst du",
            "wo wohnst du",
            "auf welche schule gehst du",
        ),
        S.SECRECY: (
            "sags niemandem",
            "erzaehl deinen eltern nix",
            "das bleibt unter uns",
            "unser kleines geheimnis",
        ),
        S.ISOLATION: ("deine eltern verstehen dich nicht", "nur ich versteh dich", "du brauchst die nicht"),
        S.ALONE_CHECK: ("bist du allein?", "bist du grad alleine zuhause", "sind deine eltern weg?"),
        S.PRIVATE_APP: (
            "adde mich auf snap",
            "schreib mir auf whatsapp",
            "gib mir deine nummer",
            "hast du insta?",
        ),
        S.GIFTS: ("ich schenk dir robux", "ich kauf dir v-bucks", "willst du robux"),
        S.IMAGE_REQUEST: (
            "schick mal ein foto",
            "schick mir ein bild von dir",
            "mach die kamera an",
            "wie siehst du aus",
        ),
        S.MEETING: (
            "lass uns treffen, nur wir zwei",
            "ich hol dich von der schule ab",
            "wollen wir uns mal in echt treffen",
        ),
        S.SEXUALISATION: (
            "hast du schon mal gekuesst",
            "was hast du gerade an",
            "du bist so sexy",
            "bist du noch jungfrau",
        ),
    },
    "es": {
        S.RAPPORT: (
            "eres muy madura para tu edad",
            "puedes confiar en mi",
            "nunca he conocido a nadie como tu",
        ),
        S.PROBING: ("cuantos años tienes?", "q edad tienes", "donde vives", "a q cole vas"),
        S.SECRECY: (
            "no le digas a tus padres",
            "no se lo cuentes a nadie",
            "es nuestro secreto",
            "q quede entre nosotros",
        ),
        S.ISOLATION: ("tus padres no te entienden", "solo yo te entiendo", "me tienes a mi"),
        S.ALONE_CHECK: ("estas sola en casa?", "hay alguien en casa?", "a q hora llegan tus padres"),
        S.PRIVATE_APP: ("agregame al whats", "pasame tu insta", "tienes snap?", "hablemos por privado"),
        S.GIFTS: ("te regalo pavos", "te compro robux", "pavos gratis"),
        S.IMAGE_REQUEST: ("mandame una foto", "pasame un selfie", "mandame una foto tuya", "pon la camara"),
        S.MEETING: (
            "quedamos tu y yo solos?",
            "podemos vernos sin q se entere nadie",
            "te recojo a la salida del cole",
        ),
        S.SEXUALISATION: ("has besado a alguien?", "eres virgen?", "q llevas puesto", "estas muy buena"),
    },
    "it": {
        S.RAPPORT: (
            "sei molto matura per la tua eta",
            "puoi fidarti di me",
            "non ho mai conosciuto nessuna come te",
        ),
        S.PROBING: ("quanti anni hai?", "in che classe sei", "dove abiti", "che scuola fai"),
        S.SECRECY: (
            "nn dirlo a nessuno",
            "non dire niente ai tuoi",
            "è il nostro piccolo segreto",
            "resta tra noi",
        ),
        S.ISOLATION: ("i tuoi non ti capiscono", "solo io ti capisco", "non hai bisogno di loro"),
        S.ALONE_CHECK: ("sei sola a casa?", "sei da sola?", "i tuoi sono a casa?"),
        S.PRIVATE_APP: ("aggiungimi su snap", "scrivimi su telegram", "passami il tuo numero", "hai insta?"),
        S.GIFTS: ("ti regalo robux", "ti compro la skin", "vuoi robux?"),
        S.IMAGE_REQUEST: (
            "mandami una foto",
            "mandami una tua foto",
            "accendi la cam",
            "fammi vedere come sei",
        ),
        S.MEETING: ("ci vediamo di persona?", "incontriamoci da soli", "ti vengo a prendere io"),
        S.SEXUALISATION: (
            "hai mai baciato qualcuno?",
            "sei vergine?",
            "cosa indossi adesso",
            "sei cosi sexy",
        ),
    },
    "pt": {
        S.RAPPORT: ("vc é mt madura pra sua idade", "pode confiar em mim", "nunca conheci ninguém como vc"),
        S.PROBING: ("quantos anos vc tem?", "quantos anos tens?", "onde vc mora?", "em que escola andas?"),
        S.SECRECY: ("não conta pra ninguém", "n fala pra sua mae", "é nosso segredo", "fica só entre nós"),
        S.ISOLATION: ("seus pais não te entendem", "só eu te entendo", "vc tem a mim"),
        S.ALONE_CHECK: ("vc ta sozinha?", "estás sozinha em casa?", "seus pais estão em casa?"),
        S.PRIVATE_APP: ("me chama no zap", "me passa seu whats", "passa-me o teu número", "tens snap?"),
        S.GIFTS: ("te dou robux", "te compro a skin", "dou-te v-bucks", "quer robux?"),
        S.IMAGE_REQUEST: ("me manda uma foto sua", "manda uma foto", "tira uma selfie", "liga a câmera"),
        S.MEETING: ("a gente podia se encontrar pessoalmente", "te pego na saída da escola", "vou-te buscar"),
        S.SEXUALISATION: ("já beijou alguém?", "vc é virgem?", "o que vc ta vestindo", "vc é mt gostosa"),
    },
    "nl": {
        S.RAPPORT: (
            "je bent zo volwassen voor je leeftijd",
            "je kan me vertrouwen",
            "je bent echt bijzonder",
        ),
        S.PROBING: ("hoe oud ben je?", "in welke groep zit je", "waar woon je", "op welke school zit je"),
        S.SECRECY: (
            "zeg het tegen niemand",
            "vertel niks aan je ouders",
            "ons geheimpje",
            "dit blijft tussen ons",
        ),
        S.ISOLATION: ("je ouders begrijpen je niet", "alleen ik begrijp je", "je hebt mij toch"),
        S.ALONE_CHECK: ("ben je alleen thuis?", "zijn je ouders weg?", "hoe laat komen je ouders thuis"),
        S.PRIVATE_APP: (
            "voeg me toe op snap",
            "wat is je snap",
            "heb je insta?",
            "laten we verder praten op whatsapp",
        ),
        S.GIFTS: ("ik geef je robux", "ik koop je een skin", "wil je v-bucks?"),
        S.IMAGE_REQUEST: (
            "stuur eens een foto",
            "stuur een foto van jezelf",
            "zet je camera aan",
            "hoe zie je eruit",
        ),
        S.MEETING: (
            "zullen we afspreken, alleen wij?",
            "ik haal je op na school",
            "zullen we een keer afspreken in het echt",
        ),
        S.SEXUALISATION: ("heb je al gezoend?", "ben je nog maagd", "wat heb je nu aan", "je bent zo sexy"),
    },
    "pl": {
        S.RAPPORT: ("jestes bardzo dojrzala jak na swoj wiek", "mozesz mi zaufac", "jestes wyjatkowa"),
        S.PROBING: (
            "ile masz lat?",
            "w ktorej klasie jestes",
            "gdzie mieszkasz",
            "do ktorej szkoly chodzisz",
        ),
        S.SECRECY: ("nie mow nikomu", "nie mów rodzicom", "to nasz sekret", "zostanie miedzy nami"),
        S.ISOLATION: ("rodzice cie nie rozumieja", "tylko ja cie rozumiem", "nie potrzebujesz ich"),
        S.ALONE_CHECK: ("jestes sama w domu?", "jestes teraz sama?", "o ktorej wracaja rodzice"),
        S.PRIVATE_APP: ("dodaj mnie na snapie", "napisz do mnie na priv", "daj swojego snapa", "masz snapa?"),
        S.GIFTS: ("kupie ci robuxy", "dam ci skina", "chcesz robuxy?"),
        S.IMAGE_REQUEST: (
            "wyslij mi zdjecie",
            "wyslij swoje zdjecie",
            "zrob fotke",
            "wlacz kamerke",
            "jak wygladasz?",
        ),
        S.MEETING: ("spotkajmy sie na zywo", "moze sie spotkamy sami", "przyjade po ciebie"),
        S.SEXUALISATION: (
            "calowalas sie juz?",
            "jestes dziewica?",
            "co masz na sobie",
            "jestes taka seksowna",
        ),
    },
    "uk": {
        S.RAPPORT: ("ти дуже доросла для свого віку", "ти така особлива", "можеш мені довіряти"),
        S.PROBING: ("скільки тобі років?", "в якому ти класі", "де ти живеш", "сколько тебе лет?"),
        S.SECRECY: ("не кажи батькам", "нікому не кажи", "це наш секрет", "никому не говори"),
        S.ISOLATION: ("батьки тебе не розуміють", "тільки я тебе розумію", "у тебе є я"),
        S.ALONE_CHECK: ("ти зараз сама?", "ти сама вдома?", "ты одна дома?", "батьки вдома?"),
        S.PRIVATE_APP: ("додай мене в інсті", "напиши мені в тг", "дай свій снап", "в тебе є телеграм?"),
        S.GIFTS: ("куплю тобі робукси", "подарую тобі скін", "хочеш робукси?"),
        S.IMAGE_REQUEST: (
            "скинь фото",
            "скинь своє фото",
            "надішли селфі",
            "увімкни камеру",
            "як ти виглядаєш",
        ),
        S.MEETING: ("давай зустрінемось наживо", "можу заїхати за тобою", "приїжджай до мене"),
        S.SEXUALISATION: ("ти вже цілувалась?", "що на тобі зараз одягнуто", "ти така сексуальна"),
    },
}

# Friends arranging things, homework, game chat: none of these may fire.
FRIENDS: dict[str, tuple[str, ...]] = {
    "fr": (
        "on se voit demain a l'ecole",
        "envoie moi la photo des devoirs",
        "envoie moi une photo du cours de maths",
        "t'es seul ou en duo ?",
        "je te donne mon skin si tu me donnes le tien",
        "t'es chaude pour une game ?",
        "tu portes quoi demain pour la fete ?",
        "dis a ta mere que je passe a 14h",
        "t'es trop bonne a fortnite",
    ),
    "de": (
        "treffen wir uns morgen im park?",
        "kannst du mir die englisch vokabeln schicken pls",
        "schick mal ein foto von der hausaufgabe",
        "du hast mich getroffen lol",
        "ich hol dich um 3 ab, dann gehen wir zum training",
    ),
    "es": (
        "quedamos en el parque a las 5?",
        "mandame la foto de los deberes",
        "estas solo en la partida?",
        "nos vemos mañana en el cole",
    ),
    "it": (
        "mi mandi la foto dei compiti?",
        "mandami una foto della lavagna",
        "ci vediamo domani a scuola",
        "sei solo in squadra?",
    ),
    "pt": (
        "manda a foto do dever de casa",
        "bora se encontrar no shopping amanha?",
        "vc ta sozinho no time?",
    ),
    "nl": (
        "zullen we afspreken in het park?",
        "stuur je me de foto van het huiswerk",
        "stuur even een foto van de opdracht",
        "zeg tegen je ouders dat je bij mij slaapt",
    ),
    "pl": (
        "wyslij mi zdjecie zadania",
        "spotkajmy sie w parku o 5",
        "masz mnie w znajomych?",
        "jestes sam w druzynie?",
    ),
    "uk": (
        "скинь фото домашки",
        "ти сама це зробила?",
        "скільки тобі ще треба?",
        "різниця між нами три очки",
        "побачимось завтра в школі",
    ),
    "en": ("add me on discord for the raid",),  # the English rule fires on it: a mask, as before
}


def _stages(text: str) -> set[GroomingStage]:
    return {stage_of(hit) for hit in find_grooming_signals(normalize(text).text)}


@pytest.mark.parametrize(
    ("language", "stage", "text"),
    [
        (lang, stage, text)
        for lang, stages in CASES.items()
        for stage, texts in stages.items()
        for text in texts
    ],
)
def test_each_stage_fires_in_each_language(language: str, stage: GroomingStage, text: str) -> None:
    assert stage in _stages(text), (language, stage.value)


@pytest.mark.parametrize("language", sorted(CASES))
def test_every_stage_has_cases_in_every_language(language: str) -> None:
    assert set(CASES[language]) == set(GroomingStage)
    assert all(len(texts) >= 3 for texts in CASES[language].values())


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in FRIENDS.items() if lang != "en" for text in texts]
)
def test_friends_look_alikes_do_not_fire(language: str, text: str) -> None:
    assert _stages(text) == set(), language


def test_the_peer_discord_invite_fires_as_the_english_rule_does_no_broader() -> None:
    assert _stages("add me on discord for the raid") == {GroomingStage.PRIVATE_APP}
    assert _stages("ajoute moi sur discord pour le raid") == {GroomingStage.PRIVATE_APP}


MULTI = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)


@pytest.mark.skipif(MULTI is None, reason="the multilingual bundle is not installed")
@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("no le digas a tus padres q hablamos, es nuestro secreto", "es"),
        ("nie mow rodzicom o naszych rozmowach, to nasz sekret", "pl"),
    ],
)
def test_clear_grooming_gets_at_least_a_warning_for_under_13s(text: str, locale: str) -> None:
    decision = Moderator.load().moderate(text, age_band="under_13", locale=locale)
    assert decision.action.severity >= Action.WARN.severity
    assert any(reason.code.startswith("rule.grooming.secrecy") for reason in decision.reasons)


# A meeting kept from others (grooming_languages.MEETING_SECRECY and the English patterns): written for
# this test, not taken from the children's chat sets.
MEETING_KEPT: dict[str, tuple[str, ...]] = {
    "en": ("see u at the bus station at 5, come alone", "tell ur dad ur sleeping at jess's and i'll get u"),
    "fr": ("on se retrouve au parc, viens toute seule", "dis a tes parents que tu dors chez une copine"),
    "de": (
        "wir treffen uns am kino, bring niemanden mit",
        "sag deiner mutter, dass du bei lena übernachtest",
    ),
    "es": ("nos vemos en el parque pero ven sola", "a tus padres diles que vas a la biblioteca"),
    "it": ("ci vediamo al parco, vieni da sola", "ai tuoi dici che vai da un'amica"),
    "pt": ("encontramo-nos no shopping, vem sozinha", "aos teus pais diz que vais estudar com uma amiga"),
    "nl": (
        "we zien elkaar bij het station, neem niemand mee",
        "tegen je moeder zeg je dat je bij een vriendin bent",
    ),
    "pl": ("spotkajmy sie pod kinem, przyjdz sama", "mamie powiedz ze idziesz do kolezanki"),
    "uk": ("зустрінемось біля кіно, приходь сама", "батькам скажи що ти в подруги"),
}


@pytest.mark.parametrize(("language", "text"), [(lang, t) for lang, ts in MEETING_KEPT.items() for t in ts])
def test_a_meeting_kept_from_others_is_isolation_or_secrecy(language: str, text: str) -> None:
    assert _stages(text) & {S.ISOLATION, S.SECRECY}, language


@pytest.mark.parametrize(
    "text",
    (
        "viens seul si t'es un homme",  # a fight challenge (masculine): the threat rules read it
        "kommst du mit lena oder alleine?",
        "vienes sola o con tu hermana?",
        "ich war allein zu hause",
        "mi mama dice que puedo ir",
    ),
)
def test_asking_who_comes_is_no_meeting_kept_secret(text: str) -> None:
    assert not _stages(text) & {S.ISOLATION, S.SECRECY}
