"""``context.warning``: a child warning others about someone, in every children's chat language.

"heads up theres a guy in the roblox server offering free robux for pics, dont reply and block
him", "ojo en roblox con un tal xXdanielXx, le pide fotos a las niñas a cambio de robux,
bloqueadlo", "дівчата не додавайте того шо пише на сервері шо йому 14". Word for word these are a
groomer's offers and requests, and the grooming rules escalated the child who warned the others.
The policy lets this hit settle the grooming, sexual and personal-information rule hits in the
message and the model's moderate scores, and ask a person to look (someone is preying on children
there).

What counts: telling others to block, report, ignore, not answer or not add someone, as one does
of a third person: "block him", "don't reply to him", and the plural imperatives of the other
languages ("bloquez-le", "blockt ihn", "bloqueadlo", "bloccatelo", "bloqueiem", "blokkeer hem",
"zablokujcie go", "не відповідайте"). A groomer talks to one child about themselves ("don't block
me", "don't tell them"), never so, and English "them" is left out ("block them, you don't need
them"); nor does a warning name the reader's own family or friends, which is what a groomer cuts
a child off from. What does not: a message in which a rule of harm fires that
this rule does not settle (a threat, a kys, a slur), nor one in which a grooming rule's words ask
something for the writer ("add me on snap and dont reply to him"), which the grooming rules read as
usual. Written without a native speaker's review.
"""

from __future__ import annotations

import re

from safechat.detect.base import RuleHit, compile_patterns
from safechat.types import Label, Span

RULE = "context.warning"
SETTLED_FAMILIES = frozenset({"grooming", "sexual", "pii"})
"""The rule families whose hits a warning may explain; any other hit of harm stops it."""

WARNING = compile_patterns(
    ("warning", regex)
    for regex in (
        # en: "block him", "report that account", "dont reply to him", "never add him back"
        r"\b(?:block|report|ignore|mute|unadd|unfriend)(?: and (?:block|report|ignore|mute))? (?:him|her|that (?:guy|man|person"
        r"|account|user|creep|weirdo)|this (?:guy|man|person|account|user|creep|weirdo))\b"
        r"|\b(?:don'?t|dont|do not|never|nobody|no one) (?:reply|respond|answer|add|accept|friend)(?: (?:to|back))?"
        r" (?:him|her|that guy|this guy|that account|his (?:messages|requests|dms)|his friend request)\b",
        # fr
        r"\b(?:bloquez|signalez|ignorez)[- ]?(?:le|la|les|l[aà])\b|\bne (?:lui |leur )?(?:r[eé]pondez|parlez) (?:pas|jamais)\b"
        r"|\bn['’]?(?:acceptez|ajoutez) pas\b",
        # de
        r"\b(?:blockt|blockiert|meldet|ignoriert|reportet)\s+(?:ihn|sie|den|die|dem)\b|\b(?:antwortet|schreibt) (?:ihm|ihr|dem|der)"
        r" (?:nicht|nie)\b|\b(?:nimmt|addet|added) (?:ihn|sie|den|die) nicht\b",
        # es
        r"\b(?:bloquead|reportad|ignorad|denunciad)(?:lo|la|los|las)?\b|\bno (?:le |les )?(?:respond[aá]is|contest[eé]is"
        r"|agregu[eé]is|acept[eé]is|a[nñ]ad[aá]is)\b",
        # it
        r"\b(?:bloccate|segnalate|ignorate)(?:lo|la|li|le)\b|\bnon (?:gli |le )?(?:rispondete|accettate|aggiungete)\b",
        # pt
        r"\b(?:bloqueiem|denunciem|ignorem|reportem)(?:-?(?:no|na|nos|nas|o|a))?\b|\bn[aã]o (?:respondam|aceitem|adicionem)\b",
        # nl
        r"\b(?:blokkeer|rapporteer|negeer|report|meld)\s+(?:hem|haar|die|diegene)\b|\b(?:reageer|antwoord) (?:niet|nooit)\b"
        r"|\bniet (?:op (?:hem|haar) )?(?:reageren|antwoorden|accepteren|toevoegen)\b",
        # pl
        r"\b(?:zablokujcie|zg[lł]o[sś]cie|ignorujcie|blokujcie|reportujcie)(?:\s+(?:go|j[aą]|ich|tego|t[eę]))?\b"
        r"|\bnie (?:odpisujcie|odpowiadajcie|dodawajcie|akceptujcie)\b",
        # uk
        r"(?<!\w)(?:заблокуйте|блокуйте|репортніть|ігноруйте|кидайте репорт\w*)(?!\w)"
        r"|(?<!\w)не (?:відповідайте|додавайте|приймайте|ведіться)(?!\w)",
    )
)
"""Telling others to keep away from someone: block, report, ignore, do not answer or add them."""


_FIRST_PERSON = re.compile(
    r"(?<!\w)(?:me|my|moi|mon|ma|mes|mir|mich|mein\w*|mi|mis|mio|mia|mim|meu|minha|mij|mijn|mnie|mn[aą]|moj\w*"
    r"|мені|мене|мій|моя|мої|мною)(?!\w)",
    re.IGNORECASE,
)
"""A word of the writer's own ("send me", "add me on snap", "schick mir"): a request of the writer's."""

_READERS_PEOPLE = re.compile(
    r"\b(?:ur|your|yo|ta|ton|tes|deine\w*|tu|tus|tua|tuo|tuoi|teu|tua|seus?|suas?|je|jouw|tw\w+|тв\w+)\s+"
    r"(?:parents|mum|mom|dad|family|friends|mates|sister|brother|bf|gf|parents|m[eè]re|p[eè]re|potes|amis|eltern|mama|papa"
    r"|freunde|padres|madre|padre|amigos|genitori|madre|amici|pais|m[aã]e|pai|amigos|ouders|moeder|vader|vrienden"
    r"|rodzic\w*|mam\w*|tat\w*|przyjaci\w*|батьк\w*|мам\w*|тат\w*|друз\w*)\b",
    re.IGNORECASE,
)
"""The reader's own family or friends named: what a groomer cuts the child off from ("block them,
your parents don't get you"), never the subject of a warning to friends."""


def find_warnings(text: str, harm_hits: list[RuleHit]) -> list[RuleHit]:
    """One ``context.warning`` hit (label grooming) over the whole of ``text`` when it warns
    others about someone and every hit of ``harm_hits`` (the rules of harm on the same text) is of
    a family it may settle (:data:`SETTLED_FAMILIES`) and asks nothing for the writer (no word of
    the writer's own in the hit: "add me on snap")."""
    if not WARNING.mentions(text) or _READERS_PEOPLE.search(text) is not None:
        return []
    for hit in harm_hits:
        if hit.rule.split(".", 1)[0] not in SETTLED_FAMILIES:
            return []
        if _FIRST_PERSON.search(text, hit.span.start, hit.span.end) is not None:
            return []
    return [RuleHit(RULE, Label.GROOMING, Span(0, len(text)))]
