"""Context that explains a moderate model score: a child telling of harm done to them, and game banter.

Both are everyday in children's chat and both look, word for word, like what the model learnt to
flag: "I'm being bullied at school" is full of bullying words, "a man asked me for pics" of
grooming words, "I'll crush you at Fortnite" of threat words. A context hit never raises an
action. The policy may let it settle its labels' model scores when they are moderate
(``tempers_model_below``, ``tempers_labels``) and the other rules' hits in the same sentence
(``settles_rules``); it may also offer the teller support and ask for review.

- ``context.disclosure`` (bullying): the writer tells of bullying they or someone they know
  suffer, or asks how to report or stop it ("my friend is being bullied", "a kid called me
  stupid", "how do I report bullying"). Only a first- or third-person teller counts: "you got
  bullied" is not a disclosure, and an insult aimed at the reader ("you fat freak", "you
  deserve it") anywhere in the message stops it. ``context.disclosure.topic`` is bullying as a
  subject ("our anti-bullying week"): it explains the words, nobody is telling of harm.
- ``context.disclosure.grooming`` (grooming): the writer tells of someone asking them for
  pictures, secrets, where they live or to meet, or touching them ("a man online keeps asking
  me for photos", "my coach touches me and says it's our secret").
- ``context.disclosure.abuse`` (threat): the writer tells of an adult who looks after them
  hurting them ("my dad hits me", "I get beaten at home"). Brothers, sisters and cousins are
  left out: children's squabbles are everyday chat.
- ``context.game`` (threat): a beat-you idiom ("I'll crush you", "you're going down", "get
  rekt") in a message that names a game, a sport or a match. Any word of real-world violence or
  of finding someone ("stab", "gun", "hurt", "your house", "beat you up", "irl") anywhere in the
  message stops it.
- ``context.idiom`` (threat): in the other children's chat languages, laughing, hunger or boredom
  "to death" ("me muero de risa", "mort de rire", "ich lach mich tot", "umieram ze śmiechu").
- ``context.reaction`` (profanity): a message that is nothing but laughter, an interjection or
  reacting emoji, in any of the children's chat languages ("jajaja", "bruh 💀", "хахаха").

- ``context.counter_speech`` (hate): the writer speaks up against a slur, an insult or a cruel
  post, or moderates it ("that's a slur", "stop calling her dirty", "u cant just say that",
  "banned for racist usernames", "against the rules"). Quoting the word is how children object
  to it, so the words are there; the objection is what tells it apart. A negated objection
  ("it's not racist if...") is not one.

A disclosure's or counter-speech's span is its whole sentence (up to ``.``, ``!``, ``?`` or a line break), so that
what the child reports someone saying ("he says it's our secret") lies inside it.
"""

from __future__ import annotations

import re

from safechat.detect.base import YOU, YOUR, YOURE, PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.types import Label, Span

_KIN = r"(?:friend|friends|bestie|bff|mate|brother|sister|cousin|son|daughter|classmate|kid|child)"
_TELLER = rf"(?:i|we|he|she|they|my (?:\w+ )?{_KIN}|our (?:\w+ )?{_KIN})"
_PASSIVE = (
    r"(?:'m|'re|'s|'ve been| am| are| is| was| were| been| have been| has been| had been| get| gets| got"
    r"| keep getting| keeps getting| kept getting| used to be| used to get)"
)
_SUFFERED = r"(?:cyber ?)?bullied|picked on|harassed|teased|made fun of|left out|excluded|called names"
_OTHERS = (
    r"(?:someone|somebody|people|kids|they|he|she|everyone|everybody|a (?:boy|girl|kid)"
    r"|(?:some|the|older|other|these|those) (?:kids|boys|girls|people|students))"
)
_DID_TO = (
    r"(?:bully|bullies|bullying|bullied|pick on|picks on|picking on|picked on|make fun of|makes fun of"
    r"|making fun of|made fun of|laugh at|laughs at|laughing at|laughed at|tease|teases|teasing|teased"
    r"|call|calls|calling|called|harass|harasses|harassing|harassed|leave|leaves|left|exclude|excludes"
    r"|excluded|ignore|ignores|ignored)"
)

_INSULT = (
    r"(?:idiot|idiots|loser|losers|freak|freaks|stupid|ugly|fat|dumb|moron|morons|retard\w*|pathetic"
    r"|worthless|useless|weirdo|creep|cow|pig|trash|garbage|crybaby|wimp|cringe|disgusting|gross|slut"
    r"|whore|bitch\w*|fag\w*|deserve\w*)"
)

