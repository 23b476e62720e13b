"""The severe forms of :mod:`safechat.detect.severity` in the multilingual bundle's children's chat
languages: a threat that names a real place or time, or a group called to beat someone
(``threat.specific``), and someone else's number, address, school or whereabouts passed round, or a
call to spam or hunt them down (``pii.doxxing``), in French, German, Spanish, Italian, Portuguese
(Portugal and Brazil), Dutch, Polish and Ukrainian. ``bullying.humiliation`` and ``hate.slur`` stay
English-only for now.

Written as children write in chats (no accents, "jvais", "vc", "nn", "ff", "pj"), one or two patterns
per language per rule, WITHOUT A NATIVE SPEAKER'S REVIEW: checked on the ``dev`` lines of
``devsets/childchat-multi`` only, and on every line of ``devsets/childchat-en`` for false alarms.

The rules read the normalised model text. Each pattern is built from a few fragments per language:

- a promise of violence by the writer (``_VIOLENCE``: "je vais te defoncer", "ich schlag dich
  kaputt", "dostaniesz wpierdol") next to a real place or time (``_WHERE``: after school, the gate,
  the bus stop, the park, the reader's home, a day or a clock time), in either order, within one
  sentence; a weapon brought with a place or time; a group called to go and beat someone ("vamos
  todos a reventar a ...", "kto idzie ze mna pobic ...");
- someone else's number, address or handle given with the data itself ("son num c'est le 06 ...",
  "numer kuby 512 ...", "zijn adres is kastanjelaan 23"), a call to ring or spam them with a number
  or at night, their address, school or private account posted or found ("ich poste ... wo sie
  wohnt", "злили її інсту").

As in :mod:`safechat.detect.harm_languages`, a hit in a message that tells of the words said to the
writer, quotes them or objects to them is dropped (:func:`~safechat.detect.harm_languages.unless_told_of`),
as is one in a message that asks what to do about it (a child telling an adult); a threat in a
message that names a game or a round, or laughs, and says nothing of the real world beyond a day is
play (:func:`unless_play`). The writer's own number, address or school is never doxxing.
"""

from __future__ import annotations

from safechat.detect.base import PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.detect.harm_languages import GAME_TITLES, REAL_WORLD_OTHER_LANGUAGES, unless_told_of
from safechat.types import Label

# Apostrophes as typed on phones: straight, curly, the Ukrainian modifier letter.
_AP = "['’ʼ]"

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
    "fr": r"je (?:ram[eè]ne|prends|prendrai|viens avec|aurai)|j{AP}(?:ai|aurai|am[eè]ne)|on (?:ram[eè]ne|vient avec)|ramenez",
    "de": r"ich (?:bring|bringe|nehm|nehme|hab|habe|komm mit)|wir (?:bringen|nehmen)",
    "es": r"(?:tengo|traigo|llevo|voy a llevar|voy a traer|llevar[eé]|traer[eé]|me llevo)",
    "it": r"(?:ho preso|porto|porter[oò]|ho|mi porto)",
    "pt": r"(?:levo|vou levar|vou t[aá] com|vou estar com|tenho|trago)",
    "nl": r"(?:ik (?:neem|heb|breng)|neem ik|breng ik)",
    "pl": r"(?:wezm[eę]|przynios[eę]|mam|b[eę]d[eę] mia[lł])",
    "uk": r"(?:в мене є|у мене є|візьму|взяв|принесу|прийду з)",
}

