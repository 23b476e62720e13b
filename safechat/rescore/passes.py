"""The two passes of ``safechat rescore``, shared by the local and the Ray engines.

1. :class:`MessageDecider`: a batch of input rows in, one row per message out with its
   message-level decision (encoded, no text) or, for a row that cannot be used, its problem.
   It loads the :class:`~safechat.engine.Moderator` once, when it is built (once per Ray actor).
2. :class:`ConversationPass`: the messages of one (sender, recipient) pair in, ordered by time
   and run through :class:`~safechat.conversation.ConversationModerator` with a store of their
   own (so the result does not depend on how pairs are spread over workers), one output row per
   message out.

:func:`sender_report` turns the output rows where a grooming stage was added into the report of
senders whose grooming stage rose towards several children.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from safechat.conversation import ChatMessage, ConversationModerator, MemoryStore
from safechat.engine import Message, Moderator
from safechat.errors import InferenceError
from safechat.policy.policy import Policy
from safechat.policy.prompts import PromptBook
from safechat.rescore.records import (
    PROBLEM,
    ROW,
    BadRow,
    ChatRow,
    check_row,
    decode_record,
    require_pyarrow,
)
from safechat.types import (
    LABELS,
    Action,
    AgeBand,
    Coverage,
    Decision,
    Label,
    Reason,
    ReasonSource,
    Review,
    Scores,
    Span,
)

_MINORS = frozenset({AgeBand.UNDER_13.value, AgeBand.AGE_13_15.value, AgeBand.AGE_16_17.value})
_EVIDENCE_IDS = 20


@dataclass(frozen=True, slots=True)
class RescoreConfig:
    """What the workers load: the bundle and policy (``None``: the shipped ones), onnxruntime
    threads per worker, and the report's thresholds."""

    bundle: str | None = None
    policy: str | None = None
    threads: int = 1
    min_children: int = 2
    min_stages: int = 2


def decided_schema() -> Any:
    """The rows :class:`MessageDecider` gives."""
    pa = require_pyarrow()
    return pa.schema(
        [
            (ROW, pa.int64()),
            ("message_id", pa.string()),
            ("conversation_id", pa.string()),
            ("sender", pa.string()),
            ("recipient", pa.string()),
            ("sender_age_band", pa.string()),
            ("recipient_age_band", pa.string()),
            ("country", pa.string()),
            ("timestamp", pa.float64()),
            ("problem", pa.string()),
            ("decision", pa.string()),
        ]
    )


def message_schema() -> Any:
    """The per-message output rows (``messages/*.parquet``)."""
    pa = require_pyarrow()
    return pa.schema(
        [
            ("message_id", pa.string()),
            ("conversation_id", pa.string()),
            ("sender", pa.string()),
            ("recipient", pa.string()),
            ("sender_age_band", pa.string()),
            ("recipient_age_band", pa.string()),
            ("timestamp", pa.float64()),
            ("action", pa.string()),
            ("message_action", pa.string()),
            ("labels", pa.list_(pa.string())),
            ("review", pa.string()),
            ("support", pa.bool_()),
            ("fail_closed", pa.bool_()),
            ("coverage", pa.string()),
            ("language", pa.string()),
            *[(f"score_{label.value}", pa.float64()) for label in LABELS],
            ("reasons", pa.list_(pa.string())),
            ("conversation_risk", pa.float64()),
            ("stages", pa.list_(pa.string())),
            ("stage_added", pa.bool_()),
            ("model_version", pa.string()),
            ("policy_version", pa.string()),
        ]
    )


def bad_schema() -> Any:
    """The rows that could not be used (``bad_rows.parquet``): never their text."""
    pa = require_pyarrow()
    return pa.schema([("row", pa.int64()), ("message_id", pa.string()), ("problem", pa.string())])


def report_schema() -> Any:
    """One row per sender listed (``conversation_report.parquet``)."""
    pa = require_pyarrow()
    return pa.schema(
        [
            ("sender", pa.string()),
            ("children", pa.int64()),
            ("conversations", pa.int64()),
            ("max_stages", pa.int64()),
            ("max_risk", pa.float64()),
            ("stages", pa.list_(pa.string())),
            ("recipients", pa.list_(pa.string())),
            ("evidence", pa.list_(pa.string())),
            ("first_seen", pa.float64()),
            ("last_seen", pa.float64()),
        ]
    )


