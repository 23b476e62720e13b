"""Explicit phrases the policy must never miss, whatever the model says: telling someone to
kill themselves or wishing them dead ("kys", "why are you still alive", "no one would care if
you died"), shutting a child out ("everyone hates you", "you weren't invited", "made a new group
chat without her"), calling a crowd onto someone ("everyone spam ez at him"), explicit threats of
violence, asking for sexual talk ("let's talk dirty"), naming explicit material or passing on
someone's nudes ("a porn dump in the gc", "i got her nudes"), and a writer saying they want to
hurt themselves.

The first three are bullying aimed at a person, then a threat, sexual solicitation and content, and
a call for support, never punishment.
"""

from __future__ import annotations

from safechat.detect.base import ARE, YOU, YOUR, YOURE, RuleHit, compile_patterns, run_patterns
from safechat.detect.harm_languages import (
    EXCLUSION_OTHER_LANGUAGES,
    KYS_OTHER_LANGUAGES,
    SOLICITATION_OTHER_LANGUAGES,
    THREATS_OTHER_LANGUAGES,
    find_other_languages,
)
from safechat.detect.reported import unless_reported
from safechat.types import Label

_NOBODY = r"(?:no ?one|nobody|noone|no1)"

# Where an order to the reader starts: the message or a sentence, after fillers ("lol", "bro").
_ORDER_START = r"(?:^|[.!?,;]\s*)(?:(?:lol|lmao|bro|just|ok|okay|honestly|fr|ngl|seriously)\s+)*"
# An order that cannot be the writer speaking of themselves: "go", "pls", "you should", "do the
# world a favour and". Algospeak that is also a noun or a mood ("sewerslide thoughts", "unsubscribe
# from life rn") is read as an order only after one of these.
_ORDER = (
    rf"(?:{_ORDER_START}(?:pls |please |go |just go |pls go |please go |commit )(?:commit )?"
    rf"|\b{YOU} (?:should|need to|can|could|better) (?:just |go |really )*(?:commit )?|\bfavou?r and (?:go )?(?:commit )?)"
)

_ENCOURAGEMENT = compile_patterns(
    (
        (  # algospeak for "kill yourself", as an order: "do the world a favour and sewer slide",
            # "pls unsubscribe from life", "go take the forever sleep"
            "bullying.kys",
            rf"{_ORDER}(?:sewer ?slide|unsubscribe from (?:life|existence|living|being alive|earth)"
            r"|take (?:a|the) (?:forever|eternal|permanent) (?:sleep|nap)"
            r"|(?:to )?sleep (?:and )?(?:never|don'?t|dont|do not) wake up)\b",
        ),
        (  # orders no one gives themselves: "delete urself", "take a dirt nap", "rope is cheap"
            "bullying.kys",
            rf"(?:{_ORDER_START}|{_ORDER})(?:delete (?:your ?self|ur ?self|yo ?self)"
            r"(?! from (?:the )?(?:group|gc|chat|server|list|team|call|lobby|squad))|take a dirt nap|ropes? (?:is|are) cheap)\b",
        ),
        ("bullying.kys", r"\bkys\b|\bkay why ess\b"),
        (  # also dotted word by word: "kill. ur. self."
            "bullying.kys",
            r"\b(?:go |just |should |pls |please )?(?:kill|neck|hang|end)[ .,]{1,3}(?:your[ .,]{0,3}self|ur[ .,]{0,3}self|yr ?self|yo ?self|yourselves|ursel?f)\b",
        ),
        ("bullying.kys", rf"\b(?:go die|i hope {YOU} die|hope {YOU} die|{YOU} should die|drink bleach)\b"),
        (
            "bullying.kys",
            r"\b(?:go |just |pls |please )?(?:unalive|off) (?:your ?self|ur ?self|yr ?self|ursel?f)\b"
            r"|\b(?:go |just |pls |please )?die already\b|\bdie in a (?:hole|fire|ditch)\b"
            r"|\buninstall (?:your ?self|urself|ur life|your life)\b",
        ),
        (
            "bullying.kys",
            rf"\b{YOU} should (?:just |really |honestly |seriously )?(?:die|not exist|stop (?:existing|breathing)"
            rf"|disappear (?:forever|for good)|jump off (?:a|the) (?:bridge|cliff|roof|building))\b",
        ),
        (
            "bullying.kys",
            rf"\bgo (?:jump off (?:a|the) (?:bridge|cliff|roof|building)|play in (?:the )?traffic)\b"
            rf"|\b(?:^|just |pls |please |go )stop (?:breathing|existing)\b|\bwhy {ARE} {YOU} (?:still )?(?:alive|breathing)\b",
        ),
        (
            "bullying.kys",
            rf"\b{_NOBODY} (?:would|will|is gonna|would even|will even) (?:care|notice|miss {YOU}|cry|be sad|be upset)"
            rf" if {YOU} (?:died|die|were gone|was gone|disappeared|weren'?t here|wasn'?t here"
            rf"|went to sleep and (?:didn'?t|didnt|never) wake up)\b",
        ),
        (
            "bullying.kys",
            rf"\b(?:the world|every ?one|everybody|we|{YOUR} (?:parents|family|mum|mom|dad)) (?:would|will) be"
            rf" (?:so )?(?:better off|better|happier|relieved) (?:without {YOU}|if {YOU} (?:died|were gone|was gone|weren'?t (?:here|alive|born)))\b"
            rf"|\bthe world (?:doesn'?t|does not) need {YOU}\b",
        ),
        (
            "bullying.kys",
            rf"\bdo (?:every ?one|everybody|us all|us|the world) a favou?r and (?:die|disappear|stop existing"
            rf"|kill (?:your ?self|urself)|unalive (?:your ?self|urself))\b"
            rf"|\bif i (?:was|were) {YOU},? i'?d (?:have )?(?:kill(?:ed)? myself|kms|unalived? myself)\b"
            rf"|\b(?:i'?d|id) kms,? {YOU} should too\b",
        ),
    )
)

