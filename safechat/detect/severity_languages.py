"""The severe forms of :mod:`safechat.detect.severity` in the multilingual bundle's children's chat
languages: a threat that names a real place or time, or a group called to beat someone
(``threat.specific``; also a weapon brought and what will follow), and someone else's number,
address, school or whereabouts passed round, or a call to spam or hunt them down (``pii.doxxing``;
also a class and the hour lessons end, or an address, handed to a group with a call to go after
them), in French, German, Spanish, Italian, Portuguese
(Portugal and Brazil), Dutch, Polish and Ukrainian; and in the same languages a named or addressed
child exposed or mocked in front of others (``bullying.humiliation``: their diary, messages, letter
or voice note posted or shown to the group, a photo or clip of them crying or falling passed round,
a video, sticker or poll made of them, "toute la classe sait que tu ...", the group told to laugh at
them), and a slur aimed at a person (``hate.slur``: "t'es un pd", "du spast", "eres un maricon", "sei
un frocio", "jij bent een flikker", "ty pedale", "ти підор"; homophobic, ableist, racist and ethnic
slurs children meet, with and without accents, some with letters hidden by ``*``).

Written as children write in chats (no accents, "jvais", "vc", "nn", "ff", "pj"), a few patterns per
language per rule, WITHOUT A NATIVE SPEAKER'S REVIEW: no native speaker has read the phrasings or
the slur lists. Checked on the ``dev`` lines of ``devsets/childchat-multi`` only (the ``test`` lines
only counted), and on every benign line of both children's chat sets for false alarms. The patterns
are kept tight: a missed line is preferred to a flagged ordinary one, and slurs merely mentioned,
identity words ("gay", "juif", "autista" said of oneself or a friend) and slurs at a group are left
to the model.

The rules read the normalised model text. Each pattern is built from a few fragments per language:

- a promise of violence by the writer (``_VIOLENCE``: "je vais te defoncer", "ich schlag dich
  kaputt", "dostaniesz wpierdol") next to a real place or time (``_WHERE``: after school, the gate,
  the bus stop, the park, the reader's home, a day or a clock time), in either order, within one
  sentence; a weapon brought with a place or time; a group called to go and beat someone ("vamos
  todos a reventar a ...", "kto idzie ze mna pobic ..."), or the writer promising to beat someone
  else or to burn their place ("on le tabasse", "lo pestiamo", "slaan we m in elkaar", "to go
  zleje", "die moschee abfackeln");
- someone else's number, address or handle given with the data itself ("son num c'est le 06 ...",
  "numer kuby 512 ...", "zijn adres is kastanjelaan 23"), a call to ring or spam them with a number
  or at night, their address, school or private account posted or found ("ich poste ... wo sie
  wohnt", "злили її інсту").

As in :mod:`safechat.detect.harm_languages`, a hit in a message that tells of the words said to the
writer, quotes them or objects to them is dropped (:func:`~safechat.detect.harm_languages.unless_told_of`),
as is one in a message that asks what to do about it (a child telling an adult); a threat in a
message that names a game or a round, or laughs, and says nothing of the real world beyond a day is
play (:func:`unless_play`). The writer's own number, address or school is never doxxing, and the
writer's own diary or photos are never humiliation. Humiliation and slurs are also dropped in a
message that tells of a name called or a thing shown ("il a traite rayan de ...", "me llaman ...",
"ils ont poste mes messages"), or objects to it ("c'est raciste", "pas cool", "hou op", "przestan").
"""

from __future__ import annotations

import re

from safechat.detect.base import APOSTROPHE as _AP
from safechat.detect.base import PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.detect.harm_languages import GAME_TITLES, REAL_WORLD_OTHER_LANGUAGES, unless_told_of
from safechat.types import Label

# A gap within one sentence, and a gap that may cross a full stop (a weapon named, then the place).
_GAP = r"[^.!?\n]{0,50}?"
_LONG_GAP = r"[^!?\n]{0,70}?"

# Data that makes a message doxxing rather than talk: a phone number (at least 7 digits, spaced or
# not), a handle, a house number before or after a street word.
_PHONE = r"\+?\(?\d[\d ().-]{5,}\d"
_HANDLE = r"@[\w.]{2,}|\b[a-z]+[._]\w+[._]?\w*"
_STREET = (
    r"rue|avenue|av|bd|boulevard|all[eé]e|impasse|chemin|stra(?:ss|ß)e|str|gasse|weg|platz|calle|c/|avda|avenida|via"
    r"|viale|piazza|corso|rua|travessa|largo|pra[cç]a|straat|laan|plein|gracht|ulica|ul|aleja|al|osiedle|os"
    r"|вул|вулиця|вулиці|проспект|пр|провулок"
)
_ADDRESS = (
    rf"\d{{1,4}}\w? (?:{_STREET})\b|\b(?:{_STREET})\.? [^\d\n]{{2,30}}?\d{{1,4}}"
    r"|\b\w+(?:straat|laan|weg|plein|gracht|stra(?:ss|ß)e|gasse|ring|allee) \d{1,4}"
)
_DATA = rf"(?:{_PHONE}|{_HANDLE}|{_ADDRESS})"


def _near(first: str, second: str, gap: str = _GAP) -> str:
    """``first`` then ``second`` or ``second`` then ``first``, ``gap`` apart."""
    return rf"(?:{first}){gap}(?:{second})|(?:{second}){gap}(?:{first})"


# --- threat.specific -------------------------------------------------------------------------------

_DAYS = {
    "fr": r"demain|ce soir|cet aprem|cet apr[eè]s[- ]midi|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "de": r"morgen|heute abend|heute nach|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag",
    "es": r"ma[nñ]ana|esta tarde|esta noche|el lunes|el martes|el mi[eé]rcoles|el jueves|el viernes|el s[aá]bado|el domingo",
    "it": r"domani|stasera|oggi pomeriggio|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica",
    "pt": r"amanh[aã]|hoje [àa] tarde|hoje [àa] noite|segunda|ter[cç]a|quarta|quinta|sexta|s[aá]bado|domingo",
    "nl": r"morgen|vanavond|vanmiddag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    "pl": r"jutro|dzisiaj|dzi[sś] po|wieczorem|w poniedzia[lł]ek|we? wtorek|w [sś]rod[eę]|w czwartek|w pi[aą]tek|w sobot[eę]|w niedziel[eę]",
    "uk": r"завтра|сьогодні ввечері|ввечері|в понеділок|у вівторок|в середу|в четвер|в п[ʼ'’]?ятницю|в суботу|в неділю",
}

_WHERE = {
    # after school, the gate, the bus stop, the park, behind the gym, the toilets, the reader's home, a time
    "fr": rf"[àa] la sortie|[àa] la r[eé]cr[eé]?|apr[eè]s (?:les cours|l{_AP}?[eé]cole|le coll[eè]ge|la cantine|le sport|l{_AP}?entra[iî]nement)"
    rf"|(?:devant|derri[eè]re) (?:le |la |l{_AP}|chez )?(?:coll[eè]ge|lyc[eé]e|[eé]cole|portail|grille|gymnase|bahut|cantine|pr[eé]au|toi)"
    rf"|au (?:parc|city(?: ?stade)?|stade|terrain|portail|gymnase|bahut|coll[eè]ge|lyc[eé]e)|[àa] l{_AP}?arr[eê]t(?: de bus)?"
    r"|(?:dans les|aux) (?:toilettes|vestiaires|couloirs)|chez toi|en bas de chez toi|[àa] \d{1,2} ?h|\d{1,2} ?h\d\d|\d{1,2}h",
    "de": r"nach der schule|vor der schule|(?:in|nach) der (?:pause|gro(?:ß|ss)en pause)|an der bushaltestelle|an der haltestelle"
    r"|(?:am|auf dem) (?:sportplatz|schulhof|spielplatz|bolzplatz|parkplatz)|im park|hinter der (?:turnhalle|schule|sporthalle)"
    r"|vor (?:deiner|eurer) (?:haus)?t(?:ü|ue)r|(?:bei dir )?zu ?hause|auf dem klo|in der umkleide|um \d{1,2}\b|\d{1,2} ?uhr",
    "es": r"a la salida|en el recreo|en el patio|despu[eé]s de (?:clase|clases|el insti|del insti|el cole|del cole|educaci[oó]n f[ií]sica)"
    r"|(?:en|a) la puerta(?: del (?:insti|cole|colegio|instituto))?|en la parada|en el parque|detr[aá]s del (?:gimnasio|insti|cole|polideportivo)"
    r"|en los (?:ba[nñ]os|vestuarios)|(?:en|a) tu casa|a las \d{1,2}\b",
    "it": r"all{AP}? ?uscita|(?:fuori|davanti) (?:da |dalla |a |alla )?scuola|a ricreazione|in cortile|alla fermata|al parco|al campetto"
    r"|dietro (?:la palestra|la scuola)|in bagno|negli spogliatoi|sotto casa(?: tua)?|a casa tua|dopo (?:la )?scuola|alle \d{1,2}\b",
    "pt": r"[àa] sa[ií]da|no (?:recreio|intervalo|port[aã]o)|na (?:paragem|pra[cç]a|quadra)|no ponto(?: de [oô]nibus)?|no parque"
    r"|depois (?:da aula|das aulas|da escola|do treino)|atr[aá]s d[oa] (?:pavilh[aã]o|gin[aá]sio|escola)|(?:na|em) (?:tua|sua) casa"
    r"|no banheiro|nas casas de banho|no balne[aá]rio|[àa]s \d{1,2}\b|\d{1,2} ?h\b|\d{1,2}h\d\d",
    "nl": r"na school|bij het hek|bij de poort|in de pauze|op het schoolplein|bij de bushalte|in het park|achter de (?:gymzaal|school|sporthal)"
    r"|bij (?:je|jou) (?:huis|thuis)|voor (?:je|jouw) deur|in de kleedkamer|op de wc|om \d{1,2}\b|\d{1,2} uur",
    "pl": r"po (?:lekcjach|szkole|wf|wfie)|przed szko[lł][aą]|pod szko[lł][aą]|na przerwie|na orliku|na boisku|na przystanku|w parku"
    r"|za (?:sal[aą] gimnastyczn[aą]|szko[lł][aą]|gar[aą]żami|garazami)|pod (?:twoim )?(?:blokiem|domem|klatk[aą])|w kiblu|w szatni"
    r"|o (?:godz\w* )?\d{1,2}\b",
    "uk": r"після (?:уроків|школи)|біля (?:школи|під[ʼ'’]?їзду|дому|туалету|їдальні)|на (?:великій )?перерві|на зупинці|в парку|на майданчику"
    r"|за школою|за гаражами|під (?:твоїм )?під[ʼ'’]?їздом|в туалеті|в роздягальні|о \d{1,2}\b",
}

