"""A secret kept for a surprise: "don't tell mum, it's for mother's day" is no grooming.

Children keep presents and parties secret from the person they are for: "nie mow mamie o
perfumach, to na dzien matki 🤫", "не кажи мамі про подарунок, ми з татом вже все купили", "shh q
no se entere alex, el sabado le hacemos la fiesta sorpresa". The secrecy rules of
:mod:`safechat.detect.grooming` read "don't tell your mum" and escalated such messages between
friends. :func:`unless_surprise` drops the ``grooming.secrecy`` hits of a message that speaks of a
surprise, a present for a family member or a friend, or a family occasion (mother's day, a
parent's birthday), in English and the multilingual bundle's children's chat languages.

A groomer's gift is meant for the child, not kept from someone for their own sake ("i have a
surprise for you, don't tell your parents"): a message that offers the reader a surprise or a
present keeps its secrecy hits, and the gift rules (``grooming.gifts``) read it whatever this
module says. A secret next to any other grooming signal (a meeting, a private app, a question
whether the parents are home) stands: only a lone secrecy signal is explained by a surprise.
Written without a native speaker's review.
"""

from __future__ import annotations

from safechat.detect.base import APOSTROPHE as _AP
from safechat.detect.base import RuleHit, compile_patterns
from safechat.detect.grooming_stages import SECRECY_RULE

_FAMILY = (
    r"(?:mum|mom|mummy|mommy|dad|daddy|nan|nana|gran|granny|grandma|grandad|grandpa|sis|sister|bro|brother|auntie|aunt|uncle"
    r"|maman|papa|mamie|papi|mami|mutti|mama|vati|oma|opa|mam[aã]e|m[aã]e|pai|v[oó]|av[oó]|mamma|nonna|nonno|madre|padre"
    r"|abuela|abuelo|moeder|vader|tata|babci\w*|dziadk\w*|siostr\w*|brat\w*|мам\w*|тат\w*|бабус\w*|дідус\w*|сестр\w*|брат\w*)"
)
_SURPRISE = compile_patterns(
    ("surprise", regex)
    for regex in (
        # en
        rf"\b(?:it{_AP}?s|its|it is) (?:a |gonna be a )?surprise\b|\bsurprise (?:party|present|gift|cake|for (?:her|him|them|my|our|{_FAMILY}))\b"
        rf"|\b(?:present|gift|card|cake|flowers|perfume) (?:for|4) (?:my |our )?(?:{_FAMILY}|her|him|the teacher|miss|sir)\b"
        rf"|\b(?:mother|father){_AP}?s day\b|\b(?:mothers|fathers) day\b|\b(?:her|his|{_FAMILY}{_AP}?s) (?:birthday|bday|b-day)\b",
        # fr
        rf"\bsurprise (?:pour (?:ma|mon|sa|son|la|le|les|{_FAMILY})|[aà] (?:ma|mon|sa|son|la|le|{_FAMILY}))\b|\bf[eê]te surprise\b|\bc{_AP}?est une surprise\b"
        rf"|\bcadeau (?:pour|de|[aà]) (?:ma |mon |sa |son |la |le )?(?:{_FAMILY}|m[eè]re|p[eè]re|prof|ma[iî]tresse|f[eê]te)\b|\bf[eê]te des (?:m[eè]res|p[eè]res)\b",
        # de
        r"\b(?:(?:das|es) (?:ist|wird) (?:eine |ne )?)?[üu]e?berraschung(?:sparty)? (?:f[üu]e?r (?:mama|papa|oma|opa|meine|meinen|unsere|unseren|sie|ihn))\b"
        r"|\b(?:das|es) (?:ist|wird) (?:eine |ne )?[üu]e?berraschung\b|\b[üu]e?berraschungsparty\b"
        r"|\bgeschenk (?:f[üu]e?r|zum) (?:mama|papa|oma|opa|meine|meinen|unsere|unseren|muttertag|vatertag|geburtstag)\b|\b(?:mutter|vater)tag\b",
        # es
        rf"\b(?:fiesta|cena|regalo) sorpresa\b|\b(?:es|sera|ser[aá]) (?:una )?sorpresa\b|\bsorpresa (?:para|a) (?:mi|mis|tu|su|la|el|{_FAMILY})\b"
        rf"|\bregalo (?:para|de) (?:mi |la |el |su )?(?:{_FAMILY}|profe|cumple)\b|\bd[ií]a de la madre\b|\bd[ií]a del padre\b",
        # it
        rf"\b(?:festa|cena|regalo) (?:a )?sorpresa\b|\b[eè] una sorpresa\b|\bsorpresa (?:per|a) (?:mia|mio|la|il|{_FAMILY})\b"
        rf"|\bregalo (?:per|di) (?:mia |mio |la |il )?(?:{_FAMILY}|prof|compleanno)\b|\bfesta della (?:mamma|donna)\b|\bfesta del pap[aà]\b",
        # pt
        rf"\b(?:festa|jantar|presente) surpresa\b|\b[eé] (?:uma )?surpresa\b|\bsurpresa (?:para|pra|pro|[aà]) (?:minha|meu|a|o|{_FAMILY})\b"
        rf"|\bpresente (?:para|pra|pro|de) (?:minha |meu |a |o )?(?:{_FAMILY}|professora?|anivers[aá]rio)\b|\bdia d(?:a|as) m[aã]es?\b|\bdia do pai\b",
        # nl
        r"\bverrassing(?:sfeest|sfeestje)?\b(?! voor (?:jou|je)\b)"
        rf"|\bcadeau(?:tje)? (?:voor|van) (?:mijn |onze |de |je )?(?:{_FAMILY}|juf|meester)\b|\b(?:moeder|vader)dag\b",
        # pl
        r"\bniespodziank\w*(?! dla ciebie)\b|\bprezent\w* (?:dla|na) (?:mam\w*|tat\w*|babci\w*|dziadk\w*|siostr\w*|brat\w*|pani|urodziny|dzie[nń])"
        r"|\bdzie[nń] (?:matki|mamy|ojca|taty|babci|dziadka)\b",
        # uk
        r"(?<!\w)сюрприз\w*(?! (?:для тебе|тобі))(?!\w)|(?<!\w)подарун\w* (?:для |на )?(?:мам\w*|тат\w*|бабус\w*|дідус\w*|сестр\w*|брат\w*|вчител\w*|день|др)(?!\w)"
        r"|(?<!\w)день (?:матері|мами|батька|тата)(?!\w)|(?<!\w)(?:мамі|татові|бабусі) на (?:день народження|др)(?!\w)",
    )
)
"""A surprise, a present for a family member or a teacher, or a family occasion."""