_EXCLUSION = compile_patterns(
    (
        (
            "bullying.exclusion",
            rf"\b(?:everyone|everybody|every1|we all|all of us|the whole (?:class|school|group|team)) (?:hates?|despises?) {YOU}\b",
        ),
        ("bullying.exclusion", rf"\b{_NOBODY} (?:likes|loves|wants|cares about|needs|invited) {YOU}\b"),
        (
            "bullying.exclusion",
            rf"\b{_NOBODY} wants to (?:play|talk|sit|hang out|be friends|be) with {YOU}\b",
        ),
        (
            "bullying.exclusion",
            rf"\b{YOU} (?:have|got|ha?ve got) no (?:friends|mates)\b|\b{YOU} can'?t sit with us\b",
        ),
        ("bullying.exclusion", rf"\b{YOURE} (?:not|never) (?:welcome|wanted)\b"),
        (
            "bullying.exclusion",
            rf"\b(?:we|they|i) (?:don'?t|do not) want {YOU} (?:here|around|in (?:the|our|this) (?:group|chat|team|squad|server|class))\b",
        ),
        (
            "bullying.exclusion",
            rf"\b(?:{YOURE}|{YOU} (?:were|was)(?:n'?t| not)|{YOU} werent|{YOU} wasnt) (?:not |never |never gonna be )?invited\b"
            rf"|\b(?:every ?one|everybody|all of us|the whole class)(?:'?s| is) (?:going|invited)\b[^.!?]{{0,30}}\bexcept {YOU}\b",
        ),
        (
            "bullying.exclusion",
            rf"\b(?:don'?t|dont|do not|never) (?:sit|play|hang out|eat|talk) (?:with|to) us\b"
            rf"|\b{YOURE} (?:not|never gonna be|never going to be) (?:one of us|part of (?:the|our|this) (?:group|squad|friend group))\b"
            rf"|\b{YOURE} out of (?:the|our) (?:friend )?group\b",
        ),
        (
            "bullying.exclusion",
            rf"\b(?:{_NOBODY}|every ?one|everybody|guys|y'?all|we all) (?:talk to|reply to|sit with|play with|ignore|ghost)"
            rf" (?:him|her|the new (?:girl|boy|kid))\b"
            rf"|\b(?:ghost|leave) (?:him|her) on (?:read|delivered)\b|\bghost (?:him|her)\b",
        ),
        (
            "bullying.exclusion",
            r"\b(?:new|other|real|secret) (?:gc|group chat|group|chat|server) without (?:him|her|(?!me\b|us\b|you\b|u\b|them\b)[a-z]+)\b"
            r"|\b(?:kick|boot|remove) (?:him|her) (?:from|out of) (?:the|this|our) (?:gc|group chat|group|chat|server)\b",
        ),
    )
)