_VIOLENCE = {
    "fr": rf"(?:je vais|jvais|j{_AP}vais|je vai|on va|ont va|nous allons) (?:te |t{_AP}|le |la |l{_AP})(?:tuer|buter|d[eé]foncer|d[eé]monter|frapper|taper"
    rf"|planter|poignarder|massacrer|tabasser|fumer|cogner|niquer|casser (?:la gueule|les dents|la t[eê]te|les jambes)|r[eé]gler son compte|choper)\b"
    rf"|\b(?:je te|jte|j{_AP}te|on te|ont te) (?:tue|bute|d[eé]fonce|d[eé]monte|plante|tabasse|frappe|cogne|nique|casse (?:la gueule|les dents|la t[eê]te))\b"
    rf"|\bt{{0,1}}{_AP}?es (?:un homme )?mort\b|\btu vas (?:prendre|manger|te prendre) (?:cher|des coups|une racl[eé]e|une branl[eé]e|des baffes)\b"
    rf"|\bon t{_AP}attends?\b(?=[^.!?\n]{{0,50}}\bavec (?:les grands|mes potes|des potes|mes fr[eè]res|des b[aâ]tons|une batte)\b)"
    r"|\bon va (?:leur|lui|te|vous) (?:montrer|apprendre) (?:qui|ce que|ce qu)",
    "de": r"\b(?:ich|i|wir|und|dann) (?:schlag|schlage|schlagen|hau|haue|hauen|box|boxe|boxen|klatsch|klatsche|stech|steche|verpr(?:ü|ue)gel|verpr(?:ü|ue)gle)"
    r" dich\b|\b(?:ich|i|wir) (?:mach|mache|machen) dich (?:\w+ ){0,3}?(?:fertig|kalt|platt|kaputt|alle)\b"
    r"|\b(?:ich|i|wir) (?:bring|bringe|bringen) dich (?:\w+ ){0,4}?um\b(?!\s*\d)|\b(?:ich|i|wir) (?:werde|werd|will|wollen|werden) dich (?:\w+ ){0,3}?"
    r"(?:umbringen|fertigmachen|schlagen|verpr(?:ü|ue)geln|abstechen|zusammenschlagen|boxen|klatschen)\b"
    r"|\bbist du (?:dran|tot|f(?:ä|ae)llig)\b|\bdu bist (?:so )?(?:dran|tot)\b|\b(?:brech|breche|schlag) (?:ich )?dir (?:die|den|alle|deine) (?:nase|z(?:ä|ae)hne|knochen|beine)\b"
    r"|\bdu kriegst (?:eine|eins|was|schl(?:ä|ae)ge|aufs maul|auf die fresse|auf die schnauze)\b"
    r"|\bbring (?:ruhig )?deine freunde mit\b[^.!?\n]{0,30}\bhilft dir\b",
    "es": r"\bte (?:voy|vamos) a (?:matar|pegar|reventar|partir|romper|dar (?:una paliza|de hostias|de ostias|una hostia|una ostia|un par de hostias)"
    r"|meter (?:una paliza|de hostias|una hostia)|apu[nñ]alar|pinchar|rajar|hostiar|zurrar|machacar|cascar)\b"
    r"|\bte (?:parto|rompo|reviento|mato|pincho|rajo|casco|hostio|machaco)\b(?! de (?:risa|hambre))"
    r"|\b(?:est[aá]s|estas) muert[oa]\b|\bte (?:vas|va) a (?:enterar|caer el pelo)\b|\bla (?:traigo|llevo) para ti\b",
    "it": r"\bti (?:ammazzo|uccido|accoltello|gonfio|pesto|meno|massacro|sfondo|picchio|becco|faccio (?:fuori|a pezzi|nero|il culo))\b"
    r"|\bti (?:spacco|rompo|apro) (?:la faccia|la testa|il culo|le gambe|i denti|il naso|le ossa)\b|\bte la (?:faccio|far[oò]|facciamo) pagare\b"
    r"|\bsei (?:un uomo )?mort[oa]\b|\bte lo facciamo vedere\b|\blo provo su di te\b",
    "pt": r"\b(?:vou|vamos|eu vou|vamo|a gente vai|vai) te (?:matar|bater|pegar|espancar|esfaquear|furar|arrebentar|quebrar|partir|encher de porrada"
    r"|dar (?:um tiro|uma surra|porrada|um soco|uns socos|uma co[cç]a|um enxerto))\b"
    r"|\bvou-te (?:matar|bater|partir|espancar|esfaquear|furar|aos cornos|ao focinho)\b|\beu te (?:mato|pego|furo|esfaqueio|arrebento|quebro)\b"
    r"|\b(?:vou|vamos|vamo) (?:arrebentar|quebrar|partir|rachar) (?:a )?(?:tua|sua) (?:cara|cabe[cç]a|boca)\b|\b[eé]s um homem morto\b"
    r"|\b(?:vais|vai) (?:levar|apanhar) (?:porrada|na cara|nas trombas|um enxerto)\b|\b(?:vc|voc[eê]|tu) (?:vai|vais) ver\b",
    "nl": r"\bik (?:ga|zal) (?:je|jou) (?:\w+ ){0,3}?(?:vermoorden|doodmaken|dood maken|slaan|in elkaar slaan|neersteken|steken|afmaken|kapot maken|kapotmaken)\b"
    r"|\bik (?:maak|sla|steek|trap) (?:je|jou) (?:\w+ ){0,2}?(?:af|dood|kapot|neer|in elkaar|verrot)\b"
    r"|\b(?:we|wij) (?:gaan|zullen) (?:je|jou|hem|haar) (?:\w+ ){0,2}?(?:pakken|slaan|in elkaar slaan|afmaken|opwachten)\b"
    r"|\b(?:pakken|slaan|grijpen) we (?:je|jou|hem|haar)\b|\bje bent (?:zo |echt )?(?:dood|de lul)\b|\bje krijgt (?:klappen|slaag|een klap|een pak slaag|ervan langs)\b",
    "pl": r"\b(?:zabij[eę]|zajebi[eę]|zatuk[eę]|zat[lł]uk[eę]|pobij[eę]|dorw[eę]|zad[zź]gam|wpierdol[eę]|napierdol[eę]|sklepi[eę]|obij[eę]) (?:ci[eę]|go|j[aą])\b"
    r"|\bci[eę] (?:zabij[eę]|zajebi[eę]|zat[lł]uk[eę]|pobij[eę]|dorw[eę]|sklepi[eę]|znajd[eę])\b"
    r"|\bdostaniesz (?:\w+ ){0,2}?(?:wpierdol|wpierdziel|w ryj|w mord[eę]|[lł]omot|kos[eę]|b[eę]cki|lanie|kulk[eę])\b"
    r"|\b(?:ci )?(?:z[eę]by|[lł]eb|nogi|r[eę]ce|[lł]apy|gnaty) (?:ci )?(?:powybijam|po[lł]ami[eę]|rozwal[eę]|obij[eę])\b|\bpo[lł]ami[eę] ci\b"
    r"|\bjeste[sś] (?:ju[zż] )?(?:trupem|martwy|martwa)\b|\bprzyjd[zź] sam[a]?\b",
    "uk": r"(?<!\w)(?:вб[ʼ'’]?ю|уб[ʼ'’]?ю|приб[ʼ'’]?ю|заріжу|поріжу|відмудохаю|поб[ʼ'’]?ю|закопаю|застрелю|відгамселю|наваляю|вломлю) (?:тебе|тобі|його|її)(?!\w)"
    r"|(?<!\w)(?:тебе|тобі|його|її) (?:вб[ʼ'’]?ю|уб[ʼ'’]?ю|приб[ʼ'’]?ю|заріжу|поріжу|відмудохаю|поб[ʼ'’]?ю|закопаю|застрелю|наваляю|вломлю)(?!\w)"
    r"|(?<!\w)отримаєш(?=\s*(?:[,!.]|$|по (?:морді|пиці|зубах)))|(?<!\w)тобі (?:гаплик|капець|кінець|хана)(?!\w)"
    r"|(?<!\w)чекатиму з (?:битою|ножем|пацанами|травматом)(?!\w)|(?<!\w)зуби (?:виб[ʼ'’]?ю|повибиваю)(?!\w)",
}

# A weapon named (see also the school attack rules of harm_languages): brought along with a place or time.
_WEAPON = {
    "fr": r"couteau|schlass|canif|batte|b[aâ]tons?|flingue|pistolet|poing am[eé]ricain|lame|cutter",
    "de": r"messer|schlagring|baseballschl(?:ä|ae)ger|knarre|pistole|waffe|schreckschuss\w*",
    "es": r"navaja|cuchillo|pu[nñ]o americano|bate|pistola|machete",
    "it": r"coltello|tirapugni|mazza|pistola|lama|coltellino",
    "pt": r"faca|navalha|canivete|soco ingl[eê]s|taco|pistola|rev[oó]lver",
    "nl": r"mes|stiletto|boksbeugel|knuppel|honkbalknuppel|pistool|wapen",
    "pl": r"n[oó][zż]|no[zż]em|kastet|kij(?:em)?|bejsbol\w*|maczet\w*|spluw\w*",
    "uk": r"ніж|ножем|кастет\w*|бит(?:а|ою|у)|травмат\w*|пістолет\w*",
}
_BRING = {
    "fr": r"je (?:ram[eè]ne|prends|prendrai|viens avec|aurai)|j{AP}(?:ai|aurai|am[eè]ne)|on (?:ram[eè]ne|vient avec)|ramenez"
    r"|g (?:ramen[eé]|pris)|jram[eè]ne|j{AP}ai ramen[eé]|jai",
    "de": r"ich (?:bring|bringe|nehm|nehme|hab|habe|komm mit)|wir (?:bringen|nehmen)|(?:hab|habe) (?:n|ne|ein|eine|{AP}n)",
    "es": r"(?:tengo|traigo|llevo|voy a llevar|voy a traer|llevar[eé]|traer[eé]|me llevo)",
    "it": r"(?:ho preso|porto|porter[oò]|ho|mi porto|ti aspetto col|ti aspetto con)",
    "pt": r"(?:levo|vou levar|vou t[aá] com|vou estar com|tenho|trago)",
    "nl": r"(?:ik (?:neem|heb|breng)|neem ik|breng ik)",
    "pl": r"(?:wezm[eę]|przynios[eę]|mam|b[eę]d[eę] mia[lł])",
    "uk": r"(?:в мене є|у мене є|в мене в \w+|у мене в \w+|візьму|взяв|принесу|прийду з)",
}