_GIFT_WORD = (
    r"(?:surprise|present|gift|cadeau|[üu]e?berraschung|geschenk|sorpresa|regalo|surpresa|presente|verrassing|cadeautje"
    r"|niespodziank\w*|prezent\w*|сюрприз\w*|подарун\w*)"
)
_TO_THE_READER = (
    r"(?:for (?:you|u|ya)|4 (?:you|u)|pour (?:toi|twa)|f[üu]e?r dich|para (?:ti|voc[eê]|vc)|per te|pra (?:ti|voc[eê]|vc)"
    r"|voor (?:jou|je)|dla ciebie|для тебе|тобі)"
)
_FOR_THE_READER = compile_patterns(
    (
        ("for_the_reader", rf"(?<!\w){_GIFT_WORD}(?:\W+\w+){{0,2}}?\W+{_TO_THE_READER}(?!\w)"),
        ("for_the_reader", rf"(?<!\w){_TO_THE_READER}(?:\W+\w+){{0,2}}?\W+{_GIFT_WORD}(?!\w)"),
        (
            "for_the_reader",
            rf"\b(?:got|get|have|bought|send|sending) (?:you|u|ya) (?:a |an |some )?(?:\w+ )?{_GIFT_WORD}",
        ),
    )
)
"""A surprise or a present offered to the reader: what a groomer promises."""


def unless_surprise(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less ``grooming.secrecy`` when ``text`` keeps a surprise or a present for someone
    other than the reader (see the module's docstring) and secrecy is its only grooming signal;
    otherwise ``hits`` unchanged."""
    if not hits or any(hit.rule != SECRECY_RULE for hit in hits):
        return hits
    if not _SURPRISE.mentions(text) or _FOR_THE_READER.mentions(text):
        return hits
    return []