_SOLICITATION = compile_patterns(
    (
        ("sexual.solicitation", r"\b(?:talk|talking|chat|chatting) dirty\b|\bsex ?chat\b|\bsexting\b"),
        (
            "sexual.solicitation",
            rf"\b(?:wanna|want to|let'?s|lets|do {YOU} want to|{YOU} wanna|shall we) (?:have sex|sext|make out)\b",
        ),
    )
)

_EXPLICIT = compile_patterns(
    (
        (  # explicit material named: "the gc turned into a porn dump", "nsfw channels", "a condo game on roblox"
            "sexual.content",
            r"\b(?:porn\w*|nsfw|hentai|onlyfans leaks?|condo (?:games?|servers?)|18\+ (?:vids?|videos?|games?|sites?|content|stuff)"
            r"|adult (?:videos?|vids|cartoons|content|sites?|movies?)|spicy (?:videos?|vids?|pics?|pix|snaps?|content))(?!\w)",
        ),
        (  # passing on someone's nudes: "i got emma's nudes", "drop the nudes in the gc"
            "sexual.content",
            r"\b(?:drop|post|posted|leak|leaked|forward|airdrop(?:ped)?|got|has|have|trade|share|shared|spread)"
            r" (?:the |her |his |their |\w+'s |some )?nudes\b",
        ),
    )
)

_THREATS = compile_patterns(
    (
        # "I'll kill you" is also game talk: the policy asks the model to corroborate it.
        (
            "threat.violence",
            rf"\bi(?:'ll| will|'m going to| am going to|m gonna|'m gonna| am gonna| gonna) (?:kill|stab|shoot|murder|beat up|hurt|strangle|punch) (?:{YOU}|your (?:family|mum|mom|dad|sister|brother|friends))\b",
        ),
        (
            "threat.school_attack",
            r"\b(?:shoot|bomb|blow) up (?:the|our|my|your|this) (?:school|class|classroom)\b",
        ),
        ("threat.school_attack", r"\bschool shooting tomorrow\b|\bbring(?:ing)? a (?:gun|knife) to school\b"),
        (
            "threat.stalking",
            rf"\bi know where {YOU} live\b|\bi(?:'ll| will) find {YOU}\b|\bwatch {YOUR} back\b",
        ),
    )
)