# Calls on a group to go and beat someone: "let's all go and beat X", "who's coming to beat the new one";
# and the writer (with others or alone) promising to beat or burn someone else or their place ("on le
# tabasse", "lo pestiamo", "slaan we m in elkaar", "to go zleje", "hau ich ihm aufs maul", "die
# moschee abfackeln"), which names its target as a threat to the reader does.
_GANG = {
    "fr": r"\b(?:on va|allons|faut aller|il faut aller|venez|qui vient)\b[^.!?\n]{0,20}\b(?:casser|frapper|taper|tabasser|d[eé]foncer|niquer|massacrer) (?:le|la|les|l{AP}|ce|cette)\b"
    r"|\b(?:on fait|faisons) la chasse aux?\b"
    r"|\b(?:on|je|j{AP}) (?:le|la|les|l{AP}) ?(?:tabasse|frappe|bute|cogne)\b"
    r"|\bfaudrait (?:aller )?les (?:d[eé]gager|tabasser|frapper|buter|cramer)\b|\bratonnade\b"
    r"|\b(?:mettre le feu|foutre le feu|cramer) (?:[aà] )?(?:la |le |l{AP}|leur |au )?(?:mosqu[eé]e|synagogue|[eé]glise|foyer|maison)\b",
    "de": r"\b(?:kommt alle|wer kommt mit|wer ist dabei|lasst uns|wir gehen)\b[^.!?\n]{0,40}\b(?:verpr(?:ü|ue)geln|klatschen|boxen|schlagen|fertigmachen|zusammenschlagen|zeigen\b[^.!?\n]{0,30}\bwer hier)\b"
    r"|\bjeder der (?:den|die|ihn|sie)\b[^.!?\n]{0,40}\b(?:schlagt|haut|tretet) zu\b"
    r"|\b(?:hau|haue|schlag|schlage|hauen|schlagen) (?:ich|wir) (?:ihm|ihr|ihnen|dem|der|den) (?:eine rein|aufs maul|in die fresse|auf die fresse|die fresse ein|die zähne aus)\b"
    r"|\bgeh(?:ö|oe)rt (?:\w+ ){0,4}?(?:gepr(?:ü|ue)gelt|verpr(?:ü|ue)gelt|verhauen|zusammengeschlagen)\b"
    r"|\b(?:moschee|synagoge|kirche|heim|asylheim|fl(?:ü|ue)chtlingsheim|haus|fahrrad|auto)\b[^.!?\n]{0,30}\b(?:abfackeln|abzufackeln|anz(?:ü|ue)nden|anzuz(?:ü|ue)nden|abbrennen|in brand stecken)\b",
    "es": r"\b(?:vamos (?:todos )?a|id (?:todos )?a|hay (?:q|que|k) ir a|qui[eé]n se viene a|vamos a ir a)\s?(?:reventar|pegar|zurrar|partir la cara|echar(?:les|los|las)?\b|por (?:los|las|ellos|ellas|él|ella|ti|esos?|esas?)\b)"
    r"|\b(?:le|la|lo|les|los|las) (?:vamos a (?:reventar|dar una paliza|partir la cara|quemar)|reventamos|zurramos|apaleamos)\b"
    r"|\b(?:quemar|incendiar|prender fuego a) (?:la |el |los |las )?(?:mezquita|sinagoga|iglesia|centro de menores|casa)\b",
    "it": r"\b(?:chi viene (?:con me )?a|andiamo a|facciamo un gruppo per|tutti a)\s?(?:menare|picchiare|pestare|gonfiare|tirare|massacrare)\b"
    r"|\bvanno (?:pestat|menat|picchiat)\w+\b|\b(?:vanno|va) pres[ioae] a (?:calci|botte|pugni|sprangate|schiaffi)\b"
    r"|\b(?:lo|la|li|le) (?:picchiamo|pestiamo|meniamo)\b|\bgli (?:facciamo|faccio) passare la voglia\b"
    r"|\b(?:bruciare|incendiare|dare fuoco a(?:lla|l)?) (?:la |il )?(?:moschea|sinagoga|chiesa|campo rom|casa)\b",
    "pt": r"\b(?:vamo|vamos|bora|quem vem)\b[^.!?\n]{0,10}\b(?:bater|espancar|pegar|encher de porrada)\b|\bjuntem-se todos\b|\b(?:t[eê]m|tem) de levar uma li[cç][aã]o\b",
    "nl": r"\b(?:pakken we (?:hem|haar) met z{AP}?n allen|gaan we (?:hem|haar) (?:pakken|slaan|in elkaar slaan)|wie (?:duwt|slaat|schopt) \w+)\b"
    r"|\b(?:slaan|trappen|schoppen) (?:we|wij|ik) (?:hem|haar|ze|m|die|hun) (?:\w+ )?(?:in elkaar|verrot|dood|kapot)\b"
    r"|\b(?:we gaan|wij gaan) (?:ze|hem|haar|m) (?:opwachten|slaan|in elkaar slaan)\b|\bpakken we (?:ze|hem|haar|m) bij\b"
    r"|\b(?:azc|moskee|synagoge|kerk|huis)\b[^.!?\n]{0,30}\bin (?:de fik|brand) (?:steken|zetten)\b",
    "pl": r"\b(?:kto idzie|idziemy|chod[zź]cie|zbierzmy si[eę])\b[^.!?\n]{0,30}\b(?:pobi[cć]|obi[cć]|skopa[cć]|wjazd)\b|\bto kopcie\b"
    r"|\b(?:to )?(?:go|ją|ich) (?:zlej[eę]|zlejemy|pobij[eę]|pobijemy|skopi[eę]|skopiemy)\b"
    r"|\bspu[sś]ci[cć] ze schod[oó]w\b|\bpodpal(?:i[cć]|imy|[eę])\b",
    "uk": r"(?<!\w)(?:йдемо|ходімо|підемо|пішли) (?:\w+ )?(?:бити|відмудохати|гасити)(?!\w)|(?<!\w)беріть (?:палки|кастети|біти)(?!\w)"
    r"|(?<!\w)(?:його|її|їх) (?:поб[ʼ'’]?ємо|відмудохаємо|відгамселимо|вб[ʼ'’]?ємо|приб[ʼ'’]?ємо)(?!\w)|(?<!\w)(?:поб[ʼ'’]?ємо|відмудохаємо|відгамселимо) (?:його|її|їх)(?!\w)",
}

# What follows the weapon: "then you'll see what happens", "you'll feel it", "I won't hesitate to use it".
_CONSEQUENCE = {
    "fr": r"tu vas (?:voir|le sentir|regretter|comprendre)|tu feras moins le malin|on verra (?:qui|si)|vous rigolerez moins",
    "de": r"(?:dann )?(?:siehst du|wirst du sehen|wirst du es sp(?:ü|ue)ren)|dann sehen wir|du wirst (?:es )?(?:sehen|bereuen)|komm ruhig",
    "es": r"ya ver[aá]s|vas a ver|te vas a enterar|a ver si|te vas a arrepentir",
    "it": r"vedrai|vediamo se|te ne pentirai|poi vediamo|fai ancora",
    "pt": r"(?:vc|voc[eê]|tu) (?:vai|vais) ver|vais-te arrepender|vai se arrepender|quero ver",
    "nl": r"(?:ga je|je gaat) het voelen|dan zie je|je gaat het zien|krijg je spijt|dan zien we",
    "pl": r"zobaczysz|nie zawaham si[eę]|u[zż]yj[eę] go|po[zż]a[lł]ujesz|jak jeszcze raz",
    "uk": r"побачиш|пожалкуєш|не побоюсь|ще раз",
}

# The writer knows where the reader lives, studies or waits for the bus, and warns them.
_KNOWS = {
    "fr": r"je sais o[uù] tu (?:habites|vis|dors)|on sait o[uù] tu (?:habites|vis)|je connais ton adresse"
    r"|je sais (?:dans )?quel(?:le)? (?:coll[eè]ge|lyc[eé]e|[eé]cole|bus|classe)",
    "de": r"(?:ich|wir) wei(?:ß|ss|s)t? wo du wohnst|(?:ich|wir) kenne?n? deine adresse|(?:ich|wir) wei(?:ß|ss|s)t? (?:auf )?welche schule",
    "es": r"(?:s[eé]|sabemos|sabe|saben) d[oó]nde vives|(?:s[eé]|sabemos) (?:a )?(?:q|qu[eé]|k) (?:insti|cole|colegio|instituto) vas",
    "it": r"(?:so|sappiamo|sa) dove (?:abiti|vivi|stai)|(?:so|sappiamo) (?:in )?(?:che|quale) scuola vai|(?:so|sappiamo) dove vai a scuola",
    "pt": r"(?:eu sei|sei|sabemos|a gente sabe|sabe) onde (?:tu |vc |voc[eê] )?(?:mora|moras|vive|vives)|sei que apanhas|sei (?:em )?que escola",
    "nl": r"(?:ik weet|we weten|wij weten) waar (?:je|jij) (?:woont|moeder werkt|vader werkt|op school zit)|(?:ik weet|we weten) op welke school",
    "pl": r"(?:wiem|wiemy) gdzie mieszkasz|(?:wiem|wiemy) (?:ze|że) chodzisz do|(?:wiem|wiemy) do kt[oó]rej szko[lł]y",
    "uk": r"(?:знаю|знаємо) де ти живеш|(?:знаю|знаємо) (?:в|у) якій (?:школі|ти школі)",
}
_WARNS = {
    "fr": r"fais gaffe|fait gaffe|attention [àa] toi|tu vas voir|dors bien|[àa] bient[oô]t|on arrive|on vient te",
    "de": r"pass (?:blo(?:ß|ss) |lieber |gut )?auf|schlaf gut|bis bald|wir sehen uns|du wirst sehen|wir kommen vorbei",
    "es": r"ten cuidado|cuidadito|ya ver[aá]s|duerme bien|hasta pronto|tiene una pistola|vamos (?:a ir|para all[aá])",
    "it": r"stai attent[oa]|vedrai|dormi bene|a presto|veniamo a trovarti",
    "pt": r"fica atent[oa]|fica esperto|vais ver|vai ver|dorme bem|agora aguenta|toma cuidado|cuidadinho",
    "nl": r"slaap lekker|pas (?:maar )?op|je gaat het zien|tot snel|zeg dat maar tegen",
    "pl": r"uwa[zż]aj|zobaczysz|[sś]pij dobrze|b[eę]d[eę] czeka[lł]|do zobaczenia",
    "uk": r"чекатиму|стережися|побачиш|солодких снів|до зустрічі",
}


def _specific_threat(language: str) -> str:
    where = rf"\b(?:{_WHERE[language]}|{_DAYS[language]})".replace("{AP}", _AP)
    violence = _VIOLENCE[language]
    knows, warns = rf"\b(?:{_KNOWS[language]})", rf"\b(?:{_WARNS[language]})\b"
    consequence = rf"(?<!\w)(?:{_CONSEQUENCE[language]})(?!\w)"
    weapon = rf"\b(?:{_BRING[language]})\b[^.!?\n]{{0,30}}?\b(?:{_WEAPON[language]})\b".replace("{AP}", _AP)
    return (
        f"{_near(violence, where)}|{_near(weapon, where, _LONG_GAP)}|{_near(weapon, violence, _LONG_GAP)}"
        f"|{_near(weapon, consequence, _LONG_GAP)}"
        f"|{_near(knows, warns, _LONG_GAP)}"
        f"|{_GANG[language].replace('{AP}', _AP)}"
    )


_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "uk")

SPECIFIC_THREATS_OTHER_LANGUAGES = compile_patterns(
    ("threat.specific", _specific_threat(language)) for language in _LANGUAGES
)


# --- pii.doxxing -----------------------------------------------------------------------------------

