"""A compact Unigram tokenizer: the same token ids as ``tokenizers``, in a fraction of the memory.

The multilingual bundle's vocabulary holds 114,553 word pieces. ``tokenizers`` keeps a Unigram
vocabulary as a byte trie with a hash map in every node, about 118 MB resident for that bundle
(the whole bundle's graph takes about 100 MB). Here the pieces sit in one dictionary (25-35 MB
resident with what parsing the file leaves behind) and each word is segmented by the same Viterbi
search, in the same order, with the same tie-breaking and the same handling of unknown characters
(:meth:`CompactUnigram._segment`): ids equal to ``tokenizers``' on every input tested
(tests/unit/test_unigram.py compares the two on children's chat in every language, chat-style
noise and random text). CPU: about 36 us a chat line once its words are cached and 111 us the
first time, against 58 us for ``tokenizers`` one text at a time; a 100,000-character text with no
space takes 0.4 s (``tokenizers`` 0.04 s), less than the model's run over it (BENCHMARKS.md, Memory).

Only the model is replaced. The text's special tokens are found as ``tokenizers`` finds them
(literal, leftmost-longest, ``lstrip``/``rstrip`` taking the whitespace beside them), and the
normalizer and pre-tokenizer are ``tokenizers``' own objects, built from the same file.
:func:`compact_tokenizer` returns None for a file with features this module does not reproduce
(another model type, byte fallback, added tokens that are normalised or not special, a
pre-tokenizer that depends on a segment's position); the caller then keeps ``tokenizers``.
"""

from __future__ import annotations

import functools
import json
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tokenizers import Tokenizer

UNKNOWN_PENALTY = 10.0
"""An unknown character scores this far below the lowest piece (as in ``tokenizers`` and
SentencePiece)."""
WORD_CACHE = 16_384
"""Words whose segmentation is remembered (chat repeats its words)."""

