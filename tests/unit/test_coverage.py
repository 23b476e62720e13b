"""Coverage: whether a model could read a message's language (``Decision.coverage``), decided
from the shipped bundles' manifests and tokenizers (their vocabularies, not their graphs: no
model runs here), and what happens to text no model can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tokenizers import Tokenizer

from safechat.calibration.policy_diff import diff_policies
from safechat.calibration.toml_writer import policy_to_toml
from safechat.engine import Moderator
from safechat.errors import InvalidInputError, PolicyError
from safechat.model.bundle import read_manifest
from safechat.model.coverage import MAX_UNREAD_SHARE, READS_EVERYTHING, Reader, script_of, scripts_read
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.policy.unread import UNREAD
from safechat.testing import FakeScorer
from safechat.types import Action, AgeBand, Coverage, ReasonSource, Review, Scores

_ROOT = Path(__file__).resolve().parents[2]
_CASES = [
    json.loads(line)
    for line in (_ROOT / "tests" / "data" / "coverage_cases.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
_PROMPTS = PromptBook.load()
ARMENIAN = "բարև, մաթեմատիկայի տնայինը արե՞լ ես"
GEORGIAN = "გამარჯობა, მათემატიკის დავალება გააკეთე?"
ARABIC = "مرحبا، هل أنهيت واجب الرياضيات؟"
CHINESE = "你好，你做完数学作业了吗？"
HINDI_INSULT = "तुम बहुत बेवकूफ हो, कोई तुम्हारा दोस्त नहीं बनना चाहता"
ARABIC_PHONE = "رقمي +380 67 123 4567 اكتب لي في المساء"


def _reader(name: str) -> Reader:
    bundle = _ROOT / "models" / name
    manifest = read_manifest(bundle)
    vocabulary = Tokenizer.from_file(str(bundle / "tokenizer.json")).get_vocab()
    return Reader.of(
        trained=manifest.languages, pretrained=manifest.pretrained_languages, vocabulary=vocabulary
    )


ENGLISH_READER = _reader("safechat-en-minilm")
MULTI_READER = _reader("safechat-multi-e5")


def _moderator(policy: Policy | None = None) -> tuple[Moderator, FakeScorer, FakeScorer]:
    english = FakeScorer({"stupid": {"bullying": 0.95}}, version="english 1", reader=ENGLISH_READER)
    multi = FakeScorer(version="multilingual 1", reader=MULTI_READER)
    moderator = Moderator(
        scorer=english,
        multilingual=multi,
        policy=policy or Policy.default(),
        prompts=_PROMPTS,
        queue_reviews=False,
    )
    return moderator, english, multi


# ---------------------------------------------------------------- facts from the bundles
def test_the_multilingual_vocabulary_reads_the_scripts_of_every_member_state() -> None:
    assert MULTI_READER.scripts == frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "GEORGIAN"})
    assert ENGLISH_READER.scripts == frozenset({"LATIN"})


def test_the_multilingual_manifest_names_its_trained_and_pretrained_languages() -> None:
    assert MULTI_READER.trained == frozenset({"da", "de", "el", "en", "fr", "pt", "ro", "tr"})
    for language in ("it", "es", "pl", "nl", "cs", "sv", "hu", "ru", "uk", "hy", "ka"):
        assert language in MULTI_READER.pretrained
    for language in ("lb", "mt"):  # not among XLM-R's 100 languages
        assert language not in MULTI_READER.pretrained
    assert ENGLISH_READER.trained == ENGLISH_READER.pretrained == frozenset({"en"})


def test_scripts_read_needs_enough_word_pieces() -> None:
    pieces = ["ab", "cd", "▁ef", "x", "##gh", "αβ", "αγ", "1234"]
    assert scripts_read(pieces, min_pieces=2) == frozenset({"LATIN", "GREEK"})
    assert scripts_read(pieces, min_pieces=3) == frozenset({"LATIN"})
    assert script_of("ж") == "CYRILLIC" and script_of("7") is None and script_of("😂") is None


def test_the_unread_share_counts_letters_only() -> None:
    assert MULTI_READER.unread_share(ARABIC) == 1.0 and MULTI_READER.unread_share(ARMENIAN) == 0.0
    assert MULTI_READER.unread_share("123 😂 !!") == 0.0
    assert MULTI_READER.unread_share("ab שש") == 0.5 and MULTI_READER.reads_text("ab שש")
    assert not MULTI_READER.reads_text("ab ששש")
    assert ENGLISH_READER.unread_share("ab жж") == 0.5 and not ENGLISH_READER.reads_text("ab жжж")
    assert MAX_UNREAD_SHARE == 0.5
    assert READS_EVERYTHING.coverage(GEORGIAN, "ka") is Coverage.TRAINED


# ---------------------------------------------------------------- every case, end to end
@pytest.mark.parametrize(
    "case", _CASES, ids=[f"{c['language']}-{c['coverage']}-{i}" for i, c in enumerate(_CASES)]
)
def test_coverage_cases(case: dict[str, Any]) -> None:
    moderator, english, multi = _moderator()
    decision = moderator.moderate(case["text"], age_band="13_15")
    expected = Coverage(case["coverage"])
    assert decision.coverage is expected, case["note"]
    assert decision.language in (case["language"], None), case["note"]  # never another language
    assert not decision.fail_closed
    codes = [reason.code for reason in decision.reasons]
    if expected is Coverage.NONE:
        assert decision.scores is None and UNREAD in codes
        assert english.calls == [] and multi.calls == []  # never scored by a model that cannot read it
    else:
        assert decision.scores is not None and UNREAD not in codes
        scorer = english if decision.model_version == "english 1" else multi
        assert scorer.calls == [1]
    if expected is Coverage.ZERO_SHOT:
        assert decision.model_version == "multilingual 1"


def test_the_cases_cover_the_scripts_and_languages_the_issue_names() -> None:
    languages = {case["language"] for case in _CASES}
    assert {"hy", "ka", "ru", "uk", "el", "tr", "en"} <= languages
    by_language = {case["language"]: case["coverage"] for case in _CASES if case["language"]}
    assert by_language["hy"] == by_language["ka"] == "zero_shot"  # their scripts were given back
    assert by_language["ru"] == by_language["uk"] == "zero_shot"  # and Cyrillic's word pieces
    assert by_language["mt"] == by_language["lb"] == "none"  # not among the encoder's languages
    assert sum(case["coverage"] == "none" and case["language"] is None for case in _CASES) >= 5
    assert by_language["el"] == by_language["tr"] == by_language["en"] == "trained"


# ---------------------------------------------------------------- what unread text gets
@pytest.mark.parametrize("band", list(AgeBand))
@pytest.mark.parametrize("text", [ARABIC, CHINESE, HINDI_INSULT])
def test_unread_text_gets_the_bands_unread_action(band: AgeBand, text: str) -> None:
    policy = Policy.default()
    moderator, _, _ = _moderator(policy)
    decision = moderator.moderate(text, age_band=band)
    wanted = policy.band(band).unread_action
    assert decision.coverage is Coverage.NONE
    assert decision.action is wanted
    (reason,) = [r for r in decision.reasons if r.code == UNREAD]
    assert reason.source is ReasonSource.ENGINE and reason.action is wanted and reason.label is None
    if wanted.delivers:
        assert decision.sender_prompt is None and decision.review is None
    else:  # held: the writer is told it is being checked, and a person looks
        assert decision.sender_prompt is not None and decision.sender_prompt.rule
        assert decision.review is Review.ROUTINE


def test_the_shipped_unread_actions_are_the_documented_ones() -> None:
    for path in (
        _ROOT / "safechat" / "policy" / "data" / "default_policy.toml",
        _ROOT / "models" / "training" / "policy" / "default_base.toml",
    ):
        policy = Policy.from_toml(path)
        assert {band.value: policy.band(band).unread_action.value for band in AgeBand} == {
            "under_13": "escalate",
            "13_15": "escalate",
            "16_17": "allow",
            "adult": "allow",
        }, path.name


def test_pii_is_still_masked_in_unread_text(tmp_path: Path) -> None:
    source = (_ROOT / "safechat" / "policy" / "data" / "default_policy.toml").read_text("utf-8")
    path = tmp_path / "delivers.toml"  # a team that delivers unread text to under-13s
    path.write_text(source.replace('unread_action = "escalate"', 'unread_action = "allow"', 1), "utf-8")
    moderator, _, _ = _moderator(Policy.from_toml(path))
    decision = moderator.moderate(ARABIC_PHONE, age_band="under_13")
    assert decision.coverage is Coverage.NONE
    assert decision.action is Action.MASK
    assert decision.masked_text is not None and "4567" not in decision.masked_text
    assert decision.masked_text.startswith("رقمي ") and decision.masked_text.endswith(" اكتب لي في المساء")
    shipped, _, _ = _moderator()
    held = shipped.moderate(ARABIC_PHONE, age_band="under_13")  # unread_action escalate
    assert held.action is Action.ESCALATE and held.masked_text is None
    actions = {reason.code: reason.action for reason in held.reasons}
    assert actions == {"rule.pii.phone": Action.MASK, UNREAD: Action.ESCALATE}


def test_a_writer_the_rules_find_in_need_is_not_held_for_being_unread() -> None:
    moderator, _, _ = _moderator()
    # mostly Arabic (unread), with an imminent English phrase the rules read
    text = "وداعا يا أصدقائي أحبكم كثيرا وسامحوني على كل شيء i will kill myself tonight"
    decision = moderator.moderate(text, age_band="under_13")
    assert decision.coverage is Coverage.NONE
    assert decision.support and decision.action.delivers and decision.review is Review.URGENT
    (reason,) = [r for r in decision.reasons if r.code == UNREAD]
    assert reason.review is Review.ROUTINE and reason.action is decision.action
    assert decision.recipient_prompt is not None  # the friend is told how to help


def test_the_unread_decision_is_the_same_in_a_batch() -> None:
    moderator, english, multi = _moderator()
    texts = [ARABIC, "you are so stupid", "du bist so dumm, niemand mag dich", CHINESE]
    decisions = moderator.moderate_batch(texts, age_band="13_15")
    assert [d.coverage for d in decisions] == [
        Coverage.NONE,
        Coverage.TRAINED,
        Coverage.TRAINED,
        Coverage.NONE,
    ]
    assert english.calls == [1] and multi.calls == [1]
    assert decisions[1].action is not Action.ALLOW  # the English insult is still scored


# ---------------------------------------------------------------- fail-safe on bad input
class _BrokenReader:
    """A scorer whose reader cannot be read."""

    version = "broken 1"

    @property
    def reader(self) -> Reader:
        raise RuntimeError("broken reader")

    def score_batch(self, texts: Any) -> list[Scores]:
        return [Scores.zeros() for _ in texts]


def test_a_reader_that_fails_fails_closed() -> None:
    moderator = Moderator(
        scorer=_BrokenReader(), policy=Policy.default(), prompts=_PROMPTS, queue_reviews=False
    )
    decision = moderator.moderate(ARABIC, age_band="16_17")
    assert (
        decision.fail_closed
        and decision.action is Policy.default().band(AgeBand.AGE_16_17).fail_closed_action
    )
    assert decision.review is None


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("", False),
        ("\ud800\udfff", False),
        ("\u200b\u202e" + GEORGIAN, False),
        ("ა" * 5000, False),
        ("\x00\x01", False),
        ("𝔤𝔤 ԱԲԳ", False),
        ("ǅ" * 3, False),
        ("\u200b\u202e" + ARABIC, True),
        ("ﷺ" * 20, True),
    ],
)
def test_odd_text_gets_a_decision_not_a_crash(text: str, unread: bool) -> None:
    moderator, _, _ = _moderator()
    decision = moderator.moderate(text, age_band="under_13")
    assert isinstance(decision.coverage, Coverage)
    assert (decision.coverage is Coverage.NONE) is unread
    assert not decision.fail_closed
    # unread text is held for a person (the under-13 unread action); the fake scores allow the rest
    assert decision.action is (Action.ESCALATE if unread else Action.ALLOW)


def test_bad_input_is_still_a_clear_error() -> None:
    moderator, _, _ = _moderator()
    with pytest.raises(InvalidInputError, match="text must be str"):
        moderator.moderate(b"\xd5\xa2", age_band="under_13")  # type: ignore[arg-type]


# ---------------------------------------------------------------- the policy field
@pytest.mark.parametrize("action", ["mask", "warn", "hold", ""])
def test_unread_action_is_validated(tmp_path: Path, action: str) -> None:
    source = (_ROOT / "safechat" / "policy" / "data" / "default_policy.toml").read_text("utf-8")
    path = tmp_path / "policy.toml"
    path.write_text(source.replace('unread_action = "allow"', f'unread_action = "{action}"', 1), "utf-8")
    with pytest.raises(PolicyError, match="unread_action"):
        Policy.from_toml(path)


def test_a_policy_without_unread_action_holds_unread_text(tmp_path: Path) -> None:
    source = (_ROOT / "safechat" / "policy" / "data" / "default_policy.toml").read_text("utf-8")
    path = tmp_path / "policy.toml"
    path.write_text(source.replace('unread_action = "allow"\n', ""), "utf-8")
    assert Policy.from_toml(path).band(AgeBand.ADULT).unread_action is Action.ESCALATE


def test_the_writer_and_the_diff_know_unread_action(tmp_path: Path) -> None:
    policy = Policy.default()
    text = policy_to_toml(policy)
    assert text.count("unread_action = ") == len(AgeBand)
    path = tmp_path / "written.toml"
    path.write_text(text, "utf-8")
    assert Policy.from_toml(path) == policy
    looser = path.read_text("utf-8").replace('unread_action = "escalate"', 'unread_action = "allow"', 1)
    path.write_text(looser, "utf-8")
    (change,) = diff_policies(policy, Policy.from_toml(path))
    assert (change.band, change.field, change.a, change.b, change.direction) == (
        "under_13",
        "unread_action",
        "escalate",
        "allow",
        "looser",
    )


def test_an_evaluation_leaves_unread_lines_out_and_says_why(tmp_path: Path) -> None:
    from safechat.calibration.data import score_file

    path = tmp_path / "lines.jsonl"
    lines = [{"text": "you are so stupid", "labels": ["bullying"]}, {"text": ARABIC, "labels": []}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    moderator, _, _ = _moderator()
    data = score_file(moderator, path, keep_going=True)
    assert data.size == 1 and data.fail_closed == 0
    (problem,) = data.problems
    assert problem.number == 2 and "coverage none" in problem.problem


@pytest.mark.parametrize(
    ("routing", "text", "coverage", "scorer"),
    [
        ("single", "tu es tellement nul, personne ne veut jouer avec toi", Coverage.NONE, "english 1"),
        ("single", "you are so stupid, nobody wants to play with you", Coverage.TRAINED, "english 1"),
        (
            "multilingual",
            "you are so stupid, nobody wants to play with you",
            Coverage.TRAINED,
            "multilingual 1",
        ),
        (
            "multilingual",
            "jsi tak hloupý, nikdo se s tebou nechce kamarádit",
            Coverage.ZERO_SHOT,
            "multilingual 1",
        ),
        ("multilingual", GEORGIAN, Coverage.ZERO_SHOT, "multilingual 1"),
        ("multilingual", CHINESE, Coverage.NONE, "multilingual 1"),
    ],
)
def test_every_routing_says_what_its_bundle_reads(
    routing: str, text: str, coverage: Coverage, scorer: str
) -> None:
    moderator = Moderator(
        scorer=FakeScorer(version="english 1", reader=ENGLISH_READER),
        multilingual=FakeScorer(version="multilingual 1", reader=MULTI_READER),
        routing=routing,
        policy=Policy.default(),
        prompts=_PROMPTS,
        queue_reviews=False,
    )
    decision = moderator.moderate(text, age_band="under_13", locale="en")
    assert (decision.coverage, decision.model_version) == (coverage, scorer)
    assert (decision.scores is None) is (coverage is Coverage.NONE)