_DOXXING = (
    # fr: "son num c'est le 06 ...", "le numero de sa mere, 07 ...", "son snap ines_d2011", "poste son adresse",
    # "spammez le toute la nuit", "tout le monde sait ou tu habites"
    rf"\b(?:son|sa|ses|le|l{_AP}) ?(?:num|num[eé]ro|tel|t[eé]l[eé]phone|portable|adresse|insta|snap|tiktok|discord|ip)(?: (?:perso|priv[eé]|de portable))?"
    rf"(?: (?:de|d{_AP}) ?(?:sa|son) \w+)? ?(?:c{_AP}est|c|est|=|:|,)? ?(?:le |l{_AP})?{_DATA}"
    rf"|\b(?:poster|poste|postes|balancer|balance|leak|leaker|publier|publie|diffuser|diffuse|partager)\b[^.!?\n]{{0,25}}\b(?:son|sa|ses) (?:adresse|num|num[eé]ro|insta|snap|[eé]cole|coll[eè]ge|lyc[eé]e|localisation|position)\b"
    rf"|\ballez (?:la|le|les) (?:d[eé]truire|harceler|spammer|insulter)\b"
    rf"|\b(?:tout le monde|toute la classe|tlm) (?:sait|conna[iî]t) (?:maintenant |mtn )?(?:o[uù] tu (?:habites|vis)|ton adresse)\b",
    # de: "hier die nummer von jannik 0176 ...", "spammt ihn voll", "ich poste ... wo sie wohnt", "hab seine ip"
    rf"\b(?:seine|ihre|die) (?:handy)?(?:nummer|adresse|insta|ip)(?: von \w+)?:? ?(?:ist )?{_DATA}"
    r"|\b(?:poste|post|posten|leake|leaken|verbreite|verbreitet|schick|schicke)\b[^.!?\n]{0,40}\b(?:seine|ihre|seinen|ihren) (?:adresse|nummer|handynummer|privaten insta|insta|schule|standort)\b"
    r"|\b(?:poste|post|posten|leake|verbreite|schick)\b[^.!?\n]{0,40}\bwo (?:er|sie) wohnt\b|\bhab (?:seine|ihre) (?:ip|adresse)\b"
    r"|\b(?:spammt|terrorisiert) (?:ihn|sie) (?:voll|zu)\b|\balle wissen (?:jetzt )?wo du wohnst\b",
    # es: "su num es 612 ...", "pasad su numero por todos los grupos", "llamadle todos", "le he sacado el insta privado"
    rf"\bsu (?:n[uú]mero|num|m[oó]vil|tel[eé]fono|direcci[oó]n|insta|snap|tiktok)(?: es| era|:|=) ?{_DATA}"
    r"|\b(?:pasad|pasar|pasa|difundid|difundir|publicad|publico|subo|filtro|filtrad|filtrar)\b[^.!?\n]{0,20}\bsu (?:n[uú]mero|num|m[oó]vil|direcci[oó]n|insta|ubicaci[oó]n|casa)\b"
    r"|\b(?:le|la) he sacado el insta\b|\bya sab[eé]is (?:q|que|k) hacer\b"
    r"|\b(?:todos|todo el mundo|toda la clase) sabe[n]? (?:ya )?d[oó]nde vives\b",
    # it: "il numero di chiara è 347 ...", "spammatela tutti", "ho trovato il suo nome vero ... pubblico tutto"
    rf"\b(?:il (?:suo )?(?:numero|cell|indirizzo|insta)(?: di \w+)?|la sua (?:via|casa))(?: [èe]|:|=)? ?{_DATA}"
    r"|\bho trovato (?:il suo|la sua|dove abita)\b[^.!?\n]{0,60}\b(?:pubblico|posto|giro|metto)\b"
    r"|\b(?:pubblico|posto|giro|metto in giro)\b[^.!?\n]{0,20}\b(?:il suo|la sua) (?:indirizzo|numero|insta|scuola|posizione)\b"
    r"|\btutti sanno (?:ora |adesso )?dove abiti\b",
    # pt: "o numero dela e 9..", "liguem pra ele", "espalha o endereco dele", "to vendo tua localizacao ... to indo ai"
    rf"\b(?:o (?:n[uú]mero|zap|endere[cç]o|insta)|a morada) (?:dele|dela|d[oa] \w+)(?: (?:[eé]|:|=))? ?{_DATA}"
    r"|\b(?:postar|posto|vou postar|espalha|espalhem|vazar|vazei|vazaram|divulgar|divulguem)\b[^.!?\n]{0,20}\b(?:o |a )?(?:endere[cç]o|n[uú]mero|zap|insta|morada|localiza[cç][aã]o) (?:dele|dela)\b"
    r"|\b(?:t[oô]|estou) vendo (?:tua|sua) localiza[cç][aã]o\b|\btodo mundo sabe onde (?:vc|voc[eê]|tu) mora\b",
    # nl: "zijn adres is kastanjelaan 23", "ik heb haar huis gevonden", "iedereen weet nu waar je woont"
    rf"\b(?:zijn|haar|z{_AP}n) (?:adres|nummer|06|insta|snap)(?: is|:|=)? ?{_DATA}"
    r"|\b(?:post|posten|zet|deel|lek|lekken|gooi|stuur)\b[^.!?\n]{0,20}\b(?:zijn|haar) (?:adres|nummer|06|insta|school|locatie)\b"
    r"|\bik heb (?:zijn|haar) (?:huis|adres) gevonden\b"
    r"|\biedereen\b[^.!?\n]{0,20}\bweet (?:nu )?waar je woont\b",
    # pl: "numer kuby 512 ...", "dzwoncie do niego cala noc", "wrzucam jej adres"
    rf"\b(?:numer|adres) (?!(?:m[oó]j|moj[ae]?|mojej|mamy|taty|do mnie|to|jest|ma|mam)\b)[^\W\d_]+ (?:to |:|=)? ?{_DATA}"
    r"|\b(?:wrzuc[eę]|wrzucam|wstawi[eę]|udost[eę]pni[eę]|roze[sś]l[eę]|rozsy[lł]am)\b[^.!?\n]{0,20}\b(?:jego|jej) (?:adres|numer|insta|szko[lł][eę]|lokalizacj[eę])\b"
    r"|\bnumer w komentarzu\b",
    # uk: "ось номер дениса 096 ...", "спамте йому", "злили її інсту і в якій школі вчиться"
    rf"(?<!\w)(?:номер|адреса) (?!(?:мій|моєї|мами|тата|це|в|у)(?!\w))[^\W\d_]+ ?(?:—|-|:|=)? ?{_DATA}"
    r"|(?<!\w)(?:злили|злив|злила|скинув|скинула|виклав|виклала)\b[^.!?\n]{0,20}(?:його|її) (?:адресу|номер|інсту|інстаграм|геолокацію|школу)(?!\w)"
    r"|(?<!\w)(?:вчиться|навчається) (?:в|у) \d+ (?:гімназії|школі|ліцеї)(?!\w)[^.!?\n]{0,30}(?:виходить|закінчує) о \d",
)

# Calls on a group to ring, text or spam someone: with a number in the message or at night.
_CALL = {
    "fr": r"spammez|appelez[- ](?:le|la)|harcelez|insultez[- ](?:le|la)|envoyez[- ]lui|[eé]crivez[- ]lui",
    "de": r"spammt|ruft (?:ihn|sie|den|die)|schreibt (?:ihm|ihr)|terrorisiert",
    "es": r"llamad(?:le|la|lo)|spamead(?:le|la|lo)?|escribid(?:le|la)|acosad(?:le|la|lo)|llamen(?:le|la)",
    "it": r"spammatel[oa]|spammate|chiamatel[oa]|tartassatel[oa]|scriveteg?l[ie]|insultatel[oa]",
    "pt": r"liguem|spamem|mandem mensage(?:m|ns)|enche(?:m)? (?:ele|ela) de|liga(?:i)? (?:pra|para) (?:ele|ela)",
    "nl": r"bel (?:hem|haar)|spam (?:hem|haar)|app (?:hem|haar)|bombardeer (?:hem|haar)",
    "pl": r"dzwo[nń]cie|piszcie do (?:niego|niej)|wydzwaniajcie|(?:za)?spamujcie",
    "uk": r"спамте|спамьте|дзвоніть|надзвонюйте|пишіть (?:йому|їй)",
}
_NIGHT = {
    "fr": r"toute la nuit|la nuit|[àa] \d ?h du mat",
    "de": r"nachts|die ganze nacht|mitten in der nacht",
    "es": r"toda la noche|de madrugada|a las \d de la ma[nñ]ana|por la noche",
    "it": r"stanotte|tutta la notte|di notte|alle \d di notte",
    "pt": r"a noite toda|de madrugada|toda a noite|[àa] noite",
    "nl": r"de hele nacht|s nachts|midden in de nacht|vannacht",
    "pl": r"ca[lł][aą] noc|w nocy|noc[aą]",
    "uk": r"всю ніч|вночі|цілу ніч",
}


# Someone's whereabouts handed to a group with a call to go after them ("geht aufs gymnasium, klasse 8a,
# macht ihn fertig", "va in 3C ed esce alle 13:30, adesso sapete dove trovarla"): a phone, handle or
# address (``_DATA``), or a class and the time lessons end, beside the call. A bare "good luck" is no
# call ("powodzenia na sprawdzianie w 6c").
_CLASS_OR_HOURS = (
    r"\b(?:klasse|klas|classe|clase|klasa|turma|sala) \d{1,2} ?[a-f]?\b|\b\d{1,2} ?[a-f]\b(?=[^.!?\n]{0,40}\b\d{1,2}[:h.]\d\d)"
    r"|\b\d{1,2}(?:º|°|ª|o|a|e|eme|ème)? ?(?:ano|bach|eso|année)\b|(?<!\d)\d{1,2}-?[а-яіїє](?!\w)"
    r"|\bmieszka (?:na|przy) [^\d\n]{2,25}\d{1,4}\b"
)
_DOX_CALL = {
    "fr": r"vous savez ce qu{AP}il (?:vous )?reste [aà] faire|vous savez quoi faire|maintenant vous savez o[uù]"
    r"|allez (?:le|la|lui) (?:voir|rendre visite|chercher)|rendez[- ]lui (?:une )?visite",
    "de": r"besucht (?:ihn|sie)|macht (?:ihn|sie) fertig|ihr wisst (?:was zu tun ist|bescheid|was ihr zu tun habt)"
    r"|jetzt wisst ihr wo|klingelt (?:mal )?(?:bei )?(?:ihm|ihr)",
    "es": r"ahora (?:ya )?sab[eé]is d[oó]nde|id a (?:verle|verla|buscarle|buscarla|por [eé]l|por ella)|hacedle una visita",
    "it": r"sapete cosa fare|(?:adesso|ora) sapete dove|andate a (?:trovarl[oa]|suonar(?:gli|le)|prenderl[oa])|fate(?:gli|le) (?:una )?visita",
    "pt": r"(?:voc[eê]s|vcs|j[aá]) sabem o que fazer|agora (?:j[aá] )?sabem onde|visitem (?:ele|ela)|fa[cç]am-lhe uma visita",
    "nl": r"jullie weten wat (?:je|jullie) (?:moet|moeten) doen|jullie weten wat te doen|nu weten jullie waar"
    r"|(?:ga|gaan) (?:hem|haar) (?:maar )?opzoeken|zoek (?:hem|haar) (?:maar )?op|maak (?:hem|haar) kapot",
    "pl": r"(?:wiecie|wie) co (?:robi[cć]|trzeba)|teraz wiecie gdzie|odwied[zź]cie (?:go|j[aą])|kto jest blisko",
    "uk": r"(?:ви )?знаєте (?:що|шо) робити|тепер знаєте де|навідайтесь|хто поруч",
}


def _whereabouts_call(language: str) -> str:
    call = _DOX_CALL[language].replace("{AP}", _AP)
    return _near(rf"(?:{_DATA}|{_CLASS_OR_HOURS})", rf"(?<!\w)(?:{call})(?!\w)", _LONG_GAP)


def _spam_call(language: str) -> str:
    return _near(rf"\b(?:{_CALL[language]})\b", rf"{_PHONE}|\b(?:{_NIGHT[language]})\b", _LONG_GAP)


DOXXING_OTHER_LANGUAGES = compile_patterns(
    [("pii.doxxing", regex.replace("{AP}", _AP)) for regex in _DOXXING]
    + [("pii.doxxing", _spam_call(language)) for language in _LANGUAGES]
    + [("pii.doxxing", _whereabouts_call(language)) for language in _LANGUAGES]
)

# --- bullying.humiliation --------------------------------------------------------------------------
#
# A sentence (commas do not end one) that holds, in any order:
# - a first-person or plural-imperative act of passing something on (``_SHARE``: "je les balance",
#   "lo mando", "wrzucam", "кинула"), the group it goes to (``_TO_GROUP``: the class chat, the story,
#   "a tutti") and someone else's private thing (``_OTHERS_PRIVATE``: "ses vocaux", "la sprachnachricht
#   von niklas", "twoje wiadomosci"), or a photo or video of someone in a mishap (``_MEDIA`` with
#   ``_MISHAP``: crying, falling, asleep, without make-up);
# - or an act that is public by itself (``_PUBLIC``: posting, leaking, "who wants ...", "look at /
#   read ...!" said to the group) with someone else's private thing, or a photo or video of a mishap;
# - or a recording made by the writer (``_RECORDED``) of a mishap, with it passed on or posted.
# Apart: a video, page, sticker or poll made of the reader (``_MADE_OF``), the whole class told
# ("toute la classe sait que tu ...", ``_KNOWS_ALL``), and the group told to laugh at or imitate
# someone (``_MOCK_CALL``). Another person's thing only: "mon journal", "mein tagebuch" never count.

_SENTENCE_START = r"(?:^|(?<=[.!?\n]))[^\S\n]*"

_PRIVATE = {
    "fr": r"journal(?: intime)?|carnet secret|messages?|msgs?|mps?|dms?|sms|convs?|conversations?|vocaux|vocal|notes? vocales?"
    r"|audios?|lettres?(?: d{AP}amour)?|mots? d{AP}amour|po[eè]mes?|screens?|captures?|nudes?|secrets?|liste de crush",
    "de": r"tagebuch|nachrichten|nachricht|chats?|chatverlauf|screenshots?|screens?|sprachnachricht(?:en)?|sprachis?|sprachmemos?"
    r"|liebesbriefe?|briefe?|gedichte?|nudes|geheimnisse?|suchverlauf",
    "es": r"diario|mensajes?|msgs?|chats?|conversaci[oó]n|capturas?|pantallazos?|audios?|notas? de voz|cartas?(?: de amor)?|poemas?"
    r"|nudes|secretos?|historial",
    "it": r"diario|messaggi|messaggio|chat|screen|screenshot|vocali|vocale|audio|letter[ae](?: d{AP} ?amore)?|poesi[ae]|nudes|segreti|segreto",
    "pt": r"di[aá]rio|mensage(?:m|ns)|msgs?|conversas?|prints?|capturas?|[aá]udios?|cartas?(?: de amor)?|poemas?|nudes|segredos?|hist[oó]rico",
    "nl": r"dagboek|berichten|bericht|appjes?|chats?|screenshots?|screens?|spraakbericht(?:en)?|voice ?bericht(?:en)?|liefdesbriefs?|briefje|gedicht|nudes|geheimen?",
    "pl": r"pami[eę]tnik|wiadomo[sś]ci|wiadomo[sś][cć]|czaty?|rozmow[aeęy]|screeny|screena?|g[lł]os[oó]wk[aięe]|g[lł]osowki|li[sś]cik|list mi[lł]osny|wiersz|nudesy|sekrety?",
    "uk": r"щоденник|повідомлення|переписк[уаи]|скрін(?:и|шоти?)?|голосов(?:е|і|ого|ими)|лист(?:а)?|вірш|нюдси|секрет(?:и)?",
}

