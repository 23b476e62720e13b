"""Message-level grooming signals, by stage.

Each pattern is one transparent rule. A signal alone never decides much: the policy combines it
with the model's grooming score and the age bands, and the conversation tracker combines
distinct stages over time.
"""

from __future__ import annotations

import re

from safechat.detect.base import ARE, YOU, YOUR, YOURE, RuleHit, compile_patterns, run_patterns
from safechat.detect.grooming_languages import MEETING_SECRECY, OTHER_LANGUAGES
from safechat.detect.grooming_stages import SECRECY_RULE
from safechat.detect.grooming_stages import GroomingStage as GroomingStage
from safechat.detect.surprise import unless_surprise
from safechat.types import Label

_PARENTS = r"(?:parents|mum|mom|mommy|mummy|dad|daddy|family|folks|friends)"
_APPS = (
    r"(?:snap|snapchat|whatsapp|whats app|kik|telegram|signal|discord|insta|instagram|ig|"
    r"wickr|skype|facetime|tiktok|wechat|line|viber|messenger)"
)
_CURRENCY = (
    r"(?:robux|v-?bucks|vbucks|gift ?cards?|skins?|gems|coins|money|cash|nitro|credits|"
    r"presents?|gifts?|minecoins|diamonds|gold|battle ?pass|game ?pass(?:es)?|premium|a new phone|a phone|"
    r"limiteds?|dominus|korblox|headless)"
)
_SCHOOLWORK = (
    r"(?:homework|hw|worksheets?|diagrams?|notes|answers?|page|sheet|questions?|slides?|board|whiteboard|"
    r"timetable|test|quiz|essay|textbook|book|assignment|project|poster|map|graph|equation)"
)
_IMAGES = r"(?:pics?|pix|pictures?|photos?|selfies?|nudes?|vids?|videos?|snaps?)"