class MessageDecider:
    """Message-level decisions for batches of input rows, with one moderator loaded once."""

    def __init__(self, config: RescoreConfig) -> None:
        self._moderator = Moderator.load(
            bundle=config.bundle, policy=config.policy, threads=config.threads, queue_reviews=False
        )

    def __call__(self, batch: Any) -> Any:
        """A pyarrow table of input rows in; a table of :func:`decided_schema` out, same order."""
        pa = require_pyarrow()
        if PROBLEM in batch.column_names:  # JSONL rows, values encoded as read
            records = [decode_record(row) for row in batch.to_pylist()]
        else:  # Parquet rows, typed
            records = batch.to_pylist()
        checked = [check_row(r, max_text_chars=self._moderator.max_text_chars) for r in records]
        good = [c for c in checked if isinstance(c, ChatRow)]
        decisions = iter(
            self._moderator.moderate_batch(
                [Message(c.text, AgeBand.parse(c.recipient_age_band), c.locale, c.country) for c in good]
            )
        )
        out: dict[str, list[Any]] = {name: [] for name in decided_schema().names}
        for item in checked:
            if isinstance(item, BadRow):
                values: dict[str, Any] = {
                    ROW: item.row,
                    "message_id": item.message_id,
                    "problem": item.problem,
                }
            else:
                values = {
                    ROW: item.row,
                    "message_id": item.message_id,
                    "conversation_id": item.conversation_id,
                    "sender": item.sender,
                    "recipient": item.recipient,
                    "sender_age_band": item.sender_age_band,
                    "recipient_age_band": item.recipient_age_band,
                    "country": item.country,
                    "timestamp": item.timestamp,
                    "decision": json.dumps(decision_record(next(decisions)), separators=(",", ":")),
                }
            for name, column in out.items():
                column.append(values.get(name))
        return pa.table(out, schema=decided_schema())


class _NoModel:
    """The conversation pass never scores: its decisions come from the message pass."""

    version = "none"

    def score_batch(self, texts: Sequence[str]) -> list[Scores]:
        raise InferenceError("the conversation pass does not run the model")


class ConversationPass:
    """The conversation tracker over the messages of one (sender, recipient) pair."""

    def __init__(self, config: RescoreConfig) -> None:
        policy = Policy.default() if config.policy is None else Policy.from_toml(config.policy)
        self._moderator = Moderator(
            scorer=_NoModel(), policy=policy, prompts=PromptBook.load(), queue_reviews=False
        )

    def __call__(self, group: Any) -> Any:
        """A table of :func:`decided_schema` rows (one pair, no bad rows) in; a table of
        :func:`message_schema` rows out, in time order."""
        pa = require_pyarrow()
        rows = sorted(
            group.to_pylist(), key=lambda r: (r["conversation_id"], r["timestamp"], r["message_id"])
        )
        tracker = ConversationModerator(self._moderator, store=MemoryStore(max_keys=1_000_000))
        out: dict[str, list[Any]] = {name: [] for name in message_schema().names}
        seen: dict[str, int] = {}
        for row in rows:
            decision = decision_from_record(json.loads(row["decision"]))
            chat = ChatMessage(
                conversation_id=row["conversation_id"],
                sender=row["sender"],
                text="",
                message_id=row["message_id"],
                recipient=row["recipient"],
                sender_age_band=row["sender_age_band"],
                recipient_age_band=row["recipient_age_band"],
                country=row["country"],
                timestamp=row["timestamp"],
            )
            result = tracker.apply(chat, decision)
            final = result.decision
            before = seen.get(row["conversation_id"], 0)
            seen[row["conversation_id"]] = len(result.stages)
            values: dict[str, Any] = {
                "message_id": row["message_id"],
                "conversation_id": row["conversation_id"],
                "sender": row["sender"],
                "recipient": row["recipient"],
                "sender_age_band": row["sender_age_band"],
                "recipient_age_band": row["recipient_age_band"],
                "timestamp": row["timestamp"],
                "action": final.action.value,
                "message_action": decision.action.value,
                "labels": [label.value for label in final.labels],
                "review": final.review.value if final.review is not None else None,
                "support": final.support,
                "fail_closed": final.fail_closed,
                "coverage": final.coverage.value,
                "language": final.language,
                "reasons": [reason.code for reason in final.reasons],
                "conversation_risk": result.conversation_risk,
                "stages": [stage.value for stage in result.stages],
                "stage_added": len(result.stages) > before,
                "model_version": final.model_version,
                "policy_version": final.policy_version,
            }
            for label in LABELS:
                values[f"score_{label.value}"] = None if final.scores is None else final.scores[label]
            for name, column in out.items():
                column.append(values[name])
        return pa.table(out, schema=message_schema())


def stage_rows(table: Any) -> Any:
    """The output rows the report reads: those that added a grooming stage."""
    return table.filter(table.column("stage_added"))