_SELF_HARM = compile_patterns(
    (
        (
            "self_harm.ideation",
            r"\bi (?:want|wanna|need|am going|'?m going|'?m gonna|am gonna) to (?:die|kill myself|end it all|end my life|disappear forever)\b",
        ),
        ("self_harm.ideation", r"\bi (?:want|wanna) (?:to )?(?:die|kill myself|end it all|end my life)\b"),
        (
            "self_harm.ideation",
            r"\bi (?:might as well|may as well|should just|should prob(?:ably)? just) (?:die|kms|kill myself|not exist)\b",
        ),
        (  # taking up what others told them: "they said kys so maybe i should"
            "self_harm.ideation",
            r"\b(?:kys|kill (?:yo)?urself|go die|die)\b[^.!?\n]{0,20}?\b(?:so |and )?(?:maybe|prob(?:ably)?|might as well) i (?:should|will|might|do)\b",
        ),
        ("self_harm.ideation", r"\b(?:kill|killing|hurt|hurting|cut|cutting) myself\b"),
        ("self_harm.ideation", r"\b(?:end|ending) my (?:own )?life\b"),
        (
            "self_harm.ideation",
            r"\bi(?:'?m| am) (?:thinking about|thinking of|planning) (?:suicide|killing myself|ending it)\b",
        ),
        ("self_harm.ideation", r"\b(?:i don'?t|i dont|i do not) want to (?:live|be alive|exist) any ?more\b"),
        ("self_harm.ideation", r"\b(?:better off|be better) (?:dead|without me)\b"),
        ("self_harm.ideation", r"\bsuicidal\b"),
        # Algospeak for suicide and self-harm ("unalive", "sewer slide", "the s-h thing"); masked words
        # ("s*icide") reach the rules restored by the normaliser.
        (
            "self_harm.ideation",
            r"\bunaliv(?:e|ing|ed) (?:myself|my self|thoughts)\b|\bsewer ?slide\b|\bself[ -]?delete\b|\bforever nap\b"
            r"|\b(?:i|im|i'?m|ive|i'?ve|me)\b[^.!?\n]{0,25}\bunaliv(?:e|ing|ed)\b(?! (?:ur|your|you|u|him|her|them|that|this)\b)",
        ),
        (  # the writer left out, as chat does: "might just unalive tbh", "gonna unalive fr"
            "self_harm.ideation",
            r"(?:^|[.!?,]\s*)(?:(?:lol|ngl|tbh|honestly|fr)\s+)*(?:might|gonna|going to|wanna|want to|finna|about to"
            r"|bout to|should) (?:just |prob |probably |actually )?unaliv(?:e|ing)\b"
            r"(?! (?:ur|your|you|u|him|her|them|that|this|the|a|an|my|his|their|every\w*)\b)",
        ),
        ("self_harm.ideation", r"\bthe s-?h thing\b"),
        # Self-harm acts: cutting, hiding the marks.
        (
            "self_harm.ideation",
            r"\b(?:i|i'?ve|ive|i'?m|im|been|my|started|stop|keep)\b[^.!?\n]{0,20}\bself[ -]?harm(?:ing|ed)?\b|\bselfharm\w*|\b(?:i )?(?:cut|cutting) (?:again|my (?:arms?|wrists?|thighs?|legs?))\b"
            r"|\b(?:hide|hiding|cover|covering) (?:up )?(?:my |the )?(?:scars|cuts|marks) (?:on my|for|so|from)\b",
        ),
        # Passive thoughts: a burden, better off without the writer, no point, not waking up.
        (
            "self_harm.ideation",
            r"\b(?:i'?m|im|i am) (?:just |such |only )?a burden\b|\bif (?:there'?s|theres|there was|there were) no me\b"
            r"|\b(?:better|happier|relieved|easier)\b[^.!?\n]{0,25}\bif i (?:was|were|wasn'?t|wasnt|weren'?t) (?:gone|dead|around|here|in it|born|alive)\b",
        ),
        (
            "self_harm.ideation",
            r"\b(?:no ?one|nobody|noone) would (?:even )?(?:come to my funeral|notice if i|care if i|miss me)\b"
            r"|\bif i (?:died|disappeared|was gone|were gone)\b[^.!?\n]{0,30}\b(?:would|carry on|notice|care)\b"
            r"|\b(?:what'?s|whats) (?:even )?the point (?:of|in) (?:me|living|being alive|existing)\b"
            r"|\bwish i (?:was|were|had) never (?:been )?born\b|\bwish i (?:wasn'?t|wasnt|weren'?t) (?:alive|born|here)\b"
            r"|\b(?:tired|sick) of (?:existing|living|being alive)\b|\b(?:sleep|go to sleep) and (?:not|never) wake up\b"
            r"|\b(?:want|wanna|wish i could|can'?t wait|cant wait) (?:to )?not (?:exist|be here|be alive|wake up)\b"
            r"|\bkms\b[^.!?\n]{0,30}\b(?:actually mean it|i mean it|not joking|not a joke)\b",
        ),
        # The signs a child gives of self-harm without naming it: marks hidden under sleeves, scratched
        # or cut arms, a blade used again, a relapse after days "clean", a painless way asked for, and
        # "kms" beside what they cannot take any more ("kms" alone is everyday hyperbole).
        (
            "self_harm.ideation",
            r"\b(?:long sleeves?|hoodie|jumper|sleeves|bracelets|plasters)\b[^.!?\n]{0,40}\b(?:so (?:no ?one|nobody)"
            r" (?:sees|can see|notices|sees them)|to hide|bc of|because of|cos of|cuz of|coz of)\b[^.!?\n]{0,15}\bmy (?:arms?"
            r"|wrists?|legs?|thighs?|scars|cuts|marks)\b"
            r"|\b(?:make|get|help) (?:the |my )?(?:marks|scars|cuts) (?:to )?(?:fade|go away|heal|disappear)\b"
            r"|\b(?:saw|see|sees|noticed|notice|found|find|ask(?:ed)? about) (?:the |my )?(?:scars|cuts) on my\b"
            r"|\bi (?:scratched|scratch|scratching|cut|cutting|burned|burnt|burn|burning) (?:on )?my (?:arms?|wrists?|thighs?|legs?)"
            r"\b[^.!?\n]{0,25}\b(?:till|until|again|so (?:no ?one|nobody)|bled|bleed|blood)\b",
        ),
        (
            "self_harm.ideation",
            r"\b(?:used|using|use) (?:my |a |the )?(?:\w+ )?(?:blade|razor) again\b"
            r"|\b(?:blade|razor)\b[^.!?\n]{0,30}\b(?:nobody knows|no one knows|noone knows|in my (?:pencil case|drawer|room))\b"
            r"|\brelapsed\b|\b(?:clean|stopped) for \d+ (?:days?|weeks?|months?)\b[^.!?\n]{0,30}\b(?:again|relapsed|ruined)\b"
            r"|\b\d+ (?:days?|weeks?|months?) clean\b[^.!?\n]{0,30}\b(?:again|relapsed|ruined|broke)\b"
            r"|\bi (?:bang|banged|hit|smash) my head (?:on|against) (?:the|a) wall\b"
            r"|\bpainless(?:ly)?\b[^.!?\n]{0,25}\b(?:way|ways|method|die|do it|to go)\b|\bhow to (?:die|do it) painless"
            r"|\bkms\b[^.!?\n]{0,40}\b(?:can'?t|cant|cannot) (?:take|do|cope with|handle)\b"
            r"|\b(?:can'?t|cant|cannot) (?:take|do|cope with|handle) (?:it|this|the \w+)(?: any ?more)?\b[^.!?\n]{0,30}\bkms\b",
        ),
    )
)

