"""Swear words, found by a word list so that they can be masked ("this is ****ing hard").

The model scores profanity as a whole message; this rule finds the words themselves. It knows
common English swearing and its chat abbreviations ("wtf", "stfu"), and the common swearing of
children's chat in the multilingual bundle's languages (French, German, Spanish, Italian, Dutch,
Polish, Portuguese, Ukrainian; written without a native speaker's review, checked on the ``dev``
lines of ``devsets/childchat-multi``). It leaves out words
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
    r"damn\w*|dammit|goddamn\w*|goddammit|god damn",
    # not a game ("tower of hell") or a song, nor "he'll" typed without its apostrophe ("hell be late")
    r"(?<!tower of )(?<!highway to )hell(?! (?:be|come|do|get|go|see|say|tell|hit|find|know|want|beat|stab|kill"
    r"|never|probably|prob|just|def|literally|text|call|ask|bring|make|take|give|try|pick|meet|send|help|wait)\b)",
    r"ass|asses|asshole\w*|arse|arsehole\w*|dumbass\w*|jackass\w*|smartass\w*|badass\w*|kickass",
    r"bitch\w*|b[*#@]+tch\w*",
    r"bastard\w*",
    r"piss|pissed|pissing|pisses",
    r"(?<!voll )(?<!zu )(?<!sehr )(?<!so )(?<!bin )(?<!bist )(?<!ist )dick|dicks|dickhead\w*",
    r"cunt\w*|c[*#@]+nt",
    r"twat\w*",
    r"wank\w*",
    r"bollocks",
    r"wtf|stfu|omfg|ffs|gtfo",
)

# The other languages, as children type them (no accents, chat abbreviations). Left out as in
# English: words with an everyday meaning ("kanker" is also the illness, "cholera" the disease,
# "palle" snowballs, "culo" luck, "con" means "with" in Spanish, "cono" a cone, "verga" an author
# Italian children study, "porra" a Spanish betting pool, "dick" "fat" in German, "mist" and "gown"
# English words) unless in a fixed swearing phrase or on its own at the end of a clause.
_SWEARING_OTHER_LANGUAGES = (
    # de
    r"schei(?:ß|ss|s)\w*|verfickt\w*|verdammt\w*|kacke|arschloch\w*|fick (?:mein leben|dich|die)|schas",
    # es
    r"joder|jodid[oa]s?|mierda\w*|hostia(?:s)?|me cago en|coño|put[oa] (?:asco|vida|madre|mierda)|hostia puta"
    r"|cabr[oó]n\w*|gilipollas|carajo|chinga\w*|pendej[oa]s?|no mames",
    # fr
    r"merde\w*|putain|ptn|bordel|(?:fait|fais|faire) chier|connard\w*|connasse\w*|encul[eé]\w*|nique (?:sa|ta) m[eè]re|ntm|fdp"
    r"|tabarna[ck]|tabarnouche|c[aâ]lisse|crisse|osti",
    # it
    r"cazz(?:o|i|ata|ate|uto)|merda|stronz(?:o|a|i|e|ata|ate)|porca (?:puttana|miseria|troia)|porco (?:dio|cane)|porcodio"
    r"|minchia\w*|vaffanculo|fanculo|affanculo|coglion[ei]\w*|che palle",
    # nl
    r"godverdomme|godver|godsamme|verdomme|tering\w*|kanker(?:\w+| (?:wat|veel|zooi|game|lag|slecht|saai))|kkr|kut\w*"
    r"|klote\w*|tyfus\w*|pleuris|kolere",
    # pl
    r"kurw\w*|pierdol\w*|pierdziel\w*|jeb\w*|chuj\w*|cholera jasna|g[oó]wn(?:o|a|em|ie|iany|iana)\w*|dupa\w*|pojeb\w*|spierdal\w*",
    # pt
    r"caralho|krl|crl|porra(?= *[,!?.]| *$)|pqp|puta que pari[uo]|puta merda|foda(?:-se)?|fodase|fds|fodid[oa]s?|vsf|cacete|bosta|merda",
    # uk (and the Russian words Ukrainian children use)
    r"бля\w*|сука|хуй\w*|хуйн\w*|пізд\w*|пизд\w*|піздєц|йоба\w*|єба\w*|ебат\w*|їба\w*|нахуй|курва",
)

PROFANITY_PATTERNS = compile_patterns(
    [
        (
            "profanity.word",
            r"(?<![\w*#@])(?:" + "|".join((*_SWEARING, *_SWEARING_OTHER_LANGUAGES)) + r")(?![\w*#@])",
        )
    ],
    maskable=True,
)


def find_profanity(text: str) -> list[RuleHit]:
    """One ``profanity.word`` hit per swear word, each maskable."""
    return run_patterns(text, PROFANITY_PATTERNS, Label.PROFANITY)
