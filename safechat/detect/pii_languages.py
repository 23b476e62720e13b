"""The personal-information rules of :mod:`safechat.detect.pii` in the multilingual bundle's children's
chat languages (issue 23): a handle, an address or a school shared (maskable, like the English
rules), and the questions that ask a child for them (``pii.request``, which only flags), in French,
German, Spanish, Italian, Portuguese (Portugal and Brazil), Dutch, Polish and Ukrainian.

Written as children write in games and chats (no accents, "q", "c quoi", "me passa", "podaj"),
WITHOUT A NATIVE SPEAKER'S REVIEW: checked on the ``dev`` lines of ``devsets/childchat-multi`` and
on the English set's ordinary lines (the rules run on every message, whatever its language).

What is left out, because children's everyday chat says it too: a place named without a number
("am spielplatz", "op de hoogstraat"), a school named without a number or the child saying that
they go there ("domani a scuola", "le lycée c'est dur"), a user name with no digit, dot or
underscore after a platform word ("mon insta est privé"), and spelled-out phone numbers.
"""

from __future__ import annotations

from safechat.detect.base import APOSTROPHE as _AP

# Platforms as children name them in these languages, beside the English names of pii.py.
_PLATFORMS = (
    r"(?:snap|snapchat|insta|instagram|ig|discord|dc|tiktok|whats|whatsapp|zap|telegram|tg|"
    r"roblox|fortnite|epic|brawl|steam|psn|xbox|twitch|youtube|facebook|fb|"
    r"інст\w*|інстаграм\w*|тг|телеграм\w*|тікток\w*|снап\w*|діскорд\w*)"
)
# A user name as typed: after "@", or one that holds a digit, a dot or an underscore
# ("toto.gamer78", "kasia_xx2011"), so that "mon insta est privé" is no finding.
_HANDLE = r"(?:@[\w.]{3,30}|[^\W\d_]\w*(?:[._]\w|\d)[\w.]*)"

_SCHOOL_KIND = (
    r"(?:scuola (?:media|elementare|primaria)|istituto comprensivo|istituto|liceo|"
    r"escola (?:b[aá]sica|secund[aá]ria|prim[aá]ria|estadual|municipal)|col[eé]gio|colegio|instituto|"
    r"coll[eè]ge|lyc[eé]e|lyceum|college|atheneum|gymnasium|realschule|gesamtschule|grundschule)"
)

