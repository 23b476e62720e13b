"""Harms the severity ladder must not leave at ``warn``: they name a child, a place or a person.

The model scores how likely a message is bullying, hate, a threat or personal information; it
does not tell "you're weird" from putting a child's diary in the class chat, or "I'll get you"
from "I'll jump you at the bus stop after school". These rules find the forms that call for
``block`` or ``escalate`` for children (README, "Severity ladder"):

- ``bullying.humiliation``: exposing or mocking a named or addressed child in front of others:
  private things posted or shown ("posted ur diary in the gc", "showed everyone lily's texts"),
  the group told to mock them ("everyone do kacper's stutter"), a clip or page made of them
  ("we made a tiktok of how u walk"), the whole group told ("the whole class knows u wet the bed"),
  a picture of a shaming moment spread ("posting the clip of him crying on my story", "the edit of
  zara with the unibrow is getting so many views").
- ``hate.slur``: a slur aimed at the reader ("ur a f*g", "you p*ki"). A slur quoted by a child
  speaking up against it is not aimed at anyone (``context.counter_speech`` settles its sentence).
- ``threat.specific``: violence promised with a real-world place or time ("I'll beat u up after
  school", "we're jumping him at the park"). Game talk names no bus stop.
- ``pii.doxxing``: someone else's address, number, school or location shared ("her address is",
  "heres his number"), or a call to dox.

The normaliser has already undone leetspeak, spacing and stars that hide letters.
"""

from __future__ import annotations

import re

from safechat.detect.base import YOU, YOUR, YOURE, RuleHit, compile_patterns, run_patterns
from safechat.detect.reported import unless_reported
from safechat.detect.severity_languages import (
    DOXXING_OTHER_LANGUAGES,
    HUMILIATION_OTHER_LANGUAGES,
    SLURS_OTHER_LANGUAGES,
    SPECIFIC_THREATS_OTHER_LANGUAGES,
    find_severe_other_languages,
)
from safechat.types import Label

_SOMEONES = rf"(?:{YOUR}|his|her|their|[a-z]+'s|[a-z]+s')"
_PRIVATE = (
    r"(?:diary|journal|texts|msgs|messages|dms|chats|crush(?: list)?|love (?:letter|note|poem)|poem|notes?"
    r"|voice ?notes?|vn|search history|secrets?|confession|nudes|browser history|private (?:story|account|pics?))"
)
_EXPOSED = (
    r"(?:posted|post|posting|leaked|leak|leaking|shared|sharing|showed|show|showing|sent|screenshotted|screenshot"
    r"|screenshotting|pinned|read out|reading out|read|put|forwarded|forwarding|exposed|exposing)"
)
_MOCKED = r"(?:stutter|lisp|voice|laugh|walk|accent|face|crying|cry|fail|teeth|run|dance|singing)"
_GROUP = r"(?:gc|group ?chat|class|school|year|group|server|chat|story|tiktok|insta|snap|everyone|whole \w+)"