# The writer's own self-harm or suicidal thoughts in the multilingual bundle's children's chat
# languages (written without a native speaker's review): wanting to die or disappear, killing
# oneself, not wanting to live, cutting, being a burden, no one noticing.
_SELF_HARM_OTHER_LANGUAGES = compile_patterns(
    ("self_harm.ideation", regex)
    for regex in (
        # de
        r"\bich (?:will|möchte|mag) (?:einfach |echt |wirklich )?(?:nur )?(?:nicht mehr(?: leben| da sein| aufwachen)?|sterben|tot sein|verschwinden|weg,? für immer)\b",
        r"\b(?:bring|bringe) mich (?:heute |jetzt |noch )?um\b|\bmich umbringen\b|\b(?:selbstmord|suizid) (?:begehen|machen)\b|\bsuizidal\b|\bsich das leben (?:zu )?nimmt\b|\bmir das leben (?:zu )?nehmen\b",
        r"\bmich\b[^.!?\n]{0,20}\bgeritzt\b|\britze mich\b|\blebensmüde\b|\b(?:müde|satt) vom leben\b|\bnicht mehr aufwachen\b",
        r"\b(?:keiner|niemand) würde mich vermissen\b|\bnarben (?:sieht|sehen|verstecken|verdecken)\b|\babschiedsbrief\b",
        # fr
        r"\bj(?:e |')(?:veux|voudrais|vais|ai envie de) (?:juste )?(?:mour+ir(?! de (?:rire|honte|faim|froid|chaud|peur))|crever|me (?:suicider|tuer|foutre en l'air|couper)|dispara[iî]tre|plus vivre|en finir)\b",
        r"\benvie de (?:mour+ir|crever|dispara[iî]tre|en finir|me couper)\b|\bme suicider\b|\bsuicidaire\b|\bje me (?:scarifie|mutile|coupe)\b|\bme suis (?:encore )?scarifi\w*",
        r"\bje (?:ne )?veux plus vivre\b|\bpersonne ne (?:me regretterait|remarquerait)\b|\bje suis un (?:poids|fardeau)\b|\blettres? d'adieu\b",
        r"\b(?:pas|plus) me r[ée]veiller\b|\bplus envie d'[eê]tre l[aà]\b|\blaissez[- ]moi dispara[iî]tre\b",
        # es
        r"\b(?:me )?quiero (?:morir(?:me)?|matar(?:me)?|desaparecer|dejar de existir|desvivir)\b|\bno quiero (?:vivir|seguir viviendo|existir)\b",
        r"\bme (?:he vuelto a cortar|corto los brazos|voy a matar|voy a suicidar|mato)\b|\bsoy una carga\b|\bestar[ií]an mejor sin m[ií]\b",
        r"\bnadie (?:notar[ií]a|me echar[ií]a de menos|me extrañar[ií]a)\b|\bojal[aá] no existir\b|\bcartas? de despedida\b|\blo de las rayitas\b",
        # it
        r"\b(?:voglio|vorrei) (?:solo )?(?:morire|sparire|farla finita|ammazzarmi|uccidermi|suicidarmi)\b|\bmi (?:voglio )?(?:ammazzo|uccido)\b",
        r"\b(?:non|nn) voglio (?:più )?(?:vivere|essere qui)\b|\bmi sono tagliat[oa]\b|\b(?:ricominciato a )?tagliarmi\b|\bfarla finita\b",
        r"\b(?:io sono|mi sento) un peso\b|\bnessuno (?:se ne accorgerebbe|si accorgerebbe se (?:non|nn) ci fossi|sentirebbe la mia mancanza)\b|\bcome uccidermi\b",
        r"\bse domani (?:non|nn) mi svegliassi\b",
        # pt
        r"\b(?:quero|queria) (?:morrer|sumir|me matar|desaparecer|deixar de existir)\b|\bvou me matar\b|\bme mato\b|\bme suicidar\b|\bsuicidar-me\b",
        r"\bn[aã]o (?:quero|aguento) mais viver\b|\b(?:me cortar|cortar-me|me corto)\b|\bsou (?:s[oó] )?um peso\b|\bainda (?:t[oô]|estou) viv[ao]\b",
        r"\bse eu (?:n[aã]o existisse|sumisse|morresse)\b|\b(?:ningu[eé]m|ngm) (?:ia|iria) (?:nem )?(?:perceber|sentir (?:a )?minha falta)\b",
        # nl
        r"\bik wil (?:gwn |gewoon |echt )?(?:dood|niet meer leven|verdwijnen|er niet meer zijn)\b|\bzelfmoord (?:plegen|doen)\b|\bik (?:snij|kras) (?:mezelf|mijzelf|weer)\b",
        r"\bik maak er een einde aan\b|\bniemand zou me missen\b|\bik ben (?:gwn |gewoon )?een last\b|\bmezelf (?:weer )?gesneden\b",
        r"\b(?:iedereen|jullie) (?:zou|zouden) beter af zijn zonder mij\b|\bwaarom leef ik (?:eigenlijk )?nog\b|\bals ik er (?:morgen )?niet meer ben\b",
        # pl
        r"\bchc[eę] (?:umrze[cć]|zgin[aą][cć]|znikn[aą][cć]|si[eę] zabi[cć])\b|\bnie chc[eę] (?:ju[zż] )?[zż]y[cć]\b|\bzabij[eę] si[eę]\b",
        r"\bpope[lł]ni[cć] samob[oó]jstwo\b|\bmy[sś]l(?:[eę]|i) samob[oó]jcze\b|\bmy[sś]l[eę] o samob[oó]jstwie\b|\btn[eę] si[eę]\b|\bpoci[eę][lł]am si[eę]\b|\bpoci[aą][lł]em si[eę]\b|\bjestem (?:tylko )?(?:ci[eę][zż]arem|problemem)\b",
        r"\bnikt by (?:nawet )?(?:nie zauwa[zż]y[lł]|za mn[aą] nie t[eę]skni[lł])\b|\b(?:lepiej|by[lł]oby lepiej) beze mnie\b",
        # uk
        r"хочу (?:померти|вмерти|зникнути|вбити себе)|не хочу (?:більше )?жити|вб['ʼ’]ю себе|самовипил|роскомнадзор",
        r"(?:думаю|думки) про (?:самогубство|суїцид)|суїцидальн\w*|покінчити (?:з собою|життя самогубством)",
        r"ріжу себе|різала? руки|порізала? себе|порізи|ніхто не (?:помітить|сумуватиме),? (?:якщо|коли) (?:я|мене)|я (?:лише |тільки )?тягар",
        r"без мене (?:було б|буде) (?:легше|краще)|краще б мене не було|(?:шоб|щоб) померти",
        # The signs without the word, as in English above: sleeves hiding scars, a blade, a relapse,
        # a painless way.
        r"\b(?:lange (?:ärmel|aermel)|langen (?:ärmeln|aermeln))\b[^.!?\n]{0,40}\b(?:arme|narben|ritzer)\b|\brückfall\b|\brueckfall\b"
        r"|\b\d+ (?:tage|wochen|monate) clean\b[^.!?\n]{0,30}\bwieder\b|\bklinge\b[^.!?\n]{0,30}\b(?:wieder|versteckt|keiner wei(?:ß|ss))\b"
        r"|\bschmerzlos\b[^.!?\n]{0,25}\b(?:sterben|machen|weg)\b",
        r"\bmanches longues\b[^.!?\n]{0,40}\b(?:bras|cicatrices|marques)\b|\bj['’ʼ]?ai rechut[eé]\b|\brechute\b"
        r"|\b(?:cacher|planquer) (?:mes |les )?(?:cicatrices|coupures)\b|\bmarques partout sur (?:mes |les )?(?:cuisses|bras|poignets)\b"
        r"|\blame\b[^.!?\n]{0,30}\b(?:encore|trousse|personne (?:ne )?(?:le )?sait)\b|\bsans (?:douleur|souffrir)\b[^.!?\n]{0,25}\b(?:mourir|partir|le faire)\b",
        r"\bmanga larga\b[^.!?\n]{0,40}\b(?:brazos|cicatrices|cortes)\b|\b(?:tapan|tapar|esconder|ocultar) (?:las |mis )?(?:cicatrices|cortes)\b"
        r"|\b(?:reca[ií]|he reca[ií]do|reca[ií]da)\b[^.!?\n]{0,40}\b(?:cort\w*|cicatri\w*|d[ií]as|semanas|meses|limpi[ao])\b|\bcuchilla\b[^.!?\n]{0,30}\b(?:otra vez|estuche|nadie (?:lo )?sabe)\b"
        r"|\bsin dolor\b[^.!?\n]{0,25}\b(?:morir|hacerlo|irme)\b",
        r"\bmaniche lunghe\b[^.!?\n]{0,40}\b(?:braccia|cicatrici|tagli)\b|\bnascondere (?:le |i )?(?:cicatrici|tagli)\b"
        r"|\bricadut[oa]\b|\bricaduta\b|\blametta\b[^.!?\n]{0,30}\b(?:astuccio|di nuovo|nessuno (?:lo )?sa)\b"
        r"|\bsenza dolore\b[^.!?\n]{0,25}\b(?:morire|farlo|andarmene)\b",
        r"\b(?:manga comprida|mangas compridas|moletom|camisola de manga)\b[^.!?\n]{0,40}\b(?:cortes|bra[cç]os|cicatrizes)\b"
        r"|\bescond\w* (?:as |os |minhas |meus )?(?:cicatrizes|cortes)\b|\breca[ií](?:da)?\b[^.!?\n]{0,40}\b(?:cort\w*|cicatri\w*|dias|semanas|meses|limp[ao])\b|\b(?:l[aâ]mina|gilete)\b[^.!?\n]{0,30}"
        r"\b(?:de novo|estojo|ningu[eé]m sabe)\b|\bsem dor\b[^.!?\n]{0,25}\b(?:morrer|fazer|partir)\b",
        r"\blange mouwen\b[^.!?\n]{0,40}\b(?:armen|littekens|sneetjes)\b|\blittekens (?:verbergen|verstoppen)\b"
        r"|\b(?:terugval|teruggevallen)\b|\bmesje\b[^.!?\n]{0,30}\b(?:weer|etui|niemand weet)\b"
        r"|\bpijnloos\b[^.!?\n]{0,25}\b(?:dood|doen|gaan)\b",
        r"\b(?:d[lł]ugi(?:m)? r[eę]kaw\w*|d[lł]ugie r[eę]kawy)\b[^.!?\n]{0,40}\b(?:blizn\w*|r[eę]ce|r[eę]k|ci[eę]ci\w*)\b"
        r"|\bukry\w* (?:moje )?blizny\b|\bnawr[oó]t\b|\b[zż]yletk\w*[^.!?\n]{0,30}\b(?:znowu|znów|piórnik\w*|pi[oó]rnik\w*|nikt nie wie)\b"
        r"|\bbezbole[sś]nie\b[^.!?\n]{0,25}\b(?:umrze[cć]|zrobi[cć]|odej[sś][cć])\b",
        r"(?:довгі рукави|довгий рукав|довгих рукавах)[^.!?\n]{0,40}(?:шрам\w*|руки|порізи)|сховати шрами"
        r"|(?<!\w)лезо(?!\w)[^.!?\n]{0,30}(?:знову|пенал\w*|ніхто не знає)|безболісно[^.!?\n]{0,25}(?:померти|вмерти|піти)",
    )
)