SHARING: tuple[tuple[str, str], ...] = (
    # A handle after a platform word, a few words on ("mon snap c'est toto.gamer78",
    # "moj nick na dc to zuzka#4471", "seguitemi su insta @giuly.rossi_2011").
    (
        "pii.handle",
        rf"\b{_PLATFORMS}\b[^\n.!?]{{0,24}}?(?<![\w@.])(?P<hit>{_HANDLE}(?:#\d{{4}})?)(?![\w@])",
    ),
    # A Discord tag on its own ("daanfn#4410").
    ("pii.handle", r"(?P<hit>\b[^\W\d_][\w.]{1,31}#\d{4})\b"),
    # Street, name, number: es, it, pt, pl, uk ("calle san bernardo 23", "c/ valencia 12",
    # "via garibaldi 8", "rua das flores, 45", "ul. lipowa 8", "вул. Шевченка 45а").
    (
        "pii.address",
        r"(?P<hit>(?:\b(?:calle|avenida|avda|plaza|paseo|carrer|ronda|viale|piazza|corso|vicolo|rua|travessa|"
        r"pra[cç]a|alameda|ulica|ulicy|aleja|osiedle|вул|вулиц[яі]|просп|проспект|пров|провулок)\.?"
        r"|\bc/|\bav\.?(?= d[aeo]s?\b)|(?<!sent )(?<!send )(?<!by )\bvia(?! (?:the|a|an|my|your|ur|email|text|dm|chat)\b))"
        r"\s*(?:[\w'’.-]+,?\s+){1,4}?\d{1,4}[a-zа-яі]?)\b",
    ),
    # Dutch and German streets by their ending, with the number ("kastanjelaan 23", "hauptstr. 5").
    (
        "pii.address",
        r"(?P<hit>\b[\w'’-]+(?:straat|laan|plein|gracht|kade|dijk|singel|steeg|str\.?)\s+\d{1,4}[a-z]?)\b",
    ),
    # Polish: a street in the locative with its number ("na lipowej 8", "na piotrkowskiej 120").
    ("pii.address", r"\bna (?P<hit>[a-ząćęłńóśźż]{3,}(?:ej|iej) \d{1,4}[a-z]?)\b"),
    # French streets the English-shaped rule of pii.py does not list ("5 impasse des lilas").
    (
        "pii.address",
        r"(?P<hit>\b\d{1,4}(?:\s*bis)?,?\s+(?:impasse|all[ée]e|quai|cours|square|chemin|route|r[ée]sidence)\s+(?:[\w'’-]+\s*){1,4})",
    ),
    # A school with its number ("sp nr 45", "szkola podstawowa nr 3", "lo nr 3", "школа №45",
    # "escola nº 2"), or Polish "sp 12 w gdyni", "lo im. kopernika".
    (
        "pii.school",
        r"(?P<hit>\b(?:sp|szko[lł]\w*(?: podstawow\w*)?|lo|liceum|gimnazjum|technikum|scuola|escola|escuela|"
        r"col[eé]gio|colegio|school|школ\w*|ліце\w*|гімназі\w*)\s*(?:nr\.?|n[º°r]\.?|no\.?|numero|número|№)\s*\d{1,3})\b",
    ),
    ("pii.school", r"(?P<hit>\b(?:sp|lo) (?:\d{1,3} w [a-ząćęłńóśźż]+|im\. [a-ząćęłńóśźż]+))\b"),
    # Ukrainian: the number first ("вчуся в 17 гімназії", "ми з 3 школи").
    (
        "pii.school",
        r"(?<!\w)(?:в|у|з|до) (?P<hit>\d{1,3}(?:-?(?:й|ій|ої|ї|а))? (?:школ\w*|гімназі\w*|ліце\w*))(?!\w)",
    ),
    # A school named after its kind, said of the writer's own school ("vado al liceo
    # scientifico fermi", "faccio la 2b alla scuola media manzoni", "ik zit op het montessori
    # lyceum", "estudo no colégio são bento", "ando na escola secundária d. dinis").
    (
        "pii.school",
        rf"\b(?:vado|va|frequento|frequenta|sono|faccio (?:la|il) \w+|studio|estudo|ando|andava|chodz[eę]|ik zit(?: ook)?|ich geh[e]?|ich bin|je suis|je vais)"
        rf"\s+(?:al|alla|allo|all{_AP}?|nel|nella|a|no|na|do|op|auf|an|au|à|a la|in)\s+(?:het\s+|de\s+|der\s+|die\s+|dem\s+|l{_AP})?"
        rf"(?P<hit>(?:[\w.'’-]+\s+){{1,3}}{_SCHOOL_KIND}|{_SCHOOL_KIND}(?:\s+[\w.'’-]+){{1,3}}|[\w-]+(?:college|lyceum|atheneum|gymnasium|schule))",
    ),
    # Ukrainian: a street and number with the flat ("Городоцькій 128, кв 7").
    ("pii.address", r"(?<!\w)(?P<hit>[^\W\d_][\w'’ʼ-]+ \d{1,4}[а-яі]?, кв\.? ?\d{1,4})(?!\w)"),
    # Live location shared ("deel mn live locatie", "udostepnilam lokalizacje na zywo").
    (
        "pii.location",
        r"(?P<hit>\b(?:live locatie|live location|lokalizacj\w* na [zż]ywo|posizione in tempo reale|localiza[cç][aã]o em tempo real|ubicaci[oó]n en tiempo real|localisation en direct|live[- ]?standort|геолокаці\w*))\b",
    ),
)
"""The sharing rules: (rule, regex) pairs, compiled maskable with the English ones in
:mod:`safechat.detect.pii`."""

_YOUR_DE = r"(?:dein|deine|deinen|deiner)"
_YOUR_NL = r"(?:je|jouw|ur)"

