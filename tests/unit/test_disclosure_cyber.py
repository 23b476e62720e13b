"""A child who tells of cyberbullying done to them gets help, not a block (issue 23).

``context.disclosure`` knows the common forms in every children's chat language, written as
children write them (no accents, "q", "k", "xq", "ktos", "msg"): a fake account made with the
writer's photo or name; messages calling the writer (or their friend, brother, sister) ugly, fat,
stupid or telling them to die; a photo or video of them posted or shared that others laugh at or
comment on, or that the writer asks how to report. Look-alikes stay out: the writer's own fake
account, an invitation to post a photo, a request for a video, a message that insults its reader.

"he keeps sending me memes saying I'm stupid lol" is a disclosure, decided so: the cyberbullying
forms do not count memes (a meme is not a message about the writer), but the older rule for
someone who keeps doing something to the writer ("he keeps ...ing me") matches it, and it stays:
"lol" does not tell banter from a child making light of being picked on, and treating it as a
disclosure costs a friend's banter nothing more than an offer of help (no insult reaches a reader).
"""

from __future__ import annotations

import re

import pytest

from safechat import Moderator
from safechat.detect.context import CYBERBULLYING_DISCLOSED, DISCLOSURE_PATTERNS, find_context
from safechat.detect.gates import literal_gate
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, shipped_bundle_path
from safechat.types import Action

DISCLOSURES: dict[str, list[str]] = {
    "en": [
        "someone made a fake account with my photo",
        "some1 made a fake insta w my pics and is messaging ppl in my class",
        "there's a fake profile using my name on tiktok",
        "a girl made a fake acc pretending to be my sister",
        "i keep getting messages from an anonymous account saying im ugly",
        "i get dms from people in my class saying i'm fat",
        "my sister keeps getting texts telling her to kill herself",
        "i got comments saying i should die",
        "someone posted my photo on their story and everyone is laughing at it",
        "they shared a video of me in the group chat and everyone's commenting",
        "someone put my pic on the story how do i report it",
        "some kids sent a vid of my brother around should i tell a teacher",
    ],
    "fr": [
        "qqn a cree un faux compte avec ma photo",
        "quelqu'un a fait un compte fake a mon nom",
        "y a un faux profil avec mes photos qui parle aux gens de ma classe",
        "je recois des messages d'un compte anonyme qui disent que je suis moche",
        "on m'envoie des msg disant q je suis grosse",
        "jrecois des commentaires qui me disent de mourir",
        "ils ont poste ma photo sur leur story et ils se moquent",
        "qqn a partage une video de moi dans le groupe comment je peux le signaler",
    ],
    "de": [
        "jemand hat einen fake account mit meinen fotos gemacht",
        "es gibt ein falsches profil mit meinem namen",
        "ich krieg jeden tag nachrichten von nem anonymen account dass ich hässlich bin",
        "ich bekomme dms von leuten aus meiner klasse dass ich fett bin",
        "meine schwester kriegt nachrichten dass sie sterben soll",
        "jemand hat ein video von mir in die gruppe gestellt und alle lachen",
        "die haben mein foto in die story gepostet wie melde ich das",
    ],
    "es": [
        "alguien hizo una cuenta falsa con mi foto",
        "me han hecho un perfil fake con mi nombre",
        "me llegan mensajes de una cuenta anonima diciendo q soy fea",
        "recibo mensajes q dicen q me muera",
        "a mi hermana le mandan mensajes diciendo que es gorda",
        "subieron una foto mia a la story y se rien",
        "alguien compartio un video de mi en el grupo como lo denuncio",
    ],
    "it": [
        "qualcuno ha fatto un profilo falso con le mie foto",
        "c e un account fake con il mio nome",
        "mi arrivano messaggi da un account anonimo che dicono che sono brutta",
        "ricevo commenti che dicono che devo morire",
        "mi scrivono che sono grassa",
        "hanno postato una mia foto nella storia e ridono tutti",
        "qualcuno ha condiviso un video di me nel gruppo come lo segnalo",
    ],
    "pt": [
        "alguem criou uma conta fake com minhas fotos",
        "fizeram um perfil falso com meu nome",
        "recebo mensagens de uma conta anonima dizendo q sou feia",
        "to recebendo msg falando que eu devia morrer",
        "estou a receber comentarios a dizer que sou gorda",
        "postaram uma foto minha no story e tao todos rindo",
        "partilharam um video meu no grupo como denuncio",
    ],
    "nl": [
        "iemand heeft een nep account gemaakt met mijn foto",
        "er is een fake profiel op mijn naam",
        "ik krijg berichten van een anoniem account dat ik lelijk ben",
        "ik krijg appjes van mensen uit mijn klas dat ik dik ben",
        "ze hebben een filmpje van mij in de groep gezet en iedereen lacht",
        "iemand heeft mijn foto in zijn story gezet hoe kan ik dat melden",
    ],
    "pl": [
        "dostaje wiadomosci od anonimowego konta ze jestem brzydka, codziennie od tygodnia",
        "ktos zalozyl fejkowe konto z moim zdjeciem i pisze glupoty do ludzi z klasy",
        "ktos wrzucil moje zdjecie z wf na story i sie wysmiewaja, jak to zglosic?",
        "jest falszywy profil na moje imie",
        "ciagle dostaje komentarze ze jestem gruba",
        "dostaje wiadomosci zebym sie zabila",
        "oni wstawili filmik ze mna na grupe klasowa i komentuja",
    ],
    "uk": [
        "хтось створив фейковий акаунт з моїм фото",
        "мені пишуть з анонімного акаунта шо я страшна",
        "я отримую повідомлення від однокласників що я товста",
        "мені постійно пишуть шоб я здохла",
        "хтось виклав моє фото в сторіс і всі ржуть",
        "однокласники скинули відео де я падаю в групу, як поскаржитись",
    ],
}