MULTILINGUAL_BULLIED: tuple[str, ...] = (
    # fr
    r"\bje (?:me fais|suis) (?:harcel[ée]e?|harceler|insult[ée]e?|frapp[ée]e?|racket[ée]e?|exclue?)\b",
    r"\bon se moque de moi\b|\b(?:ils|elles|on) (?:me harc[eè]lent|m'insultent|me frappent|se moquent de moi)\b",
    r"\bje subis du harc[eè]lement\b",
    # de
    r"\bich werde\b[^.!?\n]{0,30}?\b(?:gemobbt|geschlagen|ausgelacht|fertiggemacht|gehänselt|ausgegrenzt)\b",
    r"\b(?:sie|die anderen|alle) (?:mobben|schlagen|beleidigen|hänseln) mich\b",
    # es
    r"\b(?:me hacen|sufro|estoy sufriendo) (?:bullying|acoso)\b|\bse (?:burlan|ríen) de mí\b",
    r"\bme (?:pegan|insultan|acosan) en (?:el colegio|el instituto|clase)\b",
    # it
    r"\b(?:subisco|sono vittima di) bullismo\b|\bmi prendono in giro\b|\bmi (?:picchiano|bullizzano)\b",
    # pt
    r"\b(?:sofro|estou a sofrer|estou sofrendo) (?:bullying|assédio)\b|\b(?:gozam|riem-se) (?:comigo|de mim)\b",
    r"\bme (?:batem|zoam) na escola\b|\bbatem-me\b",
    # nl
    r"\bik word (?:gepest|geslagen|uitgelachen|buitengesloten)\b|\b(?:ze|zij|iedereen) (?:pesten|pest) (?:mij|me)\b",
    # pl
    r"\b(?:jestem|by[lł]a?m) (?:prze[sś]ladowan[aey]|gn[eę]bion[aey]|wy[sś]miewan[aey])\b",
    r"\b[sś]miej[aą] si[eę] ze mnie\b|\bdokuczaj[aą] mi\b|\bwyzywaj[aą] mnie\b",
    # uk
    r"мене (?:цькують|булять|ображають|дражнять|б['ʼ]ють)|з мене (?:сміються|знущаються)",
    # What is done to the writer, in the multilingual children's chat languages (each line: being laughed
    # at, called names, pushed, left out; asking whom to tell)
    r"\b(?:lachen|lacht) mich aus\b|\b(?:schubsen|schlagen|treten|beleidigen|nennen|hänseln|ärgern|verarschen) mich\b"
    r"|\bredet\b[^.!?\n]{0,25}\bkeiner mehr mit mir\b|\bsoll ich (?:das|es) (?:der|dem|meiner|meinem) (?:lehrerin|lehrer|mama|papa)\b",
    r"\b(?:ils|elles|on|tout le monde) (?:me traitent?|m'insultent?|me frappent?|me poussent?|m'appellent?|rigolent de moi)\b"
    r"|\bpersonne (?:ne )?veut (?:jouer|parler|[eê]tre|rester) avec moi\b",
    r"\bme (?:llaman|empujan|quitan|insultan|esconden|han puesto un mote)\b|\bse r[ií]en (?:de m[ií]|cuando paso)\b"
    r"|\bnadie quiere (?:estar|jugar|hablar|sentarse) conmigo\b|\bme est[aá]n haciendo cosas\b",
    r"\bmi (?:chiamano|spingono|insultano|rubano|escludono)\b|\bridono di me\b|\bnessuno (?:vuole )?(?:giocare|parlare|stare) con me\b",
    r"\bme (?:chamam|chamaram|tiraram do grupo|empurram|xingam)\b|\b(?:chamam|empurra|empurram|seguem|segue)-me\b|\bgozar comigo\b"
    r"|\b(?:ngm|ningu[eé]m) (?:gosta de mim|deixa eu sentar|quer (?:sentar|brincar|falar) comigo)\b",
    r"\b(?:lachen|lacht) me uit\b|\b(?:noemen|schelden|slaan|duwen|pesten) (?:me|mij)\b|\bniemand wil met (?:me|mij) (?:spelen|praten|zitten)\b",
    r"\b(?:wyzywa|wyzywaj[aą]|przezywaj[aą]) mnie\b|\bwy[sś]miewaj[aą] si[eę] ze mnie\b|\bwyrzucili mnie z\b|\bpisz[aą] o mnie\b",
    r"мене (?:обзивають|штовхають|виключили)|з мене (?:сміються|знущаються)|ніхто не хоче (?:зі мною|сидіти зі мною)",
    # da, ro, tr, el
    r"\bjeg bliver (?:mobbet|drillet|slået)\b|\bde mobber mig\b",
    r"\bsunt (?:agresat[ăa]?|hăr[țt]uit[ăa]?|b[ăa]tut[ăa]?) la [șs]coal[ăa]\b|\b(?:râd|rad) de mine\b",
    r"\b(?:bana|beni) (?:zorbalık ediyorlar|dövüyorlar)\b|\bbenimle dalga geçiyorlar\b",
    r"\bμε (?:κοροϊδεύουν|χτυπάνε|βρίζουν|πειράζουν)\b",
)
"""Saying you are bullied, in the other shipped prompt languages (first person only): each entry its
own pattern, so that each gets its own literal gate."""

