"""What a model bundle can read, and whether it could read one message (``Decision.coverage``).

Coverage is decided from facts a bundle carries, not from hopes:

- its languages: ``languages`` in the manifest (fine-tuning data: ``trained``) and
  ``pretrained_languages`` (the encoder was pretrained on them: ``zero_shot``; by default the
  same as ``languages``);
- its vocabulary: a script counts as read when the tokenizer holds word pieces in it, at least
  :data:`MIN_WORD_PIECES` pieces of two letters or more. safechat-multi-e5 0.3.0's pruned
  vocabulary held 66,197 Latin, 4,897 Greek and 808 Cyrillic ones, and no Armenian or Georgian
  piece at all: Ukrainian reached the encoder letter by letter ("привіт" as "при в і т") and
  the bundle flagged 59% of ordinary Ukrainian children's chat. 0.4.0 has every Cyrillic,
  Armenian and Georgian piece of multilingual-e5-small back (models/training/export/vocab_extend.py),
  so it reads the scripts of every member state's official languages. safechat-en-minilm's
  vocabulary holds 27,533 Latin pieces and 8 Cyrillic.

A message is unread by a bundle when more than :data:`MAX_UNREAD_SHARE` of its letters are in
scripts the bundle does not read. Letters only: digits, emoji and punctuation say nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

from safechat.types import Coverage

MIN_WORD_PIECES = 2000
"""Word pieces (two letters or more) a vocabulary must hold in a script to read it. Between the
808 Cyrillic pieces left in safechat-multi-e5 0.3.0 (which could not read Ukrainian) and its
4,897 Greek ones (Greek has fine-tuning data and reads as well as the Latin languages)."""

NON_LATIN_SCRIPTS = {
    "el": "GREEK",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    **dict.fromkeys(("ru", "uk", "bg", "mk", "sr", "be", "kk", "ky", "mn"), "CYRILLIC"),
}
"""The script a language is written in where it is not Latin (the member states' languages and
their neighbours; Serbian is written in both, its Cyrillic form counted here)."""

MAX_UNREAD_SHARE = 0.5
"""Above this share of a message's letters in scripts a bundle does not read, it cannot read
the message."""


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter as the first word of its Unicode name (``"LATIN"``, ``"CYRILLIC"``,
    ``"ARMENIAN"``, ``"GEORGIAN"``...); ``None`` for anything that is not a letter."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def scripts_read(pieces: Iterable[str], *, min_pieces: int = MIN_WORD_PIECES) -> frozenset[str]:
    """The scripts in which ``pieces`` (a tokenizer's vocabulary) holds at least ``min_pieces``
    word pieces of two letters or more; a piece counts for the script of its first letter."""
    counts: dict[str, int] = {}
    for piece in pieces:
        letters = [c for c in piece if c.isalpha()]
        if len(letters) < 2:
            continue
        script = script_of(letters[0])
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    return frozenset(script for script, n in counts.items() if n >= min_pieces)


@dataclass(frozen=True, slots=True)
class Reader:
    """What one bundle can read.

    ``trained``: languages (ISO 639-1) with fine-tuning data; ``pretrained``: languages its
    encoder was pretrained on (includes ``trained``); ``scripts``: the scripts its vocabulary
    reads (``None``: every script, for fakes). ``trained`` ``None`` counts every language as
    trained (a fake scorer that stands for any model).
    """

    trained: frozenset[str] | None
    pretrained: frozenset[str]
    scripts: frozenset[str] | None

    @classmethod
    def of(
        cls, *, trained: Iterable[str], pretrained: Iterable[str] = (), vocabulary: Iterable[str]
    ) -> Reader:
        """A reader from a bundle's languages and its tokenizer's pieces."""
        taught = frozenset(trained)
        return cls(taught, taught | frozenset(pretrained), scripts_read(vocabulary))

    @property
    def trained_scripts(self) -> frozenset[str] | None:
        """The scripts of the languages with fine-tuning data (``None``: every script)."""
        if self.trained is None:
            return None
        return frozenset(NON_LATIN_SCRIPTS.get(language, "LATIN") for language in self.trained)

    def unread_share(self, text: str) -> float:
        """The share of ``text``'s letters in scripts this bundle does not read (0 without letters)."""
        return 0.0 if self.scripts is None else _share_outside(text, self.scripts)

    def reads_text(self, text: str) -> bool:
        """True when at most :data:`MAX_UNREAD_SHARE` of ``text``'s letters are unread."""
        return self.unread_share(text) <= MAX_UNREAD_SHARE

    def knows(self, language: str) -> bool:
        """True when the encoder was trained or pretrained on ``language``."""
        return self.trained is None or language in self.pretrained

    def coverage(self, text: str, language: str | None) -> Coverage:
        """How well this bundle reads ``text`` written in ``language`` (``None``: unknown, the
        message too short or unclear to tell: ``trained`` when most of its letters are in the
        scripts of the languages with fine-tuning data, else ``zero_shot``)."""
        if not self.reads_text(text):
            return Coverage.NONE
        if self.trained is None or language in self.trained:
            return Coverage.TRAINED
        if language is None:
            trained = self.trained_scripts
            assert trained is not None
            mostly_trained = _share_outside(text, trained) <= MAX_UNREAD_SHARE
            return Coverage.TRAINED if mostly_trained else Coverage.ZERO_SHOT
        if language in self.pretrained:
            return Coverage.ZERO_SHOT
        return Coverage.NONE


def _share_outside(text: str, scripts: frozenset[str]) -> float:
    """The share of ``text``'s letters in none of ``scripts`` (0 without letters)."""
    letters = outside = 0
    for char in text:
        script = script_of(char)
        if script is None:
            continue
        letters += 1
        if script not in scripts:
            outside += 1
    return outside / letters if letters else 0.0


READS_EVERYTHING = Reader(None, frozenset(), None)
"""The reader of a scorer that says nothing about what it reads (a test's fake)."""


@runtime_checkable
class Reads(Protocol):
    """A scorer that says what it can read (:class:`~safechat.model.onnx_scorer.OnnxScorer`)."""

    @property
    def reader(self) -> Reader:
        """What the scorer's bundle can read."""
        ...


def reader_of(scorer: object) -> Reader:
    """``scorer``'s reader; :data:`READS_EVERYTHING` when it does not say."""
    return scorer.reader if isinstance(scorer, Reads) else READS_EVERYTHING
