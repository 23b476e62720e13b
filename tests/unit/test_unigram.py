"""The compact Unigram tokenizer gives ``tokenizers``' ids, on every kind of input
(safechat/model/unigram.py): the shipped multilingual vocabulary on children's chat in every
language and on random text, and small hand-made vocabularies where the search's order, its ties
and unknown characters decide."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from tokenizers import Tokenizer

from safechat.model.bundle import shipped_bundle_path
from safechat.model.tokens import LibraryEncoder, load_token_encoder
from safechat.model.unigram import CompactUnigram, compact_tokenizer

ROOT = Path(__file__).resolve().parents[2]


def _multilingual_tokenizer() -> Path:
    bundle = shipped_bundle_path("safechat-multi-e5")
    assert bundle is not None, "the multilingual bundle ships with the package"
    return bundle / "tokenizer.json"


@pytest.fixture(scope="module")
def pair() -> tuple[Tokenizer, CompactUnigram]:
    path = _multilingual_tokenizer()
    reference = Tokenizer.from_file(str(path))
    reference.no_truncation()
    reference.no_padding()
    compact = compact_tokenizer(path)
    assert compact is not None
    return reference, compact


def _reference_ids(reference: Tokenizer, texts: list[str]) -> list[list[int]]:
    return [encoding.ids for encoding in reference.encode_batch(texts, add_special_tokens=False)]


def _chat_lines() -> list[str]:
    texts = []
    for name in ("childchat-multi", "childchat-en"):
        with (ROOT / "devsets" / name / "messages.jsonl").open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines)
    return texts


def test_the_same_ids_on_childrens_chat_in_every_language(pair: tuple[Tokenizer, CompactUnigram]) -> None:
    reference, compact = pair
    texts = _chat_lines()
    assert len(texts) > 10_000
    assert compact.encode_batch(texts) == _reference_ids(reference, texts)


def test_the_same_ids_on_random_text(pair: tuple[Tokenizer, CompactUnigram]) -> None:
    reference, compact = pair
    rng = random.Random(26)
    pieces = [*"abcxyz ÄöüßéèàçñłśżźćęąЖжюїєґ\t\n.,!?<>/", "<s>", "</s>", "<mask>", "<unk>", "<pad>"]
    pieces += ["\u3000", "\u00a0", "😂", "💀", "ﬁ", "①", "\u200b", "\u0301", "ǅ", "\x1c", "  ", "ʼ"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(4000)]

    def any_character() -> str:
        code = rng.randint(1, 0x2FFFF)
        return "x" if 0xD800 <= code < 0xE000 else chr(code)  # no lone surrogates: not text

    texts += ["".join(any_character() for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    assert compact.encode_batch(texts) == _reference_ids(reference, texts)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "hallo <mask> wie",  # <mask> takes the whitespace on its left
        "x \u3000<mask>",
        "<s><s></s>",
        "a<s>b",
        "<unk><unk>",
        "<mas",
        "ǅ ﬁ ①",  # the normalizer's folding
        "a    b",  # runs of spaces
        "\U0001f9ff\U0001fae8\U000e0001",  # characters no piece covers: one unknown token
    ],
)
def test_edge_cases(pair: tuple[Tokenizer, CompactUnigram], text: str) -> None:
    reference, compact = pair
    assert compact.encode(text) == _reference_ids(reference, [text])[0]


def _added(token_id: int, content: str, *, normalized: bool = False, special: bool = True) -> dict[str, Any]:
    flags = {"single_word": False, "lstrip": False, "rstrip": False}
    return {"id": token_id, "content": content, **flags, "normalized": normalized, "special": special}


def _toy(vocab: list[list[Any]], **model: Any) -> dict[str, Any]:
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [_added(0, "<unk>")],
        "normalizer": None,
        "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "Unigram", "unk_id": 0, "vocab": vocab, "byte_fallback": False, **model},
    }


TIES = [
    ["<unk>", 0.0],
    ["▁", -1.0],
    ["a", -2.0],
    ["b", -2.0],
    ["ab", -4.0],
    ["▁a", -3.0],
    ["ba", -4.0],
    ["▁ab", -5.0],
]
"""Pieces whose paths tie: "ab" scores as "a" + "b", "▁ab" as "▁a" + "b" and as "▁" + "ab"."""


@pytest.mark.parametrize("text", ["ab", "aba", "bab", "abab ba", "aab bba", "ac", "cc dd", "a c b", "ccc"])
def test_ties_and_unknown_characters_as_tokenizers(tmp_path: Path, text: str) -> None:
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(_toy(TIES)), encoding="utf-8")
    compact = compact_tokenizer(path)
    assert compact is not None
    reference = Tokenizer.from_file(str(path))
    assert compact.encode(text) == reference.encode(text, add_special_tokens=False).ids


def test_a_piece_listed_twice_counts_as_its_last(tmp_path: Path) -> None:
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(_toy([*TIES, ["b", -9.0], ["▁", -0.5]])), encoding="utf-8")
    compact = compact_tokenizer(path)
    assert compact is not None
    reference = Tokenizer.from_file(str(path))
    for text in ("ab", "b b", "ba ab"):
        assert compact.encode(text) == reference.encode(text, add_special_tokens=False).ids
    assert compact.token_to_id("b") == len(TIES)


def test_unsupported_files_keep_tokenizers(tmp_path: Path) -> None:
    english = shipped_bundle_path("safechat-en-minilm")
    assert english is not None
    assert compact_tokenizer(english / "tokenizer.json") is None  # WordPiece
    assert isinstance(load_token_encoder(english / "tokenizer.json"), LibraryEncoder)
    path = tmp_path / "fallback.json"
    path.write_text(json.dumps(_toy(TIES, byte_fallback=True)), encoding="utf-8")
    assert compact_tokenizer(path) is None
    spec = _toy(TIES)
    spec["pre_tokenizer"]["prepend_scheme"] = "first"
    path = tmp_path / "first.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert compact_tokenizer(path) is None
    spec = _toy(TIES)
    spec["added_tokens"].append(_added(9, "hello", normalized=True, special=False))
    path = tmp_path / "added.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    assert compact_tokenizer(path) is None


def test_vocabulary_and_special_ids(pair: tuple[Tokenizer, CompactUnigram]) -> None:
    reference, compact = pair
    assert compact.get_vocab() == reference.get_vocab()
    for token in ("<s>", "</s>", "<pad>", "<unk>", "<mask>", "▁hallo", "no such piece"):
        assert compact.token_to_id(token) == reference.token_to_id(token)


def test_the_multilingual_scorer_holds_the_compact_tokenizer() -> None:
    assert isinstance(load_token_encoder(_multilingual_tokenizer()), CompactUnigram)
