"""More imminent self-harm phrases (issue 24): goodbyes, plans, means and times in every language
of the children's chat sets, each beside look-alikes that must stay quiet (jokes, game talk,
bedtime and holiday goodbyes, lyrics). Written from how children and teens write, not from the
sets' ``test`` lines."""

from __future__ import annotations

import pytest

from safechat.detect.imminence import find_imminence
from safechat.normalize import normalize

# (text, the kinds that must fire); every kind is ``self_harm.imminent.<kind>``
POSITIVE: list[tuple[str, str, set[str]]] = [
    # English
    ("en", "bye everyone, love you all", {"goodbye"}),
    ("en", "goodbye world. love u all", {"goodbye"}),
    ("en", "tell my mom i'm sorry", {"goodbye"}),
    ("en", "tell my little sister i love her", {"goodbye"}),
    ("en", "pls tell my mum im sorry for everything", {"goodbye"}),
    ("en", "i won't be here tomorrow", {"goodbye"}),
    ("en", "i wont be around much longer", {"goodbye"}),
    ("en", "im not gonna be here tomorrow", {"goodbye"}),
    ("en", "tell everyone i said goodbye", {"goodbye"}),
    ("en", "this is my last message, love u all", {"goodbye"}),
    ("en", "this is my last message ever", {"goodbye"}),
    ("en", "i'm sorry. this is my last text", {"goodbye"}),
    ("en", "i'll be gone by the time u wake up", {"goodbye"}),
    ("en", "you won't have to worry about me anymore after tonight", {"goodbye"}),
    ("en", "u can have my switch when i'm gone", {"goodbye"}),
    ("en", "u can have all my skins, i wont need them where im going", {"goodbye"}),
    ("en", "giving away all my plushies, i won't need them after tonight", {"plan"}),
    ("en", "tonight is the night, sorry everyone", {"goodbye"}),
    ("en", "i've written goodbye letters to everyone", {"plan"}),
    ("en", "how many paracetamol does it take to die", {"plan"}),
    ("en", "i took a lot of my mums tablets", {"means"}),
    ("en", "ive taken 30 paracetamol", {"means"}),
    ("en", "im sitting on the roof of the car park rn", {"means"}),
    ("en", "i'm standing on the wrong side of the railings", {"means"}),
    ("en", "it wont stop bleeding and i dont care", {"means"}),
    ("en", "gonna walk into the sea tonight", {"time"}),
    ("en", "i'm going to throw myself off the bridge on friday", {"time"}),
    ("en", "im gonna kill myself, dont try to find me", {"goodbye"}),
    ("en", "i'm going to end it tonight. i love you all", {"time", "goodbye"}),
    ("en", "im so done with everything. after mum goes to sleep", {"time"}),
    # French
    ("fr", "dites à ma mère que je l'aime", {"goodbye"}),
    ("fr", "dis à maman que je suis désolée", {"goodbye"}),
    ("fr", "au revoir tout le monde, je vous aime", {"goodbye"}),
    ("fr", "c'est mon dernier message, pardon pour tout", {"goodbye"}),
    ("fr", "demain je serai plus là", {"goodbye"}),
    ("fr", "vous me reverrez plus jamais", {"goodbye"}),
    ("fr", "tu peux garder mes mangas, là où je vais j'en aurai pas besoin", {"goodbye"}),
    ("fr", "je suis sur les rails", {"means"}),
    ("fr", "je vais me tuer dans une heure", {"time"}),
    # German
    ("de", "sagt meiner mama dass ich sie lieb hab", {"goodbye"}),
    ("de", "tschüss an alle, ich hab euch lieb", {"goodbye"}),
    ("de", "das ist meine letzte nachricht. hab euch lieb", {"goodbye"}),
    ("de", "morgen bin ich nicht mehr da", {"goodbye"}),
    ("de", "ihr werdet mich nie wieder sehen", {"goodbye"}),
    ("de", "ich steh grad auf den gleisen", {"means"}),
    ("de", "ich mach es heute nacht wenn alle schlafen", {"time"}),
    # Spanish
    ("es", "decidle a mi madre que la quiero", {"goodbye"}),
    ("es", "adiós a todos, os quiero", {"goodbye"}),
    ("es", "este es mi último mensaje, lo siento", {"goodbye"}),
    ("es", "mañana ya no estaré", {"goodbye"}),
    ("es", "no me vais a volver a ver", {"goodbye"}),
    ("es", "estoy en las vías", {"means"}),
    ("es", "esta noche lo hago, ya está todo decidido", {"means"}),
    # Italian
    ("it", "dite a mia mamma che le voglio bene", {"goodbye"}),
    ("it", "ciao a tutti, vi voglio bene", {"goodbye"}),
    ("it", "questo è il mio ultimo messaggio, scusate", {"goodbye"}),
    ("it", "domani non ci sarò più", {"goodbye"}),
    ("it", "non mi vedrete mai più", {"goodbye"}),
    ("it", "sono sui binari", {"means"}),
    # Portuguese
    ("pt", "digam à minha mãe que eu a amo", {"goodbye"}),
    ("pt", "fala pra minha mãe que eu amo ela", {"goodbye"}),
    ("pt", "tchau galera, amo vocês", {"goodbye"}),
    ("pt", "essa é minha última mensagem, desculpem", {"goodbye"}),
    ("pt", "amanhã não vou estar mais aqui", {"goodbye"}),
    ("pt", "vocês nunca mais vão me ver", {"goodbye"}),
    ("pt", "tô nos trilhos", {"means"}),
    # Dutch
    ("nl", "zeg tegen mijn moeder dat ik van haar hou", {"goodbye"}),
    ("nl", "doei allemaal, ik hou van jullie", {"goodbye"}),
    ("nl", "dit is mijn laatste bericht. sorry", {"goodbye"}),
    ("nl", "morgen ben ik er niet meer", {"goodbye"}),
    ("nl", "jullie zien me nooit meer", {"goodbye"}),
    ("nl", "ik sta op het spoor", {"means"}),
    # Polish
    ("pl", "powiedzcie mamie że ją kocham", {"goodbye"}),
    ("pl", "zegnajcie wszyscy, kocham was", {"goodbye"}),
    ("pl", "to moja ostatnia wiadomość, przepraszam", {"goodbye"}),
    ("pl", "jutro mnie już nie będzie", {"goodbye"}),
    ("pl", "już nigdy mnie nie zobaczycie", {"goodbye"}),
    ("pl", "stoję na torach", {"means"}),
    # Ukrainian
    ("uk", "скажіть мамі що я її люблю", {"goodbye"}),
    ("uk", "прощавайте, люблю вас", {"goodbye"}),
    ("uk", "це моє останнє повідомлення. вибачте", {"goodbye"}),
    ("uk", "мене вже не буде завтра", {"goodbye"}),
    ("uk", "ви більше ніколи мене не побачите", {"goodbye"}),
    ("uk", "я зараз на рейках", {"means"}),
    ("fr", "je voulais juste vous dire au revoir", {"goodbye"}),
    ("de", "ich wollte mich nur noch von euch verabschieden", {"goodbye"}),
    ("es", "solo quería despedirme de todos", {"goodbye"}),
    ("it", "volevo solo salutarvi per l'ultima volta", {"goodbye"}),
    ("pt", "só queria me despedir de vocês", {"goodbye"}),
    ("nl", "ik wilde jullie even vaarwel zeggen", {"goodbye"}),
    ("pl", "chciałam się z wami pożegnać", {"goodbye"}),
    ("uk", "хотіла з вами попрощатися", {"goodbye"}),
]