_HUMILIATION = compile_patterns(
    (
        ("bullying.humiliation", rf"\b{_EXPOSED}\b(?: \w+){{0,4}}? {_SOMEONES} {_PRIVATE}\b"),
        (
            "bullying.humiliation",
            rf"\b(?:every ?one|every ?body|all of (?:u|you)|guys|yall|y'all) (?:do|copy|laugh at|watch|listen to|look at"
            rf"|go watch|go listen to|rate) {_SOMEONES} {_MOCKED}\b",
        ),
        (
            "bullying.humiliation",
            rf"\b(?:made|making|make|doing|did) (?:a|an|the) (?:whole )?(?:tiktok|video|vid|meme|soundboard|edit"
            rf"|compilation|slideshow|page|account|acc|gc|group chat|poll)\b(?: \w+){{0,3}}? (?:of|about|acting out"
            rf"|mocking|rating) (?:{YOU}|{YOUR}|him|her|them|how {YOU}|[a-z]+'s)\b",
        ),
        (
            "bullying.humiliation",
            rf"\b(?:the )?whole (?:gc|group ?chat|class|school|year|group|server|team) (?:knows|saw|seen|has seen|heard)"
            rf" (?:{YOU}|{YOUR}|how {YOU}|what {YOU}|about {YOUR})\b",
        ),
        (
            "bullying.humiliation",
            rf"\bin (?:the|our) {_GROUP}\b(?: \w+){{0,3}}? so (?:every ?one|we) can laugh\b",
        ),
        ("bullying.humiliation", rf"\b(?:leaked|leaking|exposed|exposing) (?:{_SOMEONES}|{YOU}|him|her)\b"),
        (
            "bullying.humiliation",
            rf"\b(?:clipped|recorded|filmed|screen ?recorded) (?:{YOU}|him|her|them) (?:crying|falling|fall|cry)\b",
        ),
        ("bullying.humiliation", rf"\b(?:doing|did|do) impressions? of {_SOMEONES}\b"),
        (
            "bullying.humiliation",
            rf"\b(?:told|tell|telling|showed|show|showing)\b(?: \w+){{0,2}}? (?:every ?one|every ?body|the whole \w+"
            rf"|the (?:gc|group ?chat|class))\b[^.!?\n]{{0,40}}?\b{_SOMEONES} {_PRIVATE}\b",
        ),
    )
)

# A picture or clip of a child in a shaming moment, spread: the hit is the picture ("the clip of him
# crying", "ur year 7 photo", "recorded oskar"); it counts only when the message also spreads it
# (a story, the whole year, a poster, views) and names the shame (crying, falling, wetting
# themselves, a pig's nose, sad music added). A birthday post ("posting the cutest pic of u lol")
# names no shame; a child telling of their own ("someone posted a video of me falling") is no
# one else's picture.
_PICTURED = (
    r"(?:him|her|them|u|you|(?!(?:me|us|my|our|the|a|an|it|this|that|mine|myself|everyone|everybody|ppl|people|each"
    r"|ya)\b)[a-z]+)"
)
_PICTURED_S = r"(?:his|her|ur|your|their|(?!(?:its|this|thats|is|was|has|us|whats|hes|shes|lets|dads|mums|moms)\b)[a-z]+'?s)"
_PICTURE = (
    r"(?:clips?|vids?|videos?|pics?|pictures?|photos?|recordings?|voice ?notes?|edits?|screenshots?|memes?|stickers?"
    r"|deepfakes?|slideshow|selfies?|school photo|snaps?)"
)
_SHAMING_PICTURE = compile_patterns(
    (
        (
            "bullying.humiliation",
            rf"\b{_PICTURE} of {_PICTURED}\b|\b{_PICTURED_S} (?:\w+ )?{_PICTURE}\b"
            rf"|\b(?:recorded|filmed|clipped|screenshotted|photoshopped|edited|zoom(?:ed)? in on) {_PICTURED}\b",
        ),
    )
)
_SPREAD = re.compile(
    r"\bon (?:my|the|his|her|our) (?:story|finsta|insta|tiktok|snap|page|projector|noticeboard|status)\b|\bposting\b"
    r"|\bposted\b|\bpost it\b|\bairdrop\w*|\bsen(?:d|t|ding) (?:it )?(?:to|round) (?:every\w*|the whole|all)\b"
    r"|\bevery (?:gc|group|school|class)\b|\bgoing round\b|\bgetting (?:so many )?views\b|\bgot \d+k? views\b"
    r"|\bprint(?:ing|ed)?\b|\bposter\b|\bsticker pack\b|\bgroup (?:icon|pic)\b|\bleavers video\b"
    r"|\bin (?:the|our|every) (?:gc|group ?chat|class chat)\b|\bto the whole (?:class|year|school|bus|gc)\b"
    r"|\bplaying it\b|\b(?:going|goes) on\b|\bput (?:it )?on\b|\btiktok\b",
    re.IGNORECASE,
)
_SHAME = re.compile(
    r"\bcr(?:y|ying|ied)\b|\btears\b|\bfall(?:ing|s)?\b|\bfell\b|\btripp?(?:ing|ed)\b|\bslipp?(?:ing|ed)\b|\bface ?plant\w*"
    r"|\basleep\b|\bdrool\w*|\bsnoring\b|\bwet (?:himself|herself|themselves)\b|\bpe(?:e|ed) (?:himself|herself)\b"
    r"|\bstain\b|\bugly\b|\bbraces\b|\bunibrow\b|\bspots\b|\bacne\b|\bpig\b|\bbaby\b|\bnappy\b|\btutu\b|\bfails?\b"
    r"|\bfailing\b|\brejected\b|\bdumped\b|\bvoice crack\w*|\bsqueaky\b|\blaugh track\b|\bsad (?:music|violin)\b"
    r"|\bcircus music\b|\bslow ?mo\b|\bslowed down\b|\bembarrass\w*|\bhumiliat\w*|\bworst (?:pics|photos|moments)\b"
    r"|\bunderwear\b|\bthrew up\b|\bpuk\w+|\bvomit\w*|\bwith the caption\b|\bbowl cut\b|\bvirgin\b",
    re.IGNORECASE,
)