# Calls on a group to go and beat someone: "let's all go and beat X", "who's coming to beat the new one".
_GANG = {
    "fr": r"\b(?:on va|allons|faut aller|il faut aller|venez|qui vient)\b[^.!?\n]{0,20}\b(?:casser|frapper|taper|tabasser|d[eé]foncer|niquer|massacrer) (?:le|la|les|l{AP}|ce|cette)\b"
    r"|\b(?:on fait|faisons) la chasse aux?\b",
    "de": r"\b(?:kommt alle|wer kommt mit|wer ist dabei|lasst uns|wir gehen)\b[^.!?\n]{0,40}\b(?:verpr(?:ü|ue)geln|klatschen|boxen|schlagen|fertigmachen|zusammenschlagen|zeigen\b[^.!?\n]{0,30}\bwer hier)\b"
    r"|\bjeder der (?:den|die|ihn|sie)\b[^.!?\n]{0,40}\b(?:schlagt|haut|tretet) zu\b",
    "es": r"\b(?:vamos (?:todos )?a|id (?:todos )?a|hay (?:q|que|k) ir a|qui[eé]n se viene a|vamos a ir a)\s?(?:reventar|pegar|zurrar|partir la cara|echar(?:les|los|las)?\b|por (?:los|las|ellos|ellas|él|ella|ti|esos?|esas?)\b)",
    "it": r"\b(?:chi viene (?:con me )?a|andiamo a|facciamo un gruppo per|tutti a)\s?(?:menare|picchiare|pestare|gonfiare|tirare|massacrare)\b"
    r"|\bvanno (?:pestat|menat|picchiat)\w+\b",
    "pt": r"\b(?:vamo|vamos|bora|quem vem)\b[^.!?\n]{0,10}\b(?:bater|espancar|pegar|encher de porrada)\b|\bjuntem-se todos\b|\b(?:t[eê]m|tem) de levar uma li[cç][aã]o\b",
    "nl": r"\b(?:pakken we (?:hem|haar) met z{AP}?n allen|gaan we (?:hem|haar) (?:pakken|slaan|in elkaar slaan)|wie (?:duwt|slaat|schopt) \w+)\b",
    "pl": r"\b(?:kto idzie|idziemy|chod[zź]cie|zbierzmy si[eę])\b[^.!?\n]{0,30}\b(?:pobi[cć]|obi[cć]|skopa[cć]|wjazd)\b|\bto kopcie\b",
    "uk": r"(?<!\w)(?:йдемо|ходімо|підемо|пішли) (?:\w+ )?(?:бити|відмудохати|гасити)(?!\w)|(?<!\w)беріть (?:палки|кастети|біти)(?!\w)",
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
    weapon = rf"\b(?:{_BRING[language]})\b[^.!?\n]{{0,30}}?\b(?:{_WEAPON[language]})\b".replace("{AP}", _AP)
    return (
        f"{_near(violence, where)}|{_near(weapon, where, _LONG_GAP)}|{_near(weapon, violence, _LONG_GAP)}"
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


def _spam_call(language: str) -> str:
    return _near(rf"\b(?:{_CALL[language]})\b", rf"{_PHONE}|\b(?:{_NIGHT[language]})\b", _LONG_GAP)


DOXXING_OTHER_LANGUAGES = compile_patterns(
    [("pii.doxxing", regex.replace("{AP}", _AP)) for regex in _DOXXING]
    + [("pii.doxxing", _spam_call(language)) for language in _LANGUAGES]
)

OTHER_LANGUAGE_GROUPS: tuple[PatternGroup, ...] = (SPECIFIC_THREATS_OTHER_LANGUAGES, DOXXING_OTHER_LANGUAGES)
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


def find_severe_other_languages(text: str) -> list[RuleHit]:
    """The hits of the rules above on ``text`` (the normalised model text), less the ones in a
    message that tells of them, quotes them or asks what to do (:func:`unless_told_of`), and the
    threats that are play (:func:`unless_play`)."""
    hits = run_patterns(text, DOXXING_OTHER_LANGUAGES, Label.PII)
    hits += unless_play(text, run_patterns(text, SPECIFIC_THREATS_OTHER_LANGUAGES, Label.THREAT))
    if hits and _mentions(_ASKS_HELP, text):
        return []
    return unless_told_of(text, hits)


def unless_play(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less ``threat.specific`` when ``text`` names a game or a match, or laughs, and says
    nothing of the real world (a day alone is not the real world: "demain je te defonce en ranked")."""
    if not hits or not _mentions(_PLAY, text) or _mentions(REAL_WORLD_OTHER_LANGUAGES, text):
        return hits
    return [hit for hit in hits if hit.rule != "threat.specific"]


def _mentions(group: PatternGroup, text: str) -> bool:
    return any(pattern.regex.search(text) for pattern in group.candidates(text))
