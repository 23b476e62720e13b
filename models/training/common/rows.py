"""The label set, the row every loader returns, and the one place text becomes model text.

``Row.labels`` holds ONLY the labels its data set speaks for; a label that is absent is *unknown*
and is masked out of the loss and out of evaluation. ``group`` is the unit that must never be
split across train and evaluation (an offender for grooming, a hand-written template, else the row).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

LABELS: tuple[str, ...] = (
    "bullying",
    "hate",
    "threat",
    "sexual",
    "grooming",
    "self_harm",
    "pii",
    "profanity",
)

# whole data sets that are never trained on (validation / calibration / threshold choice)
VAL_SOURCES: tuple[str, ...] = ("askfm", "convabuse", "hatexplain", "olid", "suicidal_tweets")


@dataclass(frozen=True)
class Row:
    text: str
    source: str
    labels: dict[str, int]
    group: str = ""
    meta: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- normalisation switch
NORMALIZE = True


def model_text(text: str) -> str:
    """The text the model sees: ``safechat.normalize(text).text`` (the runtime path)."""
    if not NORMALIZE:
        return " ".join(text.split())
    from safechat.normalize import normalize

    return normalize(text).text


def dedup_key(text: str) -> str:
    """The case-folded, space-collapsed model text: two rows with one key are one message."""
    return " ".join(model_text(text).casefold().split())


def read_rows(path: Path) -> list[Row]:
    """Rows cached as JSON lines by the data stage (normalised, deduplicated, capped, rule negatives)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            out.append(
                Row(
                    d["text"],
                    d["source"],
                    {k: int(v) for k, v in d["labels"].items()},
                    d.get("group") or f"row{i}",
                )
            )
    return out