# Slurs as children meet them in chat; the normaliser has folded "f4g", "f*g" and "n1gga".
_SLUR = (
    r"(?:n+i+g+(?:g+)?(?:a|ah|er|uh|az|as|ers)|nigg\w*|fag|fags|faggot\w*|f\*g\w*|dyke|dykes|tranny|trannies"
    r"|retard|retards|retarded|spaz|spazz|spastic|mong|mongoloid|sped|window licker|chink|chinks|gook|gooks"
    r"|paki|pakis|spic|spics|wetback|wetbacks|beaner|beaners|kike|kikes|raghead|ragheads|towelhead"
    r"|towelheads|coon|coons|gypo|gyppo|pikey|tar ?baby|sand ?n\w+)"
)
_SLURS = compile_patterns(
    (
        (
            "hate.slur",
            rf"\b(?:{YOURE}|{YOU}|{YOURE} (?:such )?an?|{YOURE} just an?|shut up|bye|ok|cya|stfu)"
            rf"(?: (?:little|stupid|dirty|dumb|fat|ugly|fucking|f\w*ing|absolute|actual|literal))? {_SLUR}\b",
        ),
    )
)

_TARGET = rf"(?:{YOU}|him|her|them|{YOUR} \w+|his \w+|her \w+)"
_VIOLENCE = (  # "beat you" alone is a game ("beat you at chess"): only "beat you up"
    rf"(?:(?:batter|battering|jump|jumping|stab|stabbing|shoot|shooting|knife|kill|killing|punch|punching|hurt"
    rf"|hurting|fight|fighting|slap|slapping|kick|kicking|smash|smashing) {_TARGET}"
    rf"|(?:get|getting) {_TARGET}(?! (?:a|an|some|one|the|something|anything|food|lunch|drinks?|sweets|snacks)\b)"
    rf"|beat {_TARGET} up|beat up {_TARGET}|smash (?:{YOUR}|his|her|their) (?:face|head) in)"
)
_PASSIVE = rf"(?:{YOURE}|he'?s|hes|she'?s|shes|they'?re) (?:getting|gonna get|going to get) (?:stabbed|jumped|battered|beaten up|shot|hurt|smashed|punched|merked)"
_PROMISE = (
    r"(?:i'?ll|i will|im|i'?m|i am|we'?ll|we will|we'?re|we are|were|they'?ll|gonna|going to|gna|finna)"
)
_WHERE_WHEN = (
    r"(?:after school|before school|at (?:lunch|break|lunchtime|recess|home time|pick ?up)|outside (?:school|the gates"
    r"|ur house|your house|the shop)|behind the (?:gym|school|shops?|bike ?sheds?|canteen)|at the (?:park|bus stop"
    rf"|station|gates?|field|shops?|skatepark|corner)|at (?:{YOUR}|his|her) (?:house|school|door)|on the bus"
    rf"|when (?:{YOU}|he|she) (?:get|gets) off the bus|in the (?:toilets|changing rooms|corridor))"
)
_SPECIFIC_THREATS = compile_patterns(
    (
        ("threat.specific", rf"\b{_PROMISE} (?:\w+ ){{0,2}}?{_VIOLENCE}\b[^.!?\n]{{0,50}}?\b{_WHERE_WHEN}\b"),
        ("threat.specific", rf"\b{_WHERE_WHEN}\b[^.!?\n]{{0,30}}?\b{_PROMISE} (?:\w+ ){{0,2}}?{_VIOLENCE}\b"),
        ("threat.specific", rf"\b{_PASSIVE}\b[^.!?\n]{{0,50}}?\b{_WHERE_WHEN}\b"),
    )
)

