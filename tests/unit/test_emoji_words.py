"""Emoji written as words before tokenising (bundles that carry emoji_words.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safechat import normalize
from safechat.errors import BundleError
from safechat.model.bundle import DEFAULT_BUNDLE_NAME, EMOJI_WORDS_FILE, ModelBundle, shipped_bundle_path
from safechat.model.emoji_words import EmojiWords

TABLE = {"🐷": "pig face", "🏳": "white flag", "🏳🌈": "rainbow flag", "😂": "face with tears of joy", "🏽": ""}


def test_each_emoji_becomes_its_name_longest_match_first() -> None:
    words = EmojiWords(TABLE)
    assert words("you are a 🐷") == "you are a  pig face "
    assert words("all 🏳🌈 welcome, not just 🏳") == "all  rainbow flag  welcome, not just  white flag "
    assert words("😂😂").split() == ["face", "with", "tears", "of", "joy"] * 2
    assert words("🐷🏽").split() == ["pig", "face"]  # a tone modifier maps to nothing


def test_text_without_emoji_comes_back_unchanged() -> None:
    words = EmojiWords(TABLE)
    for text in ("plain ascii", "ça va très bien", "🌸 not in the table", ""):
        assert words(text) == text
    ascii_text = "gg ez"
    assert words(ascii_text) is ascii_text


def test_a_table_with_ascii_keys_is_refused() -> None:
    with pytest.raises(ValueError):
        EmojiWords({":)": "smile"})
    with pytest.raises(ValueError):
        EmojiWords({})


def test_a_broken_table_file_is_a_bundle_error(tmp_path: Path) -> None:
    for content in ("not json", json.dumps({"words": ["🐷"]}), json.dumps({"format": 1})):
        path = tmp_path / EMOJI_WORDS_FILE
        path.write_text(content, encoding="utf-8")
        with pytest.raises(BundleError, match="emoji table"):
            EmojiWords.load(path)


def _shipped_table() -> dict[str, str] | None:
    path = shipped_bundle_path(DEFAULT_BUNDLE_NAME)
    if path is None:
        return None
    table = ModelBundle.load(path).emoji_words_path
    if table is None:
        return None
    words: dict[str, str] = json.loads(table.read_text(encoding="utf-8"))["words"]
    return words


def test_the_shipped_table_is_keyed_by_what_the_normaliser_leaves() -> None:
    # The scorer sees normalised text: a key the normaliser would change could never match.
    words = _shipped_table()
    if words is None:
        pytest.skip("the shipped bundle has no emoji table")
    stale = [key for key in words if normalize(key).text != key]
    assert not stale, f"{len(stale)} keys change under safechat.normalize, e.g. {stale[:5]!r}"
    described = EmojiWords(words)(normalize("you are a 🐷 lol 😂").text).split()
    assert "pig" in described and "joy" in described