LOOK_ALIKES = [
    "I made a fake account for my cat lol",
    "post my photo on your story!",
    "send me the video of you falling haha",
    "can u share my pic on ur story",
    "i get so many messages on my birthday",
    "someone made a fake account with my photo, you ugly freak",  # insults its reader
    "j'ai fait un faux compte pour mon chat mdr",
    "poste ma photo sur ta story",
    "envoie moi la video de toi qui tombe",
    "ich hab einen fake account für meine katze gemacht",
    "schick mir das video wo du hinfällst haha",
    "hice una cuenta fake para mi gato jaja",
    "sube mi foto a tu story!",
    "ho fatto un profilo fake per il mio gatto",
    "manda il video di te che cadi",
    "fiz uma conta fake pro meu gato kkk",
    "posta minha foto no teu story",
    "ik heb een nep account gemaakt voor mijn kat",
    "zalozylam fejkowe konto dla mojego kota xd",
    "wrzuc moje zdjecie na story",
    "я створила фейковий акаунт для кота",
    "скинь відео де ти падаєш",
]


def _disclosed(text: str) -> bool:
    return any(hit.rule == "context.disclosure" for hit in find_context(text))


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in DISCLOSURES.items() for text in texts]
)
def test_a_child_telling_of_cyberbullying_is_a_disclosure(language: str, text: str) -> None:
    assert _disclosed(text), language


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_disclosures(text: str) -> None:
    assert not _disclosed(text)


def test_memes_are_left_to_the_rule_for_someone_who_keeps_at_it() -> None:
    """The decided hard case (module docstring): a disclosure through the older rule only."""
    text = "he keeps sending me memes saying I'm stupid lol"
    assert _disclosed(text)
    assert not any(re.search(rx, text, re.IGNORECASE) for rx in CYBERBULLYING_DISCLOSED)


def test_each_language_has_its_own_gated_pattern() -> None:
    compiled = [p for p in DISCLOSURE_PATTERNS if p.regex.pattern in CYBERBULLYING_DISCLOSED]
    assert len(compiled) == len(CYBERBULLYING_DISCLOSED) == len(DISCLOSURES)
    for pattern in compiled:
        assert literal_gate(pattern.regex) is not None
        assert literal_gate(pattern.regex, ascii_text=False) is not None
    # the gates let every form fire through the gated group
    for texts in DISCLOSURES.values():
        for text in texts:
            assert any(p.regex.search(text) for p in DISCLOSURE_PATTERNS.candidates(text) if p in compiled), (
                text
            )


# --- the shipped bundle: the Polish dev lines of issue 23 ---

_MULTI = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    if _MULTI is None:
        pytest.skip("the multilingual bundle is not installed")
    return Moderator.load()


@pytest.mark.parametrize(
    "text",
    [
        "dostaje wiadomosci od anonimowego konta ze jestem brzydka, codziennie od tygodnia",
        "ktos zalozyl fejkowe konto z moim zdjeciem i pisze glupoty do ludzi z klasy",
        # the model scores its profanity 0.57, over the Polish under-13 threshold: the disclosure
        # settles profanity as well since default-0.6.7
        "ktos wrzucil moje zdjecie z wf na story i sie wysmiewaja, jak to zglosic?",
    ],
)
def test_a_polish_child_telling_of_cyberbullying_is_allowed_and_helped(
    moderator: Moderator, text: str
) -> None:
    decision = moderator.moderate(text, age_band="under_13", locale="pl")
    assert decision.support
    assert decision.action is Action.ALLOW