_DOXXING = compile_patterns(
    (
        (
            "pii.doxxing",
            r"\b(?:his|her|their|[a-z]+'s) (?:home |real )?(?:address|number|phone number|postcode|house|school"
            r"|location|ip|full name|real name|snap|insta) (?:is|=|:|->)",
        ),
        (
            "pii.doxxing",
            r"\b(?:here'?s|heres|this is|got) (?:his|her|their|[a-z]+'s) (?:home |real )?(?:address|number|phone number"
            r"|postcode|location|ip|full name|real name)\b",
        ),
        (
            "pii.doxxing",
            r"\b(?:he|she|they) lives? (?:at|on) (?:number )?\d+|\b(?:dox|doxx|doxxed|doxxing|doxing) (?:him|her|them|\w+)\b",
        ),
        (  # "dads number is 07700...", "oskar's phone is 0770..."
            "pii.doxxing",
            r"(?<!\bmy )\b[a-z]+'?s (?:phone|number|phone number|mobile|address) (?:is|=|:) ?\+?\d",
        ),
        (  # "i'll post ur school", "leaking ur number and ur address", "dropped her @ and her school"
            "pii.doxxing",
            rf"\b(?:post|posting|posted|leak|leaking|leaked|drop|dropped|dropping|spread|spreading|share|sharing|sent"
            rf"|screenshotted) (?:\w+ ){{0,2}}?{_SOMEONES} (?:home )?(?:number|phone|address|school|snap|@"
            rf"|location|live location|snap ?map|real name|full name|postcode)\b",
        ),
        ("pii.doxxing", rf"\b{YOUR} (?:live )?location is (?:in|on) the\b"),
    )
)

SEVERITY_PATTERNS = (
    *_HUMILIATION,
    *_SHAMING_PICTURE,
    *_SLURS,
    *_SPECIFIC_THREATS,
    *_DOXXING,
    # the four rules in the other children's chat languages (safechat.detect.severity_languages)
    *SPECIFIC_THREATS_OTHER_LANGUAGES,
    *DOXXING_OTHER_LANGUAGES,
    *HUMILIATION_OTHER_LANGUAGES,
    *SLURS_OTHER_LANGUAGES,
)


def find_severe(text: str) -> list[RuleHit]:
    """``bullying.humiliation``, ``hate.slur``, ``threat.specific`` and ``pii.doxxing`` hits on
    ``text`` (the normalised model text); none is maskable: the ladder holds such a message.
    All four also in French, German, Spanish, Italian, Portuguese, Dutch, Polish and Ukrainian
    (:mod:`safechat.detect.severity_languages`, written without a native speaker's review: not when
    quoted or told of; threats not when they are play; humiliation and slurs not in a message that
    tells of a name called or a thing shown, or objects to it; slurs only aimed at a person).
    English humiliation and doxxing hits are dropped where the message tells of the words or
    objects to them (:mod:`safechat.detect.reported`)."""
    hits = run_patterns(text, _HUMILIATION, Label.BULLYING)
    pictured = run_patterns(text, _SHAMING_PICTURE, Label.BULLYING)  # gated: nothing to search mostly
    if pictured and _SPREAD.search(text) is not None and _SHAME.search(text) is not None:
        hits += pictured
    hits += run_patterns(text, _SLURS, Label.HATE)
    hits += run_patterns(text, _SPECIFIC_THREATS, Label.THREAT)
    hits += run_patterns(text, _DOXXING, Label.PII)
    hits = unless_reported(text, hits)
    hits += find_severe_other_languages(text)
    return hits
