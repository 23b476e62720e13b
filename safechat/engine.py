"""The Moderator: one message in, a safe decision out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from safechat.cache import LruCache
from safechat.detect import RuleHit, find_rule_hits
from safechat.detect.imminence import find_imminence_as_implied
from safechat.detect.pii import DEFAULT_REGIONS
from safechat.errors import BundleError, InferenceError, InvalidInputError, ReportStoreError
from safechat.exemplars.loading import PolicyBanks
from safechat.language import LanguageDetector, locale_language
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, ModelBundle, read_manifest, shipped_bundle_path
from safechat.model.onnx_scorer import OnnxScorer
from safechat.model.router import ModelRouter, Routed, Routing
from safechat.model.scorer import Scorer
from safechat.model.support_head import DISCLOSURE as DISCLOSURE_HEAD
from safechat.model.support_head import FIRES_AT as HEAD_FIRES_AT
from safechat.model.support_head import HEAD_KINDS
from safechat.model.support_head import SELF_HARM as SELF_HARM_HEAD
from safechat.normalize import Evasion, NormalizedText, normalize
from safechat.policy.decide import Verdict, decide, mask, review_of, rule_of, settled_by_context
from safechat.policy.policy import BandPolicy, Policy
from safechat.policy.prompts import PromptBook
from safechat.policy.unread import with_unread
from safechat.privacy import describe
from safechat.reports.service import ReportService, validate
from safechat.reports.store import DEFAULT_REPORT_STORE, ReportStore
from safechat.reports.types import MAX_ID_CHARS, Report, ReportReason, ReportReceipt
from safechat.types import (
    Action,
    AgeBand,
    Coverage,
    Decision,
    Label,
    Prompt,
    Reason,
    ReasonSource,
    Review,
    Role,
    Scores,
    Span,
)

logger = logging.getLogger("safechat")

DEFAULT_MAX_TEXT_CHARS = 100_000
"""Longest message accepted, in characters; longer text raises :class:`InvalidInputError`."""

DEFAULT_CACHE_SIZE = 4096
"""Distinct model texts whose scores a :class:`Moderator` remembers by default."""

BACKGROUND_RUN = 1024
"""Messages per model run of :meth:`Moderator.start_batch` (a multiple of the 32 rows the model
runs at once), as many as ``safechat score`` reads ahead: smaller runs would let the decisions of
one overlap the model run of the next inside a window, but cost more than they give (measured on
CONDA chat, CPU per message: the example search +50% and the model +15% in runs of 128)."""

_RECIPIENT_LABELS = frozenset({Label.BULLYING, Label.HATE, Label.THREAT, Label.SEXUAL, Label.GROOMING})


@dataclass(frozen=True, slots=True)
class Message:
    """One message for :meth:`Moderator.moderate_batch`, with its own band and locale.

    ``age_band`` is the band of the youngest reader; ``None`` or unknown means ``under_13``.
    ``locale`` is the language of the prompts; ``None`` means the message's own language when
    it can be told and prompts exist for it, else English. A given locale also picks the policy's
    ``language_thresholds`` when the message's own language cannot be told.
    ``country`` (ISO 3166-1 alpha-2) picks the helpline; by default the locale's region.
    ``message_id`` (the app's id for the message), ``sender_id`` and ``conversation_id`` (at
    most 256 characters each) travel with a review: a decision that asks for review is queued
    in the report store when the message has a ``message_id``, once per id.
    """

    text: str
    age_band: AgeBand | str | None = None
    locale: str | None = None
    country: str | None = None
    message_id: str | None = None
    sender_id: str | None = None
    conversation_id: str | None = None


class PendingBatch:
    """Decisions on their way, from :meth:`Moderator.start_batch`: the model runs in the
    background until :meth:`result` is called."""

    def __init__(self, finish: Callable[[], list[Decision]]) -> None:
        self._finish: Callable[[], list[Decision]] | None = finish
        self._decisions: list[Decision] = []

    def result(self) -> list[Decision]:
        """The decisions, in the order of the batch's items (waits for the model run)."""
        if self._finish is not None:
            self._decisions, self._finish = self._finish(), None
        return self._decisions