REQUESTS: tuple[tuple[str, str], ...] = (
    # de: "gib mir deine nummer", "was ist dein insta", "wo wohnst du", "auf welche schule
    # gehst du", "wie heißt du mit nachnamen", "schick mal deinen standort".
    (
        "pii.request",
        rf"\b(?:gib|schick|sag|schreib|verrat)\w* (?:mir |mal |einfach |doch )*{_YOUR_DE} (?:nummer|handynummer|telefonnummer|adresse|insta|snap|email|e-mail|mail|standort|nachnamen?|hausnummer|discord|tiktok)\b"
        rf"|\b(?:was|wie) (?:ist|is) {_YOUR_DE} (?:insta|snap|snapchat|tiktok|discord|nummer|handynummer|telefonnummer|adresse|nachname|snap ?name|insta ?name|email|mail)\b"
        r"|\bwo (?:wohnst du|du wohnst)\b|\bauf welche(?:r|n)? schule (?:gehst|bist) du\b|\bwie hei(?:ß|ss)t du mit nachnamen\b"
        r"|\bwelche (?:straße|strasse|hausnummer)\b|\bin welche(?:r|n)? (?:stadt|straße|strasse) wohnst du\b",
    ),
    # es: "pasame tu numero", "cual es tu insta", "donde vives", "a q insti vas", "en q calle".
    (
        "pii.request",
        r"\b(?:p[aá]same|dame|m[aá]ndame|dime|env[ií]ame|p[aá]sa(?:me)? tu|p[aá]salo) (?:tu |el |la )?(?:numero|número|num|insta|snap|direcci[oó]n|whats|whatsapp|id|user|ubicaci[oó]n|correo|email|apellido|tlf|tel[eé]fono|@)\b"
        r"|\bcu[aá]l es tu (?:insta|snap|numero|número|direcci[oó]n|apellido|user|ig|tiktok|discord|correo|@)\b"
        r"|\bd[oó]nde vives\b|\ben (?:q|que|qu[eé]) (?:calle|portal|barrio|piso) vives\b"
        r"|\ba (?:q|que|qu[eé]) (?:cole|colegio|insti|instituto) vas\b|\ben (?:q|que|qu[eé]) (?:cole|colegio|insti|instituto) (?:vas|estudias|est[aá]s)\b",
    ),
    # fr: "donne moi ton snap", "c quoi ton num", "t'habites où", "quel collège".
    (
        "pii.request",
        rf"\b(?:donne|passe|envoie|file|balance|(?:me |m{_AP})?donner)[- ]?(?:moi |nous )?ton (?:snap|insta|num|num[ée]ro|adresse|@|tel|t[ée]l|whatsapp|mail|nom de famille|discord|tiktok)(?!\w)"
        rf"|\b(?:c{_AP}est|c|cest|c est) quoi (?:ton|le nom de ton|le nom de ta) (?:snap|insta|num|num[ée]ro|adresse|nom de famille|@|coll[eè]ge|lyc[ée]e|[ée]cole|discord|tiktok)\b"
        rf"|\b(?:t{_AP}?habites?|tu habites|vous habitez) o[uù]\b|\bo[uù] (?:t{_AP}?habites|tu habites)\b"
        r"|\bquel(?:le)? (?:coll[eè]ge|lyc[ée]e|[ée]cole|rue)\b.{0,20}\?|\bdans quel(?:le)? (?:coll[eè]ge|lyc[ée]e|[ée]cole|rue)\b",
    ),
    # it: "mi dai il tuo numero", "qual è il tuo cognome", "come ti chiami su insta",
    # "dove abiti", "mandami la posizione", "che liceo".
    (
        "pii.request",
        rf"\b(?:mi dai|dammi|mandami|passami|dimmi|inviami) (?:il tuo |la tua |il |la |l{_AP}|l |solo l{_AP}?\s?)?(?:numero|snap|insta|indirizzo|posizione|cognome|ig|whatsapp|mail|email|@)(?!\w)"
        r"|\bqual ?[eè]{1,2} (?:il )?tuo (?:cognome|numero|snap|insta|indirizzo|@)\b|\bcome ti chiami su (?:insta|snap|tiktok|ig|discord)\b"
        r"|\bdove abiti\b|\b(?:che|quale|in che) (?:liceo|scuola|via)\b.{0,30}\?",
    ),
    # nl: "wat is je adres", "mag ik je nummer", "waar woon je", "op welke school zit je",
    # "stuur je insta", "kan je je locatie delen".
    (
        "pii.request",
        rf"\b(?:wat is|wat's|wats|geef|stuur|mag ik|krijg ik) (?:me |ff |even )*{_YOUR_NL} (?:nummer|06|adres|achternaam|insta|snap|mail|locatie|telefoonnummer|discord|tiktok)\b"
        r"|\bwaar woon je\b|\bin welke (?:stad|straat|wijk) woon je\b|\bop welke school zit je\b|\bwelke school is het\b"
        rf"|\b(?:deel|stuur|kan je) (?:ff |even |me )*{_YOUR_NL} (?:je )?(?:live )?locatie\b",
    ),
    # pl: "podaj numer", "napisz mi swoj adres", "gdzie mieszkasz", "do jakiej szkoly
    # chodzisz", "jak sie nazywasz naprawde", "ktora ulica".
    (
        "pii.request",
        r"\b(?:podaj|daj|napisz|wy[sś]lij|dawaj)(?: mi)?(?: sw[oó]j| swoja| swoją| tw[oó]j)? (?:numer|adres|snap\w*|insta\w*|nick\w*|nazwisko|imi[eę]|lokalizacj\w+)\b"
        r"|\bgdzie (?:dok[lł]adnie )?mieszkasz\b|\bdo (?:kt[oó]rej|jakiej) szko[lł]y chodzisz\b|\bjak si[eę] nazywasz naprawd[eę]\b"
        r"|\bkt[oó]ra ulica\b|\bna jakim osiedlu mieszkasz\b|\bz jakiego (?:jeste[sś]|miasta jeste[sś])\b",
    ),
    # pt: "me passa seu whats", "dá-me o teu número", "qual teu @", "onde você mora",
    # "em que escola andas".
    (
        "pii.request",
        r"\b(?:me passa|passa(?:-me)?|d[aá][- ]me|me d[aá]|manda(?:-me)?|me manda) (?:o |a )?(?:teu|seu|tua|sua) (?:n[uú]mero|whats|whatsapp|insta|snap|email|e-mail|endere[cç]o|morada|@|zap|telefone|tel|discord)\b"
        r"|\bqual (?:[eé] )?(?:o )?(?:teu|seu) (?:n[uú]mero|@|insta|snap|endere[cç]o|nome completo|sobrenome|whats|zap)(?!\w)"
        r"|\bonde (?:vc |voc[eê] |tu )?moras?\b|\b(?:qual|que) rua (?:vc |voc[eê] |tu )?moras?\b"
        r"|\bem que escola (?:andas|estudas|tu andas|vc estuda|voc[eê] estuda)\b",
    ),
    # uk: "дай свій номер", "скинь адресу", "де ти живеш", "в якій школі вчишся", "як твоє прізвище".
    (
        "pii.request",
        r"(?<!\w)(?:дай|скинь|напиши|надішли|кинь)(?: мені)?(?: свій| свою| твій| твою)? (?:номер|адрес\w*|інст\w*|тг|телеграм|снап|нік|прізвище|пошт\w*|локаці\w+|геолокаці\w+)(?!\w)"
        r"|(?<!\w)де (?:ти )?живеш(?!\w)|(?<!\w)в якій школі (?:ти )?вчишся(?!\w)|(?<!\w)як твоє прізвище(?!\w)"
        r"|(?<!\w)з якого (?:ти )?міста(?!\w)|(?<!\w)(?:який|яка) (?:ліцей|школа|гімназія)(?!\w)|(?<!\w)додай мене в (?:інст\w*|тг|телеграм\w*|снап\w*)(?!\w)",
    ),
)
"""The request rules: (rule, regex) pairs, compiled with the English ones in :mod:`safechat.detect.pii`."""
