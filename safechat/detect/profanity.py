"""Swear words, found by a word list so that they can be masked ("this is ****ing hard").

The model scores profanity as a whole message; this rule finds the words themselves. It knows
only common English swearing and its chat abbreviations ("wtf", "stfu"). It leaves out words
with an everyday meaning children use ("bloody nose", "a pussy cat", "this game sucks", "prick
your finger", "blue tits"), and slurs and sexual insults, which are bullying, hate or sexual
content and are the model's to judge. The normaliser has already undone leetspeak, spacing and
repeated letters ("sh1t", "s h i t", "fuuuck"); the list also takes the starred spellings it
leaves ("f*ck", "sh*t").
"""

from __future__ import annotations

from safechat.detect.base import RuleHit, compile_patterns, run_patterns
from safechat.types import Label

# One alternative per word family; \w* takes endings ("fucking", "shitty", "damned"), and
# [\w*]* starred ones ("f*ck*ng").
_SWEARING = (
    r"f+u+c+k+[\w*]*|f[*#@]+c?k[\w*]*|fu[*#@]+[\w*]*|fck\w*|fkn|fking|motherf\w+",
    r"s+h+i+t+\w*|sh[*#@]+t[\w*]*|bullshit\w*|horseshit|dipshit\w*",
    r"crap|crappy|craps",
    r"damn\w*|dammit|goddamn\w*|god damn",
    r"hell",
    r"ass|asses|asshole\w*|arse|arsehole\w*|dumbass\w*|jackass\w*|smartass\w*|badass\w*|kickass",
    r"bitch\w*|b[*#@]+tch\w*",
    r"bastard\w*",
    r"piss|pissed|pissing|pisses",
    r"dick|dicks|dickhead\w*",
    r"cunt\w*|c[*#@]+nt",
    r"twat\w*",
    r"wank\w*",
    r"bollocks",
    r"wtf|stfu|omfg|ffs|gtfo",
)

PROFANITY_PATTERNS = compile_patterns(
    [("profanity.word", r"(?<![\w*#@])(?:" + "|".join(_SWEARING) + r")(?![\w*#@])")], maskable=True
)


def find_profanity(text: str) -> list[RuleHit]:
    """One ``profanity.word`` hit per swear word, each maskable."""
    return run_patterns(text, PROFANITY_PATTERNS, Label.PROFANITY)
