"""``context.reported_quote``: hurtful words quoted in order to report them, in every children's
chat language.

A child passes on what someone wrote so that an adult or a moderator acts: "kuba napisal marcinowi
'zabije cie po szkole', zrobilam screena i ide z tym do pedagoga", "quoting him so the mods see:
'im gonna bring a gun to school'. please tell someone", "то шо написали віці 'йди вбийся' — жесть,
всі кидаємо репорти". Word for word the quote is a threat or a "kys", and the rules that act on their
own blocked the child who reported it. The policy lets this hit settle the rule hits inside the
quote and the model's moderate scores, and ask a person to look (a reported threat must reach
someone); the teller is a witness, so no help is offered here (the disclosure rules offer it
where the child tells of harm done to them).

What counts: a quoted stretch (2-160 characters between quote marks; an apostrophe inside a word
is no quote mark) in a message that, outside the quotes, names a way of reporting it: a report, a
screenshot, a moderator or admin, a teacher or school counsellor, the police, or the writer's own
parent ("my mum", "mamie", "мамі", or the message opening "maman, ..."; never "your mum": "if your
mum comes in, type 'homework'" is a groomer's code word).
What does not: a quote alone ("'go die' lol"), and a message in which any rule of harm fires
outside the quotes (the writer's own threat or insult next to the quote). Written without a native
speaker's review.
"""

from __future__ import annotations

import re

from safechat.detect.base import RuleHit, compile_patterns
from safechat.types import Label, Span

RULE = "context.reported_quote"
_MARK = re.compile("[\"'«»“”„‘’‚]")
_MIN_QUOTE, _MAX_QUOTE = 2, 160

REPORTING = compile_patterns(
    ("reporting", regex)
    for regex in (
        # en
        r"\b(?:report\w*|screenshot\w*|ss'?d|mods?|moderators?|admins?|teachers?|miss|sir|head ?teacher|head of year"
        r"|police|(?:tell|told|telling|show|showed|showing) (?:my |the )?(?:mum|mom|dad|parents|teacher|head))\b",
        # fr
        r"\b(?:signal\w*|capture\w*|screen\w*|prof|profs|profe\w*|cpe|surveillant\w*|modos?|moderateur\w*|police"
        r"|(?:[aà] )?ma m[eè]re|(?:[aà] )?mon p[eè]re)\b",
        # de
        r"\b(?:meld\w*|gemeldet|screenshot\w*|screen|lehrer\w*|vertrauenslehrer\w*|polizei|mods?|admins?"
        r"|meine[rm]? (?:mama|mutter)|meinem (?:papa|vater))\b",
        # es
        r"\b(?:report\w*|denunci\w*|captura\w*|pantallazo\w*|profe\w*|tutora?|orientador\w*|polic[ií]a|mi madre"
        r"|mi padre)\b",
        # it
        r"\b(?:segnal\w*|screen\w*|prof\w*|preside|polizia|carabinieri|mia madre|mio padre)\b",
        # pt
        r"\b(?:denunci\w*|report\w*|print\w*|captura\w*|professor\w*|diretor\w*|coordena\w*|pol[ií]cia|minha m[aã]e"
        r"|meu pai)\b",
        # nl
        r"\b(?:meld\w*|gemeld|rapport\w*|report\w*|screenshot\w*|screen|juf|meester|mentor|leraar\w*|politie"
        r"|mijn (?:moeder|vader|ouders))\b",
        # pl: "mamie", "tacie", "rodzicom" (to mum, dad, the parents), "mamo" (mum!)
        r"\b(?:zg[lł]o[sś]\w*|zg[lł]asza\w*|screen\w*|zrzut\w*|pedagog\w*|psycholog\w*|wychowawc\w*|nauczyciel\w*"
        r"|policj\w*|admin\w*|moderator\w*|modom|mamie|tacie|rodzicom|mamo|tato)\b",
        # uk: "заскрінила" too; "мамі", "татові", "батькам" (to mum, dad, the parents), "мамо" (mum!)
        r"скрін|скрин|(?<!\w)(?:репорт\w*|поскарж\w*|повідом\w*|вчител\w*|класн(?:ій|ому|а)|психолог\w*|мамі|мамо"
        r"|татові|батькам|поліці\w*|модер\w*|адмін\w*)(?!\w)",
        # telling others to tell an adult: "tell ur parents", "dites-le a vos parents" (never "don't tell")
        r"(?<!don't )(?<!dont )(?<!do not )(?<!never )\btell (?:ur|your|a|an) (?:parents|mum|mom|dad|teacher|adult|trusted adult)\b"
        r"|\bdites[- ]le (?:[aà] )?(?:vos parents|un adulte|un prof)\b|\bditelo (?:subito )?(?:ai vostri|a un adulto|ai prof)"
        r"|\bdec[ií]dselo a (?:vuestros padres|un adulto)\b|\bsagt es (?:euren eltern|einem erwachsenen)\b"
        r"|\bcontem (?:aos (?:vossos|seus) pais|a um adulto)\b|\bvertel het (?:aan )?(?:je ouders|een volwassene)\b"
        r"|\bm['’]n (?:moeder|vader|ouders|mentor)\b|\blaten zien\b|\bpowiedzcie (?:rodzicom|doros[lł]emu)\b"
        r"|(?<!не )(?<!\w)скажіть (?:батькам|дорослим)(?!\w)",
        # a child speaking to their parent or teacher: "maman, un monsieur m'a dit « ... »"
        r"^\W*(?:mum|mom|mam|mummy|mommy|dad|maman|papa|mama|mutti|mamma|mam[aá]|pap[aá]|m[aã]e|pai|mamo|tato|мам|мамо"
        r"|тату|тато|stora|stor|profe|prof)\b",
    )
)
"""A way of reporting what was written, named outside the quote."""


def quotes(text: str) -> list[Span]:
    """The quoted stretches of ``text``, quote marks included: an opening mark at the start or
    after a character that is not a letter or digit, closed by the next mark that is followed by
    one that is not (or the end), within :data:`_MAX_QUOTE` characters."""
    marks = [match.start() for match in _MARK.finditer(text)]
    spans: list[Span] = []
    after = -1  # the end of the last quote: marks inside it open nothing
    for number, at in enumerate(marks):
        if at < after or at + 1 >= len(text) or (at > 0 and text[at - 1].isalnum()):
            continue
        close = _closing_mark(text, at, marks[number + 1 :])
        if close is not None:
            spans.append(Span(at, close + 1))
            after = close + 1
    return spans


def _closing_mark(text: str, opening: int, later: list[int]) -> int | None:
    for at in later:
        if at - opening - 1 > _MAX_QUOTE:
            return None
        if at - opening - 1 >= _MIN_QUOTE and (at + 1 == len(text) or not text[at + 1].isalnum()):
            return at
    return None


def find_reported_quotes(text: str, harm_hits: list[RuleHit]) -> list[RuleHit]:
    """``context.reported_quote`` hits (label threat), one per quote, when ``text`` names a way of
    reporting it outside the quotes and none of ``harm_hits`` (the hits of the rules of harm on
    the same text) lies outside them."""
    spans = quotes(text)
    if not spans:
        return []
    outside = _outside(text, spans)
    if not REPORTING.mentions(outside):
        return []
    if any(
        not any(span.start <= hit.span.start and hit.span.end <= span.end for span in spans)
        for hit in harm_hits
    ):
        return []
    return [RuleHit(RULE, Label.THREAT, span) for span in spans]


def _outside(text: str, spans: list[Span]) -> str:
    """``text`` with each quote blanked out (same length, so no words join)."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)
