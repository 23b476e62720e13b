"""Evaluate conversation-level grooming detection, split by offender.

    python -m models.training.evaluate.eval_conversation --data ../shared/data \
        --heldout ../artifacts/ft/val_rows.jsonl --out docs/conversation-evaluation.md

Positives: the lines of offenders the shipped model never trained on (``--heldout``: the
validation rows of the training run; their ``pj:<name>`` groups name the offenders), in file
order, as one sender writing to one child. The PJ files hold one speaker each, so turn order with
the decoy is lost and timestamps are made up (one message a minute). Negatives: real game-chat
conversations from the CONDA test split (Dota 2 matches, never used in training), every player a
sender of unknown age writing to the whole match, read as if a child were in it.

For each reader band it reports the share of offender conversations escalated for grooming, the
number of messages it took, and the share of benign conversations escalated for grooming.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from safechat import Action, Label, Moderator, Reason
from safechat.conversation import ChatMessage, ConversationModerator

T0 = 1_800_000_000.0


def heldout_offenders(path: Path) -> list[str]:
    names = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("source") == "pj_offender" and str(row.get("group", "")).startswith("pj:"):
                names.add(row["group"][3:])
    return sorted(names)


def offender_conversation(data: Path, name: str, limit: int) -> list[str]:
    path = data / "grooming/pj_koutli2023/raw/predators" / f"predator_{name}.txt"
    lines = [line.strip() for line in path.read_text("utf-8", errors="replace").splitlines() if line.strip()]
    return lines[:limit]


def benign_conversations(data: Path, limit: int) -> list[list[tuple[str, str]]]:
    matches: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    with (data / "bullying/conda_dota2_weld2021/CONDA_test.csv").open(
        encoding="utf-8", errors="replace"
    ) as handle:
        for row in csv.DictReader(handle):
            text = (row.get("utterance") or "").strip()
            if text:
                matches[row["matchId"]].append(
                    (float(row.get("chatTime") or 0), row.get("playerSlot") or "?", text)
                )
    out = []
    for key in sorted(matches, key=lambda k: int(k) if k.isdigit() else 0):
        lines = sorted(matches[key], key=lambda item: item[0])
        if len(lines) >= 10:
            out.append([(sender, text) for _, sender, text in lines[:limit]])
    return out


def _grooming_escalation(decision_reasons: tuple[Reason, ...], action: Action) -> bool:
    return action is Action.ESCALATE and any(r.label is Label.GROOMING for r in decision_reasons)


def run_offenders(
    moderator: Moderator, data: Path, names: list[str], band: str, limit: int
) -> dict[str, object]:
    tracker = ConversationModerator(moderator)
    took: list[int] = []
    per_message_only: list[int] = []
    escalated = 0
    for name in tqdm(names, desc=f"offenders ({band})", mininterval=5):
        lines = offender_conversation(data, name, limit)
        messages = [
            ChatMessage(
                f"pj-{name}",
                name,
                text,
                message_id=str(i),
                recipient="child",
                sender_age_band=None,
                recipient_age_band=band,
                timestamp=T0 + 60 * i,
            )
            for i, text in enumerate(lines)
        ]
        results = tracker.moderate_many(messages)
        first = next(
            (i for i, r in enumerate(results) if _grooming_escalation(r.decision.reasons, r.decision.action)),
            None,
        )
        if first is not None:
            escalated += 1
            took.append(first + 1)
        alone = next(
            (
                i
                for i, r in enumerate(results)
                if any(
                    x.source.value != "conversation"
                    and x.label is Label.GROOMING
                    and x.action is Action.ESCALATE
                    for x in r.decision.reasons
                )
            ),
            None,
        )
        if alone is not None:
            per_message_only.append(alone + 1)
    return {
        "conversations": len(names),
        "escalated": escalated,
        "share": escalated / max(1, len(names)),
        "messages_median": statistics.median(took) if took else None,
        "messages_p25": statistics.quantiles(took, n=4)[0] if len(took) >= 2 else None,
        "messages_p75": statistics.quantiles(took, n=4)[2] if len(took) >= 2 else None,
        "message_level_only": len(per_message_only),
        "message_level_median": statistics.median(per_message_only) if per_message_only else None,
    }


def run_benign(
    moderator: Moderator, conversations: list[list[tuple[str, str]]], band: str
) -> dict[str, object]:
    tracker = ConversationModerator(moderator)
    flagged = 0
    messages = 0
    escalated_messages = 0
    for index, conversation in enumerate(tqdm(conversations, desc=f"benign ({band})", mininterval=5)):
        batch = [
            ChatMessage(
                f"conda-{index}",
                f"slot-{sender}",
                text,
                message_id=str(i),
                recipient=None,
                sender_age_band=None,
                recipient_age_band=band,
                timestamp=T0 + 20 * i,
            )
            for i, (sender, text) in enumerate(conversation)
        ]
        results = tracker.moderate_many(batch)
        messages += len(results)
        hits = [r for r in results if _grooming_escalation(r.decision.reasons, r.decision.action)]
        escalated_messages += len(hits)
        flagged += bool(hits)
    return {
        "conversations": len(conversations),
        "messages": messages,
        "falsely_escalated": flagged,
        "share": flagged / max(1, len(conversations)),
        "messages_escalated": escalated_messages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument(
        "--heldout", type=Path, required=True, help="validation rows (jsonl) naming held-out offenders"
    )
    parser.add_argument("--out", type=Path, required=True, help="markdown file to write")
    parser.add_argument("--limit", type=int, default=150, help="messages per conversation (default 150)")
    parser.add_argument("--benign", type=int, default=150, help="benign conversations (default 150)")
    parser.add_argument("--bands", default="under_13,13_15")
    args = parser.parse_args()
    moderator = Moderator.load(queue_reviews=False)  # an evaluation queues nothing for review
    names = heldout_offenders(args.heldout)
    benign = benign_conversations(args.data, args.limit)[: args.benign]
    started = time.time()
    rows = []
    for band in args.bands.split(","):
        rows.append(
            (
                band,
                run_offenders(moderator, args.data, names, band, args.limit),
                run_benign(moderator, benign, band),
            )
        )
    elapsed = time.time() - started
    lines = [
        "# Conversation-level grooming detection: evaluation",
        "",
        f"Model `{moderator.model_version}`, policy `{moderator.policy_version}`; measured on "
        f"{time.strftime('%Y-%m-%d')} in {elapsed / 60:.1f} min on 2 CPU cores with",
        "",
        "```",
        "python -m models.training.evaluate.eval_conversation --data ../shared/data \\",
        f"    --heldout {args.heldout} --out {args.out} --limit {args.limit} --benign {args.benign}",
        "```",
        "",
        f"- **Offender conversations**: the first {args.limit} lines of each of {len(names)} offenders from",
        "  grooming/pj_koutli2023 that the model never trained on (split by offender), as one sender of",
        "  unknown age writing to one child, a message a minute. The files hold one speaker each, so",
        "  the decoy's turns are missing.",
        f"- **Benign conversations**: {len(benign)} Dota 2 matches from the CONDA test split (never",
        "  trained on), every player a sender of unknown age writing to the match, read as if a child",
        "  of the band were in it. Game chat is rough: only escalations *for grooming* count here.",
        "",
        "| reader band | offender conversations escalated | messages until escalation (median, IQR) | "
        "by message-level reasons alone (median messages) | benign conversations falsely escalated | "
        "benign messages escalated |",
        "|---|---|---|---|---|---|",
    ]
    for band, offenders, clean in rows:
        median = offenders["messages_median"]
        iqr = (
            f"{offenders['messages_p25']:.0f}-{offenders['messages_p75']:.0f}"
            if offenders["messages_p25"] is not None
            else "n/a"
        )
        level_median = offenders["message_level_median"]
        lines.append(
            f"| {band} | {offenders['escalated']}/{offenders['conversations']} ({offenders['share']:.0%}) | "
            f"{median if median is not None else 'n/a'} ({iqr}) | "
            f"{offenders['message_level_only']}/{offenders['conversations']} "
            f"({level_median if level_median is not None else 'n/a'}) | "
            f"{clean['falsely_escalated']}/{clean['conversations']} ({clean['share']:.1%}) | "
            f"{clean['messages_escalated']}/{clean['messages']} |"
        )
    lines += [
        "",
        "Limits: offender lines come from adults talking to adult decoys, not to real children; the",
        "turn order is lost; the benign set is adult gamers, not children. The numbers show the order",
        "of magnitude, not the rate a platform will see.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
