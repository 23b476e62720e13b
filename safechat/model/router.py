"""Sends each message to the model bundle for its language.

English (and any message whose language cannot be told, such as "gg") goes to the default
bundle; a message confidently detected in one of the multilingual bundle's languages goes to
that bundle. When the text is too short or unclear to tell, the language of the locale the
app sent with it decides ("du opfer" is too short to detect; with locale ``de`` it goes to the
multilingual bundle). Each bundle has its own score cache. The multilingual bundle is loaded on
the first message that needs it, so English-only traffic never pays for it.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safechat.errors import BundleError, ExemplarBankError
from safechat.language import LanguageDetector
from safechat.model.cache import ScoreCache
from safechat.model.scorer import Scorer
from safechat.types import Scores

logger = logging.getLogger("safechat")


class Routing(str, enum.Enum):
    """How a :class:`~safechat.Moderator` chooses a bundle per message."""

    AUTO = "auto"
    """By language: the multilingual bundle for its languages, the default bundle otherwise."""
    SINGLE = "single"
    """The default bundle for every message (no language detection for the model)."""
    MULTILINGUAL = "multilingual"
    """The multilingual bundle for every message."""

    @classmethod
    def parse(cls, value: Routing | str) -> Routing:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"routing must be one of {[r.value for r in cls]}, not {value!r}") from None


@dataclass(frozen=True, slots=True)
class Routed:
    """One message's scores (``None``: the model failed), the language detected (``None``:
    unknown) and the bundle that scored it."""

    scores: Scores | None
    language: str | None
    model_version: str


class _Lane:
    """One bundle and its cache; the scorer may be built on first use."""

    def __init__(self, scorer: Scorer | Callable[[], Scorer], cache_size: int) -> None:
        self._scorer = scorer if isinstance(scorer, Scorer) else None
        self._factory = None if isinstance(scorer, Scorer) else scorer
        self._lock = threading.Lock()
        self.cache = ScoreCache(cache_size)

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            with self._lock:
                if self._scorer is None:
                    assert self._factory is not None
                    self._scorer = self._factory()
        return self._scorer

    def score(self, texts: list[str]) -> list[Scores]:
        scorer = self.scorer
        return self.cache.scores(texts, lambda todo: list(scorer.score_batch(todo)))


class ModelRouter:
    """Scores model texts with the right bundle; thread-safe."""

    def __init__(
        self,
        default: Scorer,
        *,
        multilingual: Scorer | Callable[[], Scorer] | None = None,
        routing: Routing | str = Routing.AUTO,
        detector: LanguageDetector | None = None,
        cache_size: int,
    ) -> None:
        self._routing = Routing.parse(routing)
        if multilingual is None and self._routing is Routing.MULTILINGUAL:
            raise ValueError("routing 'multilingual' needs a multilingual bundle")
        self._default = _Lane(default, cache_size)
        self._multilingual = None if multilingual is None else _Lane(multilingual, cache_size)
        self._multilingual_broken = False
        self._detector = detector or LanguageDetector()

    @property
    def routing(self) -> Routing:
        return self._routing

    @property
    def default_version(self) -> str:
        return self._default.scorer.version

    @property
    def detector(self) -> LanguageDetector:
        return self._detector

    @property
    def by_language(self) -> bool:
        """True when the bundle depends on the message's language."""
        return self._multilingual is not None and self._routing is Routing.AUTO

    def score(
        self,
        texts: Sequence[str],
        *,
        detect: Sequence[bool] | None = None,
        hints: Sequence[str | None] | None = None,
    ) -> list[Routed]:
        """Scores for ``texts`` (normalised model texts), in order.

        ``detect[i]`` False skips language detection for text ``i`` when the bundle does not
        depend on it (its language is then reported as unknown). ``hints[i]`` is the language
        of the locale sent with text ``i`` (ISO 639-1, or ``None``): it picks the bundle when
        the text's own language cannot be told. The reported language stays the detected one.

        Raises:
            safechat.errors.InferenceError: a model failed; the caller fails closed.
        """
        wanted = [True] * len(texts) if detect is None or self.by_language else detect
        languages = [
            self._detector.detect(text).language if want else None
            for text, want in zip(texts, wanted, strict=True)
        ]
        told = [None] * len(texts) if hints is None else list(hints)
        lanes = [
            self._lane_for(language if language is not None else hint)
            for language, hint in zip(languages, told, strict=True)
        ]
        results: list[Routed | None] = [None] * len(texts)
        for lane in dict.fromkeys(lanes):
            indices = [i for i, chosen in enumerate(lanes) if chosen is lane]
            scores = lane.score([texts[i] for i in indices])
            version = lane.scorer.version
            for i, score in zip(indices, scores, strict=True):
                results[i] = Routed(score, languages[i], version)
        return [r for r in results if r is not None]

    def _lane_for(self, language: str | None) -> _Lane:
        lane = self._multilingual
        if lane is None or self._routing is Routing.SINGLE or self._multilingual_broken:
            return self._default
        if self._routing is Routing.MULTILINGUAL:
            return lane
        if language is None or language == "en" or language not in self._detector.languages:
            return self._default
        try:
            lane.scorer  # noqa: B018 (loads the bundle on first use)
        except (BundleError, ExemplarBankError):
            logger.exception("the multilingual bundle cannot be loaded; using the default bundle")
            self._multilingual_broken = True
            return self._default
        return lane
