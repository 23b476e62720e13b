"""``safechat reports``: the safety team's view of children's reports.

    safechat reports list [--since ISO] [--status S] [--label L] [--review R] [--store URL]
    safechat reports show ID [--json]
    safechat reports export --out FILE.jsonl [--since ISO] [--status S] [--label L] [--review R]
    safechat reports set-status ID STATUS --actor NAME [--note TEXT]
    safechat reports purge --older-than DAYS

The store comes from ``--store``, else ``SAFECHAT_REPORT_STORE``, else
``sqlite:///safechat-reports.db`` in the working directory. ``list`` prints ids, never text;
``show`` and ``export`` are for reviewers and include the reported text. Decisions the engine
queued for review are reports from ``safechat`` with a ``review`` (``routine`` or ``urgent``).
Exit codes: 0 success; 1 no report has that id; 2 usage or store error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

from safechat.errors import UnknownReportError
from safechat.reports.codec import change_to_dict, report_to_dict
from safechat.reports.store import DEFAULT_REPORT_STORE, REPORT_STORE_ENV, ReportStore, open_report_store
from safechat.reports.types import Report, ReportFilter, ReportReason, ReportStatus, iso, parse_iso, utc_now
from safechat.types import Label, Review

_STATUSES = [s.value for s in ReportStatus]
_REVIEWS = [r.value for r in Review]
_LABELS = list(dict.fromkeys([*(r.value for r in ReportReason), *(label.value for label in Label)]))


def register_reports(commands: Any) -> None:
    """Add ``reports`` and its subcommands to the ``safechat`` sub-parsers ``commands``."""
    reports = commands.add_parser(
        "reports",
        help="list, show, export and triage children's reports",
        description=f"The store is --store, else ${REPORT_STORE_ENV}, else {DEFAULT_REPORT_STORE}.",
    )
    actions = reports.add_subparsers(dest="reports_command", required=True)

    listing = actions.add_parser("list", help="one report per line with its ids (never text)")
    _filters(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="one report with its evidence and audit trail")
    show.add_argument("report_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")
    _store(show)
    show.set_defaults(handler=_show)

    export = actions.add_parser("export", help="reports with evidence and audit trail as JSONL")
    export.add_argument("--out", required=True, metavar="FILE.jsonl", help="written with mode 0600")
    _filters(export)
    export.set_defaults(handler=_export)

    status = actions.add_parser("set-status", help="move a report on; the change is audited")
    status.add_argument("report_id", metavar="ID")
    status.add_argument("status", choices=_STATUSES)
    status.add_argument("--actor", required=True, metavar="NAME", help="who is making the change")
    status.add_argument("--note", default=None, metavar="TEXT", help="why (kept in the audit trail)")
    _store(status)
    status.set_defaults(handler=_set_status)

    purge = actions.add_parser(
        "purge",
        help="retention: delete closed reports (actioned, dismissed) last changed more than DAYS ago",
    )
    purge.add_argument("--older-than", required=True, type=float, metavar="DAYS")
    _store(purge)
    purge.set_defaults(handler=_purge)


def _store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        default=None,
        help=f"sqlite:///path or postgresql://...; default ${REPORT_STORE_ENV} or {DEFAULT_REPORT_STORE}",
    )


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="ISO", default=None, help="created at or after (UTC if no zone)")
    parser.add_argument("--status", choices=_STATUSES, default=None)
    parser.add_argument(
        "--label",
        metavar="L",
        choices=_LABELS,
        default=None,
        help="the report's reason or a label of its evidence: " + ", ".join(_LABELS),
    )
    parser.add_argument(
        "--review",
        choices=_REVIEWS,
        default=None,
        help="only decisions the engine queued for review with this priority",
    )
    _store(parser)


def _open(args: argparse.Namespace) -> ReportStore:
    url: str = args.store or os.environ.get(REPORT_STORE_ENV) or DEFAULT_REPORT_STORE
    return open_report_store(url)


def _filter(args: argparse.Namespace) -> ReportFilter | None:
    since = None
    if args.since is not None:
        try:
            since = parse_iso(args.since)
        except ValueError:
            print(
                f"safechat reports: --since {args.since!r} is not an ISO 8601 date or time", file=sys.stderr
            )
            return None
    status = ReportStatus(args.status) if args.status else None
    review = Review(args.review) if args.review else None
    return ReportFilter(since=since, status=status, label=args.label, review=review)


def _line(report: Report) -> str:
    evidence = report.evidence
    fields = [
        report.report_id,
        report.created_at,
        report.status.value,
        report.reason.value,
        f"reporter={report.reporter_id}",
        f"reported={report.reported_id}",
        f"conversation={report.conversation_id or '-'}",
        f"message={report.message_id or '-'}",
        f"action={evidence.action.value if evidence.action else '-'}",
        f"labels={','.join(label.value for label in evidence.labels) or '-'}",
        f"review={report.review.value if report.review is not None else '-'}",
    ]
    return "\t".join(fields)


def _list(args: argparse.Namespace) -> int:
    where = _filter(args)
    if where is None:
        return 2
    store = _open(args)
    try:
        for report in store.list(where):
            print(_line(report))
    finally:
        store.close()
    return 0


def _full(store: ReportStore, report: Report) -> dict[str, Any]:
    data = report_to_dict(report)
    data["history"] = [change_to_dict(c) for c in store.history(report.report_id)]
    return data


def _show(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        report = store.get(args.report_id)
        if report is None:
            print(f"safechat reports: no report has id {args.report_id!r}", file=sys.stderr)
            return 1
        data = _full(store, report)
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(_readable(data))
    return 0


def _readable(data: dict[str, Any]) -> str:
    evidence = data["evidence"]
    lines = [f"report {data['report_id']}"]
    for key in ("status", "reason", "created_at", "updated_at", "reporter_id", "reported_id",
                "conversation_id", "message_id", "age_band", "locale", "idempotency_key",
                "model_version", "policy_version", "review"):  # fmt: skip
        lines.append(f"  {key}: {data[key] if data[key] is not None else '-'}")
    lines.append(f"  details: {data['details'] if data['details'] is not None else '-'}")
    lines.append("evidence")
    lines.append(f"  text: {evidence['text'] if evidence['text'] is not None else '-'}")
    for index, text in enumerate(evidence["context"]):
        lines.append(f"  context[{index}]: {text}")
    lines.append(f"  action: {evidence['action'] or '-'}  fail_closed: {evidence['fail_closed']}")
    lines.append(f"  labels: {', '.join(evidence['labels']) or '-'}")
    lines.append(f"  reason codes: {', '.join(evidence['reason_codes']) or '-'}")
    if evidence["scores"] is not None:
        scores = ", ".join(f"{k}={v:.3f}" for k, v in evidence["scores"].items())
        lines.append(f"  scores: {scores}")
    lines.append("history")
    if not data["history"]:
        lines.append("  (no status changes)")
    for change in data["history"]:
        note = f"  note: {change['note']}" if change["note"] else ""
        lines.append(f"  {change['at']}  {change['actor']}: {change['from']} -> {change['to']}{note}")
    return "\n".join(lines)


def _export(args: argparse.Namespace) -> int:
    where = _filter(args)
    if where is None:
        return 2
    store = _open(args)
    count = 0
    try:
        descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            for report in store.list(where):
                out.write(json.dumps(_full(store, report), ensure_ascii=False) + "\n")
                count += 1
    finally:
        store.close()
    print(f"wrote {count} reports to {args.out}", file=sys.stderr)
    return 0


def _set_status(args: argparse.Namespace) -> int:
    if not args.actor.strip():
        print("safechat reports: --actor must name who is making the change", file=sys.stderr)
        return 2
    store = _open(args)
    try:
        change = store.set_status(
            args.report_id, ReportStatus(args.status), actor=args.actor, note=args.note, at=utc_now()
        )
    except UnknownReportError:
        print(f"safechat reports: no report has id {args.report_id!r}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{change.report_id}\t{change.old_status.value} -> {change.new_status.value}\t{change.at}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    if args.older_than < 0:
        print("safechat reports: --older-than must be at least 0 days", file=sys.stderr)
        return 2
    cutoff = iso(datetime.now(timezone.utc) - timedelta(days=args.older_than))
    store = _open(args)
    try:
        deleted = store.purge(closed_before=cutoff)
    finally:
        store.close()
    print(f"purged {deleted} closed reports last changed before {cutoff}")
    return 0


__all__ = ["register_reports"]
