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
ADVICE_RULE = "context.safety_advice"
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


_NOT_NEGATED = r"(?<!dont )(?<!don't )(?<!never )(?<!not )(?<!no )"
VERDICT = compile_patterns(
    ("verdict", regex)
    for regex in (
        # en
        r"\bred flags?\b|\b(?:is|are|=|thats|that'?s|its|it'?s) (?:a |an |such a |literally a |100% a )?(?:creep|creeps|groomer"
        r"|groomers|predator|predators|paedo|pedo|pedophile|paedophile)\b|\bthat'?s (?:how )?grooming\b"
        r"|\bthat'?s how (?:creeps|groomers|predators|scammers|they) (?:work|start|get u|get you)\b"
        r"|\b(?:is|are) (?:not|never) (?:ok|okay|normal)\b|\b(?:isnt|isn'?t|aint) (?:ok|okay|normal)\b"
        rf"|{_NOT_NEGATED}\btell (?:a mod|an adult|a grown ?up|ur parents|your parents|ur mum|ur mom|ur dad|a teacher"
        r"|someone u trust|someone you trust|a trusted adult)\b|\b(?:screenshot|block|report) (?:and|&|then) (?:block|report)\b",
        # fr
        r"\b(?:c['’ʼ]est|cest) (?:un|une) (?:p[eé]do|p[eé]dophile|pr[eé]dateur|gros malaise)\b|\bdrapeau rouge\b"
        r"|\b(?:c['’ʼ]est|cest) pas (?:normal|ok)\b|(?<!pas )\bparles?[- ]en (?:[aà] (?:tes parents|un adulte|un prof|un mod))\b",
        # de
        r"\bist (?:ein|n) (?:p(?:ä|ae)do|p(?:ä|ae)dophiler|creep)\b|\bist nicht (?:normal|ok)\b"  # "red flag": English
        r"|(?<!nicht )\bsag (?:es |das )?(?:deinen eltern|einem erwachsenen|einem lehrer|einem mod)\b",
        # es
        r"\bes (?:un )?(?:pedo|ped[oó]filo|acosador|creep)\b|\bbandera roja\b|\bno es normal\b"
        r"|(?<!no )\b(?:d[ií]selo|cu[eé]ntaselo) a (?:tus padres|un adulto|un profe|un mod)\b",
        # it
        r"\b[eè] (?:un )?(?:pedofilo|maniaco|creep)\b|\bnon [eè] normale\b|(?<!non )\bdillo (?:ai tuoi genitori|a un adulto|a un prof)\b",
        # pt
        r"\b[eé] (?:um )?(?:ped[oó]filo|pedo|tarado|creep)\b|\bn[aã]o [eé] normal\b"
        r"|(?<!n[aã]o )\b(?:conta|diz|fala)(?: isso)? (?:aos teus pais|pros teus pais|pros seus pais|a um adulto|a um professor)\b",
        # nl
        r"\bis (?:een )?(?:pedo|pedofiel|creep|engerd)\b|\bniet normaal\b|(?<!niet )\bvertel het (?:je ouders|een volwassene|een leraar)\b",
        # pl
        r"\bto (?:jest )?(?:pedofil|zbok|creep)\b|\bto nie jest normalne\b|(?<!nie )\bpowiedz (?:rodzicom|doros[lł]emu|nauczycielowi)\b",
        # uk
        r"(?<!\w)(?:це|він) (?:педофіл|збоченець|крип)(?!\w)|(?<!\w)це не нормально(?!\w)"
        r"|(?<!не )(?<!\w)скажи (?:батькам|дорослим|вчителю)(?!\w)",
    )
)
"""Advice's verdict: the danger named, or who to tell."""

GENERIC_ACTOR = compile_patterns(
    ("actor", regex)
    for regex in (
        # en
        r"\b(?:if|when|whenever) (?:an? )?(?:adult|grown ?up|anyone|any1|someone|some1|stranger|somebody|people|ppl|randoms?"
        r"|guy|man|older \w+)\b|\b(?:any|an) (?:adult|grown ?up|stranger|older (?:guy|man|person))\b"
        r"|\breal friends (?:dont|don'?t|never|wont)\b|\b(?:dont|don'?t|never|do not) (?:tell|share|send|give|meet)\b[^.?!]{0,25}"
        r"\b(?:randoms|strangers|people online|anyone online|ppl online|people u (?:dont|don'?t) know)\b",
        # fr, de, es, it, pt, nl, pl, uk: "if an adult / someone / a stranger"
        r"\bsi (?:un adulte|quelqu['’ʼ]un|un inconnu|une personne)\b|\bwenn (?:ein erwachsener|jemand|ein fremder|dich jemand)\b"
        r"|\bsi (?:un adulto|alguien|un desconocido|una persona)\b|\bse (?:un adulto|qualcuno|uno sconosciuto)\b"
        r"|\bse (?:um adulto|algu[eé]m|um estranho|uma pessoa)\b|\bals (?:een volwassene|iemand|een vreemde)\b"
        r"|\b(?:je[sś]li|je[zż]eli|jak|gdy) (?:doros[lł]y|kto[sś]|obcy|nieznajomy)\b|(?<!\w)якщо (?:дорослий|хтось|незнайом\w*)(?!\w)",
    )
)
"""Someone in general, as advice speaks of them."""

_COVER_STORY = re.compile(
    r"\bif (?:any ?one|anybody|ur \w+|your \w+) asks?\b|\b(?:say|tell (?:them|her|him|ur \w+)) (?:ur|you'?re|u r|youre) (?:at|with)\b",
    re.IGNORECASE,
)
"""A cover story told to the reader ("if anyone asks ur at mine"): a groomer's, never advice."""

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
    if not _only_settled(text, harm_hits):
        return []
    return [RuleHit(RULE, Label.GROOMING, Span(0, len(text)))]


def _only_settled(text: str, harm_hits: list[RuleHit]) -> bool:
    """Whether every hit of ``harm_hits`` is of a family a warning may settle
    (:data:`SETTLED_FAMILIES`) and asks nothing for the writer (no word of the writer's own in it)."""
    return all(
        hit.rule.split(".", 1)[0] in SETTLED_FAMILIES
        and _FIRST_PERSON.search(text, hit.span.start, hit.span.end) is None
        for hit in harm_hits
    )


def find_advice(text: str, harm_hits: list[RuleHit]) -> list[RuleHit]:
    """One ``context.safety_advice`` hit (label grooming) over the whole of ``text`` when it gives
    online-safety advice (a :data:`VERDICT` and a :data:`GENERIC_ACTOR`), under the same guards as
    :func:`find_warnings`: every hit of ``harm_hits`` is of a family it may settle and asks nothing
    for the writer."""
    if (
        not VERDICT.mentions(text)
        or not GENERIC_ACTOR.mentions(text)
        or _COVER_STORY.search(text) is not None
    ):
        return []
    if not _only_settled(text, harm_hits):
        return []
    return [RuleHit(ADVICE_RULE, Label.GROOMING, Span(0, len(text)))]
