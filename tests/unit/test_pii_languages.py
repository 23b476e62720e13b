"""Personal information and swearing in the other children's chat languages (issue 23,
``safechat.detect.pii_languages`` and ``safechat.detect.profanity``): a handle, an address, a school
or a live location shared is found and maskable, a question asking a child for them is a
``pii.request`` that only flags, each swear word is found so that it can be masked; and none of
them fires on what children's everyday chat says in those words (a school or a street named
without a number, "my insta is private", an illness). Written without a native speaker's review."""

from __future__ import annotations

import pytest

from safechat import Moderator
from safechat.detect import find_pii, find_profanity
from safechat.normalize import normalize
from safechat.types import Action

SHARED: dict[str, list[tuple[str, str, str]]] = {
    # (message, rule, the words the hit must cover)
    "de": [
        ("mein insta ist lena.k2012, folgt mir", "pii.handle", "lena.k2012"),
        ("wir wohnen in der bahnhofstr. 14", "pii.address", "bahnhofstr. 14"),
    ],
    "es": [
        ("vivo en calle del pez 8, 3ºb", "pii.address", "calle del pez 8"),
        ("agregame al discord: pablito_07", "pii.handle", "pablito_07"),
    ],
    "fr": [
        ("mon snap c'est lea.mrt09", "pii.handle", "lea.mrt09"),
        ("c'est au 12 impasse des tilleuls", "pii.address", "12 impasse des tilleuls"),
    ],
    "it": [
        ("abito in via garibaldi 21, citofono bianchi", "pii.address", "via garibaldi 21"),
        ("vado al liceo classico parini, 1a", "pii.school", "liceo classico parini"),
    ],
    "nl": [
        ("ons adres is eikenlaan 4 in utrecht", "pii.address", "eikenlaan 4"),
        ("ik zit op het stedelijk gymnasium", "pii.school", "stedelijk gymnasium"),
        ("deel je live locatie in de groep", "pii.location", "live locatie"),
    ],
    "pl": [
        ("chodze do sp nr 12, klasa 5b", "pii.school", "sp nr 12"),
        ("mieszkam na ogrodowej 15, wpadnij", "pii.address", "ogrodowej 15"),
        ("moj nick na dc to kuba#1234", "pii.handle", "kuba#1234"),
    ],
    "pt": [
        ("moro na rua das flores, 45", "pii.address", "rua das flores, 45"),
        ("meu insta é @bia.souza10 me segue", "pii.handle", "@bia.souza10"),
    ],
    "uk": [
        ("я з ліцею №5, 6-А клас", "pii.school", "ліцею"),
        ("вул. Франка 12, третій поверх", "pii.address", "Франка 12"),
        ("вчуся в 7 гімназії", "pii.school", "7 гімназії"),
    ],
}

ASKED: dict[str, list[str]] = {
    "de": ["gib mir deine nummer", "was ist dein insta?", "auf welche schule gehst du", "wo wohnst du"],
    "es": ["pasame tu numero", "cual es tu insta?", "donde vives?", "a q insti vas"],
    "fr": ["donne moi ton snap", "c quoi ton num", "t'habites où ?", "donne ton @"],
    "it": ["mi dai il tuo numero?", "qual è il tuo cognome", "mandami la posizione", "dove abiti?"],
    "nl": ["wat is je adres?", "mag ik je nummer", "op welke school zit je", "waar woon je"],
    "pl": ["podaj swoj numer", "gdzie mieszkasz?", "do ktorej szkoly chodzisz", "podaj imie i nazwisko"],
    "pt": ["me passa seu whats", "qual teu @ no insta?", "onde vc mora?", "em que escola andas?"],
    "uk": ["скинь свій номер", "де ти живеш?", "в якій школі ти вчишся", "як твоє прізвище?"],
}

NOTHING_PERSONAL: list[str] = [
    "morgen haben wir wieder schule, keine lust",
    "mein insta ist privat",
    "ich war am spielplatz hinter der kirche",
    "domani a scuola c'è la verifica",
    "le lycée c'est trop dur cette année",
    "mon insta est privé",
    "el colegio empieza a las 9",
    "mijn oma heeft kanker gehad, ze is nu beter",
    "op de hoogstraat is een nieuwe snackbar",
    "na 2 zmianie mam wf",
    "завтра в школі контрольна",
    "had to get an x-ray, my finger is broken",
    "ich bin in der klasse 7",
    "sent via discord 2 times already",
    "a scuola 2 ore di matematica",
    "la scuola no, basta",
]

