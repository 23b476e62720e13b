"""Personal information a child might share or be asked for.

Sharing rules mark their span ``maskable`` (the policy may mask a phone number before delivery);
request rules ("what's your address?") only flag. The same rules in the multilingual bundle's
languages are in :mod:`safechat.detect.pii_languages`. Phone numbers are found by ``phonenumbers``
(Google's libphonenumber metadata), in international format and in the national formats of the
regions given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers

from safechat.detect import pii_languages
from safechat.detect.base import ARE, YOU, YOUR, RuleHit, compile_patterns, run_patterns
from safechat.types import Label, Span

DEFAULT_REGIONS: tuple[str, ...] = ("GB", "US", "FR", "DE", "ES", "IT", "PL")
"""Regions whose national phone formats are recognised by default."""

_PLATFORMS = (
    r"(?:snap|snapchat|sc|insta|instagram|ig|discord|tiktok|tik tok|whatsapp|telegram|kik|"
    r"twitter|x|facebook|fb|roblox|xbox|psn|steam|twitch|youtube|yt|signal|wechat|skype)"
)
_STREET = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|place|pl|crescent|"
    r"terrace|boulevard|blvd|gardens|grove|hill|square|sq|row|mews|walk)"
)
_NOT_A_STREET_NAME = (
    r"(?!(?:in|a|an|the|of|to|at|on|for|and|or|my|your|ur|his|her|their|our|more|times?|days?|"
    r"weeks?|months?|years?|hours?|hrs?|mins?|minutes?|secs?|seconds?|games?|rounds?|matches|"
    r"kills?|wins?|losses|miles?|km|metres?|meters?|steps?|people|ppl)\b)"
)
"""A word that cannot be part of a street's name: "3 times in a row" and "a 10 min walk" are
counts, not addresses."""
_SCHOOL_WORDS = r"(?:school|academy|primary|elementary|middle school|high school|college|grammar|secondary|lyc[eé]e|coll[eè]ge|gymnasium|gesamtschule|grundschule|escuela|instituto|scuola|liceo|szko[lł]a)"

_SHARING = compile_patterns(
    (
        # Repeats are bounded (the lengths e-mail and DNS allow) to stay linear on long words.
        ("pii.email", r"(?P<hit>\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,24})\b"),
        (
            "pii.email",
            r"(?P<hit>\b[\w.+-]{1,64}\s*(?:\(at\)|\[at\]| at )\s*[\w-]{1,63}\s*(?:\(dot\)|\[dot\]| dot )\s*(?:com|net|org|co\.uk|co uk|fr|de|es|it|pl|ie|nl|edu))\b",
        ),
        (
            "pii.handle",
            rf"\b(?:add|follow|message|msg|dm|hmu|find|text|call) me on {_PLATFORMS}\b(?:\s*[:\-]?\s*(?P<hit>@?[\w.]{{3,30}}))?",
        ),
        (
            "pii.handle",
            rf"\bmy {_PLATFORMS}(?: name| username| user| handle| tag| id| is| =|:)+\s*(?:is\s*)?[:\-]?\s*(?P<hit>@?[\w.#]{{3,30}})",
        ),
        # "snap: name", "ig - name"; not "x-ray"
        ("pii.handle", rf"\b{_PLATFORMS}(?:\s*:|\s+-)\s*(?P<hit>@?[\w.#]{{3,30}})"),
        (
            "pii.invite_link",
            r"(?P<hit>\b(?:https?://)?(?:www\.)?(?:discord\.gg|discord(?:app)?\.com/invite|chat\.whatsapp\.com|wa\.me|t\.me|telegram\.me|snapchat\.com/add|kik\.me|instagram\.com|tiktok\.com/@?|m\.me)/[\w@.\-/]+)",
        ),
        (
            "pii.address",
            rf"(?P<hit>\b\d{{1,5}}[a-z]?,?\s+(?:{_NOT_A_STREET_NAME}[a-z][\w'’-]*\s+){{1,3}}{_STREET})\b",
        ),
        (
            "pii.address",
            r"(?P<hit>\b\d{1,4}[a-z]?,?\s+(?:rue|avenue|boulevard|chemin|calle|avenida|via|viale|piazza|corso)\s+(?:[\w'’-]+\s*){1,4})",
        ),
        ("pii.address", r"(?P<hit>\b(?:ul\.|ulica)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+\d{1,4}[a-z]?)"),
        ("pii.address", r"(?P<hit>\b[\w'’-]+(?:stra(?:ß|ss)e|weg|gasse|platz|allee)\s+\d{1,4}[a-z]?)"),
        ("pii.postcode", r"(?P<hit>\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b)"),
        ("pii.location", r"\bi live (?:at|on) (?P<hit>(?:[\w'’-]+\s*){1,5})"),
        ("pii.location", r"\bmy (?:home )?address is (?P<hit>(?:[\w'’,.-]+\s*){1,8})"),
        ("pii.location", r"(?P<hit>-?\b\d{1,2}\.\d{3,}\s*,\s*-?\d{1,3}\.\d{3,}\b)"),
        (
            "pii.school",
            rf"\b(?:i go to|i attend|my school is|i'?m at|im at|i study at|i'?m in year \d+ at)\s+(?P<hit>(?:[\w'’.-]+\s+){{0,4}}{_SCHOOL_WORDS})\b",
        ),
        (
            "pii.school",
            r"(?P<hit>\b(?:st\.? )?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:primary|elementary|middle|high|secondary|grammar|junior|infant)\s+school\b)",
        ),
        *pii_languages.SHARING,
    ),
    maskable=True,
)
_MIN_PHONE_DIGITS = 8  # shorter runs are scores, prices and decimals far more often than phones
# a run of that many digits with only phone punctuation between them: without one, no phone
# number can be there and the (slow) matcher is skipped
_PHONE_SHAPE = re.compile(rf"\d(?:[\s().\-/]{{0,4}}\d){{{_MIN_PHONE_DIGITS - 1},}}")
_POSTCODE_UPPER = re.compile(r"[A-Z]{1,2}\d")

_REQUESTS = compile_patterns(
    (
        (
            "pii.request",
            rf"\b(?:what'?s|whats|what is|give me|send me|tell me|can i have|can i get) {YOUR} (?:phone ?number|number|digits|address|email|e-mail|postcode|zip code|school|{_PLATFORMS})\b",
        ),
        ("pii.request", rf"\bwhere do {YOU} live\b"),
        ("pii.request", rf"\bwhat school do {YOU} (?:go to|attend)\b"),
        ("pii.request", rf"\bwhere {ARE} {YOU} (?:right )?now\b"),
        # where a child lives, studies or waits, asked for ("what town r u in", "which park do u go
        # to after school", "whats ur real name", "send me ur location")
        (
            "pii.request",
            rf"\b(?:which|what) (?:school|primary|secondary|high school|middle school|town|city|area|part of town|country|street|road|estate|park|bus stop|stop|leisure centre)"
            rf" (?:do|r|are|did) {YOU} (?:live|go|get|play|swim|wait|hang|in|from|at|attend)\b",
        ),
        (
            "pii.request",
            rf"\b(?:what'?s|whats|what is|tell me|give me) {YOUR} (?:real|full|last) name\b|\bwhat'?s {YOUR} surname\b",
        ),
        (
            "pii.request",
            rf"\b(?:send|share|give) (?:me )?{YOUR} (?:live )?location\b|\bput {YOUR} location on\b",
        ),
        ("pii.request", rf"\bwhat time do {YOU} (?:finish|leave|get out of|get home from) school\b"),
        *pii_languages.REQUESTS,
    )
)

PII_PATTERNS = (*_SHARING, *_REQUESTS)


def find_pii(text: str, *, regions: Sequence[str] = DEFAULT_REGIONS) -> list[RuleHit]:
    """Personal information shared in, or asked for by, ``text`` (the normalised model text).

    Args:
        text: the text to scan.
        regions: ISO 3166-1 alpha-2 regions whose national phone formats to recognise,
            most likely first. International numbers (``+44 ...``) are found whatever is given.
    """
    phones = _phones(text, regions)
    in_phone = bytearray(len(text))  # a number inside a phone number is not a second finding
    for phone in phones:
        in_phone[phone.span.start : phone.span.end] = b"\x01" * len(phone.span)
    hits = list(phones)
    for hit in run_patterns(text, _SHARING, Label.PII):
        if hit.rule == "pii.postcode" and not _POSTCODE_UPPER.match(text[hit.span.start : hit.span.end]):
            continue
        if not any(in_phone[hit.span.start : hit.span.end]):
            hits.append(hit)
    hits += run_patterns(text, _REQUESTS, Label.PII)
    return hits


def _phones(text: str, regions: Sequence[str]) -> list[RuleHit]:
    if _PHONE_SHAPE.search(text) is None:
        return []
    hits: list[RuleHit] = []
    taken = bytearray(len(text))
    for region in regions:
        matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
        for match in matcher:
            international = match.raw_string.startswith(("+", "00"))
            digits = sum(c.isdigit() for c in match.raw_string)
            if digits < _MIN_PHONE_DIGITS:
                continue
            if not (international or phonenumbers.is_valid_number(match.number)):
                continue
            if any(taken[match.start : match.end]):
                continue
            taken[match.start : match.end] = b"\x01" * (match.end - match.start)
            hits.append(RuleHit("pii.phone", Label.PII, Span(match.start, match.end), maskable=True))
        if hits and not _unclaimed_phone_shape(text, taken):
            break  # every phone-shaped run is claimed: the other regions cannot add a number
    return hits


def _unclaimed_phone_shape(text: str, taken: bytearray) -> bool:
    """Whether a phone-shaped run is left once the characters in ``taken`` are blanked out.

    A claimed number spans at least ``_MIN_PHONE_DIGITS`` characters, so blanking it cannot
    join the digits on either side into a new run."""
    blanked = "".join(" " if claimed else char for char, claimed in zip(text, taken, strict=True))
    return _PHONE_SHAPE.search(blanked) is not None