class Moderator:
    """Scores messages and applies the policy. Thread-safe once constructed.

    Build one with :meth:`load` and reuse it: loading verifies the bundle and starts
    onnxruntime, which takes a moment; moderating is fast.
    """

    def __init__(
        self,
        *,
        scorer: Scorer,
        policy: Policy,
        prompts: PromptBook,
        max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
        cache_size: int = DEFAULT_CACHE_SIZE,
        report_store: str | ReportStore = DEFAULT_REPORT_STORE,
        multilingual: Scorer | Callable[[], Scorer] | None = None,
        routing: Routing | str = Routing.AUTO,
        detector: LanguageDetector | None = None,
        bank_digest: str = "",
        queue_reviews: bool = True,
    ) -> None:
        """Assemble a moderator from its parts (tests pass fakes from :mod:`safechat.testing`).

        ``cache_size`` bounds the caches of decisions (by message, band, locale and country)
        and of model scores (by model text); 0 turns them off.
        ``report_store`` is where :meth:`report` keeps reports: a URL (opened on first use) or
        a store. ``multilingual`` (a scorer, or a function that builds one on first use) scores
        messages in the other languages when ``routing`` is ``auto``; ``detector`` tells the
        language of each message. ``bank_digest`` identifies the example banks the scorers use
        (it becomes part of :attr:`policy_version`; empty: none). ``queue_reviews``: queue the
        decisions that ask for review (and whose message has an id) in ``report_store``.
        """
        if max_text_chars < 1:
            raise ValueError("max_text_chars must be at least 1")
        self._scorer = scorer
        # a decision is a pure function of the message and this moderator: repeats ("gg",
        # "lol") cost a lookup
        self._decisions: LruCache[tuple[str, AgeBand, str | None, str | None], Decision] = LruCache(
            cache_size
        )
        self._router = ModelRouter(
            scorer, multilingual=multilingual, routing=routing, detector=detector, cache_size=cache_size
        )
        self._policy = policy
        self._policy_version = f"{policy.version}+banks.{bank_digest}" if bank_digest else policy.version
        self._prompts = prompts
        self._max_text_chars = max_text_chars
        self._reports = ReportService(report_store)
        self._queue_reviews = queue_reviews
        self._background: ThreadPoolExecutor | None = None  # the model runs of start_batch
        self._background_lock = threading.Lock()

    @classmethod
    def load(
        cls,
        bundle: str | Path | None = None,
        policy: str | Path | Policy | None = None,
        *,
        threads: int = 0,
        max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
        cache_size: int = DEFAULT_CACHE_SIZE,
        report_store: str | ReportStore = DEFAULT_REPORT_STORE,
        multilingual_bundle: str | Path | None = None,
        routing: Routing | str = Routing.AUTO,
        queue_reviews: bool = True,
    ) -> Moderator:
        """Load a model bundle and a policy.

        Args:
            bundle: a bundle directory; default: the shipped English bundle.
            multilingual_bundle: the bundle for messages in other languages; default: the
                shipped multilingual bundle when it is installed. Loaded on first use.
            policy: a TOML policy file or a :class:`Policy`; default: the shipped policy. The
                example banks it names (``[exemplars] banks``) are loaded and validated here.
            threads: onnxruntime threads; 0 = one per core.
            max_text_chars: longest text accepted, in characters.
            cache_size: most distinct messages whose decisions, and model texts whose scores,
                are remembered (0: none).
            report_store: where :meth:`report` keeps reports: ``sqlite:///path`` (relative to
                the working directory), ``postgresql://...``, or a store. Opened on the first
                report, not here. Default: ``sqlite:///safechat-reports.db``.
            routing: ``auto`` (default): each message's language picks the bundle (English and
                unclear messages: ``bundle``; German, French, Polish and every other language its
                encoder was pretrained on: the multilingual one); ``single``: ``bundle`` for every
                message; ``multilingual``: the multilingual bundle for every message (loaded
                here). Whatever the routing, a message the chosen bundle cannot read (its
                language or script) is not scored: ``decision.coverage`` is ``none`` and the
                band's ``unread_action`` applies (with ``single``, every language but English).
            queue_reviews: queue every decision that asks for review (``decision.review``) in
                ``report_store``, once per message id (only messages sent with a ``message_id``
                are queued). ``False`` for offline scoring (the command-line tools) or when the
                caller queues them itself (the sidecar).

        Raises:
            BundleError: the bundle is missing, corrupted (sha256 mismatch) or unloadable.
            PolicyError: the policy file does not validate (the message names the field path).
            ExemplarBankError: a bank the policy names is missing, invalid or was embedded by a
                bundle that is not in use.
            PromptDataError: the prompt data files are broken.
        """
        if isinstance(policy, Policy):
            chosen = policy
        elif policy is None:
            chosen = Policy.default()
        else:
            chosen = Policy.from_toml(policy)
        prompts = PromptBook.load()
        routing = Routing.parse(routing)
        default_bundle = ModelBundle.load(bundle)
        multilingual: Scorer | Callable[[], Scorer] | None = None
        where = (
            Path(multilingual_bundle)
            if multilingual_bundle is not None
            else shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
        )
        if routing is Routing.MULTILINGUAL and where is None:
            raise BundleError(f"routing 'multilingual': {MULTILINGUAL_BUNDLE_NAME} is not installed")
        in_use = [default_bundle.manifest]
        if where is not None and routing is not Routing.SINGLE:
            in_use.append(read_manifest(where))
        banks = PolicyBanks.load(chosen, in_use)
        scorer = banks.attach(OnnxScorer(default_bundle, threads=threads))
        if routing is Routing.MULTILINGUAL and where is not None:
            multilingual = banks.attach(OnnxScorer(ModelBundle.load(where), threads=threads))
        elif routing is Routing.AUTO and where is not None:
            multilingual = _lazy_scorer(where, threads, banks)
        return cls(
            scorer=scorer,
            policy=chosen,
            prompts=prompts,
            max_text_chars=max_text_chars,
            cache_size=cache_size,
            report_store=report_store,
            multilingual=multilingual,
            routing=routing,
            bank_digest=banks.digest,
            queue_reviews=queue_reviews,
        )

    @property
    def policy(self) -> Policy:
        """The policy in force."""
        return self._policy

    @property
    def prompts(self) -> PromptBook:
        """The child-facing prompts and helplines in use."""
        return self._prompts

    @property
    def max_text_chars(self) -> int:
        """Longest message text accepted, in characters."""
        return self._max_text_chars

    @property
    def report_service(self) -> ReportService:
        """The service that stores this moderator's reports (its store opens on first use)."""
        return self._reports

    @property
    def queues_reviews(self) -> bool:
        """True when decisions that ask for review are queued in the report store."""
        return self._queue_reviews

    @property
    def model_version(self) -> str:
        """The model bundle's name and version."""
        return self._scorer.version

    @property
    def policy_version(self) -> str:
        """The policy's version string; with example banks in use, followed by ``+banks.`` and
        a digest of their content (a changed bank is a changed policy)."""
        return self._policy_version

    def moderate(
        self,
        text: str,
        *,
        age_band: AgeBand | str | None = None,
        locale: str | None = None,
        country: str | None = None,
        message_id: str | None = None,
        sender_id: str | None = None,
        conversation_id: str | None = None,
    ) -> Decision:
        """Moderate one message.

        Args:
            text: the message as the sender wrote it.
            age_band: the band of the youngest reader; ``None`` or unknown = ``under_13``.
            locale: language (and optional region) of the prompts, e.g. ``"fr"`` or ``"fr-BE"``;
                ``None``: the message's own language when it can be told, else English. It also
                picks the ``language_thresholds`` when the message's language cannot be told.
            country: ISO 3166-1 alpha-2 code that picks the helpline; default: from ``locale``.
            message_id: the app's id for the message. When the decision asks for review
                (``decision.review``), it is queued in the report store under this id, once.
            sender_id: the writer's id in the app, kept with a queued review.
            conversation_id: the conversation, kept with a queued review.

        Raises:
            InvalidInputError: ``text`` is not a string or is longer than ``max_text_chars``, or
                an id is not a string of at most 256 characters.
        """
        message = Message(text, age_band, locale, country, message_id, sender_id, conversation_id)
        return self.moderate_batch([message])[0]

    def report(
        self,
        *,
        reporter_id: str,
        reported_id: str,
        reason: ReportReason | str,
        conversation_id: str | None = None,
        message_id: str | None = None,
        text: str | None = None,
        age_band: AgeBand | str | None = None,
        locale: str = "en",
        idempotency_key: str | None = None,
        context: Sequence[str] = (),
        details: str | None = None,
        country: str | None = None,
    ) -> ReportReceipt:
        """Take a child's report; returns once it is durably stored.

        The stored report carries its evidence: ``text`` (the reported message), ``context``,
        and the decision the engine makes on ``text`` now (action, scores, labels, reason codes),
        with the model and policy versions and UTC timestamps.

        Args:
            reporter_id: the reporting child's id in the app (required, at most 256 characters).
            reported_id: the reported user's id (required, at most 256 characters).
            reason: a :class:`~safechat.reports.ReportReason` or its value (``"bullying"``...).
            conversation_id: the conversation, if any.
            message_id: the reported message, if any.
            text: the reported message text, at most ``max_text_chars`` characters.
            age_band: the reporter's band (the acknowledgement's wording; unknown = ``under_13``).
            locale: the reporter's language tag, for the acknowledgement.
            idempotency_key: the app's key for this report; a retry with the same reporter and
                key is stored once and returns an equal receipt.
            context: up to 10 earlier message texts, oldest first, each at most
                ``max_text_chars`` characters.
            details: the child's own words about what happened, at most 1000 characters.
            country: ISO 3166-1 alpha-2 code for the helpline; default: from ``locale``.

        Returns:
            A :class:`~safechat.reports.ReportReceipt` with the report id and the
            acknowledgement to show the child (what happens next, where to get help now).

        Raises:
            InvalidInputError: a field is missing, of the wrong type or too long (named; never
                the text).
            ReportStoreError: the store could not be opened or written; the report was not
                stored and must not be acknowledged; retry with the same idempotency key.
        """
        fields = validate(
            reporter_id=reporter_id,
            reported_id=reported_id,
            reason=reason,
            details=details,
            conversation_id=conversation_id,
            message_id=message_id,
            text=text,
            context=context,
            age_band=age_band,
            locale=locale,
            country=country,
            idempotency_key=idempotency_key,
            max_text_chars=self._max_text_chars,
        )
        return self._reports.submit(self, fields)

    def moderate_batch(
        self,
        items: Sequence[str | Message],
        *,
        age_band: AgeBand | str | None = None,
        locale: str | None = None,
    ) -> list[Decision]:
        """Moderate many messages with one model run; decisions come back in order.

        Plain strings use ``age_band`` and ``locale``; :class:`Message` items carry their own.
        A decision that asks for review is queued in the report store when its message has a
        ``message_id`` (and the moderator queues reviews); a store that fails is logged, never
        raised: the decisions still come back.

        Raises:
            InvalidInputError: an item is not a string or :class:`Message`, or is too long
                (the message gives its index, never its text).
        """
        return self._batch(items, age_band, locale, background=False).result()

    def start_batch(
        self,
        items: Sequence[str | Message],
        *,
        age_band: AgeBand | str | None = None,
        locale: str | None = None,
    ) -> PendingBatch:
        """:meth:`moderate_batch` in two halves, to keep both cores busy over many batches.

        Checks and normalises the messages and finds the rules' hits now, while the model scores
        them in a background thread (onnxruntime and the example search release the interpreter
        lock); :meth:`PendingBatch.result` waits for the scores and decides. Start the next batch
        before taking the result of this one, and the next model run overlaps this batch's
        decisions. Model runs are done one batch at a time, in the order the batches were
        started. The decisions are those :meth:`moderate_batch` gives (a repeat of a message in
        a batch still in flight is decided again, not taken from the decision cache).

        Raises:
            InvalidInputError: as :meth:`moderate_batch`, before any work is started.
        """
        return self._batch(items, age_band, locale, background=True)

    def _batch(
        self,
        items: Sequence[str | Message],
        age_band: AgeBand | str | None,
        locale: str | None,
        *,
        background: bool,
    ) -> PendingBatch:
        messages = [self._check(index, item, age_band, locale) for index, item in enumerate(items)]
        keys = [_decision_key(message) for message in messages]
        decisions: list[Decision | None] = [self._decisions.get(key) for key in keys]
        todo = [i for i, decision in enumerate(decisions) if decision is None]
        fresh = self._start_fresh([messages[i] for i in todo], background=background)

        def finish() -> list[Decision]:
            for i, decision in zip(todo, fresh(), strict=True):
                decisions[i] = decision
                if not decision.fail_closed:  # a failure may pass; never remember it
                    self._decisions.put(keys[i], decision)
            done = [d for d in decisions if d is not None]
            if self._queue_reviews:
                for message, decision in zip(messages, done, strict=True):
                    self.queue_review_safely(decision, message)
            return done

        return PendingBatch(finish)

    def queue_review(self, decision: Decision, message: Message) -> Report | None:
        """Queue ``decision`` for a person to look at, when it asks for review and ``message``
        has a ``message_id``: a report from ``safechat`` with the review's priority, the message
        text and the decision as evidence, kept under the report store's retention rules. A
        message id already queued is not queued again (the stored report comes back).

        Returns:
            The stored report, or ``None`` when there is nothing to queue.

        Raises:
            ReportStoreError: the report store failed; the review was not queued.
        """
        if decision.review is None or not message.message_id:
            return None
        return self._reports.queue_review(
            decision,
            text=message.text,
            message_id=message.message_id,
            sender_id=message.sender_id,
            conversation_id=message.conversation_id,
        )

    def queue_review_safely(self, decision: Decision, message: Message) -> Report | None:
        """:meth:`queue_review`, logging (never raising) a store failure: moderation goes on."""
        try:
            return self.queue_review(decision, message)
        except ReportStoreError:
            logger.error(
                "a %s review could not be queued (%s)",
                decision.review.value if decision.review is not None else "no",
                describe(message.text),
            )
            return None

    def cached(
        self,
        item: str | Message,
        *,
        age_band: AgeBand | str | None = None,
        locale: str | None = None,
    ) -> Decision | None:
        """The decision remembered for this message, or ``None``; never normalises or runs the model.

        Lets a caller answer a repeat at once and send only new messages on (the sidecar's
        micro-batcher does this, so a repeated "gg" never waits in its queue). The arguments
        are those of one item of :meth:`moderate_batch`.

        Raises:
            InvalidInputError: as :meth:`moderate_batch`.
        """
        return self._decisions.get(_decision_key(self._check(0, item, age_band, locale)))

    def _start_fresh(self, messages: list[Message], *, background: bool) -> Callable[[], list[Decision]]:
        """Normalise ``messages`` and start scoring them; the function returned decides them.

        In the ``background``, the messages are cut, in order of length, into runs of
        :data:`BACKGROUND_RUN` for the moderator's worker thread, and the rules' hits are found
        here meanwhile (they do not depend on the scores); the function decides each run as soon
        as it is scored, while the worker scores the next. The model sorts each run by length
        again, so the cut costs little padding. Otherwise everything waits for the function."""
        if not messages:
            return list
        normalized: list[NormalizedText | None] = []
        for message in messages:
            try:
                normalized.append(normalize(message.text))
            except Exception:  # fail closed for this message only
                logger.exception("normaliser failed (%s)", describe(message.text))
                normalized.append(None)
        texts = [n.text if n is not None else "" for n in normalized]
        detect = [m.locale is None for m in messages]
        hints = [locale_language(m.locale) for m in messages]
        if not background:
            return lambda: self._decide_all(messages, normalized, self._score(texts, detect, hints), None)
        order = sorted(range(len(messages)), key=lambda i: len(texts[i]))
        runs = [order[first : first + BACKGROUND_RUN] for first in range(0, len(order), BACKGROUND_RUN)]
        worker = self._worker()
        routing = [
            worker.submit(
                self._score, [texts[i] for i in run], [detect[i] for i in run], [hints[i] for i in run]
            )
            for run in runs
        ]
        hits = [
            self._hits_or_error(norm, message) for norm, message in zip(normalized, messages, strict=True)
        ]

        def decide() -> list[Decision]:
            decided: list[Decision | None] = [None] * len(messages)
            for run, routed in zip(runs, routing, strict=True):
                picked = [messages[i] for i in run]
                found = [normalized[i] for i in run]
                for i, decision in zip(
                    run, self._decide_all(picked, found, routed.result(), [hits[i] for i in run]), strict=True
                ):
                    decided[i] = decision
            return [d for d in decided if d is not None]

        return decide

    def _decide_all(
        self,
        messages: list[Message],
        normalized: list[NormalizedText | None],
        routed: list[Routed],
        hits: list[list[RuleHit] | Exception | None] | None,
    ) -> list[Decision]:
        found = hits if hits is not None else [None] * len(messages)
        return [
            self._decide_one(
                self._with_locale(message, route), norm, route, _threshold_language(route, message), rule_hits
            )
            for message, norm, route, rule_hits in zip(messages, normalized, routed, found, strict=True)
        ]

    def _hits_or_error(
        self, norm: NormalizedText | None, message: Message
    ) -> list[RuleHit] | Exception | None:
        """The rules' hits before the message is scored, or what they raised (the decision then
        fails closed, as when they run in :meth:`_decide_one`). A message with no locale gets the
        language it is written in as its locale, a bare language, and the regions of a bare
        language are those of ``en``: the hits are those :meth:`_decide_one` would find."""
        if norm is None:
            return None
        try:
            return self._rule_hits(norm, message)
        except Exception as err:  # noqa: BLE001 - raised again in _decide_one, which fails closed
            return err

    def _worker(self) -> ThreadPoolExecutor:
        with self._background_lock:
            if self._background is None:
                self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="safechat-model")
            return self._background

    def _with_locale(self, message: Message, route: Routed) -> Message:
        """``message`` with its prompt locale settled: the one given, else its own language
        when prompts exist for it, else English."""
        if message.locale is not None:
            return message
        language = route.language if route.language in self._prompts.locales else "en"
        return replace(message, locale=language)

    def _check(self, index: int, item: object, age_band: AgeBand | str | None, locale: str | None) -> Message:
        message = item if isinstance(item, Message) else None
        if message is None:
            if not isinstance(item, str):
                raise InvalidInputError(f"item {index}: text must be str, not {type(item).__name__}")
            message = Message(item, age_band, locale)
        if not isinstance(message.text, str):
            raise InvalidInputError(f"item {index}: text must be str, not {type(message.text).__name__}")
        if len(message.text) > self._max_text_chars:
            raise InvalidInputError(
                f"item {index}: text is {len(message.text)} characters; the limit is {self._max_text_chars}"
            )
        if message.locale is not None and not isinstance(message.locale, str):
            raise InvalidInputError(f"item {index}: locale must be str or None")
        for name in ("message_id", "sender_id", "conversation_id"):
            value = getattr(message, name)
            if value is not None and (not isinstance(value, str) or len(value) > MAX_ID_CHARS):
                raise InvalidInputError(
                    f"item {index}: {name} must be a str of at most {MAX_ID_CHARS} characters"
                )
        return message

    def _score(self, texts: list[str], detect: list[bool], hints: list[str | None]) -> list[Routed]:
        try:
            return self._router.score(texts, detect=detect, hints=hints)
        except InferenceError:
            logger.exception("model failed on a batch of %d; failing closed", len(texts))
        except Exception:
            logger.exception("scorer raised unexpectedly on a batch of %d; failing closed", len(texts))
        return [Routed(None, None, self._scorer.version)] * len(texts)

    def _decide_one(
        self,
        message: Message,
        norm: NormalizedText | None,
        route: Routed,
        language: str | None,
        found: list[RuleHit] | Exception | None = None,
    ) -> Decision:
        """``found``: the rules' hits when they were found already (or what they raised)."""
        band = AgeBand.parse(message.age_band)
        unread = route.coverage is Coverage.NONE
        scores = Scores.zeros() if unread else route.scores
        try:
            if norm is None or scores is None:
                raise InferenceError("no scores")
            if isinstance(found, Exception):
                raise found
            hits = self._rule_hits(norm, message) if found is None else found
            policy = self._policy.band(band)
            hits = [*hits, *self._head_hits(norm, scores, policy, hits)]
            verdict = decide(policy, scores, hits, norm.evasions, language=language)
            if unread:  # no model read it: the rules alone, and the band's action for unread text
                verdict = with_unread(verdict, policy)
            decision = self._assemble(message, band, norm, route, verdict)
        except Exception:
            if norm is not None and scores is not None:
                logger.exception("decision failed (%s); failing closed", describe(message.text))
            return self._fail_closed(message, band, route)
        if logger.isEnabledFor(logging.DEBUG):  # the fingerprint is a keyed hash: skip it unless logged
            logger.debug(
                "decision action=%s labels=%s band=%s %s",
                decision.action.value,
                [label.value for label in decision.labels],
                band.value,
                describe(message.text),
            )
        return decision

    def decision_inputs(
        self, message: Message, scores: Scores, *, heads: bool = True
    ) -> tuple[list[RuleHit], tuple[Evasion, ...]]:
        """The hits and evasions :func:`~safechat.policy.decide.decide` is given for ``message``
        once the model has scored it ``scores``: the rules' hits (with the regions of the
        message's locale and country), the heads' hits under the policy of the message's band
        (``heads`` false: left out), and the normaliser's evasions, exactly as :meth:`moderate`
        finds them. The calibration tooling replays decisions under other thresholds from these
        (the heads' hits do not depend on thresholds). Never logs the text.

        Raises:
            InvalidInputError: ``message.text`` is not a string.
        """
        message = self._check(0, message, message.age_band, message.locale)
        norm = normalize(message.text)
        hits = self._rule_hits(norm, message)
        if not heads:
            return hits, norm.evasions
        policy = self._policy.band(AgeBand.parse(message.age_band))
        return [*hits, *self._head_hits(norm, scores, policy, hits)], norm.evasions

    def _head_hits(
        self, norm: NormalizedText, scores: Scores, policy: BandPolicy, hits: Sequence[RuleHit]
    ) -> list[RuleHit]:
        """The heads' hits (:func:`_fired_heads`) and, where the self-harm head reads the
        message as self-harm, the imminence qualifiers it stands as the implied intent for (a plan,
        the means, a telling time: an urgent review), less those the rules found already."""
        read = _fired_heads(scores, policy, hits, len(norm.original))
        if not any(hit.rule == SELF_HARM_HEAD.rule for hit in read):
            return read
        found = {hit.rule for hit in hits}
        return [
            *read,
            *(
                RuleHit(hit.rule, hit.label, norm.original_span(hit.span), hit.maskable)
                for hit in find_imminence_as_implied(norm.text)
                if hit.rule not in found
            ),
        ]

    def _rule_hits(self, norm: NormalizedText, message: Message) -> list[RuleHit]:
        hits = find_rule_hits(norm.text, regions=_regions(message.locale or "en", message.country))
        return [RuleHit(hit.rule, hit.label, norm.original_span(hit.span), hit.maskable) for hit in hits]

    def _assemble(
        self,
        message: Message,
        band: AgeBand,
        norm: NormalizedText,
        route: Routed,
        verdict: Verdict,
    ) -> Decision:
        sender, recipient = self._prompts_for(
            verdict.labels,
            verdict.action,
            verdict.support,
            verdict.reasons,
            band,
            message.locale or "en",
            message.country,
        )
        if route.coverage is Coverage.NONE and sender is None and not verdict.action.delivers:
            sender = self._held_prompt(band, message)  # held because no model could read it
        masked = (
            mask(message.text, verdict.mask_spans, self._policy.mask_char) if verdict.mask_spans else None
        )
        return Decision(
            action=verdict.action,
            scores=route.scores,
            labels=verdict.labels,
            reasons=verdict.reasons,
            sender_prompt=sender,
            recipient_prompt=recipient,
            masked_text=masked,
            support=verdict.support,
            age_band=band,
            locale=message.locale or "en",
            evasions=tuple(e.value for e in norm.evasions),
            model_version=route.model_version,
            policy_version=self._policy_version,
            language=route.language,
            review=verdict.review,
            coverage=route.coverage,
        )

    def amend(self, decision: Decision, reasons: Sequence[Reason], *, country: str | None = None) -> Decision:
        """``decision`` with more reasons (e.g. from the conversation).

        The action becomes the most restrictive of all reasons; labels of reasons that raised
        it come first, then the existing labels, then any other new ones; the prompts are chosen
        again. A fail-closed decision is returned unchanged.
        """
        if decision.fail_closed or not reasons:
            return decision
        action = Action.most_restrictive([decision.action, *(r.action for r in reasons)])
        ranked = sorted(reasons, key=lambda r: -r.action.severity)
        raising = [r.label for r in ranked if r.label and r.action.severity > decision.action.severity]
        others = [r.label for r in ranked if r.label and r.action is not Action.ALLOW]
        labels = tuple(dict.fromkeys([*raising, *decision.labels, *others]))
        return self._revised(decision, action, labels, (*reasons, *decision.reasons), country)

    def cap(
        self, decision: Decision, label: Label, ceiling: Action, *, country: str | None = None
    ) -> Decision:
        """``decision`` with every reason for ``label`` limited to ``ceiling``.

        The action becomes the most restrictive remaining reason (``allow`` if none acts); labels
        and prompts are chosen again. A decision that was not delivered has no masked text, so a
        capped ``mask`` becomes ``warn``. A fail-closed decision is returned unchanged.
        """
        if decision.fail_closed or not any(
            r.label is label and r.action.severity > ceiling.severity for r in decision.reasons
        ):
            return decision
        reasons = tuple(
            replace(r, action=ceiling) if r.label is label and r.action.severity > ceiling.severity else r
            for r in decision.reasons
        )
        action = Action.most_restrictive([r.action for r in reasons])
        if action is Action.MASK and decision.masked_text is None:
            action = Action.WARN
        ranked = tuple(sorted(reasons, key=lambda r: -r.action.severity))
        labels = tuple(dict.fromkeys(r.label for r in ranked if r.label and r.action is not Action.ALLOW))
        return self._revised(decision, action, labels, ranked, country)

    def hold(self, decision: Decision, reason: Reason, *, country: str | None = None) -> Decision:
        """``decision`` failed closed for a cause outside the message, e.g. the conversation store
        could not be reached while an adult or unknown writer talks to a child.

        The action becomes at least the band's ``fail_closed_action`` (``reason`` is given that
        action and comes first), ``fail_closed`` is set, and the message's own labels, scores,
        support and review stay: a child in crisis is still helped. Where the hold raised the
        action, the writer gets the "held while we check it" prompt (support help stays).
        A decision that already failed closed is returned unchanged.
        """
        if decision.fail_closed:
            return decision
        try:
            held = self._policy.band(decision.age_band).fail_closed_action
        except Exception:
            held = Action.ESCALATE
        action = Action.most_restrictive([decision.action, held])
        sender = decision.sender_prompt
        if action is not decision.action and not decision.support:
            where = Message("", decision.age_band, decision.locale, country)
            sender = self._held_prompt(decision.age_band, where)
        return replace(
            decision,
            action=action,
            reasons=(replace(reason, action=held), *decision.reasons),
            sender_prompt=sender,
            masked_text=decision.masked_text if action.delivers else None,
            fail_closed=True,
        )

    def _revised(
        self,
        decision: Decision,
        action: Action,
        labels: tuple[Label, ...],
        reasons: tuple[Reason, ...],
        country: str | None,
    ) -> Decision:
        """``decision`` with a new action, labels and reasons, and the prompts and review they
        call for."""
        sender, recipient = self._prompts_for(
            labels, action, decision.support, reasons, decision.age_band, decision.locale, country
        )
        return replace(
            decision,
            action=action,
            labels=labels,
            reasons=reasons,
            sender_prompt=sender,
            recipient_prompt=recipient,
            masked_text=decision.masked_text if action.delivers else None,
            review=review_of(reasons, action),
        )

    def _prompts_for(
        self,
        labels: Sequence[Label],
        action: Action,
        support: bool,
        reasons: Sequence[Reason],
        band: AgeBand,
        locale: str,
        country: str | None,
    ) -> tuple[Prompt | None, Prompt | None]:
        """The writer's and the reader's prompts. Support comes first and is never a rule prompt:
        the self-harm help, or, for a child telling of harm done to them, the disclosure help.
        A reader of a message at imminent risk of self-harm (an urgent self-harm review) is told
        how to help now; otherwise the reader's prompt is the first harmful label's, from warn on."""

        def render(label: Label, role: Role) -> Prompt:
            return self._prompts.render(label=label, role=role, age_band=band, locale=locale, country=country)

        sender: Prompt | None = None
        if support:
            if Label.SELF_HARM not in labels and any(_is_disclosure(r) for r in reasons):
                sender = self._prompts.disclosure(band, locale, country)
            else:
                sender = render(Label.SELF_HARM, Role.SENDER)
        elif labels and action is not Action.ALLOW:
            sender = render(labels[0], Role.SENDER)
        recipient: Prompt | None = None
        if any(r.label is Label.SELF_HARM and r.review is Review.URGENT for r in reasons):
            recipient = self._prompts.self_harm_urgent(band, locale, country)
        elif action.severity >= Action.WARN.severity:
            for label in labels:
                if label in _RECIPIENT_LABELS:
                    recipient = render(label, Role.RECIPIENT)
                    break
        return sender, recipient

    def _fail_closed(self, message: Message, band: AgeBand, route: Routed) -> Decision:
        try:
            action = self._policy.band(band).fail_closed_action
        except Exception:
            action = Action.ESCALATE
        prompt = self._held_prompt(band, message)
        return Decision(
            action=action,
            scores=None,
            labels=(),
            reasons=(Reason("engine.fail_closed", None, ReasonSource.ENGINE, action),),
            sender_prompt=prompt,
            recipient_prompt=None,
            age_band=band,
            locale=message.locale if isinstance(message.locale, str) else "en",
            model_version=route.model_version,
            policy_version=self._policy_version,
            fail_closed=True,
            language=route.language,
            coverage=route.coverage,
        )

    def _held_prompt(self, band: AgeBand, message: Message) -> Prompt | None:
        """The writer's "your message is held while we check it" prompt; ``None`` if it fails."""
        try:
            return self._prompts.render(
                label=None,
                role=Role.SENDER,
                age_band=band,
                locale=message.locale if isinstance(message.locale, str) else "en",
                country=message.country,
                fail_closed=True,
            )
        except Exception:
            return None