# look-alikes: the rule must not fire on any of these
NEGATIVE: list[tuple[str, str]] = [
    # English
    ("en", "bye everyone, love you all, see u monday"),
    ("en", "night everyone love u all"),
    ("en", "bye guys love u all, gtg"),
    ("en", "tell my mom i'm sorry i'll be late"),
    ("en", "tell my sister im sorry for breaking her charger"),
    ("en", "tell her i'm sorry, i didnt mean it"),
    ("en", "i won't be here tomorrow, dentist appointment"),
    ("en", "i wont be around tomorrow, going to my dads"),
    ("en", "this is my last message before my phone dies"),
    ("en", "this is my last message till monday, love u all"),
    ("en", "i'm dying of laughter"),
    ("en", "my phone is about to die"),
    ("en", "bye see u tomorrow"),
    ("en", "u can have my old phone, i dont need it anymore"),
    ("en", "giving away my old games, i wont need them anymore"),
    ("en", "we wrote goodbye letters to our teacher who is retiring"),
    ("en", "i took 2 paracetamol for my headache"),
    ("en", "guy on the roof, gonna jump him"),
    ("en", "the bridge is finished, come see"),
    ("en", "my nose wont stop bleeding lol"),
    ("en", "tonight is the night!! concert with my besties"),
    ("en", "im gonna walk to the sea front tonight with my cousins"),
    ("en", "how many paracetamol can i take for a headache"),
    ("en", "kill the last guy before zone closes"),
    ("en", "last game then i have to sleep"),
    ("en", "im changing my name and moving countries bye"),
    ("en", "i'll be home by 6, tell mum i love her"),
    ("en", "tell everyone i said bye, had to leave early"),
    ("en", "im not gonna be here tomorrow, going to my nans"),
    # French
    ("fr", "dis à ta mère que je suis désolé pour hier"),
    ("fr", "au revoir tout le monde, à demain, je vous aime"),
    ("fr", "je suis mort de rire"),
    ("fr", "demain je serai pas là, j'ai dentiste"),
    ("fr", "je suis sur le toit, viens m'aider"),
    ("fr", "mon téléphone va mourir, c'est mon dernier message, je vous aime"),
    # German
    ("de", "ich sterbe vor lachen"),
    ("de", "tschüss an alle, bis morgen, hab euch lieb"),
    ("de", "morgen bin ich nicht da, hab zahnarzt"),
    ("de", "hab mit der karte von papa robux gekauft… letzte worte: es war schön mit euch"),
    ("de", "mein akku ist gleich leer, tschüss leute"),
    # Spanish
    ("es", "me muero de risa"),
    ("es", "adiós a todos, hasta mañana, os quiero"),
    ("es", "mañana no estaré, tengo médico"),
    ("es", "estoy en el puente del mapa, ven"),
    # Italian
    ("it", "sto morendo dal ridere"),
    ("it", "ciao a tutti, a domani, vi voglio bene"),
    ("it", "domani non ci sono, vado dal dentista"),
    ("it", "uccidi quello sul tetto che ci sta sparando"),
    # Portuguese
    ("pt", "tô morrendo de rir"),
    ("pt", "tchau galera, até amanhã, amo vocês"),
    ("pt", "amanhã não vou estar aqui, tenho consulta"),
    ("pt", "acabei a ponte no mine, venham ver"),
    # Dutch
    ("nl", "ik ga dood van het lachen"),
    ("nl", "doei allemaal, tot morgen, ik hou van jullie"),
    ("nl", "morgen ben ik er niet, tandarts"),
    ("nl", "hoeveel blokken heb je nodig voor die brug?"),
    # Polish
    ("pl", "umieram ze śmiechu"),
    ("pl", "papa wszyscy, do jutra, kocham was"),
    ("pl", "jutro mnie nie będzie w szkole"),
    ("pl", "bro spadles z mostu sam z siebie, legenda"),
    # Ukrainian
    ("uk", "я помру від сміху"),
    ("uk", "всім пока, до завтра, люблю вас"),
    ("uk", "світло вимкнули, мене не буде до ранку"),
    ("uk", "завтра мене не буде в школі"),
    ("fr", "je voulais vous dire au revoir, je change d'école"),
    ("de", "ich wollte mich verabschieden, wir ziehen um"),
    ("es", "solo quería despedirme de todos, me cambio de colegio"),
    ("it", "volevo salutarvi per l'ultima volta, cambio scuola"),
    ("pt", "queria me despedir de vocês, vou mudar de escola"),
    ("nl", "ik wilde jullie gedag zeggen, ik ga naar een andere school"),
    ("pl", "chciałem się pożegnać, zmieniam szkołę"),
    ("uk", "хотіла попрощатися, ми переїжджаємо за кордон"),
]


def _kinds(text: str) -> set[str]:
    return {hit.rule.rsplit(".", 1)[1] for hit in find_imminence(normalize(text).text)}


@pytest.mark.parametrize(
    ("language", "text", "kinds"), POSITIVE, ids=[f"{c[0]}-{i}" for i, c in enumerate(POSITIVE)]
)
def test_imminent_phrase_fires(language: str, text: str, kinds: set[str]) -> None:
    assert kinds <= _kinds(text), language


@pytest.mark.parametrize(("language", "text"), NEGATIVE, ids=[f"{c[0]}-{i}" for i, c in enumerate(NEGATIVE)])
def test_look_alike_stays_quiet(language: str, text: str) -> None:
    assert _kinds(text) == set(), language


def test_every_language_has_positives_and_look_alikes() -> None:
    languages = {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk"}
    assert {c[0] for c in POSITIVE} == languages
    assert {c[0] for c in NEGATIVE} == languages