_MEDIA = {
    "fr": r"photos?|vid[eé]os?|vid|vocaux|audios?",
    "de": r"fotos?|bilder?|videos?|vids?|sprachnachricht(?:en)?",
    "es": r"fotos?|v[ií]deos?|audios?",
    "it": r"fot[oa]|foto|video|vocale|vocali",
    "pt": r"fotos?|v[ií]deos?|[aá]udios?",
    "nl": r"foto'?s?|video'?s?|vids?|filmpjes?",
    "pl": r"zdj[eę]ci[ae]|fotk[aięe]|film(?:ik)?[aiu]?|nagrani[ae]",
    "uk": r"фот(?:о|ку|ка|ки)|відео|відос\w*",
}

# Someone else's: a possessive that is not the writer's, or the thing "of NAME" / "where NAME ...".
_NOT_MINE = {
    "fr": r"(?!partie\b|game\b|jeu\b|victoire\b|moi\b|ma\b|mon\b|mes\b|nous\b|la\b|le\b|les\b|l{AP}|classe\b|groupe\b)",
    "de": r"(?!spiel\w*|game\b|runde\b|mir\b|mich\b|mein\w*|uns\w*|ich\b|der\b|die\b|dem\b|den\b|das\b)",
    "es": r"(?!partida\b|juego\b|m[ií]\b|mis?\b|nosotr\w+|la\b|el\b|los\b|las\b|clase\b|grupo\b)",
    "it": r"(?!partita\b|gioco\b|me\b|mi\b|mi[eao]\b|noi\b|la\b|il\b|lo\b|classe\b|gruppo\b)",
    "pt": r"(?!mim\b|meu\b|minha\b|n[oó]s\b|a\b|o\b|turma\b|grupo\b|partida\b|jogo\b|vit[oó]ria\b)",
    "nl": r"(?!potje\b|game\b|spel\b|mij\b|me\b|mijn\b|ons\b|de\b|het\b|klas\b|groep\b)",
    "pl": r"(?!gry\b|meczu\b|rundy\b|mnie\b|m[oó]j\w*|moj\w*|nas\b|klas\w*|grup\w*)",
    "uk": r"(?!гри(?!\w)|матчу(?!\w)|катки(?!\w)|мене(?!\w)|мій(?!\w)|моє(?!\w)|мої(?!\w)|нас(?!\w)|клас\w*|груп\w*)",
}
_OF = {
    "fr": r"(?:de|d{AP}) ?|o[uù] |qu?e ",
    "de": r"von |wo |wie ",
    "es": r"de |(?:de lo )?(?:q|que) (?:le |les )?(?:escribi[oó]|mand[oó]|envi[oó]|dijo)? ?",
    "it": r"di |d{AP} ?|che ",
    "pt": r"d[oa] |de |que ",
    "nl": r"van |waar |hoe ",
    "pl": r"(?:jak|gdzie|od|kt[oó]r[aąyeą]|co) ",
    "uk": r"(?:як|де|від|яку|який|яке) ",
}
_POSSESSIVE = {
    "fr": r"ses|sa|son|ton|ta|tes|leurs?",
    "de": r"seine[nm]?|ihre[nm]?|deine[nm]?|dein|sein",
    "es": r"sus?|tus?",
    "it": r"su[oa]i?|sue|tuo|tua|tuoi|tue|il suo|la sua|i suoi|le sue|il tuo|la tua|i tuoi|le tue",
    "pt": r"(?:o |a |os |as )?(?:teu|tua|teus|tuas|seu|sua|seus|suas)",
    "nl": r"zijn|haar|je|jouw|z{AP}n",
    "pl": r"jego|jej|twoj[aeą]?|tw[oó]j|twoich",
    "uk": r"твоє|твої|твій|твою|його|її",
}

# "ce que manon m'a ecrit en prive", "was paula mir privat geschrieben hat", "co zuzia pisala do dawida".
_WROTE_PRIVATELY = {
    "fr": r"ce (?:que|qu{AP}) ?\w+ m{AP}a (?:[eé]crit|envoy[eé]|dit) en (?:priv[eé]|mp|dm)",
    "de": r"was \w+ mir (?:privat|per dm|in der dm|im chat) (?:geschrieben|geschickt)",
    "es": r"(?:lo )?(?:q|que) (?:me|le) (?:escribi[oó]|mand[oó]) \w+ (?:por privado|al privado|a \w+)",
    "it": r"(?:quello )?che (?:mi|gli|le) ha scritto \w+ (?:in privato|in dm|a \w+)",
    "pt": r"o que (?:a |o )?\w+ (?:me )?(?:escreveu|mandou) (?:no privado|no pv|pr[oa] \w+|para (?:o|a) \w+)",
    "nl": r"wat \w+ (?:mij|me|naar \w+) (?:privé|prive|in de dm)? ?(?:stuurde|appte|schreef)",
    "pl": r"co \w+ (?:pisa[lł]a?|napisa[lł]a?) do \w+",
    "uk": r"що (?:мені )?(?:написа\w+) \w+ (?:в особисті|в лс|для \w+)",
}

_SHARE = {
    "fr": r"je (?:les? |la |l{AP}|te |vous )?(?:poste|balance|envoie|mets|montre|partage|screen|publie|affiche|fais tourner|transf[eè]re)"
    r"|j{AP}(?:ai|les ai|l{AP}ai) (?:post[eé]|balanc[eé]|envoy[eé]|mis|montr[eé]|partag[eé]|screen|publi[eé]|affich[eé]|fait tourner|transf[eé]r[eé])"
    r"|(?:je vais|jvais|j{AP}vais|on va) (?:les? |la |l{AP})?(?:poster|balancer|envoyer|mettre|montrer|partager|publier|afficher|faire tourner)"
    r"|on (?:a )?(?:post[eé]|balanc[eé]|mis|montr[eé]|partag[eé]|envoy[eé])|faites tourner|partagez|envoyez",
    "de": r"ich (?:poste|post|schick|schicke|stell|stelle|teile|teil|leake|leak|zeig|zeige|lade|leite|sende)"
    r"|(?:hab|habe|haben wir) (?:ich )?(?:\w+ ){0,5}?(?:gepostet|geschickt|gestellt|geteilt|geleakt|gezeigt|hochgeladen|weitergeleitet)"
    r"|(?:soll|werd|werde|will|kann) ich (?:\w+ ){0,12}?(?:posten|schicken|stellen|teilen|leaken|zeigen|hochladen|weiterleiten)"
    r"|schickt|postet|teilt|leitet",
    "es": r"(?:he|hemos|ya he|ya hemos) (?:puesto|subido|pasado|mandado|enviado|compartido|ense[nñ]ado|filtrado|publicado|reenviado)"
    r"|(?:voy a|vamos a) (?:poner|subir|pasar|mandar|enviar|compartir|ense[nñ]ar|filtrar|publicar|reenviar)"
    r"|(?:os|te|les) (?:paso|mando|ense[nñ]o|reenv[ií]o|pongo)|(?:lo |la |los |las )?(?:subo|pongo|paso|mando|comparto|publico|filtro|reenv[ií]o)"
    r"|pasadlo|compartidlo|mandadlo",
    "it": r"(?:l{AP} ?|li |la |le |lo )?(?:ho|abbiamo) (?:messo|messa|mandato|mandata|girato|girata|postato|postata|pubblicato|condiviso|inoltrato|caricato)"
    r"|(?:lo |la |li |le |l{AP} ?)?(?:mando|metto|giro|posto|pubblico|condivido|inoltro|carico)|(?:sto|stiamo) (?:girando|mandando|postando)"
    r"|giratelo|giratela|mandatelo|condividete",
    "pt": r"(?:vou|vamos|vamo) (?:postar|mandar|enviar|colocar|por|p[oô]r|espalhar|mostrar|vazar|partilhar|compartilhar)"
    r"|(?:postei|mandei|enviei|coloquei|pus|espalhei|mostrei|vazei|partilhei|compartilhei)|(?:posto|mando|coloco|espalho|mostro|partilho)"
    r"|(?:j[aá] )?(?:t[aá]|est[aá]) (?:no|em) todos|vai (?:direto |direitinho )?(?:para|pro|pra)",
    "nl": r"ik (?:post|zet|stuur|deel|lek|laat|gooi)|(?:heb|hebben) (?:ik |we )?(?:\S+ ){0,12}?(?:gepost|gezet|gestuurd|doorgestuurd|gedeeld|gelekt|laten zien|gegooid)"
    r"|(?:ga|gaat|gaan) (?:\w+ ){0,3}?(?:posten|zetten|sturen|delen|lekken|doorsturen)|zet (?:m|hem|het|em|die)|stuur (?:m|hem|het|em) door|heb m al",
    "pl": r"(?:wrzucam|wrzuc[eę]|wrzuci[lł]e[mś]|wrzucili[sś]my|wysy[lł]am|wy[sś]l[eę]|wys[lł]a[lł]e[mś]|puszczam|pu[sś]ci[lł]e[mś]|dalem|da[lł]am|da[lł]em"
    r"|udost[eę]pniam|udost[eę]pni[eę]|wstawiam|wstawi[eę]|przes[lł]a[lł]e[mś]|przesy[lł]am|pokazuj[eę]|poka[zż][eę])",
    "uk": r"(?:кинув|кинула|кидаю|скинув|скинула|скидаю|виклав|виклала|викладу|викладаю|переслав|переслала|пересилаю|запостив|запостила|показав|показала)",
}

# Public by itself: posting, leaking, "who wants ...", or the group told to look, read or listen.
_PUBLIC = {
    "fr": r"je (?:poste|publie|leak|balance|affiche)|j{AP}ai (?:post[eé]|publi[eé]|leak[eé]?|affich[eé])|(?:je vais|jvais|j{AP}vais|on va) (?:poster|publier|leak|afficher)"
    r"|qui veut|regardez|lisez|[eé]coutez|visez",
    "de": r"ich (?:poste|post|leake|leak|lade)|(?:hab|habe) (?:ich )?(?:\w+ ){0,5}?(?:gepostet|geleakt|hochgeladen)|(?:ich )?schick(?:e)? (?:euch|allen|screens)"
    r"|wer will|guckt euch|schaut euch|lest (?:mal )?|h(?:ö|oe)rt euch",
    "es": r"(?:he|hemos) (?:subido|publicado|filtrado)|(?:os|les) (?:paso|mando|ense[nñ]o)|(?:subo|publico|filtro)|qui[eé]n quiere|leed|mirad|escuchad",
    "it": r"(?:ho|abbiamo) (?:postato|pubblicato|caricato)|chi vuole|guardate|leggete|sentite|ascoltate",
    "pt": r"(?:postei|vazei|vou postar|vou vazar)|quem quer|olhem|leiam|ou[cç]am|vejam",
    "nl": r"ik (?:post|lek)|(?:heb|hebben) (?:ik |we )?(?:\w+ ){0,4}?(?:gepost|gelekt)|wie wil|kijk (?:\w+ )?naar|lees|luister",
    "pl": r"(?:wrzucam|wrzuc[eę]|wstawiam|wstawi[eę]|wysy[lł]am wam|wy[sś]l[eę] wam)|kto chce|zobaczcie|przeczytajcie|pos[lł]uchajcie|patrzcie",
    "uk": r"(?:виклав|виклала|викладу|викладаю|запостив|запостила)|хто хоче|дивіться|читайте|слухайте",
}