_DOGPILING = compile_patterns(
    (
        (  # a crowd told to spam an insult at someone: "everyone spam ez at mateo", "everyone type L for him"
            "bullying.dogpiling",
            r"\b(?:every ?one|everybody|every1|y'?all|guys|lets all|let'?s all|we all|all of us)\b[^.!?\n]{0,20}?"
            r"\b(?:spam|type|put|comment)\s+(?:l|ez|ezz|bot|trash|noob|cringe|ratio|🤡|💀|clown|loser)(?!\w)",
        ),
        (  # "pile on him", "spam him with friend requests", "whole server clowning on him", not "stop piling on her"
            "bullying.dogpiling",
            r"(?<!stop )(?<!dont )(?<!don't )(?<!quit )\b(?:pile on|piling on|gang up on|ganging up on|clowning on"
            r"|mass report(?:ing)?|spam) (?:him|her|them)\b(?! (?:heals?|with heals|the ball|the ammo|ammo|a pass|passes)\b)",
        ),
        (
            "bullying.dogpiling",
            r"\b(?:we'?re|we are|were|lets|let'?s) (?:all )?(?:roasting|roast|targeting|target|ganging up on) (?:him|her|them|the (?:new )?(?:guy|girl|kid))\b",
        ),
    )
)

HARM_PATTERNS = (
    *_ENCOURAGEMENT,
    *_EXCLUSION,
    *_DOGPILING,
    *_THREATS,
    *_SOLICITATION,
    *_EXPLICIT,
    *_SELF_HARM,
    *_SELF_HARM_OTHER_LANGUAGES,
    # bullying.kys, bullying.exclusion, threats and sexual solicitation in the other children's chat
    # languages (safechat.detect.harm_languages)
    *KYS_OTHER_LANGUAGES,
    *EXCLUSION_OTHER_LANGUAGES,
    *THREATS_OTHER_LANGUAGES,
    *SOLICITATION_OTHER_LANGUAGES,
)


