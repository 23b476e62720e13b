"""Threats written in emoji (``threat.emoji``, safechat/detect/emoji_threats.py): a weapon aimed
at the reader, a day or a school fires in every children's chat language; a kitchen knife, a
water pistol, a fist bump, a bomb that is praise and a gun that is a joke do not."""

from __future__ import annotations

import pytest

from safechat.detect import find_rule_hits
from safechat.detect.emoji_threats import EMOJI_THREAT_RULE, find_emoji_threats
from safechat.engine import Moderator
from safechat.normalize import normalize
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.testing import FakeScorer
from safechat.types import Action, Label, Span

MODERATOR = Moderator(
    scorer=FakeScorer(), policy=Policy.default(), prompts=PromptBook.load(), queue_reviews=False
)

THREATS = [
    ("en", "ur next 🔪🔪"),
    ("en", "see u friday 🔫🔫"),
    ("en", "thursday. 🏫🔫 dont come in"),
    ("en", "keep snitching and ⚰️ is where u end up"),
    ("en", "after school 👊🤕 just wait"),
    ("de", "dich krieg ich noch 🔪"),
    ("de", "donnerstag in der 7b 💣💣"),
    ("fr", "toi et ta bande 🪓🩸"),
    ("fr", "lundi au collège 🔫 restez chez vous"),
    ("es", "el viernes en el insti 🔫🔫 avisados"),
    ("es", "tú 🔪 ya verás"),
    ("it", "giovedì 3B 🔫💥 state a casa"),
    ("it", "ti aspetto fuori 🔪"),
    ("nl", "jij bent de volgende 🔪🩸"),
    ("nl", "vrijdag op school 🔫"),
    ("pl", "w czwartek w szkole 🔫🔫"),
    ("pl", "ciebie to 🪓 spotka"),
    ("pt", "você é o próximo 🔪🩸"),
    ("pt", "sexta na escola 🔫 fica em casa"),
    ("uk", "тебе знайдуть 🔪🩸"),
    ("uk", "у п'ятницю в школі 🔫🔫"),
]

PLAY = [
    ("en", "making pasta tonight 🍝🔪 im on chopping duty"),
    ("en", "see u in class tomorrow 👊"),
    ("en", "gg see u monday 👊👊"),
    ("en", "water fight friday 🔫💦 bring towels"),
    ("en", "laser tag for my bday saturday 🔫 who's coming"),
    ("en", "send me ur playlist or else 🔫"),
    ("en", "ur drawing is 💣 fr"),
    ("en", "halloween costume tomorrow 🔪🩸 im going as a zombie"),
    ("en", "the new fortnite season on friday 🔫🔥"),
    ("en", "🔪 knife skin dropped in my case!!"),
    ("de", "morgen kochen wir in der schule 🔪🥕"),
    ("fr", "ton dessin il est 🔥💣"),
    ("es", "esta noche cocina con mi abuela 🔪🍅"),
    ("it", "la pizza di domani sarà una bomba 💣"),
    ("pl", "jutro robimy ciasto 🔪🍰"),
    ("pt", "sexta tem festa 💣💥"),
    ("uk", "завтра готуємо в школі 🔪🥗"),
    ("en", "respect 👊"),
    ("en", "no emoji at all, see u tomorrow at school"),
]


@pytest.mark.parametrize(("language", "text"), THREATS, ids=[f"{lang}:{text}" for lang, text in THREATS])
def test_a_weapon_aimed_at_the_reader_a_day_or_a_school_fires(language: str, text: str) -> None:
    hits = find_emoji_threats(normalize(text).text)
    assert [hit.rule for hit in hits] == [EMOJI_THREAT_RULE], language
    assert hits[0].label is Label.THREAT and not hits[0].maskable


@pytest.mark.parametrize(("language", "text"), PLAY, ids=[f"{lang}:{text}" for lang, text in PLAY])
def test_food_play_praise_and_a_fist_bump_do_not_fire(language: str, text: str) -> None:
    assert find_emoji_threats(normalize(text).text) == [], language


def test_the_hit_spans_the_first_weapon() -> None:
    text = normalize("see u friday 🔫🔫").text
    (hit,) = find_emoji_threats(text)
    assert hit.span == Span(text.index("🔫"), text.index("🔫") + 1)


def test_a_gun_or_a_bomb_needs_a_day_or_a_school_and_a_blade_only_the_reader() -> None:
    assert find_emoji_threats("u 🔪") and not find_emoji_threats("u 🔫") and not find_emoji_threats("u 💣")
    assert find_emoji_threats("monday 🔫") and not find_emoji_threats("monday 💣")
    assert find_emoji_threats("school 💣")
    assert not find_emoji_threats("👊 u") and find_emoji_threats("👊🚑")


def test_the_rule_is_among_every_detectors_hits_and_escalates_in_every_band() -> None:
    text = "jij bent de volgende 🔪🩸"
    assert EMOJI_THREAT_RULE in {hit.rule for hit in find_rule_hits(normalize(text).text)}
    for band in ("under_13", "13_15", "16_17", "adult"):  # adults too since default-0.17.0
        decision = MODERATOR.moderate(text, age_band=band)  # every model score is zero
        assert decision.action is Action.ESCALATE, band
        assert any(reason.code == f"rule.{EMOJI_THREAT_RULE}" for reason in decision.reasons), band


@pytest.mark.parametrize(
    "text",
    [
        "a boy in year 8 said 'ur next 🔪🔪' to me and i'm scared, what do i do",
        "mi hanno scritto 'ti aspetto fuori 🔪' e ho paura",
    ],
)
def test_a_child_telling_of_an_emoji_threat_is_not_threatening(text: str) -> None:
    assert find_emoji_threats(normalize(text).text) == []
    assert MODERATOR.moderate(text, age_band="under_13").action is Action.ALLOW
