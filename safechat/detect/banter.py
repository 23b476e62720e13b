"""``context.banter``: friends' mock insults, told apart by the kindness in the same message.

"ur such an idiot i love u 😭", "noob. absolute noob. next game?", "u left ur pe kit on the bus
AGAIN 😂 i grabbed it for u", "sukkel je bent je gymtas weer vergeten, je mag mijn reservesokken
lenen", "ale z ciebie noob xD zginąłeś od upadku, jeszcze raz?", "ну ти і нуб хд, ще катку?".
Friends tease each other all day, and the model reads the insult and gives a bullying score that
the children's bands act on. What a bully does not do in the same breath is what a friend does:
say they love the reader, ask for another game, lend them something, help them, or take the
insult back with praise ("jk ur good", "gg tho"). Thanks are not among them: "thx for help
idiots" and "thanks for throwing" are how players rage at their team in game chat.

What counts: one of those friendly moves, addressed to the reader, in English and the eight
children's chat languages (:data:`FRIENDLY`). The policy lets the hit settle a moderate bullying
or profanity score of the model (``tempers_model_below``); a high score still acts, and no rule's
hit is settled. What does not: a message in which any rule of harm fires (a threat, a "kys", a
slur, humiliation, exclusion, a grooming move, a goodbye before self-harm), one that takes the
kindness back ("jk not jk", "not joking"), and one that speaks of a third person ("she", "him",
"ona", "він"), whom a kind word to the reader does not protect ("everyone roast her 😂 ily
guys"). A rematch is a question or an invitation ("go again?", "nog een potje?"), never "once
more" alone: "jeszcze raz mnie zgłosisz to..." ("report me once more and...") is a threat's
condition. "love you all" is a goodbye's word as well as a friend's: only one reader counts.
Written without a native speaker's review.
"""

from __future__ import annotations

import re

from safechat.detect.base import APOSTROPHE as _AP
from safechat.detect.base import YOU, YOUR, YOURE, RuleHit, compile_patterns
from safechat.types import Label, Span

RULE = "context.banter"

_LOVE_EN = (
    rf"(?:(?:i |i do |ik )?(?:love|luv|lov|wuv|ly) (?:{YOU}|ya|yaa)(?! (?:all|guys|both|everyone|lot)\b)"
    r"(?: (?:so much|sm|lots|too|2|tho|though|fr))?)"
)
_PLAY_EN = r"(?:game|round|match|try|go|run|one|rematch)"