_S = GroomingStage
_PATTERNS: tuple[tuple[GroomingStage, str], ...] = (
    (_S.RAPPORT, rf"\bmature for {YOUR} age\b"),
    (_S.RAPPORT, rf"\b{YOURE} (?:so |really |very )*(?:special|different from (?:the )?other)"),
    (_S.RAPPORT, rf"\bnever met (?:any ?one|some ?one) like {YOU}\b"),
    (_S.RAPPORT, rf"\b{YOU} can trust me\b"),
    (_S.RAPPORT, rf"\bi understand {YOU} better than\b"),
    (_S.RAPPORT, rf"\b{YOURE} (?:so |really |very )*(?:pretty|beautiful|gorgeous|cute)\b"),
    (  # an adult's flattery: "most people your age can't aim like that", "you're a great kid"
        _S.RAPPORT,
        rf"\b(?:most|other|lots of|not many) (?:people|kids|girls|boys) {YOUR} age\b"
        rf"|\b{YOURE} (?:such )?a (?:great|good|smart|talented|sweet|special|brilliant|lovely) (?:kid|girl|boy)\b"
        rf"|\b(?:smarter|more mature|cooler|more talented|prettier|more grown ?up) than (?:the |all the )?other (?:kids|girls|boys)\b"
        rf"|\bi (?:don'?t|dont|do not) usually (?:message|talk to|dm|text) (?:people|any ?one|strangers|kids)\b"
        rf"|\bi always look forward to (?:seeing|talking to|chatting with|playing with) {YOU}\b",
    ),
    (_S.PROBING, rf"\bhow old {ARE} {YOU}\b"),
    (_S.PROBING, rf"\bwhat(?:'?s| is) {YOUR} age\b"),
    (_S.PROBING, r"\basl\b"),
    (_S.PROBING, rf"\bwhat (?:grade|year|class) {ARE} {YOU} in\b"),
    (_S.PROBING, rf"\bwhere do {YOU} live\b"),
    (_S.PROBING, rf"\bwhat (?:school|town|city|area) do {YOU} (?:go to|live in|attend|go)\b"),
    (_S.PROBING, rf"\b{ARE} {YOU} (?:in|at) (?:middle|high|primary|elementary) school\b"),
    (_S.PROBING, rf"\bwhat(?:'?s| is) {YOUR} (?:address|postcode|zip|school)\b"),
    (  # not a quoted warning ("if someone says 'dont tell ur parents' that's a red flag") nor
        # gossip passed on ("dont tell anyone but lucy...")
        _S.SECRECY,
        rf"(?<!['\"‘“])\b(?:don'?t|do not|never) tell (?:any ?one|any1|nobody|{YOUR} {_PARENTS})\b(?!,? but\b)",
    ),
    (_S.SECRECY, r"\bour (?:little )?secret\b|\ba little secret\b|\ba secret (?:between|just for) us\b"),
    (_S.SECRECY, r"\bkeep (?:this|it|us) (?:between us|secret|a secret|to yourself)\b"),
    (_S.SECRECY, r"\bdelete (?:this|the|our|these) (?:chat|messages?|convo|conversation|texts?)\b"),
    (_S.SECRECY, rf"\b{YOUR} {_PARENTS} (?:don'?t|dont|do not) (?:need|have) to know\b"),
    (_S.SECRECY, r"\bno ?one (?:needs|has) to know\b"),
    (
        _S.SECRECY,
        rf"\b(?:no ?one|nobody|{YOUR} {_PARENTS}) (?:needs|has|have) to know (?:about|bout|abt) us\b",
    ),
    (
        _S.SECRECY,
        r"\bwhat happens in (?:our|my) (?:dms|chats?|messages) stays in (?:our|my) (?:dms|chats?|messages)\b",
    ),
    (
        _S.SECRECY,
        rf"\bif (?:any ?one|any ?body|{YOUR} {_PARENTS}) asks?,? (?:i'?m|im|say i'?m|say im|tell them i'?m) (?:just )?(?:a|ur|{YOUR}) (?:friend|cousin|classmate)\b",
    ),
    (
        _S.SECRECY,
        rf"\b(?:save|rename|put) me (?:under|as|in {YOUR} contacts (?:as|to)) (?:a (?:different|fake|girl'?s?) name|something else|like\b)",
    ),
    (
        _S.SECRECY,
        r"\b(?:hide|lock) (?:the|this|our) (?:app|chat) (?:in a folder|so (?:no ?one|nobody|they))\b",
    ),
    (_S.SECRECY, rf"\bblock me before (?:handing|giving|u give|you give|{YOUR} {_PARENTS})\b"),
    (
        _S.SECRECY,
        r"\b(?:turn on|switch on|use|put on) (?:disappearing messages|vanish mode)\b"
        r"|\bunsend (?:that|this|it|the last (?:msg|message|pic))\b[^.!?]{0,20}\b(?:some ?one|any ?one|they|ur (?:mum|mom|dad|parents)) (?:might|could|will) see\b",
    ),
    (
        _S.ISOLATION,
        rf"\b{YOUR} {_PARENTS} (?:don'?t|dont|do not|never) (?:understand|get|care about|love|listen to) {YOU}\b",
    ),
    (_S.ISOLATION, rf"\bonly i (?:really )?(?:understand|get|care about|love) {YOU}\b"),
    (_S.ISOLATION, rf"\b{YOU} (?:don'?t|dont|do not) need (?:them|{YOUR} {_PARENTS})\b"),
    (_S.ISOLATION, r"\bi'?m the only one who (?:understands|gets|cares)\b"),
    (
        _S.ISOLATION,
        rf"\b(?:{YOUR} )?(?:friends|classmates|parents|mum|mom|dad|family|they|those girls|those boys)"
        rf" (?:don'?t|dont|do not|never) (?:deserve|appreciate|treat) {YOU}\b",
    ),
    (
        _S.ISOLATION,
        rf"\b(?:talk|vent|come(?: and)? talk) to me instead\b|\b{YOU} can always (?:vent|talk|come) to me\b"
        rf"|\bi'?m (?:always )?on {YOUR} side\b|\bi(?:'d| would)? never (?:treat|ditch|leave) {YOU} like that\b"
        rf"|\b(?:adults|grown ?ups|parents|they)(?: just)? (?:don'?t|dont|do not|never) get it\b[^.!?]{{0,30}}\bi'?m (?:different|not like them)\b",
    ),
    (
        _S.ISOLATION,
        rf"\b{YOUR} (?:family|parents|friends|mum|mom|dad) (?:sounds?|seems?|(?:is|are)) (?:so )?(?:toxic|fake|controlling)\b"
        rf"|\b(?:they|he|she) (?:just |only )?uses? {YOU}\b|\b(?:they|he|she) only brings? {YOU} down\b"
        rf"|\bstop (?:playing|talking|hanging out) with them\b",
    ),
    (  # a meeting kept from others: "come alone", "dont bring anyone", "tell ur mum ur at a friends"
        _S.ISOLATION,
        rf"\bcome (?:on )?(?:your ?self|ur ?self|by (?:your|ur) ?self|alone)\b|\b(?:don'?t|dont|do not) bring (?:any ?one|any1|anybody|{YOUR} friends)\b",
    ),
    (
        _S.SECRECY,
        rf"\btell {YOUR} {_PARENTS} (?:that )?(?:{YOURE}|{YOU} (?:are|r|were|was)) (?:at|going to|round|with|sleeping)\b",
    ),
    (_S.ALONE_CHECK, rf"\b{ARE} {YOU} (?:home )?alone\b"),
    (
        _S.ALONE_CHECK,
        rf"\b(?:is|are) (?:any ?one|any ?body|{YOUR} {_PARENTS}) (?:else )?(?:home|around|there|awake|watching)\b",
    ),
    (_S.ALONE_CHECK, rf"\b{ARE} {YOUR} {_PARENTS} (?:home|around|asleep|awake|out|away)\b"),
    (
        _S.ALONE_CHECK,
        rf"\b(?:do|does|can) {YOUR} {_PARENTS} (?:check|see|read|look at) {YOUR} (?:phone|messages|chats|texts)\b",
    ),
    (_S.ALONE_CHECK, rf"\b(?:who|any ?one) (?:else )?(?:is )?in {YOUR} room\b"),
    (_S.PRIVATE_APP, rf"\b(?:add|message|msg|text|dm|hmu|find|call|talk to|chat with) me on {_APPS}\b"),
    (
        _S.PRIVATE_APP,
        rf"\b(?:let'?s|lets|we should|can we|wanna) (?:talk|chat|move|go|continue|switch) (?:on|to|over to) (?:{_APPS}|somewhere (?:more )?private|private|dms?)\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:what'?s|whats|what is|give me|send me|got) {YOUR} (?:{_APPS}|number|phone number|cell)\b",
    ),
    (
        _S.PRIVATE_APP,
        rf"\b(?:do|r|are) {YOU} (?:have |on |got )?{_APPS}\b|\b{YOU} on {_APPS} ?\?"
        rf"|\b(?:download|get|install) {_APPS},? (?:its|it'?s|so|then|and)\b|\b{_APPS} is better (?:bc|because|cuz|cause)\b",
    ),
    (_S.PRIVATE_APP, rf"\b(?:join|accept) my (?:private server|server|friend request on {_APPS})\b"),
    (
        _S.GIFTS,
        rf"\b(?:i'?ll|i will|i can|i could|want me to|let me|i'?m gonna|i wanna) (?:give|buy|send|get|gift) {YOU} (?:some |a |free |lots of )?{_CURRENCY}",
    ),
    (
        _S.GIFTS,
        rf"\b(?:i'?ll|ill|i will|i can|i could|i'?d|id|let me|i'?m gonna|im gonna) (?:drop|pay for|cover|send|give)"
        rf" {YOU} (?:some |a |free |lots of |\d+ |the |that |ur |{YOUR} )?{_CURRENCY}",
    ),
    (_S.GIFTS, rf"\b(?:i )?(?:just )?(?:gifted|sent|bought) {YOU} (?:the |a |some |\d+ |that )?{_CURRENCY}"),
    (
        _S.GIFTS,
        rf"\b{_CURRENCY}\b[^.!?]{{0,30}}\bif {YOU} (?:play|send|show|add|call|talk|video|vc|do|are|keep)\b",
    ),
    (
        _S.GIFTS,
        rf"(?:^|[.!?] *|\b{YOU} |\bdo {YOU} )(?:want|wanna|need) (?:some|free|\d+) (?:robux|v-?bucks|vbucks|nitro|gems|minecoins)\b",
    ),
    (_S.GIFTS, r"\bfree (?:robux|v-?bucks|vbucks|nitro|skins|gift ?cards?)\b"),
    (
        _S.IMAGE_REQUEST,
        # not the writer's offer ("ill send pics of the sea") nor schoolwork ("a pic of the diagram",
        # "a pic of the maths homework")
        r"(?<!\bi'll )(?<!\bill )(?<!\bi will )(?<!\bgonna )(?<!\bwill )(?<!\bi can )(?<!\bi could )(?<!\bi'd )"
        rf"\bsend (?:me )?(?:a |some |more |ur |your |{YOUR} )?(?:cute |hot |sexy |private )?{_IMAGES}\b"
        rf"(?! of (?:the |my |ur |your |our |this |that |a )?(?:[a-z]+ ){{0,2}}?{_SCHOOLWORK}\b)",
    ),
    (
        _S.IMAGE_REQUEST,
        rf"\b(?:can|could|will|would) {YOU} (?:send|show) me (?:a |ur |{YOUR} )?(?:{_IMAGES}|body|yourself)\b"
        rf"(?! of (?:the |my |ur |your |our |this |that |a )?(?:[a-z]+ ){{0,2}}?{_SCHOOLWORK}\b)",
    ),
    (_S.IMAGE_REQUEST, rf"\b(?:turn on|open|switch on) {YOUR} (?:cam|camera|webcam)\b"),
    (_S.IMAGE_REQUEST, rf"\bshow me {YOUR} (?:body|face|legs|feet|chest|bra|room)\b"),
    (_S.IMAGE_REQUEST, rf"\bwhat do {YOU} look like\b"),
    (
        _S.MEETING,
        r"\b(?:let'?s|lets|we should|wanna|want to|can we|could we) (?:meet|hang out|meet up)(?: up)?\b(?! in (?:game|the game|lobby|match))",
    ),
    (
        _S.MEETING,
        r"\bmeet (?:me|up) (?:irl|in person|in real life|at|after school|somewhere|tonight|tomorrow)\b",
    ),
    (_S.MEETING, rf"\bi (?:can|could|will|'ll) (?:pick {YOU} up|come to {YOUR} (?:house|place|school))\b"),
    (_S.MEETING, r"\bwhere can we meet\b"),
    (
        _S.MEETING,
        rf"\b(?:i can|i could|i'?ll|ill|let me) (?:uber|drive|pay for|get) {YOU} (?:to my (?:place|house|flat|apartment)|a (?:train|bus|plane|uber) ticket|home from school|a ride)\b"
        rf"|\bpay for {YOUR} (?:train|bus|plane|uber) (?:ticket|fare|ride)\b",
    ),
    (
        _S.MEETING,
        rf"\b(?:want|wanna|need) a (?:ride|lift)\b[^.!]{{0,30}}\b{YOUR} (?:mum|mom|dad|parents) (?:doesn'?t|dont|don'?t|do not|won'?t) (?:have to|need to)? ?know\b"
        rf"|\bjust say {YOURE} (?:at a sleepover|at a friend'?s|at {YOUR} friend'?s)\b",
    ),
    (_S.MEETING, rf"\b(?:wait|meet me) (?:at|on) the corner,? not (?:at )?{YOUR} house\b|\bjust hop in\b"),
    (_S.MEETING, r"\b(?:sneak|come) (?:out|over) (?:tonight|to my|to meet)\b"),
    (
        _S.SEXUALISATION,
        rf"\b(?:have|ever) {YOU} (?:ever )?(?:kissed|been kissed|had sex|touched yourself|done it)\b",
    ),
    (_S.SEXUALISATION, rf"\bwhat {ARE} {YOU} wearing\b"),
    (_S.SEXUALISATION, rf"\b{ARE} {YOU} (?:still )?a virgin\b"),
    (_S.SEXUALISATION, rf"\b{YOUR} (?:body|boobs|breasts|bum|butt|lips) (?:is|are|look)\b"),
    (_S.SEXUALISATION, rf"\b{YOURE} (?:so |really |very )*(?:sexy|hot)\b"),
    (
        _S.SEXUALISATION,
        rf"\b(?:in|wearing) {YOUR} (?:underwear|bra|pyjamas|pajamas|knickers|panties|boxers)\b",
    ),
)

