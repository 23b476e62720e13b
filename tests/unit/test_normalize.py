from __future__ import annotations

from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.training.data.doubled_words import doubled_words
from safechat.normalize import Evasion, normalize
from safechat.normalize.lexicon import is_doubled_word, unmask
from safechat.types import Span
from tests.conftest import load_jsonl

VECTORS = load_jsonl("normalizer_vectors.jsonl")


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 60
    unchanged = [v for v in VECTORS if v["input"] == v["expected"]]
    assert len(unchanged) >= 20, "the file must pin words that must NOT change"


def _vector_id(number: int, text: str) -> str:
    """A plain ASCII id: pytest escapes other characters, and mutmut cannot select such ids again."""
    return f"{number}-" + "".join(c if c.isascii() and c.isalnum() else "_" for c in text)[:40]


@pytest.mark.parametrize(
    "vector", VECTORS, ids=[_vector_id(number, str(v["input"])) for number, v in enumerate(VECTORS)]
)
def test_vector(vector: dict[str, object]) -> None:
    result = normalize(str(vector["input"]))
    assert result.text == vector["expected"]
    assert [e.value for e in result.evasions] == vector["evasions"]
    assert result.original == vector["input"]
    assert len(result.origins) == len(result.text)


def test_kys_variants_share_one_model_text() -> None:
    texts = {normalize(t).text for t in ["kys", "k y s", "k.y.s", "k\u0443s", "\uff4b\uff59\uff53"]}
    assert texts == {"kys"}


def test_original_span_maps_back_through_removed_characters() -> None:
    original = "call me 0\u200b7\u200b7 now"
    result = normalize(original)
    start = result.text.index("077")
    span = result.original_span(Span(start, start + 3))
    assert original[span.start : span.end] == "0\u200b7\u200b7"


def test_repr_has_no_text() -> None:
    result = normalize("a secret message")
    assert "secret" not in repr(result)


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_evasion_values_are_stable() -> None:
    assert {e.value for e in Evasion} == {
        "invisible",
        "bidi",
        "stylised",
        "diacritics",
        "homoglyph",
        "markup",
        "spaced",
        "leetspeak",
        "masked",
        "repeated",
        "algospeak",
    }


text_strategy = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("kys .-_013457@$!|\u200b\u202e\u0443\u0455\u0435\u03bf\uff4b")),
    ),
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(text_strategy)
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once.text).text == once.text


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_output_is_bounded_and_traceable(text: str) -> None:
    result = normalize(text)
    assert len(result.text) <= 18 * len(text)
    assert all(0 <= i < len(text) for i in result.origins)
    assert list(result.origins) == sorted(result.origins)


def test_a_masked_word_is_restored_only_where_one_word_fits() -> None:
    assert unmask("f*ck") == "fuck"
    assert unmask("B**CH") == "bitch"
    assert unmask("n*ce") is None  # no word of harm, swearing or sex fits
    assert unmask("***") is None  # several fit (ass, fag, fat, gay, gun...)


def test_a_stretched_run_keeps_two_letters_only_where_the_word_has_them() -> None:
    assert is_doubled_word("good") and is_doubled_word("Kill")
    assert not is_doubled_word("soo") and not is_doubled_word("stuupid")
    assert normalize("sooo goooood").text == "so good"


def test_the_doubled_words_list_is_the_one_the_shipped_vocabularies_give() -> None:
    shipped = files("safechat.normalize.data").joinpath("doubled_words.txt").read_text(encoding="utf-8")
    assert [line for line in shipped.splitlines() if not line.startswith("#")] == doubled_words()


# Each evasion undone, and the word it hid traced back to exactly the characters the child typed:
# masking and spans cover what was sent, not a neighbour and not half of it.
TRACED = [
    ("you are a f*ck", "fuck", "f*ck"),
    ("ur a b**ch ok", "bitch", "b**ch"),
    ("send n00dz now", "nudes", "n00dz"),
    ("send seggs pics", "sex", "seggs"),
    ("u r a k y s", "kys", "k y s"),
    ("d i e  n o w", "die", "d i e"),
    ("go k1ll urself", "kill", "k1ll"),
    ("so stuuupid lol", "stupid", "stuuupid"),
    ("<b>kill</b> you", "kill", "kill"),
    ("kill\u200b you", "kill", "kill"),
    ("\uff4b\uff49\uff4c\uff4c you", "kill", "\uff4b\uff49\uff4c\uff4c"),
    ("k\u0443s now", "kys", "k\u0443s"),
    ("  hi   loser  ", "loser", "loser"),
]


@pytest.mark.parametrize(("original", "word", "typed"), TRACED, ids=[w for _, w, _ in TRACED])
def test_an_undone_evasion_traces_back_to_what_was_typed(original: str, word: str, typed: str) -> None:
    result = normalize(original)
    start = result.text.index(word)
    span = result.original_span(Span(start, start + len(word)))
    assert original[span.start : span.end] == typed
    assert all(0 <= i < len(original) for i in result.origins)


def test_every_character_of_the_model_text_traces_to_its_own_original_character() -> None:
    original = "hey  k i l l  u r  s e l f"
    result = normalize(original)
    assert result.text == "hey kill ur self"
    assert [original[i] for i in result.origins] == list("hey kill ur self")
    assert list(result.origins) == sorted(set(result.origins))


def test_an_empty_or_inverted_span_maps_to_nothing_and_an_overlong_one_is_clamped() -> None:
    result = normalize("you are a f*ck")
    assert result.original_span(Span(3, 3)) == Span(0, 0)
    assert normalize("").original_span(Span(0, 1)) == Span(0, 0)
    assert result.original_span(Span(10, 99)) == Span(10, 14)
    assert result.original_span(Span(13, 14)) == Span(13, 14)  # the last character alone
    assert result.original_span(Span(16, 19)) == Span(13, 14)  # past the end: the last character


def test_an_evasion_reads_as_its_stable_name_and_the_repr_as_lengths_and_names_only() -> None:
    assert f"{Evasion.LEETSPEAK}" == "leetspeak"
    assert repr(normalize("k1ll u")) == "NormalizedText(len_original=6, len_text=6, evasions=['leetspeak'])"


def test_a_masked_word_may_be_masked_with_another_character() -> None:
    assert unmask("k#ll", mask="#") == "kill"
    assert unmask("k*ll", mask="#") is None


@pytest.mark.parametrize("selector", ["\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef"])
def test_a_variation_selector_hidden_in_a_word_is_an_invisible_evasion(selector: str) -> None:
    result = normalize(f"k{selector}y{selector}s")
    assert result.text == "kys"
    assert result.evasions == (Evasion.INVISIBLE,)


def test_a_lone_surrogate_is_dropped_and_never_reaches_the_model() -> None:
    assert normalize("k\ud800ys").text == "kys"


def test_leetspeak_stops_at_the_letters_it_stands_for() -> None:
    assert normalize("ur sh1t!").text == "ur shit!"  # a digit before one last letter and a "!"
    assert normalize("team101go").text == "team101go"  # three digits inside a name are a number


def test_a_presentation_form_comma_is_punctuation_not_an_invisible_character() -> None:
    assert normalize("hi\ufe10 you").text == "hi, you"