FRIENDLY = compile_patterns(
    ("friendly", regex)
    for regex in (
        # en, affection: "i love u", "love ya", "ily", "ilysm", "ur my favourite weirdo"
        rf"\b{_LOVE_EN}\b|\bil(?:y|yy|ysm|ylm|y2|ysfm)\b"
        rf"|\b{YOURE} (?:still )?my (?:fav|fave|favourite|favorite|fav person|best friend|bestie|bff)\b",
        # en, another game: "next game?", "another round?", "rematch?", "run it back", "hop on"
        rf"\b(?:next|another|one more) {_PLAY_EN}\s*\?|\b(?:rematch|run it back)\b|\b(?:let'?s|lets|wanna|want to|can we|shall we) go again\b|\bgo again\s*\?"
        r"|\b(?:wanna|want to|u wanna|you wanna|down to) (?:play|duo|queue|run it|go) (?:again|another|later|tmrw|tomorrow)\b"
        r"|\bhop on\b|\b(?:still|gonna keep) (?:queuing|queueing|playing|duoing) with (?:u|you)\b",
        # en, help and lending: "i grabbed it for u", "u can borrow mine", "text me when u get home"
        rf"\b(?:i'?ll|ill|i will|i can|lemme|let me|i'?m gonna) (?:help|carry) {YOU}\b"
        rf"|\bi (?:grabbed|saved|kept|got|picked up|brought) (?:it|one|them|a \w+|{YOUR} \w+|some) for {YOU}\b"
        rf"|\b{YOU} can (?:borrow|use|share) (?:my|mine)\b|\btext me when (?:{YOU}|ur|youre|you'?re) (?:get|home|back)\b",
        # en, the insult taken back: "jk ur good", "gg tho", "jk good game", "but ur a good hider"
        rf"\b(?:jk|jkjk|just kidding|kidding) (?:{YOURE}|{YOU} (?:are|r|were)) (?:good|cracked|goated|the best|fine|not|actually)\b"
        r"|\bgg (?:tho|though|anyway|anyways|still)\b|\b(?:jk|jkjk|just kidding) (?:good game|gg)\b"
        rf"|\bbut (?:{YOURE}|{YOU} (?:are|r|were)) (?:a )?(?:good|great|cracked|goated|the best|clean|fire)\b",
        # fr: "je t'aime", "jtm", "je t'adore", "on relance une game", "je t'aide"
        rf"\b(?:je t{_AP}?(?:aime|adore|kiffe)|jtm|jtaime|jtadore|t{_AP}?es trop (?:chou|mignon|mignonne))\b"
        r"|\bon (?:relance|refait|remet|rejoue) (?:une|1|la) (?:game|partie|manche|ranked)\b"
        r"|(?<!en )\brevanche\b"  # French, German, Dutch and Portuguese alike; not "en revanche"
        r"|\b(?:encore une|une autre|une derni[eè]re) (?:game|partie|manche)\b"
        rf"|\bje (?:t{_AP}?aide|te (?:pr[eê]te|passe|montre|carry|porte))\b"
        r"|\bmais (?:gg|bien jou[eé])\b|\bgg quand m[eê]me\b",
        # de: "hab dich lieb", "noch eine runde?", "warte ich helf dir", "gut gespielt"
        r"\b(?:hab (?:dich|di) (?:so )?(?:lieb|gern)|hdl|hdgdl|ich liebe dich)\b"
        r"|\bnoch (?:eine|ne|1|mal eine|ein) (?:runde|partie|match|spiel|game)\b|\bnochmal\s*\?"
        r"|\bich (?:helf|helfe) dir\b|\b(?:kannst|darfst) (?:du )?(?:meine|meinen|mein) \w+ (?:haben|leihen|nehmen)\b"
        r"|\b(?:gut gespielt|gg trotzdem|trotzdem gg)\b",
        # es: "te quiero", "tqm", "otra partida?", "revancha", "te la guardo yo"
        r"\b(?:te (?:quiero|adoro|amo)(?: mucho)?|tqm|tkm)\b"
        r"|\b(?:otra (?:partida|ronda|game)|revancha)\b|\botra(?: m[aá]s)?\s*\?"
        r"|\b(?:te (?:ayudo|presto|dejo|guardo|paso)|te l[oa] guardo)\b"
        r"|\b(?:bien jugado|te lo reconozco|sin ti me aburro)\b",
        # it: "ti voglio bene", "tvb", "rivincita", "un'altra?", "ti aiuto"
        rf"\b(?:ti voglio (?:un mondo di |tanto )?bene|tvb|tvtb|ti adoro)\b"
        rf"|\b(?:rivincita|un{_AP}?altra (?:partita|game)|ancora una (?:partita|game))\b|\bun{_AP}?altra\s*\?"
        r"|\bti (?:aiuto|presto|tengo il posto)\b|\b(?:ben giocato|senza di te)\b",
        # pt: "gosto bué de ti", "adoro-te", "mais uma?", "explico-te", "bem jogado"
        r"\b(?:gosto (?:bu[eé] |muito |mt )?de ti|adoro-te|amo-te)\b"  # "te adoro", "te amo": as in Spanish
        r"|\boutra partida\b|\bmais uma\s*\?|\b(?:eu )?te (?:ajudo|empresto|explico)\b|\b(?:ajudo|empresto|explico)-te\b"
        r"|\b(?:bem jogado|gg na mesma)\b",
        # nl: "hou toch van je", "nog een potje?", "je mag mijn ... lenen", "ik help je"
        r"\b(?:(?:ik )?hou (?:toch |echt |wel |zo )?van je|hvj)\b"
        r"|\bnog (?:een|1|n) (?:potje|rondje|keer|game|pot)\b"
        r"|\b(?:je mag|mag je) (?:mijn|m{_AP}?n)\b|\bik help je\b"
        r"|\b(?:gg alsnog|goed gespeeld)\b",
        # pl: "kocham cię", "jeszcze raz?", "masz moje spodenki", "pożyczę ci", "pomogę ci"
        r"\bkocham (?:ci[eę]|cie|was)\b|\bjeszcze (?:raz|jedn[aąe]|jeden|rundk[eęa])\s*\?|\brewan[zż]\w*\s*\?"
        r"|\b(?:masz|we[zź]) (?:moje|moj[aą]|m[oó]j)\b|\bpo[zż]ycz(?:[eę]|ymy)? ci\b|\bpomog[eę] ci\b"
        r"|\b(?:dobra gra|gg mimo wszystko)\b|\bnast[eę]pnym razem ci odpuszcz[eę]\b",
        # uk: "люблю тебе", "ще катку?", "го ще", "давай я тебе потреную", "ти топ"
        r"(?<!\w)(?:люблю тебе|лю тебе|lyublyu tebe)(?!\w)"
        r"|(?<!\w)(?:ще (?:катку|одну|раз\s*\?|партію)|го ще|shche katku|go shche|реванш)(?!\w)"
        r"|(?<!\w)давай я тебе (?:потреную|навчу|допоможу|покажу|затащу)(?!\w)|(?<!\w)допоможу тобі(?!\w)"
        r"|(?<!\w)(?:ти топ|жарт|жартую)(?!\w)",
    )
)
"""A friendly move towards the reader: affection, another game, help or lending, the insult taken
back with praise."""

_TAKEN_BACK = re.compile(
    r"\b(?:jk not jk|not jk|not (?:joking|kidding)|im not joking|i'?m not joking|no jk"
    r"|sans rire|kein witz|не жарт|no es broma|non scherzo|n[aã]o [eé] piada|geen grap|bez jaj|nie [zż]artuj[eę]|не жартую)\b",
    re.IGNORECASE,
)
"""The kindness taken back, or the insult meant."""

_THIRD_PERSON = re.compile(
    r"(?<!\w)(?:she|shes|she'?s|her|hers|herself|he|hes|he'?s|him|himself|his|they'?re|them|elle|lui|sie|ihn|ihm"
    r"|ella|él|lei|ela|ele|dela|dele|zij|hij|haar|hem|ona|jej|jego|ją|вона|він|її|його|йому|їй)(?!\w)",
    re.IGNORECASE,
)
"""Someone other than the reader spoken of, whom a kind word to the reader does not protect."""


def find_banter(text: str, harm_hits: list[RuleHit]) -> list[RuleHit]:
    """One ``context.banter`` hit (label bullying) over the whole of ``text`` when it makes a
    friendly move towards the reader (:data:`FRIENDLY`), no rule of harm fired on it
    (``harm_hits``), it does not take the kindness back and it speaks of no third person."""
    if harm_hits or not FRIENDLY.mentions(text):
        return []
    if _TAKEN_BACK.search(text) is not None or _THIRD_PERSON.search(text) is not None:
        return []
    return [RuleHit(RULE, Label.BULLYING, Span(0, len(text)))]
