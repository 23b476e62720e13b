"""Sends each message to the model bundle for its language, and says whether it could read it.

English (and any message whose language cannot be told, such as "gg") goes to the default
bundle; a message confidently detected in a language the multilingual bundle's encoder knows
(trained or pretrained on, :mod:`safechat.model.coverage`) goes to that bundle, and so does an
unclear one in a script only it reads. Each routed message carries its coverage: ``none``
when the chosen bundle cannot read it (a script its vocabulary does not hold, a language its
encoder never saw); such a message is not scored. When the text is too short or unclear to
tell, the language of the locale the app sent with it decides ("du opfer" is too short to
detect; with locale ``de`` it goes to the multilingual bundle). Each bundle has its own score
cache. The multilingual bundle is loaded on the first message that needs it, so English-only
traffic never pays for it.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safechat.errors import BundleError, ExemplarBankError
from safechat.language import MEMBER_STATE_LANGUAGES, LanguageDetector, TextSample
from safechat.model.cache import ScoreCache
from safechat.model.coverage import reader_of
from safechat.model.scorer import Scorer
from safechat.types import Coverage, Scores

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
    """One message's scores (``None``: the model failed, or could not read it), the language
    detected (``None``: unknown), the bundle that scored it (or would have) and its coverage."""

    scores: Scores | None
    language: str | None
    model_version: str
    coverage: Coverage = Coverage.TRAINED


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
        self._wide = self._detector.widened(MEMBER_STATE_LANGUAGES)

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

        ``detect[i]`` False: text ``i``'s language is reported as unknown when the bundle does
        not depend on it (it is still told, for its coverage). ``hints[i]`` is the language
        of the locale sent with text ``i`` (ISO 639-1, or ``None``): it picks the bundle when
        the text's own language cannot be told. The reported language stays the detected one.
        A text no bundle can read (coverage ``none``) is not scored: its scores are ``None``.

        Raises:
            safechat.errors.InferenceError: a model failed; the caller fails closed.
        """
        wanted = [True] * len(texts) if detect is None or self.by_language else detect
        languages = [self.language(text) for text in texts]
        told = [None] * len(texts) if hints is None else list(hints)
        lanes = [
            self._lane_for(text, language, hint)
            for text, language, hint in zip(texts, languages, told, strict=True)
        ]
        coverages = [
            reader_of(lane.scorer).coverage(text, language)
            for text, language, lane in zip(texts, languages, lanes, strict=True)
        ]
        results: list[Routed | None] = [None] * len(texts)
        for lane in dict.fromkeys(lanes):
            version = lane.scorer.version
            indices = [i for i, chosen in enumerate(lanes) if chosen is lane]
            read = [i for i in indices if coverages[i] is not Coverage.NONE]
            scores = lane.score([texts[i] for i in read])
            by_index: dict[int, Scores | None] = dict(zip(read, scores, strict=True))
            for i in indices:
                reported = languages[i] if wanted[i] else None
                results[i] = Routed(by_index.get(i), reported, version, coverages[i])
        return [r for r in results if r is not None]

    def language(self, text: str) -> str | None:
        """The language of a model text: one of the routed languages when the detector is sure
        of it, else one of the member states' languages when it is sure of that, else ``None``."""
        sample = TextSample(text)  # one feature pass for both detectors
        wide = self._wide.detect(sample).language
        if wide is not None and wide not in self._detector.languages:
            return wide
        return self._detector.detect(sample).language

    def _lane_for(self, text: str, language: str | None, hint: str | None) -> _Lane:
        if self._multilingual is None or self._routing is Routing.SINGLE or self._multilingual_broken:
            return self._default
        if self._routing is Routing.MULTILINGUAL:
            return self._multilingual
        if language is None and hint in self._detector.languages:
            language = hint
        if language == "en":
            return self._default
        if language is None:
            if reader_of(self._default.scorer).reads_text(text):
                return self._default
            lane = self._loaded_multilingual()
            return lane if lane is not None and reader_of(lane.scorer).reads_text(text) else self._default
        lane = self._loaded_multilingual()
        if lane is None:
            return self._default
        if language in self._detector.languages or reader_of(lane.scorer).knows(language):
            return lane
        return self._default

    def _loaded_multilingual(self) -> _Lane | None:
        """The multilingual lane with its bundle loaded; ``None`` when it cannot be loaded."""
        lane = self._multilingual
        if lane is None or self._multilingual_broken:
            return None
        try:
            lane.scorer  # noqa: B018 (loads the bundle on first use)
        except (BundleError, ExemplarBankError):
            logger.exception("the multilingual bundle cannot be loaded; using the default bundle")
            self._multilingual_broken = True
            return None
        return lane