_TO_GROUP = {
    "fr": r"(?:dans|sur|[àa]) (?:le |la |les |l{AP}|toute la |tout le |notre )?(?:grp|groupe|gc|conv de (?:la )?classe|story|insta|snap|tiktok)"
    r"|[àa] (?:tout le monde|tlm|toute la classe|tous|tout le coll[eè]ge)",
    "de": r"in (?:die|den|unsere|der|meinen|meine|\d+) (?:gruppen?|klassengruppe|klassenchat|gruppenchat|story|status)|an alle|allen"
    r"|(?:auf|in) (?:insta|tiktok|snap|whatsapp|die story)",
    "es": r"(?:en|al|a|por) (?:el |la |los |las |todo el |toda la |todos los |nuestro |mi |mis )?(?:grupos?|gc|story|historia|historias|estado|insta|tiktok|twitter)"
    r"|a todo el mundo|a todos|a toda la clase|lo tiene todo el mundo",
    "it": r"(?:nel|sul|su|in) (?:gruppo|story|insta|tiktok|chat della classe)|a tutti|a tutta la classe",
    "pt": r"(?:no|na|nos|nas|pro|pra|para o|para a) (?:grupo|grupos|story|stories|insta|tiktok|zap|turma|status)|(?:pra|para|a) toda a turma|(?:pra|para|a) (?:todo mundo|toda a gente|todos)",
    "nl": r"(?:in|op) (?:de |het |onze )?(?:groep|groepsapp|klassenapp|klassengroep|story|insta|tiktok|snap)|in \d+ groepen|naar iedereen|aan iedereen",
    "pl": r"na (?:grup[eę]|grupie|klasow[aąe]j?|story|insta|tiktoka?|snapa?)|(?:do|na) (?:ca[lł]ej )?klas[yie]|(?:wam|wszystkim)\b|[zż]eby wszyscy",
    "uk": r"(?:в|у) (?:чат\w*|груп\w*|тікто\w*|телез\w*|телеграм\w*|інст\w*|сторіс)|всьому класу|всім(?!\w)|на весь клас",
}

_MISHAP = {
    "fr": r"pleur\w*|chial\w*|tomb\w*|dort|dormait|bave|vomi\w*|sans maquillage|dans les vestiaires|toute? nue?|en serviette|fait pipi|se ridiculise"
    r"|piss[eé]\w*|pisse dessus|vautr\w*|se (?:casse|cass[eé]) la (?:gueule|figure)|gamelle|tr[eé]buch\w*|glisse|gliss[eé]",
    "de": r"weint|heult|geweint|geheult|f(?:ä|ae)llt|hingefallen|gefallen|schl(?:ä|ae)ft|sabbert|kotzt|gekotzt|ohne schminke|in der umkleide|nackt"
    r"|beim schlafen|eingepinkelt|einpinkelt|eingen(?:ä|ae)sst|in die hose gemacht|heulgesicht|stolpert|gestolpert|ausgerutscht|rutscht aus",
    "es": r"llorando|llora|lloraba|se cae|cayendo|se cay[oó]|durmiendo|babeando|vomitando|sin maquillaje|en el vestuario|desnud[oa]|en toalla"
    r"|se me[oó]|se hizo pis|meando|meado|tropez\w*|resbal\w*|con la voz temblando",
    "it": r"piange|piangeva|piangendo|cade|cadeva|caduto|caduta|dorme|dormiva|con la bava|vomita|senza trucco|negli spogliatoi|nud[oa]|stona"
    r"|[eè] cadut[oa]|fatto la pip[iì]|fa la pip[iì]|inciamp\w*|scivol\w*|si impappin\w*",
    "pt": r"chorando|chora|a chorar|caindo|caiu|a cair|dormindo|a dormir|babando|vomitando|sem maquiagem|sem maquilhagem|no balne[aá]rio|pelad[oa]|nu[a]?\b"
    r"|mijou|mijando|a mijar|trope[cç]\w*|escorreg\w*",
    "nl": r"huilt|huilde|janken|jankt|valt|viel|gevallen|slaapt|kwijlt|kotst|zonder make-?up|in de kleedkamer|naakt|zweet\w*"
    r"|plast|plaste|in (?:z{AP}n|zijn|d{AP}r|haar) broek|struikel\w*|gestruikeld|uitgegleden|gleed uit|scheurt",
    "pl": r"p[lł]acze|p[lł]aka[lł]a?|ryczy|rycza[lł]a?|upad[lł]a?|przewraca|[sś]pi|[sś]lini|rzyga|bez makija[zż]u|w szatni|nag[aio]|wyznaje mi[lł]o[sś][cć]"
    r"|wywali[lł]\w*|wywr[oó]ci[lł]\w*|przewr[oó]ci[lł]\w*|posika[lł]\w*|zsika[lł]\w*|potkn[aą][lł]\w*|po[sś]lizgn[aą][lł]\w*",
    "uk": r"плач\w*|реве\w*|ревів|ревла|впав|впала|пада\w*|спить|спав|спала|слин\w*|блю\w*|без макіяжу|в роздягальні|гол(?:ий|а|им)"
    r"|рюмса\w*|обпіся\w*|обпісю\w*|спіткну\w*|посковзну\w*|гепну\w*",
}

_RECORDED = {
    "fr": r"j{AP}?ai (?:film[eé]|enregistr[eé]|pris en photo)|je (?:l{AP}ai|les ai) (?:film[eé]|enregistr[eé])|on a film[eé]|filmez",
    "de": r"(?:ich )?(?:hab|habe) (?:\w+ ){0,6}?(?:gefilmt|aufgenommen|fotografiert)|filmt (?:ihn|sie|mal)",
    "es": r"(?:he|hemos) (?:grabado|filmado|sacado una foto)|(?:le|la|lo) (?:grab[eé]|film[eé])|(?:le|la|lo) he grabado|grabadl[oa]",
    "it": r"(?:ho|abbiamo) (?:registrato|filmato|ripreso|fotografato)",
    "pt": r"(?:gravei|filmei|fotografei)|(?:eu )?(?:gravo|filmo)|tenho (?:o v[ií]deo|a foto|o [aá]udio)|filmem",
    "nl": r"(?:ik )?heb (?:\w+ ){0,3}?(?:gefilmd|opgenomen|gefotografeerd)",
    "pl": r"(?:nagra[lł]e[mś]|nagra[lł]am|sfilmowa[lł]e[mś]|sfilmowa[lł]am|zrobi[lł]e[mś] zdj[eę]cie|zrobi[lł]am zdj[eę]cie)",
    "uk": r"(?:зняв|зняла|записав|записала|сфоткав|сфоткала|знімайте|зніміть|сфоткайте)",
}

_MADE_OF = {
    "fr": r"(?:j{AP}ai|on a|jai) (?:fait|cr[eé]{1,2}|mont[eé]) (?:un|une) (?:vid[eé]o|page|compte|sondage|montage|meme|sticker|tiktok|story)"
    r" (?:sur|de|contre) (?:toi|ta (?:t[eê]te|tronche|gueule|voix)|ton (?:visage|physique))\b"
    r"|(?:j{AP}ai (?:fait|lanc[eé]|cr[eé]{1,2})|jai (?:fait|lanc[eé])|on (?:a )?(?:fait|lanc[eé])|je (?:fais|lance)|votez)\b[^.!?\n]{0,20}"
    r"\bsondage[^.!?\n]{0,15}\bqui est (?:le|la) plus (?:moche|b[eê]te|nul|nulle|con|conne|gros|grosse)\b",
    "de": r"(?:ich )?(?:hab|habe|haben wir) (?:ein(?:e|en)?|nen|ne) (?:video|meme|seite|account|acc|umfrage|sticker|fake ?account|tiktok|edit|montage)"
    r" (?:über|ueber|von|mit) (?:dir|dich|deinem gesicht|deiner fresse) (?:gemacht|erstellt)\b"
    r"|(?:ich mach\w*|(?:hab|habe) ich|ich (?:hab|habe)|stimmt ab)\b[^.!?\n]{0,20}\bumfrage[^.!?\n]{0,15}\bwer (?:ist )?(?:die|der)"
    r" (?:h(?:ä|ae)sslichste|dickste|d(?:ü|ue)mmste)\b",
    "es": r"(?:he|hemos) (?:hecho|creado) (?:un|una) (?:v[ií]deo|meme|sticker|p[aá]gina|cuenta|encuesta|montaje|tiktok)"
    r" (?:de|sobre|con) (?:ti|tu cara|tu voz)\b|(?:(?:he|hemos) (?:hecho|creado)|hago|votad)\b[^.!?\n]{0,20}\bencuesta[^.!?\n]{0,15}"
    r"\bqui[eé]n es (?:el|la) (?:m[aá]s )?(?:fe[oa]|gord[oa]|tont[oa])\b",
    "it": r"(?:ho|abbiamo) (?:fatto|creato) (?:un|una) (?:video|meme|sticker|pagina|account|sondaggio|montaggio|tiktok)"
    r" (?:su di te|di te|con la tua faccia|con la tua voce)\b|(?:(?:ho|abbiamo) (?:fatto|creato)|faccio|votate)\b[^.!?\n]{0,20}"
    r"\bsondaggio[^.!?\n]{0,15}\bchi [eè] (?:il|la) pi[uù] (?:brutt[oa]|ciccion[ea]|scem[oa])\b",
    "pt": r"(?:fiz|fizemos|criei|criamos) (?:um|uma) (?:v[ií]deo|meme|figurinha|sticker|p[aá]gina|conta|enquete|sondagem|montagem|tiktok)"
    r" (?:de|sobre|com) (?:ti|voc[eê]|vc|tua cara|sua cara|a tua cara|a sua cara)\b",
    "nl": r"(?:ik )?(?:heb|hebben) (?:een|n) (?:video|meme|sticker|pagina|account|poll|filmpje|tiktok) (?:van|over|met) (?:jou|je|jouw gezicht) gemaakt\b",
    "pl": r"(?:zrobi[lł]e[mś]|zrobi[lł]am|zrobili[sś]my|za[lł]o[zż]y[lł]e[mś]|za[lł]o[zż]y[lł]am) (?:mema|memy|naklejk[eę]|filmik|ankiet[eę]|stron[eę]|konto|fanpage)"
    r" (?:o tobie|z tob[aą]|z twoj[aą] twarz[aą])\b|przerobi\w* (?:\w+ )?(?:zdj[eę]cie|fotk[eę]|twarz) (?!moj|swoj)\w+",
    "uk": r"(?:зробив|зробила|зробили|створив|створила) (?:стікер|мем|відео|відос|сторінку|опитування|акаунт)"
    r" (?:з|про) (?:тобою|твоїм|твоєю|тебе)(?!\w)",
}

_KNOWS_ALL = {
    "fr": r"(?:toute la classe|tout le coll[eè]ge|toute l{AP}[eé]cole|tout le bahut|tout le groupe) (?:sait|a vu|conna[iî]t|est au courant)"
    r"(?: maintenant| mtn| d[eé]j[aà])? (?:que tu|qu{AP} ?tu|comment tu|pour (?:ton|ta|tes)|ton|ta|tes)\b",
    "de": r"(?:die ganze (?:klasse|schule|stufe|gruppe)|jeder in der klasse) (?:wei(?:ß|ss|s)|hat|kennt|hat geh(?:ö|oe)rt)"
    r"(?: jetzt| schon)? (?:dass du|wie du|was du|von deine\w*|deine\w* \w+ gesehen)\b",
    "es": r"(?:toda la clase|todo el insti|todo el cole|todo el grupo) (?:sabe|ha visto|ha le[ií]do|ha o[ií]do)(?: ya)? (?:q|que|como|c[oó]mo) (?:tu|t[uú]|te)\b",
    "it": r"(?:tutta la classe|tutta la scuola|tutto il gruppo) (?:sa|ha visto|ha letto|ha sentito)(?: ora| adesso| gi[aà])? (?:che (?:tu|ti)|come (?:tu|ti)|il tuo|la tua|i tuoi|le tue)\b",
    "pt": r"(?:a turma toda|toda a turma|a escola toda|toda a escola|o grupo todo) (?:sabe|viu|leu|ouviu)(?: j[aá])? (?:que (?:tu|vc|voc[eê])|como (?:tu|vc|voc[eê])|o teu|a tua|os teus|as tuas|o seu|a sua)\b",
    "nl": r"(?:de hele klas|heel de klas|de hele school|de hele groep) (?:weet|heeft|zag) (?:nu |al )?(?:dat (?:je|jij)|hoe (?:je|jij)|je \w+ gezien|jouw)\b",
    "pl": r"(?:ca[lł]a klasa|ca[lł]a szko[lł]a|ca[lł]a grupa) (?:wie|widzia[lł]a|czyta[lł]a|s[lł]ysza[lł]a)(?: ju[zż])? (?:[zż]e (?:ty|ci|si[eę])|jak (?:ty|si[eę])|tw[oó]j|twoj[aeą])",
    "uk": r"(?:весь клас|вся школа|вся група|вся паралель) (?:знає|бачив|бачила|бачили|читав|чув)(?: вже)? (?:що ти|як ти|твоє|твої|твій|твою)(?!\w)",
}

