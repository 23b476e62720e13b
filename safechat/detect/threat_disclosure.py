"""``context.disclosure.threat``: a child telling of a threat made to them (English).

"a boy in year 10 said hes going to beat me up after school", "some girls said they'll jump me at
the park", "i got told i'll get stabbed if i go to the park", "someone posted my address in the
group chat and said they're coming round", "my ex is threatening to send a pic of me to everyone".
Word for word these are full of threat words, and the model scores them as threats: without this
rule the child who tells was escalated (the message held back) and offered no help. The policy
lets this hit settle the threat score and the words it quotes, offer the teller support and ask a
person to look (a child who has been threatened must reach someone).

What counts: someone other than the writer (not "i", "we" or "you") reported as saying, writing or
threatening harm to the writer or their family ("me", "us", "my sister"); the writer told they
will get hurt; someone threatening them; someone showing them a weapon or following them home.
What does not: the writer's own threat ("i said i'll beat him up", "he'll get u after school"),
harm to the reader, "kill" and "murder" (idioms for children: "mum said she'll kill me if i'm
late"), a follow on a social app. A message that also insults its reader is no disclosure
(checked in :func:`safechat.detect.context.find_context`).
"""

from __future__ import annotations

from safechat.detect.base import compile_patterns

# Someone other than the writer or the reader: a pronoun, or a person named by what they are.
_SOMEONE = (
    r"(?:someone|somebody|some ?one|people|they|he|she|(?:a|an|this|that|some|the|these|those|two|three|older"
    r"|big|my) (?:[a-z0-9]+ ){0,2}?(?:boys?|girls?|kids?|guys?|lads?|man|men|people|person|students?|gang|group"
    r"|squad|ex|boyfriend|girlfriend))"
)
_REPORTED = (
    r"(?:said|says|say|saying|told me|tells me|keeps? saying|kept saying|keeps? telling me|warned me|messaged(?: me)?"
    r"|texted(?: me)?|dm'?d(?: me)?|wrote|posted|sent me (?:a )?(?:message|msg|text|dm)s?(?: saying)?)"
)
# Harm done to the writer or their family; "beat me" alone is a game, "get me" may be a present.
_ME = r"(?:me|us|my (?:little |big |baby )?(?:brother|sister|mum|mom|dad|family|friends?|bf|gf))"
_HARM_TO_ME = (
    rf"(?:(?:stab|shank|shoot|hurt|punch|smash|slap|kick|jump|batter|attack|rush|cut|deck|merk|strangle|fight) {_ME}\b"
    rf"|beat {_ME} up\b|beat up {_ME}\b|(?:get|find) {_ME}\b(?! (?:a|an|some|one|the|something|anything|food|lunch"
    r"|drinks?|sweets|snacks|presents?|gifts?)\b)"
    r"|(?:coming|come) (?:round|over|to my (?:house|school)|for me)\b|(?:knows?|found out) where i live\b"
    r"|(?:post|share|send|leak|show) (?:\w+ )?my (?:address|number|nudes|pics?|photos?|pictures?)\b"
    r"|(?:bring|bringing|brought|has|had|got) (?:a )?(?:knife|blade|gun|weapon|weapons)\b)"
)
_PASSIVE_HARM = r"(?:stabbed|jumped|beaten up|battered|shot|hurt|merked|smacked|rushed|attacked|beat up)"

THREAT_DISCLOSURE_PATTERNS = compile_patterns(
    (
        # someone said, wrote or threatened that they will hurt the writer
        (
            "context.disclosure.threat",
            rf"\b{_SOMEONE}\b[^.!?\n]{{0,40}}?\b{_REPORTED}\b[^.!?\n]{{0,50}}?\b{_HARM_TO_ME}",
        ),
        (
            "context.disclosure.threat",
            rf"\b{_SOMEONE}\b[^.!?\n]{{0,30}}?\b(?:is |are |keeps |has been |have been |kept )?threaten(?:s|ed|ing)"
            r" (?:me|us|to)\b",
        ),
        # the writer was told they will get hurt
        (
            "context.disclosure.threat",
            rf"\bi (?:got|was|been|have been|'ve been|keep getting|get) (?:told|threatened)\b[^.!?\n]{{0,30}}?\b(?:i'?ll"
            rf"|i will|im gonna|i'?m gonna|im going to|i'?m going to) get {_PASSIVE_HARM}\b",
        ),
        # threats received as messages
        (
            "context.disclosure.threat",
            r"\bi (?:keep getting|got|get|am getting|'m getting|im getting|been getting|have been getting|'ve been getting)"
            r" (?:\w+ ){0,3}?(?:threats|threatening (?:texts|messages|msgs|dms|calls))\b"
            r"|\bi (?:keep getting|got|get|am getting|'m getting|im getting) (?:\w+ ){0,2}?(?:texts|messages|msgs|dms)"
            r" saying (?:they|he|she|someone) (?:knows?|know) where i live\b",
        ),
        # a weapon shown to the writer; the writer followed home
        (
            "context.disclosure.threat",
            rf"\b{_SOMEONE}\b[^.!?\n]{{0,30}}?\bshowed me (?:a|his|her|their) (?:knife|blade|gun|weapon)\b",
        ),
        (
            "context.disclosure.threat",
            rf"\b{_SOMEONE}\b[^.!?\n]{{0,30}}?\b(?:followed|follows|keeps following|kept following|has been following"
            r"|was following) me (?:home|from|to|down|all the way|after)\b",
        ),
    )
)
"""A child telling of a threat made to them, one rule (``context.disclosure.threat``, label threat)."""
