"""Write the normaliser's list of words spelt with a doubled letter.

The list is ``safechat/normalize/data/doubled_words.txt``.

A stretched word ("gooood", "killll", "diiiie") is shortened to the word it stands for: a run of
three or more of one letter becomes two where the word with two is in this list ("good", "kill"),
otherwise one ("die"). The list is every whole word of four or more letters with a doubled letter
in the shipped bundles' vocabularies (the English WordPiece vocabulary and the multilingual
SentencePiece pieces that start a word), plus the short words below, less the stretched spellings
the vocabularies carry (``STRETCHED``).

    python -m models.training.data.doubled_words --out safechat/normalize/data/doubled_words.txt
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from models.training.common.paths import REPO

TOKENIZERS = (
    REPO / "models" / "safechat-en-minilm" / "tokenizer.json",
    REPO / "models" / "safechat-multi-e5" / "tokenizer.json",
)
SHORT_WORDS = (
    "add", "all", "ass", "bee", "boo", "ebb", "egg", "fee", "ill", "inn", "odd", "off", "see", "tee",
    "too", "zoo",
)  # fmt: skip
"""Words of three letters with a doubled one; the vocabularies' three-letter entries hold too
many names and fragments ("soo", "noo") that would keep a stretched "sooo" or "nooo" wrong."""

STRETCHED = ("againn",)
"""Vocabulary entries that are a stretched spelling, not a word ("againn": "i cut againnnn" must
read "again")."""

_WORD = re.compile(r"[^\W\d_]{4,}")
_DOUBLED = re.compile(r"([^\W\d_])\1")
_WORD_START = "\u2581"  # SentencePiece's mark for a piece that starts a word


def vocabulary_words(tokenizer_json: Path) -> set[str]:
    """The whole words (lower-cased, letters only, four or more) of a tokenizer's vocabulary."""
    model = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]
    vocab = model["vocab"]
    if isinstance(vocab, dict):  # WordPiece: a piece without "##" can start a word
        pieces = [piece for piece in vocab if not piece.startswith("##")]
    else:  # Unigram: [piece, score] pairs; a word starts with the mark
        pieces = [piece[1:] for piece, _ in vocab if piece.startswith(_WORD_START)]
    return {piece.lower() for piece in pieces if _WORD.fullmatch(piece)}


def doubled_words(tokenizers: tuple[Path, ...] = TOKENIZERS) -> list[str]:
    """The sorted list: vocabulary words with a doubled letter, and :data:`SHORT_WORDS`, less
    :data:`STRETCHED`."""
    words = set(SHORT_WORDS)
    for path in tokenizers:
        words |= {word for word in vocabulary_words(path) if _DOUBLED.search(word)}
    return sorted(words - set(STRETCHED))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the list")
    args = parser.parse_args()
    words = doubled_words()
    args.out.write_text(
        "# Words spelt with a doubled letter, for shortening stretched words "
        "(python -m models.training.data.doubled_words).\n" + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