def find_harm_phrases(text: str) -> list[RuleHit]:
    """Hits for telling someone to kill themselves (``bullying.kys``), shutting the reader out
    (``bullying.exclusion``), calling a crowd onto someone (``bullying.dogpiling``), explicit
    threats (``threat.violence``, ``threat.school_attack``, ``threat.stalking``), asking for sexual
    talk or sex (``sexual.solicitation``), naming explicit material or passing on someone's nudes
    (``sexual.content``) and a writer expressing self-harm or suicidal thoughts
    (``self_harm.ideation``). ``bullying.kys``, ``bullying.exclusion``, ``threat.violence``,
    ``threat.school_attack`` and ``sexual.solicitation`` also in French, German, Spanish, Italian,
    Portuguese, Dutch, Polish and Ukrainian (:mod:`safechat.detect.harm_languages`: not when
    quoted or told of; threats not when they are play). The English bullying hits are dropped
    where the message tells of the words or objects to them (:mod:`safechat.detect.reported`)."""
    hits = run_patterns(text, _ENCOURAGEMENT, Label.BULLYING)
    hits += run_patterns(text, _EXCLUSION, Label.BULLYING)
    hits += run_patterns(text, _DOGPILING, Label.BULLYING)
    hits = unless_reported(text, hits)
    hits += run_patterns(text, _THREATS, Label.THREAT)
    hits += run_patterns(text, _SOLICITATION, Label.SEXUAL)
    hits += run_patterns(text, _EXPLICIT, Label.SEXUAL)
    hits += run_patterns(text, _SELF_HARM, Label.SELF_HARM)
    hits += run_patterns(text, _SELF_HARM_OTHER_LANGUAGES, Label.SELF_HARM)
    hits += find_other_languages(text)
    return hits