_MOCK_CALL = {
    "fr": r"(?:venez|allez) (?:tous )?(?:rigoler|vous moquer|rire) (?:de|d{AP}) ?(?!moi\b|nous\b)\w+|moquez[- ]vous (?:de|d{AP}) ?(?!moi\b|nous\b)\w+"
    r"|imitez[- ](?:le|la|les|sa|son|ses)\b",
    "de": r"lacht (?:alle |mal )?(?:über|ueber) (?!mich\b|uns\b)\w+|macht (?:alle |mal )?(?:\w+ ){0,3}?nach wie (?:er|sie|\w+) (?:redet|spricht|l(?:ä|ae)uft|stottert|lacht|weint)"
    r"|jeder (?:in der gruppe )?schreibt (?:jetzt )?(?:einmal )?\w+ an \w+",
    "es": r"re[ií]os (?:todos )?de (?!m[ií]\b|nosotr)\w+|imitad (?:a|como)\b|burlaos de (?!m[ií]\b)\w+",
    "it": r"ridete (?:tutti )?di (?!me\b|noi\b)\w+|imitate (?:come|la|il|lo)\b|prendetel[oa] in giro",
    "pt": r"(?:riam|zoem|zuem) (?:todos )?(?:d[oa]|de|com) (?!mim\b|n[oó]s\b)\w+|imitem (?:o|a|como)\b",
    "nl": r"lach (?:hem|haar) (?:allemaal )?uit|doe (?:hem|haar|\w+) (?:allemaal )?na hoe",
    "pl": r"[sś]miejcie si[eę] z (?!mnie\b|nas\b)\w+|na[sś]ladujcie|przedrze[zź]niajcie",
    "uk": r"смійтеся (?:з|над) (?!мене(?!\w)|нас(?!\w))\w+|передражнюйте|кривляйтеся",
}


# The writer's own: "mon journal de ...", "o meu print da ..." is no one else's.
_MINE = {
    "fr": "mon ma mes notre nos",
    "de": "mein meine meinen meinem meiner unser unsere",
    "es": "mi mis nuestro nuestra",
    "it": "mio mia miei mie",
    "pt": "meu minha meus minhas nosso nossa",
    "nl": "mijn m'n ons onze",
    "pl": "moj moja moje mój mojego swoj swoja swoje swój",
    "uk": "мій моє мої мою свій своє свої свою",
}
# Someone else's after the thing: "as mensagens dela".
_THEIRS_AFTER = {
    "pt": r" (?:dele|dela|deles|delas)",
    "es": r" (?:de ella|de [eé]l)",
    "nl": r" van (?:hem|haar)",
}


def _others_private(language: str) -> str:
    private, not_mine = _PRIVATE[language], _NOT_MINE[language]
    not_after_mine = "".join(f"(?<!{re.escape(word)} )" for word in _MINE[language].split())
    theirs_after = (
        f"|{not_after_mine}(?<!\\w)(?:{private}){_THEIRS_AFTER[language]}(?!\\w)"
        if language in _THEIRS_AFTER
        else ""
    )
    return (
        rf"(?:\b(?:{_POSSESSIVE[language]}) (?:\w+ )?(?:{private})(?!\w)"
        rf"|{not_after_mine}(?<!\w)(?:{private}) (?:{_OF[language]}){not_mine}\w+"
        rf"{theirs_after}|\b{_WROTE_PRIVATELY[language]})"
    )


def _media_mishap(language: str) -> str:
    return _near(rf"(?<!\w)(?:{_MEDIA[language]})(?!\w)", rf"(?<!\w)(?:{_MISHAP[language]})(?!\w)", _LONG_GAP)


def _in_sentence(*parts: str) -> str:
    """A whole sentence (to the next full stop, question or exclamation mark or line) holding every
    one of ``parts``, in any order."""
    return _SENTENCE_START + "".join(rf"(?=[^.!?\n]*?(?:{part}))" for part in parts) + r"[^.!?\n]+"


def _humiliation(language: str) -> list[str]:
    def words(table: dict[str, str]) -> str:
        return rf"(?<!\w)(?:{table[language]})(?!\w)"

    others, mishap = _others_private(language), _media_mishap(language)
    share, public, to_group = words(_SHARE), words(_PUBLIC), words(_TO_GROUP)
    return [
        _in_sentence(share, to_group, rf"{others}|{mishap}"),
        _in_sentence(public, rf"{others}|{mishap}"),
        _in_sentence(words(_RECORDED), words(_MISHAP), rf"{share}|{public}|{to_group}"),
        words(_MADE_OF),
        words(_KNOWS_ALL),
        words(_MOCK_CALL),
    ]


HUMILIATION_OTHER_LANGUAGES = compile_patterns(
    ("bullying.humiliation", regex.replace("{AP}", _AP))
    for language in _LANGUAGES
    for regex in _humiliation(language)
)


# --- hate.slur -------------------------------------------------------------------------------------
#
# A slur children meet (homophobic, ableist, racist, ethnic), aimed at the reader or at someone
# addressed: after "you are (a)" or "you" (``_AIMED``: "t'es un", "du bist so ein", "eres un", "sei
# un", "jij bent een", "ty", "ти"), after an address of contempt ("espece de", "sale", "vuile"), or
# opening the message or a sentence as a form of address followed by a command or "you" ("schwuchtel
# geh woanders spielen", "szwabie wracaj"), or by a comma. Identity words ("gay", "juif", "trans")
# are not slurs and stay with the model; a slur told of, quoted or objected to is dropped.

_SLUR_WORDS = {
    "fr": "pd pds pede pedes pédé pédés tarlouze tarlouzes tapette tapettes tafiole tafioles fiotte fiottes gouine gouines"
    " tantouze mongol mongole mongols gogol gogols triso trisomique trisomiques autiste autistes attarde attardé attardee"
    " attardée handicape handicapé handicapee handicapée negre nègre negres nègres negresse négresse bamboula bamboulas"
    " bougnoule bougnoules bicot bicots youpin youpins chinetoque chinetoques niakoue niakoué bride bridé bridee bridée",
    "de": "schwuchtel schwuchteln schwuli transe kampflesbe spast spasti spasst spacko mongo mongos behindert behinderter"
    " behinderte autist krüppel krueppel neger negger nigger kanake kanacke zigeuner zigeunerin schlitzauge fidschi judensau",
    "es": "maricon maricón maricones maricona marica maricas mariquita bollera bolleras tortillera travelo retrasado retrasada"
    " subnormal subnormales mongolo mongola mongolico mongólico mongolica mongólica negrata sudaca sudacas panchito panchita",
    "it": "frocio froci frocia ricchione ricchioni finocchio culattone checca lesbicona ritardato ritardata mongoloide mongolo"
    " mongola handicappato handicappata spastico spastica negro negra negri zingaro zingara zingari terrone terrona",
    "pt": "viado viadinho veadinho bicha bichinha boiola baitola paneleiro maricas fufa sapatao sapatão sapatona traveco"
    " retardado retardada mongoloide aleijado aleijada crioulo crioula tição ticao",
    "nl": "flikker flikkers mietje kankermongool mongool mongol achterlijke achterlijk spast neger nikker zwartje makak"
    " zigeuner kutmarokkaan kutturk kankerturk kankermarokkaan spleetoog",
    "pl": "pedał pedal pedale pedzio ciota cioto ciotą ciota cwel cwelu cwelem pedałem pedalem downie downem kaleka kaleko"
    " kaleką upośledzony uposledzony upośledzona uposledzona czarnuch czarnuchu czarnuchem murzynie żółtku zoltku żółtek"
    " zoltek cyganie cyganem żydzie zydzie brudas brudasie ciapaty ciapaku ciapak szwabie rusku kacap kacapie",
    "uk": "підор підар підорас підарас пидор пидорас педик гомік гомосек даун аутист аутистка дцпшник дцпшниця нігер негр"
    " чурка чурко хач хачик жид жидок жидяра жидюга циган циганча москаль кацап вузькоокий узкоглазий",
}
# A racist address built on a neutral word: "sale arabe", "albanese di merda".
_PEOPLES = {
    "fr": r"arabe|noir|noire|juif|juive|gitan|gitane|chinois|chinoise|renoi|rebeu|feuj|roumain|roumaine",
    "de": r"ausl(?:ä|ae)nder|t(?:ü|ue)rke|kanake|araber|jude|pole|russe|serbe|albaner",
    "es": r"moro|mora|gitano|gitana|chino|china|negro|negra|marroqu[ií]|rumano|rumana|sudaca",
    "it": r"albanese|marocchino|marocchina|rumeno|rumena|zingaro|zingara|negro|negra|cinese|ebreo|terrone",
    "pt": r"preto|preta|macaco|macaca|cigano|cigana|[ií]ndio|japa|baiano|paraíba|paraiba|portuga|brasuca|zuca",
    "nl": r"marokkaan|turk|neger|zigeuner|jood|pool|buitenlander",
    "pl": r"cyganie|[zż]ydzie|murzynie|ukrai[nń]cu|rusku|szwabie|arabie|czarnuchu",
    "uk": r"циган\w*|жид\w*|негр\w*|чурк\w*|хач\w*|москал\w*",
}
_CURSE = r"de merde|di merda|del cazzo|de mierda|de los cojones|de merda|do caralho|van de kanker|kanker|jebany|jebana|pierdolony|сраний|йобаний"