SWEARING: dict[str, list[str]] = {
    "de": ["scheiße, akku leer", "verdammt, zu spät", "so eine kacke"],
    "es": ["joder q frio", "mierda me olvidé las llaves", "me cago en todo"],
    "fr": ["putain le bus est en retard", "merde j'ai oublié", "ça me fait chier"],
    "it": ["cazzo ho perso", "che palle sto compito", "porca miseria piove"],
    "nl": ["godverdomme weer te laat", "kut ik ben mn boek vergeten", "tering wat koud"],
    "pl": ["kurwa znowu lagi", "ja pierdole jaki test", "o cholera jasna"],
    "pt": ["caralho que frio", "porra, esqueci o caderno", "fds perdi outra vez"],
    "uk": ["бля знову лагає", "курва телефон впав"],
    "en": ["goddammit it's raining"],
}

NOT_SWEARING: list[str] = [
    "mijn oma heeft kanker gehad",
    "cholera is a disease spread by dirty water",
    "palle di neve in giardino",
    "café con leche por favor",
    "der rucksack ist voll dick gepackt",
    "tower of hell is so hard",
    "highway to hell on the playlist",
    "dont let him see u hell stab u",
    "mist on the lake this morning",
    "her prom gown was gold",
    "domani interrogazione su verga",
    "mi compro un cono alla fragola",
    "hacemos una porra para el partido",
]


def _rules(text: str) -> list[str]:
    return [hit.rule for hit in find_pii(normalize(text).text)]


@pytest.mark.parametrize(
    ("language", "text", "rule", "covered"),
    [(language, *case) for language, cases in SHARED.items() for case in cases],
)
def test_shared_information_is_found_and_maskable(language: str, text: str, rule: str, covered: str) -> None:
    model_text = normalize(text).text
    hits = [hit for hit in find_pii(model_text) if hit.rule == rule]
    assert hits, f"{language}: {rule} missed"
    assert all(hit.maskable for hit in hits)
    found = " ".join(model_text[hit.span.start : hit.span.end] for hit in hits)
    assert covered.lower() in found.lower()


@pytest.mark.parametrize(("language", "text"), [(language, t) for language, ts in ASKED.items() for t in ts])
def test_questions_asking_for_it_are_requests(language: str, text: str) -> None:
    hits = find_pii(normalize(text).text)
    assert [hit.rule for hit in hits] == ["pii.request"], language
    assert not any(hit.maskable for hit in hits)


@pytest.mark.parametrize("text", NOTHING_PERSONAL)
def test_everyday_chat_shares_nothing(text: str) -> None:
    assert _rules(text) == []


@pytest.mark.parametrize(
    ("language", "text"), [(language, t) for language, ts in SWEARING.items() for t in ts]
)
def test_swearing_is_found_in_each_language(language: str, text: str) -> None:
    hits = find_profanity(normalize(text).text)
    assert hits, language
    assert all(hit.rule == "profanity.word" and hit.maskable for hit in hits)


@pytest.mark.parametrize("text", NOT_SWEARING)
def test_words_with_an_everyday_meaning_are_not_swearing(text: str) -> None:
    assert find_profanity(normalize(text).text) == []


def test_a_child_sharing_a_school_gets_it_masked(moderator: Moderator) -> None:
    decision = moderator.moderate("chodze do sp nr 12, klasa 5b", age_band="under_13", locale="pl")
    assert decision.action is Action.MASK
    assert decision.masked_text is not None and "12" not in decision.masked_text


def test_swearing_in_polish_is_masked_for_a_young_reader(moderator: Moderator) -> None:
    decision = moderator.moderate("kurwa zapomnialam klucze", age_band="under_13", locale="pl")
    assert [reason.code for reason in decision.reasons] == ["rule.profanity.word"]
    assert decision.action is Action.MASK
    assert decision.masked_text is not None and "kurwa" not in decision.masked_text


def test_an_adult_asking_for_a_childs_number_in_dutch_is_not_allowed(moderator: Moderator) -> None:
    decision = moderator.moderate(
        "mag ik je nummer? niet aan je ouders vertellen", age_band="under_13", locale="nl"
    )
    assert decision.action.severity >= Action.WARN.severity