GROOMING_PATTERNS = compile_patterns(
    (f"grooming.{stage.value}", rx) for stage, rx in (*_PATTERNS, *OTHER_LANGUAGES, *MEETING_SECRECY)
)


def find_grooming_signals(text: str) -> list[RuleHit]:
    """Grooming signals in ``text`` (the normalised model text), one hit per rule match.

    The stage of a hit is ``GroomingStage(hit.rule.split(".", 1)[1])``; see :func:`stage_of`. A
    secret kept for a surprise ("don't tell mum, it's for mother's day") is no secrecy signal
    (:func:`safechat.detect.surprise.unless_surprise`).
    """
    return unless_surprise(text, _unless_gossip(text, run_patterns(text, GROOMING_PATTERNS, Label.GROOMING)))


_BUT = re.compile(
    r"\W{0,3}(?:but|pero|mais|ma|ale|але|но)(?!\w)|\s*,\W{0,2}(?:aber|maar)(?!\w)", re.IGNORECASE
)
"""Right after "tell no one": what follows is the writer's own news, passed on to a friend."""


def _unless_gossip(text: str, hits: list[RuleHit]) -> list[RuleHit]:
    """``hits`` less the secrecy hits followed by "but" ("no se lo digas a nadie pero me han echado
    del grupo", "не кажи нікому, але..."): a child passing on news, as the English pattern's own
    "(?!,? but)" reads it, in every children's chat language. Portuguese "mas" is left out: in
    Spanish "a nadie mas" is "to no one else"; German "aber" and Dutch "maar" count only after a
    comma, being also particles ("wis deze chat maar na het lezen": just delete this chat)."""
    return [
        hit for hit in hits if not (hit.rule == SECRECY_RULE and _BUT.match(text, hit.span.end) is not None)
    ]


def stage_of(hit: RuleHit) -> GroomingStage:
    """The grooming stage of a hit returned by :func:`find_grooming_signals`."""
    return GroomingStage(hit.rule.split(".", 1)[1])