_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode's White_Space property (Rust's ``char::is_whitespace``), as a character class body."""


@dataclass(frozen=True, slots=True)
class _Special:
    content: str
    id: int
    lstrip: bool
    rstrip: bool


class CompactUnigram:
    """Encodes texts to a Unigram vocabulary's ids (no special tokens added around them).

    Thread-safe: read-only after construction (the word cache is ``functools``' locked LRU cache).
    """

    def __init__(
        self,
        pieces: Sequence[tuple[str, float]],
        unk_id: int,
        specials: Sequence[_Special],
        pipeline: Tokenizer,
    ) -> None:
        """``pieces``: the vocabulary in id order with their scores; ``pipeline``: a tokenizer with
        the file's normalizer and pre-tokenizer (its own model is never used)."""
        self._ids: dict[str, int] = {}
        for index, (piece, _) in enumerate(pieces):
            # A fresh copy of each piece, so that the parsed file's objects can all be freed (and
            # their memory given back) rather than pin the blocks they share with the pieces. Of a
            # piece listed twice the last counts, as in tokenizers.
            self._ids[piece.encode("utf-8").decode("utf-8")] = index
        self._scores = array("d", (score for _, score in pieces))
        self._unk_id = unk_id
        self._unk_score = min(self._scores, default=0.0) - UNKNOWN_PENALTY
        longest: dict[str, int] = {}
        for piece in self._ids:
            if piece and len(piece) > longest.get(piece[0], 0):
                longest[piece[0]] = len(piece)
        self._longest = longest  # first character -> length of its longest piece
        self._specials = tuple(specials)
        self._special_ids = {special.content: special.id for special in specials}
        self._split = _special_pattern(specials)
        normalizer = pipeline.normalizer
        pre_tokenizer = pipeline.pre_tokenizer
        self._normalize = normalizer.normalize_str if normalizer is not None else None
        self._pre_tokenize = pre_tokenizer.pre_tokenize_str if pre_tokenizer is not None else None
        self._segment_cached = functools.lru_cache(maxsize=WORD_CACHE)(self._segment)

    def get_vocab(self) -> dict[str, int]:
        """Piece -> id, the special tokens included."""
        vocabulary = dict(self._ids)
        vocabulary.update(self._special_ids)
        return vocabulary

    def token_to_id(self, token: str) -> int | None:
        """The id of a piece or special token; None when it has none."""
        special = self._special_ids.get(token)
        return special if special is not None else self._ids.get(token)

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        """The ids of each text."""
        return [self.encode(text) for text in texts]

    def encode(self, text: str) -> list[int]:
        """The ids of one text."""
        ids: list[int] = []
        for segment, special in self._segments(text):
            if special is not None:
                ids.append(special)
                continue
            normalized = self._normalize(segment) if self._normalize is not None else segment
            if not normalized:
                continue
            words = (
                [word for word, _ in self._pre_tokenize(normalized)]
                if self._pre_tokenize is not None
                else [normalized]
            )
            for word in words:
                if word:
                    ids.extend(self._segment_cached(word))
        return ids

    def _segments(self, text: str) -> list[tuple[str, int | None]]:
        """``text`` split around its special tokens: (text, None) or (token, its id)."""
        if self._split is None:
            return [(text, None)]
        result: list[tuple[str, int | None]] = []
        start = 0
        for match in self._split.finditer(text):
            if match.start() > start:
                result.append((text[start : match.start()], None))
            group = match.lastgroup
            assert group is not None
            result.append((match.group(), self._specials[int(group[1:])].id))
            start = match.end()
        if start < len(text):
            result.append((text[start:], None))
        return result

    def _segment(self, word: str) -> tuple[int, ...]:
        """The best-scoring pieces of ``word`` (Viterbi over its characters).

        The order of the search is ``tokenizers``' (Unigram ``encode_optimized``): start positions
        left to right, the pieces at each in order of length, a path replaced only by a strictly
        better one; a character no one-character piece covers is unknown, at the lowest score
        less :data:`UNKNOWN_PENALTY`; consecutive unknown characters become one unknown token."""
        size = len(word)
        best_score = [0.0] * (size + 1)
        best_start = [-1] * (size + 1)
        best_id = [0] * (size + 1)
        ids = self._ids
        scores = self._scores
        for start in range(size):
            here = best_score[start]
            single = False
            longest = min(self._longest.get(word[start], 0), size - start)
            for end in range(start + 1, start + longest + 1):
                piece_id = ids.get(word[start:end])
                if piece_id is None:
                    continue
                candidate = here + scores[piece_id]
                if best_start[end] < 0 or candidate > best_score[end]:
                    best_score[end] = candidate
                    best_start[end] = start
                    best_id[end] = piece_id
                if end == start + 1:
                    single = True
            if not single:
                candidate = here + self._unk_score
                if best_start[start + 1] < 0 or candidate > best_score[start + 1]:
                    best_score[start + 1] = candidate
                    best_start[start + 1] = start
                    best_id[start + 1] = self._unk_id
        pieces: list[int] = []
        end = size
        unknown_run = False
        while end > 0:
            piece_id = best_id[end]
            if piece_id == self._unk_id:
                if not unknown_run:  # a run of unknown characters is one token
                    pieces.append(piece_id)
                unknown_run = True
            else:
                pieces.append(piece_id)
                unknown_run = False
            end = best_start[end]
        pieces.reverse()
        return tuple(pieces)


def compact_tokenizer(path: str | Path) -> CompactUnigram | None:
    """A :class:`CompactUnigram` for a ``tokenizer.json`` with a Unigram model, or None when the
    file is another kind or uses features this module does not reproduce."""
    return compact_tokenizer_of(json.loads(Path(path).read_text(encoding="utf-8")))


def compact_tokenizer_of(spec: dict[str, Any]) -> CompactUnigram | None:
    """:func:`compact_tokenizer` of a ``tokenizer.json`` already parsed."""
    model = spec.get("model") or {}
    if model.get("type") != "Unigram" or model.get("byte_fallback") or model.get("unk_id") is None:
        return None
    pre_tokenizer = spec.get("pre_tokenizer") or {}
    if pre_tokenizer.get("prepend_scheme", "always") != "always":
        return None  # "first" depends on where a segment sits in the text
    specials: list[_Special] = []
    for token in spec.get("added_tokens") or []:
        if not token.get("special") or token.get("normalized") or token.get("single_word"):
            return None
        specials.append(
            _Special(token["content"], int(token["id"]), bool(token.get("lstrip")), bool(token.get("rstrip")))
        )
    pieces = [(str(piece), float(score)) for piece, score in model["vocab"]]
    unk_id = int(model["unk_id"])
    if not 0 <= unk_id < len(pieces):
        return None
    pipeline_spec = dict(spec)
    placeholder = {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]], "byte_fallback": False}
    pipeline_spec["model"] = placeholder  # never used: the pipeline lends its normalizer and pre-tokenizer
    pipeline_spec["added_tokens"] = []
    pipeline = Tokenizer.from_str(json.dumps(pipeline_spec))
    return CompactUnigram(pieces, unk_id, specials, pipeline)


def _special_pattern(specials: Sequence[_Special]) -> re.Pattern[str] | None:
    """Finds special tokens as ``tokenizers`` does: leftmost, the longest at a position, each with
    the whitespace beside it that its ``lstrip``/``rstrip`` takes. Group ``tN`` is the N-th token of
    ``specials``."""
    if not specials:
        return None
    space = f"[{_WHITE_SPACE}]*"
    order = sorted(range(len(specials)), key=lambda i: -len(specials[i].content))
    parts = [
        (space if specials[i].lstrip else "")
        + f"(?P<t{i}>{re.escape(specials[i].content)})"
        + (space if specials[i].rstrip else "")
        for i in order
    ]
    return re.compile("|".join(parts))