_DecisionKey = tuple[str, AgeBand, str | None, str | None]


def _fired_heads(scores: Scores, policy: BandPolicy, hits: Sequence[RuleHit], length: int) -> list[RuleHit]:
    """A hit for each head that fires and has an entry in the policy (a policy without one never
    gets the hit). Support heads: the message reads like a child telling of harm, or like a child
    thinking of hurting themselves; their entries offer support only (:class:`~safechat.policy.
    policy.Policy` checks it). Harm heads: the message reads like children's chat of their label;
    their entries give an action, as a rule's do. The ordinary head's hit is context: its entry
    settles model scores, as a context rule's does. A head that yields to context does not fire
    where a context rule in the message (the ordinary head's hit among them) settles its label
    ("ik ga dood van het lachen" is laughing), and a harm head does not fire where the disclosure
    head does (a child telling of harm gets help)."""
    fired = [
        kind
        for kind in HEAD_KINDS
        if scores.heads.get(kind.name, 0.0) >= HEAD_FIRES_AT and kind.rule in policy.rules
    ]
    context = [RuleHit(kind.rule, kind.label, Span(0, length)) for kind in fired if kind.settles]
    settled = settled_by_context(policy, scores, [*hits, *context])
    disclosed = scores.heads.get(DISCLOSURE_HEAD.name, 0.0) >= HEAD_FIRES_AT
    return [
        *context,
        *(
            RuleHit(kind.rule, kind.label, Span(0, length))
            for kind in fired
            if not kind.settles
            and not (kind.yields_to_context and kind.label in settled)
            and not (disclosed and kind.acts)
        ),
    ]


