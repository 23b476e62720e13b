"""``safechat rescore INPUT --engine local|ray --out DIR``: re-score chat history."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from safechat.rescore import ENGINES, RescoreConfig, rescore


def register_rescore(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the ``rescore`` command."""
    parser = commands.add_parser(
        "rescore",
        help="re-score chat history (JSONL or Parquet) into Parquet: decisions, conversations, report",
        description="Each row: message_id, conversation_id, sender, text, timestamp (seconds or ISO 8601), "
        "and optionally recipient, sender_age_band, recipient_age_band, locale, country. "
        "Writes DIR/messages/*.parquet, DIR/conversation_report.parquet and DIR/bad_rows.parquet. "
        "Exit 1 when some rows could not be used (see bad_rows.parquet). --threads is onnxruntime "
        "threads per worker (default and 0: 1). See docs/rescore.md.",
    )
    parser.add_argument("input", metavar="INPUT", help="a .jsonl file, a .parquet file or a folder of them")
    parser.add_argument("--out", metavar="DIR", required=True, help="output folder (created)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="local (default) or ray")
    parser.add_argument("--batch-size", type=int, default=256, help="messages per model run (default 256)")
    parser.add_argument(
        "--actors", type=int, default=1, help="ray: actors deciding messages, one moderator each (default 1)"
    )
    parser.add_argument(
        "--actor-cpus",
        type=float,
        default=1.0,
        help="ray: CPUs each actor reserves (default 1; leave one CPU free for reading)",
    )
    parser.add_argument(
        "--min-children",
        type=int,
        default=2,
        help="report senders with rising stages towards this many children",
    )
    parser.add_argument(
        "--min-stages", type=int, default=2, help="distinct grooming stages that count as a rise (default 2)"
    )
    common(parser)
    parser.set_defaults(handler=_rescore)


def _rescore(args: argparse.Namespace) -> int:
    if args.min_children < 1 or args.min_stages < 1:
        print("safechat rescore: --min-children and --min-stages must be at least 1", file=sys.stderr)
        return 2
    config = RescoreConfig(
        bundle=args.bundle,
        policy=args.policy,
        threads=args.threads if args.threads > 0 else 1,
        min_children=args.min_children,
        min_stages=args.min_stages,
    )
    summary = rescore(
        Path(args.input),
        Path(args.out),
        engine=args.engine,
        config=config,
        batch_size=args.batch_size,
        actors=args.actors,
        actor_cpus=args.actor_cpus,
    )
    print(
        f"safechat rescore: {summary.messages:,} messages, {summary.bad_rows:,} bad rows, "
        f"{summary.senders:,} senders in the report, {summary.seconds:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    if summary.bad_rows:
        print(
            f"safechat rescore: {summary.bad_rows:,} rows could not be used: see bad_rows.parquet",
            file=sys.stderr,
        )
        return 1
    return 0
