"""Emoji written out as words for a model whose vocabulary has none.

MiniLM's vocabulary turns every emoji into ``[UNK]``, so "you are a 🐷" and "you are a 🌸" look
the same to it. A bundle can carry ``emoji_words.json`` (a table from each emoji, in the form
``safechat.normalize`` leaves it, to its short name); the scorer then writes each emoji as its
name before tokenising: "you are a 🐷" -> "you are a  pig ". Training applies the same table
(models/training/data/emoji_table.py builds it), so the model learns from the words it will see.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from safechat.errors import BundleError


class EmojiWords:
    """Replaces each emoji of a text with `` <name> `` (longest match first)."""

    def __init__(self, words: Mapping[str, str]) -> None:
        if not words or any(not key or key.isascii() for key in words):
            raise ValueError("the emoji table must be non-empty and map non-ASCII keys only")
        self._words = dict(words)
        self._longest = max(len(key) for key in self._words)
        self._starts = frozenset(key[0] for key in self._words)
        self._start = re.compile("[" + _ranges(self._starts) + "]")

    @classmethod
    def load(cls, path: Path) -> EmojiWords:
        """Read a bundle's ``emoji_words.json``.

        Raises:
            BundleError: the file is not a valid table.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            words = data["words"]
            if not isinstance(words, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in words.items()
            ):
                raise ValueError("words must map strings to strings")
            return cls(words)
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise BundleError(f"{path.name} is not a valid emoji table: {err}") from None

    def __len__(self) -> int:
        return len(self._words)

    def __call__(self, text: str) -> str:
        if text.isascii() or self._starts.isdisjoint(text):
            return text
        parts: list[str] = []
        done = 0
        position = 0
        while True:
            found = self._start.search(text, position)
            if found is None:
                break
            at = found.start()
            for size in range(min(self._longest, len(text) - at), 0, -1):
                words = self._words.get(text[at : at + size])
                if words is not None:
                    parts += [text[done:at], " ", words, " "]
                    done = position = at + size
                    break
            else:
                position = at + 1
        if not parts:
            return text
        parts.append(text[done:])
        return "".join(parts)


def _ranges(chars: frozenset[str]) -> str:
    """A character class body for ``chars`` with runs written as ranges (much faster to search)."""
    runs: list[list[int]] = []
    for code in sorted(ord(c) for c in chars):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs
    )