def sender_report(
    rows: Sequence[Mapping[str, Any]], *, min_children: int, min_stages: int
) -> list[dict[str, Any]]:
    """Senders whose grooming stage rose (to at least ``min_stages`` distinct stages) towards at
    least ``min_children`` children (readers under 18, or of unknown age), from the output rows
    that added a stage. Most children first."""
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        reader = row["recipient_age_band"]
        if reader is not None and reader not in _MINORS:
            continue
        key = (row["sender"], row["recipient"] or "*", row["conversation_id"])
        pair = pairs.setdefault(key, {"stages": 0, "risk": 0.0, "names": set(), "ids": [], "times": []})
        pair["stages"] = max(pair["stages"], len(row["stages"]))
        pair["risk"] = max(pair["risk"], float(row["conversation_risk"]))
        pair["names"].update(row["stages"])
        pair["ids"].append(row["message_id"])
        pair["times"].append(float(row["timestamp"]))
    senders: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for (sender, recipient, conversation), pair in pairs.items():
        if pair["stages"] >= min_stages:
            senders.setdefault(sender, []).append((recipient, conversation, pair))
    report: list[dict[str, Any]] = []
    for sender, found in senders.items():
        children = sorted({recipient for recipient, _, _ in found})
        if len(children) < min_children:
            continue
        ids = [i for _, _, pair in found for i in pair["ids"]]
        times = [t for _, _, pair in found for t in pair["times"]]
        report.append(
            {
                "sender": sender,
                "children": len(children),
                "conversations": len({conversation for _, conversation, _ in found}),
                "max_stages": max(pair["stages"] for _, _, pair in found),
                "max_risk": round(max(pair["risk"] for _, _, pair in found), 6),
                "stages": sorted(set().union(*(pair["names"] for _, _, pair in found))),
                "recipients": children,
                "evidence": sorted(ids)[:_EVIDENCE_IDS],
                "first_seen": min(times),
                "last_seen": max(times),
            }
        )
    report.sort(key=lambda r: (-r["children"], -r["max_risk"], r["sender"]))
    return report


def decision_record(decision: Decision) -> dict[str, Any]:
    """``decision`` as JSON-ready values, exactly (no text: no masked text, no prompts)."""
    return {
        "action": decision.action.value,
        "scores": None
        if decision.scores is None
        else {label.value: decision.scores[label] for label in LABELS},
        "labels": [label.value for label in decision.labels],
        "reasons": [_reason_record(r) for r in decision.reasons],
        "support": decision.support,
        "age_band": decision.age_band.value,
        "locale": decision.locale,
        "evasions": list(decision.evasions),
        "model_version": decision.model_version,
        "policy_version": decision.policy_version,
        "fail_closed": decision.fail_closed,
        "language": decision.language,
        "review": decision.review.value if decision.review is not None else None,
        "coverage": decision.coverage.value,
    }


def decision_from_record(data: Mapping[str, Any]) -> Decision:
    """The :class:`Decision` of :func:`decision_record` (without prompts or masked text)."""
    scores = data["scores"]
    return Decision(
        action=Action(data["action"]),
        scores=None
        if scores is None
        else Scores.from_values({Label(k): float(v) for k, v in scores.items()}),
        labels=tuple(Label(label) for label in data["labels"]),
        reasons=tuple(_reason_from(r) for r in data["reasons"]),
        sender_prompt=None,
        recipient_prompt=None,
        support=bool(data["support"]),
        age_band=AgeBand(data["age_band"]),
        locale=str(data["locale"]),
        evasions=tuple(data["evasions"]),
        model_version=str(data["model_version"]),
        policy_version=str(data["policy_version"]),
        fail_closed=bool(data["fail_closed"]),
        language=data["language"],
        review=None if data["review"] is None else Review(data["review"]),
        coverage=Coverage(data["coverage"]),
    )


def _reason_record(reason: Reason) -> dict[str, Any]:
    return {
        "code": reason.code,
        "label": reason.label.value if reason.label is not None else None,
        "source": reason.source.value,
        "action": reason.action.value,
        "score": reason.score,
        "threshold": reason.threshold,
        "span": None if reason.span is None else [reason.span.start, reason.span.end],
        "evidence": list(reason.evidence),
        "exemplar": reason.exemplar,
        "review": reason.review.value if reason.review is not None else None,
    }


def _reason_from(data: Mapping[str, Any]) -> Reason:
    span = data["span"]
    return Reason(
        code=str(data["code"]),
        label=None if data["label"] is None else Label(data["label"]),
        source=ReasonSource(data["source"]),
        action=Action(data["action"]),
        score=data["score"],
        threshold=data["threshold"],
        span=None if span is None else Span(int(span[0]), int(span[1])),
        evidence=tuple(str(e) for e in data["evidence"]),
        exemplar=data["exemplar"],
        review=None if data["review"] is None else Review(data["review"]),
    )
