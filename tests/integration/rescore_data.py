"""Chat history for the ``safechat rescore`` tests: an adult grooming three children, another
adult grooming one, children chatting, and rows that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

T0 = 1_800_000_000
GROOMING = [
    "hey, nice build in minecraft",
    "you're so mature for your age",
    "how old are you btw",
    "do your parents check your phone?",
    "it's our little secret ok",
    "add me on snap",
    "send me a pic",
]
KIDS = ["wanna play fortnite later", "yes after dinner", "you are so dumb lol", "gg wp", "see you at school"]


def good_rows() -> list[dict[str, Any]]:
    """Rows every engine must decide; timestamps out of order within conversations."""
    rows: list[dict[str, Any]] = []
    for kid in ("k1", "k2", "k3"):
        for i, text in reversed(list(enumerate(GROOMING))):
            rows.append(
                {
                    "message_id": f"{kid}-g{i}",
                    "conversation_id": f"c-{kid}",
                    "sender": "adult-9",
                    "recipient": kid,
                    "sender_age_band": "adult",
                    "recipient_age_band": "under_13",
                    "timestamp": T0 + 60 * i,
                    "text": text,
                }
            )
    for i, text in enumerate(GROOMING[:4]):  # another adult, one child only: not in the report
        rows.append(
            {
                "message_id": f"solo-{i}",
                "conversation_id": "c-solo",
                "sender": "adult-5",
                "recipient": "k7",
                "sender_age_band": None,
                "recipient_age_band": "13_15",
                "timestamp": f"2027-01-15T10:0{i}:00Z",
                "text": text,
            }
        )
    for i in range(15):
        rows.append(
            {
                "message_id": f"kid-{i}",
                "conversation_id": "c-kids",
                "sender": "kid-a" if i % 2 else "kid-b",
                "recipient": "kid-b" if i % 2 else "kid-a",
                "sender_age_band": "13_15",
                "recipient_age_band": "13_15",
                "timestamp": T0 + 10 * i,
                "text": KIDS[i % len(KIDS)],
            }
        )
    rows.append(
        {
            "message_id": "group-1",
            "conversation_id": "c-group",
            "sender": "adult-9",
            "text": "hello everyone",
            "timestamp": T0,
        }
    )
    return rows


BAD_LINES = {
    # line content -> the problem's start
    "{not json": "the line is not valid JSON",
    "[1, 2]": "the line is not a JSON object",
    json.dumps({"message_id": "no-time", "conversation_id": "c", "sender": "x", "text": "hi"}): "timestamp",
    json.dumps({"message_id": "no-text", "conversation_id": "c", "sender": "x", "timestamp": T0}): "text",
    json.dumps(
        {
            "message_id": "band",
            "conversation_id": "c",
            "sender": "x",
            "text": "hi",
            "timestamp": T0,
            "recipient_age_band": "kid",
        }
    ): "recipient_age_band",
    json.dumps(
        {"message_id": "long", "conversation_id": "c", "sender": "x", "text": "a" * 200_000, "timestamp": T0}
    ): "text is longer",
    json.dumps({"conversation_id": "c", "sender": "x", "text": "no id here", "timestamp": T0}): "message_id",
}


def write_jsonl(path: Path, *, bad: bool) -> dict[int, str]:
    """Write the history (the good rows, and with ``bad`` the bad lines among them, and a
    blank line); returns the bad lines' numbers (from 1) and the start of their problem."""
    lines = [json.dumps(row) for row in good_rows()]
    where: dict[int, str] = {}
    if bad:
        lines.insert(3, "")
        for offset, line in enumerate(BAD_LINES):
            index = 7 + 5 * offset
            lines.insert(index, line)
        for number, line in enumerate(lines, start=1):
            if line in BAD_LINES:
                where[number] = BAD_LINES[line]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return where


def write_parquet(path: Path) -> None:
    """The good rows as Parquet, timestamps as seconds."""
    from datetime import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for row in good_rows():
        row = dict(row)
        if isinstance(row["timestamp"], str):
            row["timestamp"] = datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00")).timestamp()
        row["timestamp"] = float(row["timestamp"])
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows), path)
