"""The bundle's tokenizer, behind one small interface: ids for texts, the vocabulary, special ids.

A Unigram vocabulary (the multilingual bundle's) is held compactly (:mod:`safechat.model.unigram`,
the same ids in about a fifth of the memory); any other kind is ``tokenizers``' own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from tokenizers import Tokenizer

from safechat.model.unigram import compact_tokenizer_of


class TokenEncoder(Protocol):
    """What the scorer needs of a tokenizer."""

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids, without the special tokens around them."""
        ...

    def get_vocab(self) -> dict[str, int]:
        """Token -> id, special tokens included."""
        ...

    def token_to_id(self, token: str) -> int | None:
        """A token's id; None when it has none."""
        ...


class LibraryEncoder:
    """``tokenizers``' tokenizer, no truncation and no padding (the scorer makes the windows)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        tokenizer.no_truncation()
        tokenizer.no_padding()
        self._tokenizer = tokenizer

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [encoding.ids for encoding in encodings]

    def get_vocab(self) -> dict[str, int]:
        vocabulary: dict[str, int] = self._tokenizer.get_vocab()
        return vocabulary

    def token_to_id(self, token: str) -> int | None:
        token_id = self._tokenizer.token_to_id(token)
        return None if token_id is None else int(token_id)


def load_token_encoder(path: str | Path) -> TokenEncoder:
    """The tokenizer of a ``tokenizer.json``: compact for a Unigram vocabulary, else ``tokenizers``'.

    Raises:
        ValueError, OSError or ``tokenizers``' own exceptions: a file that cannot be read.
    """
    text = Path(path).read_text(encoding="utf-8")  # read and parsed once, whichever keeps it
    compact = compact_tokenizer_of(json.loads(text))
    if compact is not None:
        return compact
    return LibraryEncoder(Tokenizer.from_str(text))
