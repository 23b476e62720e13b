"""What the normaliser must give for inputs the evasion vectors did not cover: each test fails a
change to ``safechat/normalize/pipeline.py`` that mutation testing found unnoticed
(docs/mutation-testing.md). The model text is what the model and every rule read: a word not
restored is a slur not caught; a benign line changed, or reported as an evasion, is a child
flagged for nothing."""

from __future__ import annotations

import pytest

from safechat.normalize import Evasion, normalize


def _normal(text: str) -> tuple[str, list[str]]:
    result = normalize(text)
    return result.text, [evasion.value for evasion in result.evasions]


@pytest.mark.parametrize(
    ("text", "expected", "origins"),
    [
        (" hello world ", "hello world", tuple(range(1, 12))),
        (" hello", "hello", (1, 2, 3, 4, 5)),
        ("hello world ", "hello world", tuple(range(11))),
        ("hi  there", "hi there", (0, 1, 2, 4, 5, 6, 7, 8)),
    ],
)
def test_plain_text_with_extra_spaces_is_trimmed_and_traced(
    text: str, expected: str, origins: tuple[int, ...]
) -> None:
    """Plain ASCII chat takes a shortcut only when no step would change it: spaces at either end
    or doubled inside are not such text."""
    result = normalize(text)
    assert (result.text, result.evasions, result.origins) == (expected, (), origins)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wait…", "wait..."),  # an ellipsis: NFKC changes it, but to punctuation, not a letter
        ("½ of it", "1⁄2 of it"),  # a fraction: NFKC gives characters outside ASCII
    ],
)
def test_characters_nfkc_changes_into_no_letter_are_no_stylised_evasion(text: str, expected: str) -> None:
    assert _normal(text) == (expected, [])


def test_an_enclosing_mark_on_a_letter_is_dropped_as_diacritics() -> None:
    """U+20DD (combining enclosing circle) is an enclosing mark, "Me": hidden in "kill" it is
    zalgo like any stacked mark."""
    assert _normal("ki\u20ddll") == ("kill", [Evasion.DIACRITICS.value])


@pytest.mark.parametrize("mark", ["\u0301", "\u20dd"])
def test_marks_stacked_on_a_letter_outside_ascii_keep_only_the_first(mark: str) -> None:
    """A letter outside ASCII keeps one mark (some scripts need it); every mark stacked on that
    mark is zalgo and dropped."""
    assert _normal("ж" + mark * 3) == ("ж" + mark, [Evasion.DIACRITICS.value])


@pytest.mark.parametrize("text", ["привет my friend", "hi привет", "my friend привет", "привет hi привет"])
def test_a_word_in_another_script_beside_english_words_is_left_as_written(text: str) -> None:
    """Homoglyphs are folded in a word that mixes them with Latin letters, or in a word made only
    of look-alikes: a Russian word that has other letters ("п", "и", "в", "т") is Russian, whatever
    words are around it."""
    assert _normal(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ѕhіtж", "shitж"),  # Latin letters with look-alikes: folded, even beside a letter with none
        ("привет kіll", "привет kill"),  # only the word that mixes them is folded
        ("kіll привет", "kill привет"),
    ],
)
def test_look_alikes_in_a_word_with_latin_letters_are_folded_in_that_word_only(
    text: str, expected: str
) -> None:
    assert _normal(text) == (expected, [Evasion.HOMOGLYPH.value])


@pytest.mark.parametrize(
    ("text", "expected", "evasions"),
    [
        ("say <b>kill</b> yourself", "say kill yourself", ["markup"]),  # the text before a tag stays
        ("version 1.2.3.4.5", "version 1.2.3.4.5", []),  # a version number is not spaced out
        ("update 1.2.3 then k y s", "update 1.2.3 then kys", ["spaced"]),  # nor does it stop the search
        ("1 2 3 4", "1 2 3 4", []),  # a count
        ("1 2 3 4 5", "12345", []),  # five digits or more: a number spaced out
        ("call 0 7 9 1 1 1 2 3 4 5 6", "call 07911123456", []),  # a phone number spaced out, for PII
        ("1 2 3 then k y s", "1 2 3 then kys", ["spaced"]),
        ("@lily k1ll ur self", "@lily kill ur self", ["leetspeak"]),  # a handle is kept, not what follows
        ("hey @lily k1ll ur self", "hey @lily kill ur self", ["leetspeak"]),
        ("1d10t", "idiot", ["leetspeak"]),  # a run made a run by its converted neighbour
        ("*waves* f*ck off", "*waves* fuck off", ["masked"]),  # a starred action does not stop the search
        ("*kill*", "*kill*", []),  # a starred action hides no letter
        ("hell*", "hell*", []),  # a closing star after a word no masked word fits
        ("www.example.com is sooooo bad", "www.example.com is so bad", ["repeated"]),
        ("that's 1000 times sooo bad", "that's 1000 times so bad", ["repeated"]),
        ("aaaaah help", "ah help", ["repeated"]),  # a run at the start is no "www"
        ("!!!!! stop", "!!! stop", []),
        ("no seggs, no n00dz", "no sex, no nudes", ["leetspeak", "algospeak"]),  # two algospeak words
    ],
)
def test_each_step_undoes_what_it_must_and_no_more(text: str, expected: str, evasions: list[str]) -> None:
    assert _normal(text) == (expected, evasions)


def test_a_restored_letter_traces_back_to_the_star_it_replaced() -> None:
    """The mask of "f*ck" in the original must cover the star: each restored letter comes from
    the character it stands for."""
    result = normalize("you f*ck")
    assert (result.text, result.origins) == ("you fuck", tuple(range(8)))