_DISCLOSURE = "context.disclosure"


def _is_disclosure(reason: Reason) -> bool:
    """True for a child telling of harm done to them (``context.disclosure`` and its kinds, not
    ``context.disclosure.topic``)."""
    if reason.source is not ReasonSource.RULE:
        return False
    rule = rule_of(reason)
    return (rule == _DISCLOSURE or rule.startswith(_DISCLOSURE + ".")) and rule != _DISCLOSURE + ".topic"


def _threshold_language(route: Routed, message: Message) -> str | None:
    """The language whose thresholds apply (a label's ``language_thresholds``): the detected one,
    else the language of the locale the app gave (detection skipped or unsure), else ``None``."""
    return route.language if route.language is not None else locale_language(message.locale)


def _decision_key(message: Message) -> _DecisionKey:
    return (message.text, AgeBand.parse(message.age_band), message.locale, message.country)


def _lazy_scorer(bundle: Path, threads: int, banks: PolicyBanks) -> Callable[[], Scorer]:
    """A scorer for ``bundle`` with its banks, loaded (and verified) when first needed."""
    return lambda: banks.attach(OnnxScorer(ModelBundle.load(bundle), threads=threads))


def _regions(locale: str, country: str | None) -> tuple[str, ...]:
    first: list[str] = []
    if country:
        first.append(country.upper())
    parts = locale.replace("_", "-").split("-")
    if len(parts) > 1 and len(parts[1]) == 2:
        first.append(parts[1].upper())
    return tuple(dict.fromkeys([*first, *DEFAULT_REGIONS]))
