"""Run ``safechat rescore`` on one machine (``local``) or on Ray Data (``ray``): the same passes.

Output under ``out``:
- ``messages/*.parquet``: one row per usable input row (:func:`~safechat.rescore.passes.message_schema`);
- ``conversation_report.parquet``: the senders whose grooming stage rose towards several children;
- ``bad_rows.parquet``: the rows that could not be used, with what is wrong (never their text).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from safechat.rescore.passes import (
    ConversationPass,
    MessageDecider,
    RescoreConfig,
    bad_schema,
    decided_schema,
    message_schema,
    report_schema,
    sender_report,
    stage_rows,
)
from safechat.rescore.records import (
    ROW,
    RescoreError,
    input_format,
    jsonl_records,
    parquet_records,
    records_table,
    require_pyarrow,
)

ENGINES = ("local", "ray")
MESSAGES = "messages"
REPORT = "conversation_report.parquet"
BAD_ROWS = "bad_rows.parquet"


@dataclass(frozen=True, slots=True)
class RescoreSummary:
    """What a run did: messages decided, bad rows reported, senders listed, seconds taken."""

    messages: int
    bad_rows: int
    senders: int
    seconds: float


class _Progress:
    """A line on stderr every ``interval_s`` seconds: messages decided so far and the rate."""

    def __init__(self, stream: TextIO | None, *, interval_s: float = 5.0) -> None:
        self._stream = stream
        self._interval = interval_s
        self._start = self._last = time.monotonic()

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if self._stream is None or (not force and now - self._last < self._interval):
            return
        self._last = now
        rate = done / max(now - self._start, 1e-9)
        self._stream.write(f"safechat rescore: {done:,} rows decided, {rate:,.0f} rows/s\n")
        self._stream.flush()


def rescore(
    source: Path,
    out: Path,
    *,
    engine: str = "local",
    config: RescoreConfig | None = None,
    batch_size: int = 256,
    actors: int = 1,
    actor_cpus: float = 1.0,
    progress: TextIO | None = sys.stderr,
) -> RescoreSummary:
    """Re-score the chat history at ``source`` (JSONL, a Parquet file or a folder of them) into
    ``out`` (created).

    Args:
        engine: ``local`` (this process) or ``ray`` (Ray Data; joins the cluster that
            ``ray.init`` finds, e.g. ``RAY_ADDRESS``, else starts a local one).
        batch_size: messages per model run (and per Ray batch).
        actors: Ray actors that decide messages, each with its own moderator.
        actor_cpus: CPUs each Ray actor reserves (fractions allowed; leave one CPU free for
            reading, or the pool starves the read tasks).
        progress: where progress lines go (``None``: nowhere).

    Raises:
        RescoreError: unknown engine, unreadable input, pyarrow (or Ray) missing.
    """
    if engine not in ENGINES:
        raise RescoreError(f"unknown engine {engine!r}: use one of {list(ENGINES)}")
    if batch_size < 1 or actors < 1 or actor_cpus <= 0:
        raise RescoreError("batch size and actors must be at least 1, actor CPUs above 0")
    config = config or RescoreConfig()
    kind = input_format(source)
    require_pyarrow()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if engine == "local":
        counts = _local(source, kind, out, config, batch_size, _Progress(progress))
    else:
        from safechat.rescore.ray_engine import run_on_ray

        counts = run_on_ray(
            source, kind, out, config, batch_size=batch_size, actors=actors, actor_cpus=actor_cpus
        )
    messages, bad, senders = counts
    return RescoreSummary(messages, bad, senders, time.monotonic() - started)


def input_tables(source: Path, kind: str, batch_size: int) -> Iterator[Any]:
    """The input as pyarrow tables of at most ``batch_size`` rows, each with its row numbers."""
    pa = require_pyarrow()
    if kind == "jsonl":
        for records in jsonl_records(source, chunk_rows=batch_size):
            yield records_table(records)
    else:
        for records in parquet_records(source, chunk_rows=batch_size):
            yield pa.Table.from_pylist(records)


def _local(
    source: Path, kind: str, out: Path, config: RescoreConfig, batch_size: int, progress: _Progress
) -> tuple[int, int, int]:
    pa = require_pyarrow()
    decider = MessageDecider(config)
    decided: list[Any] = []
    done = 0
    for table in input_tables(source, kind, batch_size):
        decided.append(decider(table))
        done += table.num_rows
        progress(done)
    progress(done, force=True)
    del decider  # the model is not needed any more
    table = pa.concat_tables(decided) if decided else decided_schema().empty_table()
    bad = split_bad(table, good=False)
    messages = conversations_local(split_bad(table, good=True), config)
    (out / MESSAGES).mkdir(exist_ok=True)
    pa.parquet.write_table(messages, out / MESSAGES / "part-00000.parquet")
    senders = write_report(out, stage_rows(messages), config)
    pa.parquet.write_table(bad, out / BAD_ROWS)
    return messages.num_rows, bad.num_rows, senders


def split_bad(table: Any, *, good: bool) -> Any:
    """The decided rows without a problem (``good``), or the bad rows as :func:`bad_schema`."""
    pc = require_pyarrow().compute
    problem = table.column("problem")
    if good:
        return table.filter(pc.is_null(problem))
    bad = table.filter(pc.is_valid(problem))
    return bad.select([ROW, "message_id", "problem"]).rename_columns(bad_schema().names).cast(bad_schema())


def conversations_local(good: Any, config: RescoreConfig) -> Any:
    """The conversation pass over each (sender, recipient) pair of ``good``, in this process."""
    pa = require_pyarrow()
    pc = pa.compute
    conversation = ConversationPass(config)
    if good.num_rows == 0:
        return message_schema().empty_table()
    recipient = pc.fill_null(good.column("recipient"), "")
    keyed = good.append_column("_pair_recipient", recipient)
    order = pc.sort_indices(keyed, sort_keys=[("sender", "ascending"), ("_pair_recipient", "ascending")])
    keyed = keyed.take(order)
    senders = keyed.column("sender").to_pylist()
    recipients = keyed.column("_pair_recipient").to_pylist()
    parts: list[Any] = []
    start = 0
    for end in range(1, len(senders) + 1):
        if end == len(senders) or (senders[end], recipients[end]) != (senders[start], recipients[start]):
            parts.append(conversation(keyed.slice(start, end - start).drop_columns(["_pair_recipient"])))
            start = end
    return pa.concat_tables(parts)


def write_report(out: Path, stages: Any, config: RescoreConfig) -> int:
    """Write ``conversation_report.parquet`` from the rows that added a grooming stage; the
    number of senders listed."""
    pa = require_pyarrow()
    report = sender_report(stages.to_pylist(), min_children=config.min_children, min_stages=config.min_stages)
    pa.parquet.write_table(pa.Table.from_pylist(report, schema=report_schema()), out / REPORT)
    return len(report)
