"""Which language a message is written in, to pick the model bundle and the prompts' language.

Uses py3langid (BSD-3-Clause), which ships its own model: nothing is downloaded. Its model
loads on first use (about 0.7 s), once per process, not at import. Chat is short and mixed:
"gg", "lol" or "ok" say nothing about a language, so a message counts as written in a language
only when the detector is confident and the message has enough letters; otherwise the answer
is ``None`` and the caller keeps its default (English).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

SUPPORTED = ("en", "de", "fr", "it", "es", "pl", "pt", "nl", "da", "el", "tr", "ro")
"""Languages the detector chooses between (ISO 639-1): English plus the multilingual bundle's
first twelve. Ukrainian is not among them, though safechat-multi-e5 0.4.0 reads it: with Ukrainian
the only Cyrillic choice, Russian and Bulgarian messages the wider detector is unsure of were told
to be Ukrainian. Ukrainian is told among the member states' languages
(:data:`MEMBER_STATE_LANGUAGES`) instead, and goes to the multilingual bundle from there."""

MEMBER_STATE_LANGUAGES = (
    "sq", "ca", "hy", "de", "az", "nl", "fr", "bs", "hr", "sr", "bg", "el", "tr", "cs", "da",
    "et", "fi", "sv", "ka", "hu", "is", "ga", "en", "it", "lv", "lt", "lb", "mt", "ro", "mk",
    "no", "pl", "pt", "sl", "sk", "es", "eu", "gl", "uk", "cy", "ru",
)  # fmt: skip
"""The official and co-official languages of the Council of Europe's 46 member states that the
detector knows (ISO 639-1; Romansh has no model in it), and Russian, widely written in several.
A message confidently in one of them outside :data:`SUPPORTED` is reported in that language
(``Decision.language``), so that its coverage can be told. Of the 8,167 English, German,
Spanish, French, Italian, Dutch, Polish and Portuguese lines of the children's chat sets
(``devsets/``), 2 were told to be in another of these languages (Lithuanian, Catalan); of 624
Ukrainian lines, 521 were told to be Ukrainian (before: none)."""

DEFAULT_MIN_CONFIDENCE = 0.7
"""Below this normalised probability a message's language counts as unknown. Measured on 2,000
English messages (held-out training rows and the benchmark corpus): 0.1% were taken for another
language at 0.7; of 300 messages per multilingual data set, 86-100% were recognised (0.9 would
drop Portuguese and Spanish to 75-80%)."""

DEFAULT_MIN_LETTERS = 8
"""Messages with fewer letters than this are too short to tell ("gg", "ok", "kys")."""


_TAG_END = re.compile(r"[.@]")  # POSIX locales: "fr_BE.UTF-8", "de_DE@euro"
_TAG_SEP = re.compile(r"[-_]")


def locale_subtags(locale: str | None) -> list[str]:
    """The subtags of a locale tag: ``"fr-BE"`` and ``"fr_BE.UTF-8"`` give ``["fr", "BE"]``."""
    if not locale:
        return []
    head = _TAG_END.split(locale.strip(), maxsplit=1)[0]
    return [part for part in _TAG_SEP.split(head) if part]


def locale_language(locale: str | None) -> str | None:
    """The language of a locale tag, lower case (``"fr-BE"`` gives ``"fr"``); ``None`` when the
    tag does not start with a 2- or 3-letter language subtag."""
    parts = locale_subtags(locale)
    if not parts or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    return parts[0].lower()


@dataclass(frozen=True, slots=True)
class Detection:
    """The detector's answer: ``language`` is ``None`` when it cannot tell."""

    language: str | None
    confidence: float


class LanguageDetector:
    """Thread-safe language identification over a fixed set of candidate languages."""

    def __init__(
        self,
        languages: tuple[str, ...] = SUPPORTED,
        *,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        min_letters: int = DEFAULT_MIN_LETTERS,
    ) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        self._languages = tuple(dict.fromkeys(languages))
        self._min_confidence = min_confidence
        self._min_letters = min_letters

    @property
    def languages(self) -> tuple[str, ...]:
        """The candidate languages."""
        return self._languages

    def widened(self, languages: tuple[str, ...]) -> LanguageDetector:
        """A detector with the same thresholds over these languages and its own."""
        return LanguageDetector(
            self._languages + languages,
            min_confidence=self._min_confidence,
            min_letters=self._min_letters,
        )

    def detect(self, text: str) -> Detection:
        """The language of ``text``, or ``None`` when it is too short or unclear."""
        if sum(map(str.isalpha, text)) < self._min_letters:
            return Detection(None, 0.0)
        language, confidence = _identifier(self._languages).classify(text)
        confidence = float(confidence)
        if confidence < self._min_confidence or language not in self._languages:
            return Detection(None, confidence)
        return Detection(str(language), confidence)


_IDENTIFIERS: dict[tuple[str, ...], Any] = {}
_IDENTIFIERS_LOCK = threading.Lock()


def _identifier(languages: tuple[str, ...]) -> Any:
    """py3langid restricted to ``languages``; loaded once per process and set of languages."""
    found = _IDENTIFIERS.get(languages)
    if found is None:
        with _IDENTIFIERS_LOCK:
            found = _IDENTIFIERS.get(languages)
            if found is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                found.set_languages(list(languages))
                _IDENTIFIERS[languages] = found
    return found