_AIMED = {
    "fr": r"t(?:{AP}| )?es|tu es|toi (?:le|la|l{AP}|t{AP}es)|esp[eè]ce d{AP} ?|esp[eè]ce de|sale|ferme (?:la|ta gueule)(?: toi)?(?: le| la)?"
    r"|ta gueule(?: le| la)?|d[eé]gage(?: le| la)?",
    "de": r"du bist|bist du|du|halt (?:die fresse|dein maul|'?s maul)|halts maul|verpiss dich(?: du)?|dreckiger|dreckige|scheiß|scheiss",
    "es": r"eres|t[uú] eres|t[uú]|so|pareces|pedazo de|c[aá]llate(?: ya)?(?: el| la)?|vete(?: ya)?|oye",
    "it": r"sei|tu sei|sembri|zitt[oa](?: tu)?|sta(?:i)? zitt[oa]|brutt[oa]|sporc[oa]|lurid[oa]|pezzo di|vai via",
    "pt": r"(?:vc|voc[eê]|c[eê]|tu) (?:[eé]|e|es|[eé]s)|[eé]s|seu|sua|cala (?:a )?boca|cala-te|sai daqui",
    "nl": r"jij|je bent|jij bent|ben jij|ben je|vuile|vieze|hou je bek|hou je kop|rot op",
    "pl": r"ty|jeste[sś]|ej ty|spadaj|wypierdalaj|zamknij (?:si[eę]|mord[eę]|ryj|pysk)|won",
    "uk": r"ти|ти ж|ей|ну ти|закрий рот|заткнись",
}
_FILLER = {
    "fr": r"(?:un|une|qu{AP} ?un|qu{AP} ?une|vraiment|trop|grave|juste|gros|grosse|sale|petit|petite|esp[eè]ce de|putain de|ou quoi)",
    "de": r"(?:so|voll|echt|ein|eine|einen|ne|n|'n|son|so'n|einfach|halt|total|richtig|dumme|dummer|kleine|kleiner|dreckige|dreckiger|scheiß|scheiss|fette|fetter|oder was)",
    "es": r"(?:un|una|puto|puta|maldito|maldita|asqueroso|asquerosa|pinche|mas|m[aá]s|muy|tan|menudo|menuda|el|la|de mierda)",
    "it": r"(?:un|una|uno|un{AP}|na|n|proprio|solo|davvero|gran|grande|brutto|brutta|sporco|sporca|lurido|lurida)",
    "pt": r"(?:um|uma|mesmo|mt|muito|m[oó]|grande|bem|mais|o|a|um grande|uma grande|nojent[oa]|imund[oa])",
    "nl": r"(?:een|n|echt|zo{AP}?n|zon|gewoon|gwn|ook|vieze|vuile|kut|domme|stomme|kanker|tyfus|bent|hele)",
    "pl": r"(?:jebany|jebana|pierdolony|pierdolona|zasrany|zasrana|parszywy|parszywa|brudny|brudna|g[lł]upi|g[lł]upia|pieprzony|pieprzona|zwyk[lł]ym|zwyk[lł][aą]|zwyk[lł]y|jeste[sś]|jakim[sś]|taki|taka|ty)",
    "uk": r"(?:такий|така|справжній|справжня|тупий|тупа|брудний|брудна|сраний|срана|єбаний|ебаний|вонючий|вонюча|просто|шо|що|ж|ще)",
}
# The command or "you" that makes a slur opening a message a form of address.
_YOU_AFTER = {
    "fr": r"tu|toi|t{AP}|ta|ton|ferme|va|vas|casse|d[eé]gage|touche|retourne|rentre|arr[eê]te|on t{AP}a",
    "de": r"geh|lauf|halt|hau|verpiss|mach|komm|zieh|such|guck|schau|du|dich|dir|dein\w*",
    "es": r"no|vete|c[aá]llate|t[uú]|te|ni|l[aá]rgate|quita|deja|se te",
    "it": r"vai|stai|zitt[oa]|sta|tu|ti|torna|levati|ridammi|nn|non",
    "pt": r"vai|volta|sai|cala|vc|voc[eê]|tu|te|ngm|ningu[eé]m|nem",
    "nl": r"ga|hou|rot|jij|je|kom|donder|geef",
    "pl": r"id[zź]|spadaj|wracaj|wypierdalaj|oddawaj|oddaj|zamknij|ty|nikt|won|nie",
    "uk": r"йди|іди|вали|ти|тебе|тобі|закрий|відкрий|віддай|забирайся|побігай",
}


def _masked(word: str) -> str:
    """``word``, and ``word`` with letters hidden by ``*`` ("p*d" is too short to read; "b*ougnoule",
    "bic*t", "n*gro" are not): the first and last letters shown, words of four letters or more."""
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return re.escape(word)
    return word[0] + "".join(f"[{letter}*]" for letter in word[1:-1]) + word[-1]


def _slurs(language: str) -> str:
    return "|".join(
        sorted((_masked(word) for word in set(_SLUR_WORDS[language].split())), key=len, reverse=True)
    )


def _slur(language: str) -> str:
    slur, peoples = _slurs(language), _PEOPLES[language]
    filler = _FILLER[language]
    aimed = rf"(?<!\w)(?:{_AIMED[language]})[ ,]+(?:{filler},? )*"
    opening = r"(?:^|(?<=[.!?\n]))\W{0,4}(?:(?:ey|ej|eh|oye|oi|hey|wsh|wesh|yo|ei|hej|ну|ей) )?"
    return (
        rf"{aimed}(?:{slur})(?!\w)"
        rf"|{aimed}(?:{peoples}) (?:{_CURSE})(?!\w)"
        rf"|{opening}(?:{slur}|(?:{peoples}) (?:{_CURSE}))(?: (?:{_CURSE}))?(?:\W{{0,3}},|[ ,!]{{1,3}}(?:{_YOU_AFTER[language]})(?!\w))"
    )


_FR_SALE = r"\b(?:sale|esp[eè]ce de) (?:arabe|noir|noire|juif|juive|gitan|gitane|chinois|chinoise|renoi|rebeu|feuj|roumain|roumaine)\b"
_PT_MACACO = (
    r"\b(?:(?:vc|voc[eê]|tu) (?:[eé]|e|[eé]s) (?:um |uma )?|seu |sua )macac[oa]\b(?! de)|, ?macac[oa]\W*$"
)

SLURS_OTHER_LANGUAGES = compile_patterns(
    [("hate.slur", _slur(language).replace("{AP}", _AP)) for language in _LANGUAGES]
    + [("hate.slur", _FR_SALE), ("hate.slur", _PT_MACACO)]
)

OTHER_LANGUAGE_GROUPS: tuple[PatternGroup, ...] = (
    SPECIFIC_THREATS_OTHER_LANGUAGES,
    DOXXING_OTHER_LANGUAGES,
    HUMILIATION_OTHER_LANGUAGES,
    SLURS_OTHER_LANGUAGES,
)
"""Every group of rules above (for :data:`safechat.detect.severity.SEVERITY_PATTERNS`)."""


# --- the look-alikes -------------------------------------------------------------------------------

_ASKS_HELP = compile_patterns(
    ("help", regex)
    for regex in (
        # a child telling of it and asking what to do: "je fais quoi", "was soll ich machen", "co mam robic"
        r"\b(?:je fais quoi|qu{AP}est-ce que je (?:fais|dois faire)|je dois le dire|faut le dire (?:au|[àa] la)"
        r"|was soll ich (?:machen|tun)|soll ich es (?:jemandem|einem lehrer|meiner mutter) sagen|qu[eé] hago|se lo digo a"
        r"|cosa (?:faccio|devo fare)|lo dico (?:alla prof|ai miei)|o que (?:eu )?fa[cç]o|conto (?:pra|para|[àa]) (?:professora|diretora|minha m[aã]e)"
        r"|wat moet ik doen|moet ik het (?:zeggen|melden)|co mam (?:robi[cć]|zrobi[cć])|powiedzie[cć] (?:pani|wychowawczyni|mamie))\b"
        r"|(?<!\w)(?:що мені робити|що робити|сказати (?:класній|мамі|вчительці))(?!\w)".replace("{AP}", _AP),
    )
)
"""A message asking what to do about a threat or a post: a child telling, not making one."""

_PLAY = compile_patterns(
    (
        (
            "play",
            rf"\b(?:{GAME_TITLES}|lol|lmao|xd+|partida|partidas|partie|parties|ranked|ronda|ronde|potje|free ?fire|manche|runde"
            r"|round|match|lobby|server|serveur|servidor|1v1|1vs1|pvp|respawn\w*|camp(?:er|ers|ing|en|ar|eur|ea|e|t)|spawn\w*|kills?|gg|jogo|juego|jeu|spiel"
            r"|gioco|partita|spel|game|gra|grze)\b"
            r"|\b(?:ja(?:ja)+|je(?:je)+|ha(?:ha)+h?|a(?:ha)+h?|rs(?:rs)+|mdr+|ptdr+|jpp|hihi)\b|[😂🤣😜😝]"
            r"|(?<!\w)(?:гр[іиу]|катк\w*|матч\w*|раунд\w*|фортнайт\w*|хаха\w*|ахах\w*|лол)(?!\w)",
        ),
    )
)
"""A game, a round or a match named, or laughter (as in :mod:`safechat.detect.harm_languages`)."""


_CALLED_OR_OBJECTED = compile_patterns(
    ("called", regex.replace("{AP}", _AP))
    for regex in (
        # a child telling of a name called or a thing posted: "il a traite rayan de", "on me traite de",
        # "nennen mich", "me llaman", "mi chiamano", "chamam-me", "noemen me", "wyzywaja mnie", "обзивають"
        r"\btrait\w* (?:\w+ )?(?:de|d{AP})|\b(?:m{AP}|me )(?:appel\w*|surnom\w*)|\binsult\w*"
        r"|\b(?:nenn\w*|genannt|beschimpf\w*)\b|\bllam(?:a|an|aron|[oó]|ar|arle|arla|ando)\b"
        r"|\bchiam(?:a|ano|ato|ata|are|arl[oa]|ando)\b|\bdare del\b|\bcham(?:a|am|ar|aram|ou|ando)(?:-me)? de\b|\bxing\w*"
        r"|\b(?:noem\w*|genoemd|uitschel\w*|scheld\w*)\b|\b(?:wyzyw\w*|nazyw\w*|nazwa[lł]\w*)|\bm[oó]wi[cć]? (?:tak )?do\b"
        r"|(?<!\w)(?:обзива\w*|назива\w*|назвав\w*|назвал\w*)",
        # objecting to it: "c'est raciste", "pas cool", "no mola", "non e ok", "hou op", "przestan"
        r"\b(?:racis\w*|rassis\w*|razzis\w*|rasis\w*|rasizm\w*|homophob\w*|homof[oó]b\w*|omofob\w*|antis[eé]mit\w*"
        r"|validis\w*|ableis\w*|discrimin\w*|dyskrymin\w*|harc[eè]lement|mobbing|acoso|bullismo|bullying|pesten|przemoc\w*)"
        r"|(?<!\w)(?:расис\w*|гомофоб\w*|дискримін\w*|булінг\w*|цькуванн\w*)",
        r"\b(?:pas (?:cool|ok|okay|dr[oô]le|normal|marrant|bien)|c{AP}est grave|nicht (?:ok|okay|cool|lustig|witzig|in ordnung|schlimm)"
        r"|no (?:mola|tiene gracia|est[aá] bien|es gracioso|es un insulto)|n(?:on|n) (?:[eè] |e )?(?:ok|normale|divertente|bello|giusto|un insulto)"
        r"|n[aã]o (?:[eé] |e )?(?:engra[cç]ado|legal|ok|normal|piada|brincadeira)|niet (?:ok[eé]?|grappig|normaal|chill|leuk)"
        r"|nie jest (?:ok|fajne|[sś]mieszne|spoko|zabawne|[zż]art)|to nie jest)\b|(?<!\w)не (?:круто|смішно|ок|нормально)(?!\w)",
        r"\b(?:arr[eê]te|arr[eê]tez|h(?:ö|oe)r(?:t)? auf|deja de|dejad de|para de|parem de|pare de|para ya|smettila|smettetela|basta"
        r"|hou op|stop met|przesta[nń]\w*|sko[nń]czcie|report\w*|signal\w*|melde|denunci\w*|segnal\w*|zg[lł]asz\w*|zg[lł]o[sś]\w*)\b"
        r"|(?<!\w)(?:перестань\w*|не треба|поскарж\w*)",
    )
)
"""A message telling of a name called or a thing shown, or objecting to it: the humiliation and slur
rules' look-alikes ("il a traite rayan de ...", "c'est pas cool de poster son journal")."""


def find_severe_other_languages(text: str) -> list[RuleHit]:
    """The hits of the rules above on ``text`` (the normalised model text), less the ones in a
    message that tells of them, quotes them or asks what to do (:func:`unless_told_of`), the
    threats that are play (:func:`unless_play`), and humiliation and slurs in a message that tells
    of a name called or a thing shown, or objects to it (:data:`_CALLED_OR_OBJECTED`)."""
    hits = run_patterns(text, DOXXING_OTHER_LANGUAGES, Label.PII)
    hits += unless_play(text, run_patterns(text, SPECIFIC_THREATS_OTHER_LANGUAGES, Label.THREAT))
    aimed = run_patterns(text, HUMILIATION_OTHER_LANGUAGES, Label.BULLYING)
    aimed += run_patterns(text, SLURS_OTHER_LANGUAGES, Label.HATE)
    if aimed and not _CALLED_OR_OBJECTED.mentions(text):
        hits += aimed
    if hits and _ASKS_HELP.mentions(text):
        return []
    return unless_told_of(text, hits)


def unless_play(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less ``threat.specific`` when ``text`` names a game or a match, or laughs, and says
    nothing of the real world (a day alone is not the real world: "demain je te defonce en ranked")."""
    if not hits or not _PLAY.mentions(text) or REAL_WORLD_OTHER_LANGUAGES.mentions(text):
        return hits
    return [hit for hit in hits if hit.rule != "threat.specific"]
