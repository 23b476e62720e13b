"""Context that explains a moderate model score: a child telling of bullying, and game banter.

Both are everyday in children's chat and both look, word for word, like what the model learnt to
flag: "I'm being bullied at school" is full of bullying words, "I'll crush you at Fortnite" of
threat words. A context hit never raises an action. The policy may let it settle its label's
model score when that score is moderate (``tempers_model_below`` in the policy): a very high
score still acts, and the other rules (``threat.violence``, ``bullying.kys``) still fire.

- ``context.disclosure`` (bullying): the writer tells of bullying they or someone they know
  suffer, or talks about bullying as a subject ("my friend is being bullied", "a kid called me
  stupid", "how do I report bullying"). Only a first- or third-person teller counts: "you got
  bullied" is not a disclosure, and an insult aimed at the reader ("you fat freak", "you
  deserve it") anywhere in the message stops it.
- ``context.game`` (threat): a beat-you idiom ("I'll crush you", "you're going down", "get
  rekt") in a message that names a game, a sport or a match. Any word of real-world violence or
  of finding someone ("stab", "gun", "hurt", "your house", "beat you up", "irl") anywhere in the
  message stops it.
"""

from __future__ import annotations

from safechat.detect.base import YOU, YOUR, YOURE, PatternGroup, RuleHit, compile_patterns, run_patterns
from safechat.types import Label

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

DISCLOSURE_PATTERNS = compile_patterns(
    (
        ("context.disclosure", rf"\b{_TELLER}{_PASSIVE} (?:being |getting |been )?(?:{_SUFFERED})\b"),
        ("context.disclosure", rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\b{_DID_TO} (?:me|us|my \w+)\b"),
        (
            "context.disclosure",
            rf"\b{_OTHERS}\b[^.!?\n]{{0,40}}?\bsaid (?:that )?(?:(?:i|we) (?:was|were|am|are|'m)|(?:nobody|no one|everyone|everybody) \w+ (?:me|us))\b",
        ),
        ("context.disclosure", r"\b(?:the|these|those) bullies\b|\bbullies (?:me|us|my \w+)\b"),
        ("context.disclosure", r"\b(?:report\w*|stop\w*|against|about|anti-?|for) (?:cyber ?)?bullying\b"),
    )
)

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

CONTEXT_PATTERNS = (*DISCLOSURE_PATTERNS, *GAME_PATTERNS)


def find_context(text: str) -> list[RuleHit]:
    """``context.disclosure`` hits (label bullying), none when the message insults its reader,
    and ``context.game`` hits (label threat), none when it speaks of real-world violence."""
    hits = run_patterns(text, DISCLOSURE_PATTERNS, Label.BULLYING)
    if hits and _mentions(_AT_YOU, text):
        hits = []
    game = run_patterns(text, GAME_PATTERNS, Label.THREAT)
    if game and _mentions(_GAME, text) and not _mentions(_VIOLENCE, text):
        hits += game
    return hits


def _mentions(group: PatternGroup, text: str) -> bool:
    return any(pattern.regex.search(text) for pattern in group.candidates(text))