DISCLOSURE_PATTERNS = compile_patterns(
    (
        ("context.disclosure", rf"\b{_TELLER}{_PASSIVE} (?:being |getting |been )?(?:{_SUFFERED})\b"),
        ("context.disclosure", rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\b{_DID_TO} (?:me|us|my \w+)\b"),
        (
            "context.disclosure",
            rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\b(?:said|say|says|keep saying|keeps saying|(?:told|tell|tells) me) (?:that )?(?:(?:i|we)(?: was| were| am| are|'m|'re| look| smell| have)|im|my \w+ (?:is|are|looks?|smells?)|(?:nobody|no one|everyone|everybody) \w+ (?:me|us))\b",
        ),
        ("context.disclosure", r"\bi (?:get|got|keep getting|am|'m|was) called (?:a |an )?\w+"),
        (
            "context.disclosure",
            rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\b(?:told|tell|tells|keep telling|keeps telling) me to (?:kill myself|kms|kys|die|go die|hang myself)\b"
            rf"|\b{_OTHERS}\b[^.!?\n]{{0,20}}?\b(?:said|say|says|keep saying|keeps saying|wrote|write|writes|sent|send|sends|dm'?d|messaged)(?: me)?,? '?(?:kys|kill (?:yo)?urself|go die)\b",
        ),
        ("context.disclosure", r"\b(?:the|these|those) bullies\b|\bbullies (?:me|us|my \w+)\b"),
        # Images and posts of the writer shared to mock them; others who keep at it.
        (
            "context.disclosure",
            rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\b(?:posted|shared|made|took|filmed|recorded|edited|screenshotted|stole)\b"
            r"[^.!?\n]{0,30}?(?:\b(?:of|about|as) me\b|\bme (?:crying|tripping|falling|singing|getting|being)\b"
            r"|\bmy (?:pic|picture|photo|selfie|video|story|face|school photo)\b)",
        ),
        (
            "context.disclosure",
            rf"\b{_OTHERS}\b[^.!?\n]{{0,30}}?\b(?:keep|keeps|kept) (?:on )?(?!(?:killing|chasing|spawn\w*|snip\w*|camp\w*|winning|beating|shooting|carrying|lagging|rushing|hitting|attacking|fighting|finding|stealing my kills|asking me (?:for|to))\b)\w+ing\b[^.!?\n]{{0,30}}?\b(?:me|my)\b",
        ),
        # Asking how to tell, report or block; blocking that did not stop it; scared to tell.
        (
            "context.disclosure",
            r"\bhow (?:do|can|should) i (?:tell|report|block|stop (?:them|him|her)|get (?:it|this|the \w+|a \w+) (?:taken down|removed|deleted))\b"
            r"|\bi (?:blocked|reported) (?:him|her|them|\w+ accounts?)\b[^.!?\n]{0,15}\bbut\b"
            r"|\b(?:i'?m|im|i am) (?:so |too )?scared (?:to|if i|that they'?ll|they'?ll)\b[^.!?\n]{0,30}\b(?:tell|school|worse|find out)\b"
            r"|\bi (?:got|was|were) (?:removed|kicked|voted) (?:from|out of|out)\b",
        ),
        # other languages: the writer says they are bullied (first person; where cheap)
        *(("context.disclosure", regex) for regex in MULTILINGUAL_BULLIED),
        ("context.disclosure", r"\b(?:report\w*|stop\w*) (?:cyber ?)?bullying\b"),
        ("context.disclosure.topic", r"\b(?:(?:against|about|for) |anti-? ?)(?:cyber ?)?bullying\b"),
    )
)

# Someone who may groom or abuse a child, as a child names them.
_ADULT = (
    r"(?:(?:a|an|the|this|that|some) (?:(?:old|older|grown|random|creepy|weird|strange) )?(?:man|men|guy|guys|adult"
    r"|adults|grown ?up|stranger|person|dude|lady|woman|acc|account|profile)|someone|somebody|some ?one"
    r"|(?:my|our|the|my friend'?s) (?:uncle|coach|teacher|tutor|neighbou?r|step ?dad|stepfather|babysitter|instructor"
    r"|priest|(?:mum|mom|dad)'?s (?:boyfriend|girlfriend|friend|partner)))"
)
_ANYONE = rf"(?:{_ADULT}|he|she|they)"
_STRANGER = (
    r"(?:(?:a|an|the|this|that|some) (?:(?:old|older|grown|random|creepy|weird|strange) )?(?:man|men|guy|adult"
    r"|grown ?up|stranger|lady|woman)|(?:my|our|the|my friend'?s) (?:uncle|coach|teacher|tutor|neighbou?r|step ?dad"
    r"|stepfather|babysitter|instructor|priest))"
)
_ASKED = (
    r"(?:asks?|asked|asking|keeps? asking|kept asking|wants?|wanted|told|tells?|telling|said|says|saying|made|makes"
    r"|tried to get|begs?|begged|pressures?|pressured|forced|offered|offers|promised|dared|dming me|messaging me)"
)
# What a child reports being asked, by anyone ("he asked me for nudes") ...
_ASKED_ANYONE = (
    r"(?:nudes?|naked|pics? of (?:me|myself|my body)|photos? of (?:me|myself|my body)|pictures? of (?:me|myself|my body)"
    r"|(?:keep|keeping) (?:it|this|that|us|them) (?:a )?secret|our (?:little )?secret"
    r"|(?:not to|never to|to not|not|don'?t|do not|never) tell (?:any ?one|any ?body|no ?one|my|our|mum|mom|dad|parents)"
    r"|(?:turn|put) on (?:my )?(?:cam|camera|webcam)"
    r"|turn (?:my )?(?:cam|camera|webcam) on|take (?:my|off my) (?:clothes|top|shirt)"
    r"|send (?:him |her |them )?(?:pics|photos|pictures|nudes|selfies|a pic|a photo))"
)
# ... and what counts only when a stranger or an adult asks it ("a man asked where I live").
_ASKED_BY_ADULT = (
    r"(?:pics?|pix|pictures?|photos?|selfies?|vids?|videos?|where i live|where i go to school|what school|my address"
    r"|my school|(?:home )?alone|how old i am|my age|what i look like|if my parents are (?:home|out|around|in)"
    r"|meet(?:ing)? (?:up|him|her|them|in person|irl)|video ?call|to call|my number|robux|v-?bucks|gift ?cards?|money"
    r"|special (?:bond|friendship|friend)|sit on (?:his|her) lap|a lift|a ride|get in (?:his|her|the) car)"
)
_TOUCHED = r"(?:touch(?:es|ed|ing)?|grop(?:es|ed|ing)|rap(?:es|ed)|molest(?:s|ed)|sexually (?:abused|assaulted)) (?:me|us)"

GROOMING_DISCLOSURE_PATTERNS = compile_patterns(
    (
        (
            "context.disclosure.grooming",
            rf"\b{_ANYONE}\b[^.!?\n]{{0,60}}?\b{_ASKED}\b[^.!?\n]{{0,40}}?\b{_ASKED_ANYONE}\b",
        ),
        (
            "context.disclosure.grooming",
            rf"\b{_ADULT}\b[^.!?\n]{{0,60}}?\b{_ASKED}\b[^.!?\n]{{0,40}}?\b{_ASKED_BY_ADULT}\b",
        ),
        (
            "context.disclosure.grooming",
            rf"\b{_STRANGER}\b[^.!?\n]{{0,40}}?\b(?:took|takes|take|taking|keeps taking) (?:a )?(?:pics?|pictures?|photos?|videos?) of (?:me|us|my)\b",
        ),
        (
            "context.disclosure.grooming",
            rf"\b{_STRANGER}\b[^.!?\n]{{0,40}}?\bput (?:his|her) hands? (?:on|up) (?:me|my)\b",
        ),
        (
            "context.disclosure.grooming",
            rf"\b{_ADULT}\b[^.!?\n]{{0,40}}?\b(?:{_TOUCHED}|kiss(?:es|ed)? me)\b",
        ),
        (
            "context.disclosure.grooming",
            r"\b(?:he|she|they)\b[^.!?\n]{0,20}?\b(?:touch(?:es|ed|ing)?|grop(?:es|ed|ing)) (?:me|us) (?:there|down there|in private|under|where|when no ?one|inappropriately)\b",
        ),
        (
            "context.disclosure.grooming",
            r"\b(?:he|she|they)\b[^.!?\n]{0,20}?\b(?:rap(?:es|ed)|molest(?:s|ed)|sexually (?:abused|assaulted)) (?:me|us)\b",
        ),
        (
            "context.disclosure.grooming",
            r"\bi (?:was|got|have been|'ve been|am being|'m being) (?:raped|molested|sexually (?:abused|assaulted)|groomed)\b",
        ),
        (
            "context.disclosure.grooming",
            rf"\b{_ANYONE}\b[^.!?\n]{{0,40}}?\bsent me (?:a |some )?(?:nudes?|dick pics?|naked (?:pics?|photos?|pictures?)|pics? of (?:his|her) (?:body|privates|private parts))\b",
        ),
    )
)

_CARER = (
    r"(?:my|our) (?:dad|daddy|father|mum|mummy|mom|mommy|mother|parents?|step ?(?:dad|mum|mom|father|mother)"
    r"|uncle|aunt|auntie|grand(?:ad|dad|pa|ma|mother|father)|nan|babysitter|carer|foster (?:dad|mum|mom|parents?)"
    r"|teacher|coach|(?:mum|mom|dad)'?s (?:boyfriend|girlfriend|partner))"
)
_HURTS = (
    r"(?:hits?|hitting|kicks?|kicked|kicking|punch(?:es|ed|ing)?|slaps?|slapped|slapping"
    r"|chok(?:es|ed|ing)|burn(?:s|ed|t)|hurts?|hurting|abuses?|abused|abusing|strangl(?:es|ed|ing)"
    r"|throws? (?:things|stuff) at|threw (?:things|stuff) at|locks?|locked)"
)

_VICTIM = r"(?:me|us|my (?:little |big )?(?:mum|mom|brother|sister))"

ABUSE_DISCLOSURE_PATTERNS = compile_patterns(
    (
        (
            "context.disclosure.abuse",
            rf"\b{_CARER}\b[^.!?\n]{{0,30}}?\b{_HURTS} {_VICTIM}\b",
        ),
        (  # "my dad beat me at chess" is a game
            "context.disclosure.abuse",
            rf"\b{_CARER}\b[^.!?\n]{{0,30}}?\b(?:beats?|beating|beat|beaten) {_VICTIM}\b(?! (?:at|in|on)\b)",
        ),
        (
            "context.disclosure.abuse",
            r"\bi (?:get|got|am|'m|was|have been|'ve been|keep getting)(?: being)? (?:hit|beaten|beaten up|abused|hurt|kicked|punched|slapped|locked in) (?:at home|by my)\b",
        ),
        (
            "context.disclosure.abuse",
            r"\b(?:scared|afraid|too scared|frightened) (?:to go|of going) (?:back )?home\b",
        ),
    )
)

_OBJECTION = (
    r"(?:a slur|slurs|racist|racism|sexist|sexism|homophobic|homophobia|transphobic|transphobia|ableist"
    r"|bigoted|hate speech|harassment|bullying|so mean|really mean|just mean|cruel|not funny|not ok|not okay"
    r"|not cool|not a joke|never ok|never okay|never funny)"
)
_HARM_VERB = (
    r"(?:calling|call|saying|say|using|use|laughing at|laugh at|making fun of|make fun of|mocking|mock"
    r"|posting|post|reposting|repost|spreading|spread|screenshotting|screenshot|bullying|bully"
    r"|picking on|pick on|leaving (?:him|her|them) out|being (?:racist|sexist|homophobic|transphobic|mean))"
)
_STOP = (
    r"(?:stop|quit|don'?t|dont|do not|never|pls don'?t|please don'?t|(?:you|u) shouldn'?t|no one should"
    r"|nobody should|we don'?t|we dont|can (?:we|u|you|everyone|y'?all) (?:not|stop)"
    r"|(?:you|u) (?:can'?t|cant|don'?t get to|dont get to|don'?t get a pass to|dont get a pass to)(?: just)?)"
)

MULTILINGUAL_COUNTER_SPEECH: tuple[str, ...] = (
    # de: naming the harm, telling others to stop, telling a teacher
    r"\b(?:ist|das ist|echt|voll|einfach) (?:\w+ )?(?:rassistisch|homophob|antisemitisch|behindertenfeindlich|sexistisch)\b"
    r"|\bkeine beleidigung\b|\b(?:sagt|sag) man nicht\b|\bsag nicht '",
    r"\bhört auf (?:so nen|so einen|damit|gerüchte|über|mit dem|sie|ihn)\b|\blacht nicht (?:über|mehr)\b"
    r"|\blasst (?:\w+ )(?:doch )?in ruhe\b|\bals schimpfwort\b",
    # es
    r"\bes (?:racista|homof[oó]bo|homof[oó]bico|machista|tr[aá]nsfobo|racismo|bullying|acoso)\b"
    r"|\bno (?:mola|tiene gracia|es gracioso|es un insulto)\b|\bme parece asqueroso\b",
    r"\bdej(?:ad|a|en)(?:la|lo|le|les|los|las)? en paz\b|\bno te r[ií]as de\b|\bpara ya con\b|\bno digas '"
    r"|\bte (?:reporto|denuncio)\b|\bdec[ií]rselo a (?:la|el) (?:tutora?|profe|profesora?|directora?)\b",
    # fr
    r"\bc'est (?:raciste|homophobe|sexiste|transphobe|grave|pas ok|pas dr[oô]le|du harc[eè]lement)\b"
    r"|\b(?:arr[eê]tez|arr[eê]te) de (?:dire|traiter|l'appeler|se moquer|vous moquer|te moquer)\b"
    r"|\bon dit pas \"|\btu le dis pas\b|\btouchez pas [aà]\b",
    # it
    r"\b[eè] (?:razzista|omofobo|razzismo|sessista|bullismo)\b|\bsmett(?:ila|etela) di (?:dire|chiamar\w*|prendere)\b"
    r"|\bpiantala\b|\blasciate(?:lo|la|li)? in pace\b|\bn(?:o)?n si dice\b|\blo dico (?:alla|al) (?:prof\w*|preside)\b"
    r"|\bsegnalate\b|\bla finite di\b",
    # nl
    r"\b(?:is|dat is) (?:gewoon |echt |ook )*(?:strafbaar|gemeen|racistisch|homofoob|zielig|niet grappig)\b"
    r"|\blaat \w+ met rust\b|\bstop met (?:die|dat|het) (?:\w+ )?(?:delen|sturen|posten)\b"
    r"|\bzeg ik het tegen (?:de|meneer|mevrouw|juf|meester)\b|\bsta achter je\b",
    # pl
    r"\bto (?:jest|nie jest) (?:homofobia|rasizm|obrzydliwe|rasistowskie|[zż]art|zabawne|[sś]mieszne)\b"
    r"|\bprzesta(?:[nń]cie|[nń]) (?:si[eę] z|tak m[oó]wi[cć]|wyzywa[cć]|pisa[cć])\b|\bzostawcie \w+ w spokoju\b"
    r"|\bsko[nń]czcie z tym\b|\bzg[lł]aszam\b|\bzg[lł]osz[eę]\b|\bnie udost[eę]pniajcie\b|\bnie s[lł]uchaj ich\b",
    # pt
    r"\b(?:[eé]|isso [eé]) (?:homof[oó]bico|racismo|preconceito|crime|racista|bullying)\b"
    r"|\b(?:parem|para|deixa|deixem) de (?:chamar|xingar|usar|zoar|gozar)\b|\bdeixem?-?(?:no|na|os|as)? em paz\b"
    r"|\bn[aã]o [eé] (?:engra[cç]ado|doen[cç]a|piada)\b|\bfazer queixa\b",
    # uk
    r"це (?:цькування|не смішно|не жарт|расизм|незаконно|брехня|булінг)|не (?:пишіть|пересилайте|відповідайте|ведіться)"
    r"|забанимо|скрін[иь]? (?:батькам|вчительці|вчителю)|кину вчительці",
)
"""Speaking up against a slur, an insult or a cruel post in the other children's chat languages:
naming the harm, telling others to stop, telling a teacher or a moderator. Each entry its own
pattern (its own literal gate)."""

COUNTER_SPEECH_PATTERNS = compile_patterns(
    (
        *(("context.counter_speech", regex) for regex in MULTILINGUAL_COUNTER_SPEECH),
        (  # naming the harm: "that's a slur", "its literally racist" (never "it's not racist")
            "context.counter_speech",
            r"\b(?:it'?s|its|that'?s|thats|this is|that is|this was|that was|is|was|are|sounds)"
            rf" (?:(?:literally|so|lowkey|kinda|actually|just|straight up|deadass|genuinely|still) ){{0,2}}{_OBJECTION}\b",
        ),
        ("context.counter_speech", rf"\b{_STOP} {_HARM_VERB}\b"),
        (
            "context.counter_speech",
            r"\bwe don'?t do (?:racist|sexist|homophobic|mean|that) (?:jokes|stuff|things|here)\b",
        ),
        (  # moderating: "banned for racist usernames", "timed out for telling someone to kys"
            "context.counter_speech",
            r"\b(?:banned|perma ?banned|kicked|timed out|muted|removed|deleted|reported|warned|blocked)"
            r"(?: \w+){0,4}? for (?:being|saying|calling|telling|posting|using|racis|sexis|homophob|harass|bully|hate)\w*",
        ),
        (
            "context.counter_speech",
            r"\b(?:against|breaks?|breaking|broke|read) (?:the |our |server |chat |group )?rules\b|\bautomod\b",
        ),
        ("context.counter_speech", r"\bleave (?:him|her|them) alone\b|\bstand up for\b|\bspeak up for\b"),
        (  # "'autistic' isnt an insult", "'skeleton' every day isnt banter"
            "context.counter_speech",
            r"(?<![\w'])(?!(?:ur|u|you|you'?re|youre|im|i'?m|i|he|she|he'?s|hes|she'?s|shes|they|they'?re|theyre|we)\b)[\w']+"
            r" (?:isn'?t|is not|aren'?t|arent|are not|not) (?:an insult|banter|a fact|a joke|funny|ok|okay|cool)\b",
        ),
        (  # the harm named, not used: "the r word", "slurs = instant ban", "spamming racist stuff"
            # (never after "not": "i'm not racist but..." opens hate)
            "context.counter_speech",
            r"\bthe [nrf][ -]?word\b|\b[nrf][ -]slur\b|\bslurs?\b|(?<!not )(?<!isnt )(?<!n't )\b(?:racist|racism|sexist|sexism|homophobic"
            r"|homophobia|transphobic|transphobia|ableist|bigot\w*)\b",
        ),
        (  # reporting and moderating: "i reported him", "tell a mod", "can u ban him"
            "context.counter_speech",
            r"\b(?:reported|reporting|report (?:it|that|this|stuff)|report button|tell (?:a |the )?mods?"
            r"|told the mods|block and report|flagged it|ban (?:him|her|them)|(?:we|they|mods) banned|got (?:perma ?)?banned"
            r"|instant ban|get kicked|gets kicked)\b",
        ),
    )
)

IDIOM_PATTERNS = compile_patterns(
    (
        # es
        (
            "context.idiom",
            r"\bme muero de (?:risa|ganas|hambre|sue[ñn]o|verg[üu]enza|calor|fr[ií]o|aburrimiento|amor)\b"
            r"|\bmuero por (?:verte|verle|verla|ti|vos|saberlo|ir)\b|\bme (?:mata|matas|matan|mat[oó]) de (?:risa|amor)\b"
            r"|\b(?:estoy|estaba) muert[oa] de (?:risa|cansancio|sue[ñn]o|hambre|miedo|verg[üu]enza)\b"
            r"|\bme mor[ií] de (?:risa|verg[üu]enza|miedo)\b",
        ),
        # fr
        (
            "context.idiom",
            r"\bmort(?:e|s|es)? de rire\b|\bje (?:meurs|suis mort(?:e)?|vais mourir) de (?:faim|rire|fatigue|honte|froid|chaud|ennui)\b"
            r"|\bptdr\b|\bmdrr*\b",
        ),
        # de
        (
            "context.idiom",
            r"\b(?:ich )?(?:sterbe|sterb) (?:gleich )?(?:vor|fast vor) (?:lachen|hunger|langeweile|scham|hitze)\b"
            r"|\btot ?gelacht\b|\bich lach(?:e)? mich tot\b",
        ),
        # it
        (
            "context.idiom",
            r"\b(?:sto morendo|muoio|morto|morta|morti|morte|crepo|schiatto) (?:dal|dalle|di|dalla) (?:ridere|risate|fame|sonno|noia|vergogna|caldo|freddo)\b",
        ),
        # pt
        (
            "context.idiom",
            r"\b(?:morrendo|morri|morro|to morta|tô morta|to morto|tô morto|morta|morto) de (?:rir|fome|sono|vergonha|calor|frio|t[ée]dio|medo|saudade)\b",
        ),
        # nl
        (
            "context.idiom",
            r"\b(?:ik )?(?:ga|lig|lag) (?:bijna )?dood van (?:het lachen|de honger|verveling|schaamte)\b|\bdoodgelachen\b|\bik lig dood\b",
        ),
        # pl
        (
            "context.idiom",
            r"\bumieram (?:ze|z) (?:[sś]miechu|g[lł]odu|nud[oó]w|wstydu|zm[eę]czenia)\b|\bpad[lł]e?m ze [sś]miechu\b",
        ),
        # uk
        (
            "context.idiom",
            r"(?:помер|померла|вмираю|помираю|здох|здохла) (?:зі|від|з) (?:сміху|голоду|нудьги|сорому)"
            r"|(?:ах|ха)(?:ах|ха)+\w*[ ,]*я помер(?:ла)?|я помер(?:ла)?[ ,]*(?:ах|ха)(?:ах|ха)+",
        ),
    )
)
"""Idioms of laughing, hunger or boredom "to death" in the other children's chat languages ("me muero
de risa", "mort de rire", "ich lach mich tot", "umieram ze śmiechu"): they settle the threat and
self-harm scores that their death words raise."""

# Laughter in the children's chat languages, once normalised (stretched letters shortened):
# "haha", "ahah", "hehe", "jajaja", "jeje", "kkk", "rsrs", "xD", "lol", "lmao", "ptdr", "mdr", "хаха".
_LAUGH = (
    r"a?(?:h+a+){2,}h*|(?:a+h+){2,}a*|(?:h+e+){2,}h*|(?:h+i+){2,}h*|(?:j+[aeiou]+){2,}j*|k+|(?:rs){2,}"
    r"|x+d+|l+o+l+(?:o+l+)*z?|l+m+f?a+o+|r+o+f+l+|x?ptdr+|mdr+"
    r"|(?:х+а+){2,}х*|(?:а+х+){2,}а*|(?:х+е+){2,}х*|(?:х+і+){2,}х*|(?:х+и+){2,}х*"
)
# Interjections and reactions with no target: "bruh", "omg", "oof", "ikr", "fr", "ok", "yay", "nooo".
_INTERJECTION = (
    r"bruh|bro|omg|oof|ugh|ayo|yay|wow|ikr|fr|frfr|ong|ok|okay|kk|yes|no|nah|yeah|ye|yep|sksk\w*|oh|ah|eh|uh"
    r"|:[-']?[()dpo3/|]+|;[-']?[)dp]+|<3+|\^\^"
)
# Emoji that react (laughing, crying with laughter, the skull, hearts, thumbs): never the ones
# with a sexual, violent, secret-keeping or mocking use (🍆 🍑 💦 🔪 🔫 🤫 😏 🤡 💩 🖕).
_REACTION_EMOJI = (
    "[\U0001f600-\U0001f606\U0001f923\U0001f60a\U0001f607\U0001f642\U0001f643"
    "\U0001f609\U0001f60d\U0001f970\U0001f60b\U0001f61b\U0001f61c\U0001f92a\U0001f61d\U0001f914"
    "\U0001f92d\U0001f610\U0001f611\U0001f636\U0001f612\U0001f644\U0001f62c\U0001f60c\U0001f614"
    "\U0001f62a\U0001f634\U0001f633\U0001f97a\U0001f622\U0001f62d\U0001f624\U0001f480\u2620"
    "\U0001f440\U0001f525\U0001f4af\u2728\u2764\U0001f9e1\U0001f49b\U0001f49a\U0001f499\U0001f49c"
    "\U0001f5a4\U0001f90d\U0001f494\U0001f44d\U0001f44e\U0001f44f\U0001f64c\U0001f64f\U0001f91d"
    "\u270c\U0001f937\U0001f926\U0001f648\U0001f649\U0001f64a\U0001f639\U0001f63a\U0001f638"
    "\U0001fae0\U0001f972\U0001f5ff\U0001f62e\U0001f92f\U0001f62b\U0001f629]"
    "[\U0001f3fb-\U0001f3ff\ufe0f\u200d\u2640\u2642]*"
)
_REACTION_TOKEN = rf"(?:(?:{_LAUGH}|{_INTERJECTION})(?![^\W\d_])|{_REACTION_EMOJI})"

REACTION_PATTERNS = compile_patterns(
    (("context.reaction", rf"^[\s.,!?~…]*{_REACTION_TOKEN}(?:[\s.,!?~…]*{_REACTION_TOKEN})*[\s.,!?~…]*$"),)
)
"""A message that is nothing but laughter, an interjection or reacting emoji ("jajajaja",
"bruh 💀💀", "LMAOOO", "хахаха", "😭😭"): it says nothing to anyone, so it settles the model scores
that such short, unfamiliar strings can raise."""

_BEAT = (
    r"(?:beat|beats|destroy\w*|crush\w*|smash\w*|wreck\w*|own|owns|owned|pwn\w*|annihilat\w*|demolish\w*"
    r"|obliterat\w*|thrash\w*|hammer\w*|whoop\w*|dominat\w*|defeat\w*|outplay\w*|wipe the floor with)"
)
_BEATEN = r"(?:beaten|destroyed|crushed|smashed|wrecked|owned|pwned|rekt|annihilated|demolished|obliterated|thrashed)"
_RIVAL = (
    rf"(?:{YOU}|yours|your (?:team|squad|side|class|clan|guild|crew|(?:high )?score|record|time)"
    r"|(?:the other|their) (?:team|side|squad|class))"
)

GAME_PATTERNS = compile_patterns(
    (
        ("context.game", rf"\b{_BEAT} {_RIVAL}\b(?! up\b)"),
        ("context.game", rf"\b(?:take|taking|knock|knocking) {_RIVAL} (?:down|out)\b"),
        (
            "context.game",
            rf"\b{YOURE} (?:going down|so dead|dead meat|toast|done for|going to lose|gonna lose)\b",
        ),
        ("context.game", rf"\b(?:get|getting|got) {_BEATEN}\b"),
        ("context.game", r"\b(?:prepare|ready|get ready) to (?:lose|get \w+)\b"),
    )
)

_GAME = compile_patterns(
    (
        (
            "game",
            r"\b(?:round|rounds|match|matches|game|games|gg|ggs|1v1|2v2|3v3|rematch|tournament|league|level"
            r"|high score|score|race|quiz|finals?|lobby|ranked|pvp|server|team|teams|play|playing|practice"
            r"|fortnite|minecraft|roblox|bedwars|fifa|mario ?kart|smash bros|among us|rocket league|valorant"
            r"|overwatch|apex|cod|call of duty|chess|checkers|uno|monopoly|cards|scrabble|ping ?pong"
            r"|table tennis|tennis|basketball|football|soccer|netball|hockey|baseball|dodgeball|volleyball"
            r"|badminton|rugby|cricket|sports day|swimming|running)\b",
        ),
    )
)

_VIOLENCE = compile_patterns(
    (
        (
            "violence",
            r"\b(?:kill\w*|stab\w*|shoot\w*|shot|murder\w*|knife|knives|gun|guns|bomb\w*|blood\w*|bleed\w*"
            r"|hurt\w*|punch\w*|face|skull|bones?|neck|throat|die|dying|beat (?:you|u|ya) up|beat up"
            r"|house|home|address|where you live|irl|in real life|outside|find you|wait for you|bus stop)\b",
        ),
    )
)

_AT_YOU = compile_patterns((("insult", rf"\b(?:{YOU}|{YOURE}|{YOUR})\b(?:\W+\w+){{0,3}}?\W+{_INSULT}\b"),))

CONTEXT_PATTERNS = (
    *DISCLOSURE_PATTERNS,
    *GROOMING_DISCLOSURE_PATTERNS,
    *ABUSE_DISCLOSURE_PATTERNS,
    *COUNTER_SPEECH_PATTERNS,
    *GAME_PATTERNS,
    *IDIOM_PATTERNS,
    *REACTION_PATTERNS,
)

_TOPIC = "context.disclosure.topic"
_SENTENCE_END = re.compile(r"[.!?\n]")


def find_context(text: str) -> list[RuleHit]:
    """``context.disclosure`` hits (label bullying), none when the message insults its reader;
    ``context.disclosure.grooming`` (label grooming) and ``context.disclosure.abuse`` (label
    threat) hits; ``context.counter_speech`` hits (label hate); ``context.game`` hits (label threat), none when it speaks of real-world
    violence. A disclosure (not ``.topic``) or counter-speech hit spans its whole sentence."""
    hits = run_patterns(text, DISCLOSURE_PATTERNS, Label.BULLYING)
    if hits and _mentions(_AT_YOU, text):
        hits = []
    hits += run_patterns(text, GROOMING_DISCLOSURE_PATTERNS, Label.GROOMING)
    hits += run_patterns(text, ABUSE_DISCLOSURE_PATTERNS, Label.THREAT)
    hits += run_patterns(text, COUNTER_SPEECH_PATTERNS, Label.HATE)
    hits = _one_per_sentence([h if h.rule == _TOPIC else _sentence_of(text, h) for h in hits])
    hits += run_patterns(text, IDIOM_PATTERNS, Label.THREAT)
    hits += run_patterns(text, REACTION_PATTERNS, Label.PROFANITY)
    game = run_patterns(text, GAME_PATTERNS, Label.THREAT)
    if game and _mentions(_GAME, text) and not _mentions(_VIOLENCE, text):
        hits += game
    return hits


def _sentence_of(text: str, hit: RuleHit) -> RuleHit:
    """``hit`` with its span widened to the sentence around it."""
    start = hit.span.start
    while start > 0 and not _SENTENCE_END.match(text, start - 1):
        start -= 1
    found = _SENTENCE_END.search(text, hit.span.end)
    end = found.start() if found is not None else len(text)
    return RuleHit(hit.rule, hit.label, Span(start, max(end, hit.span.end)), hit.maskable)


def _one_per_sentence(hits: list[RuleHit]) -> list[RuleHit]:
    """Each rule once per span (two patterns of one rule in one sentence are one disclosure)."""
    return list({(hit.rule, hit.span): hit for hit in hits}.values())


def _mentions(group: PatternGroup, text: str) -> bool:
    return any(pattern.regex.search(text) for pattern in group.candidates(text))
