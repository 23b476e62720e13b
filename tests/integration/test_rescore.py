"""``safechat rescore --engine local``: the real bundle, the conversation tracker, the report."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from safechat import Moderator
from safechat.conversation import ChatMessage, ConversationModerator
from safechat.rescore import RescoreConfig, rescore
from safechat.rescore.records import _timestamp
from tests.integration.rescore_data import good_rows, write_jsonl, write_parquet

pq = pytest.importorskip("pyarrow.parquet")  # the dev extra installs it

SAFECHAT = [sys.executable, "-m", "safechat.cli.main"]


def messages(out: Path) -> dict[str, dict[str, Any]]:
    rows = pq.read_table(out / "messages").to_pylist()
    by_id = {row["message_id"]: row for row in rows}
    assert len(by_id) == len(rows), "each message once"
    return by_id


def test_local_rescore_gives_the_trackers_decisions(tmp_path: Path, moderator: Moderator) -> None:
    source = tmp_path / "history.jsonl"
    write_jsonl(source, bad=False)
    summary = rescore(source, tmp_path / "out", engine="local", progress=None)
    rows = good_rows()
    assert (summary.messages, summary.bad_rows) == (len(rows), 0)
    out = messages(tmp_path / "out")
    assert set(out) == {row["message_id"] for row in rows}
    assert "text" not in pq.read_schema(next((tmp_path / "out" / "messages").glob("*.parquet"))).names
    texts = {row["text"] for row in rows}
    for row in out.values():
        assert not texts & {v for v in row.values() if isinstance(v, str)}

    # the library, message by message, each (sender, recipient) pair in time order
    pairs: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        pairs[(row["sender"], row.get("recipient"))].append(row)
    for pair in pairs.values():
        tracker = ConversationModerator(moderator)
        for row in sorted(
            pair, key=lambda r: (r["conversation_id"], _timestamp(r["timestamp"]), r["message_id"])
        ):
            expected = tracker.moderate(
                ChatMessage(
                    row["conversation_id"],
                    row["sender"],
                    row["text"],
                    message_id=row["message_id"],
                    recipient=row.get("recipient"),
                    sender_age_band=row.get("sender_age_band"),
                    recipient_age_band=row.get("recipient_age_band"),
                    timestamp=_timestamp(row["timestamp"]),
                )
            )
            got = out[row["message_id"]]
            where = row["message_id"]
            assert got["action"] == expected.decision.action.value, where
            assert got["labels"] == [label.value for label in expected.decision.labels], where
            assert got["review"] == (expected.decision.review.value if expected.decision.review else None), (
                where
            )
            assert got["stages"] == [stage.value for stage in expected.stages], where
            assert got["conversation_risk"] == pytest.approx(expected.conversation_risk), where
            assert expected.decision.scores is not None
            assert got["score_grooming"] == pytest.approx(expected.decision.scores["grooming"], abs=1e-3), (
                where
            )

    # the conversation took part: its reasons are there, with the stages as evidence
    assert any(code.startswith("conversation.grooming.") for code in out["k1-g4"]["reasons"])
    last = out["k1-g6"]
    assert len(last["stages"]) >= 4 and last["action"] == "escalate"

    report = pq.read_table(tmp_path / "out" / "conversation_report.parquet").to_pylist()
    assert [r["sender"] for r in report] == ["adult-9"]  # adult-5 rose towards one child only
    (adult,) = report
    assert adult["children"] == 3 and adult["recipients"] == ["k1", "k2", "k3"]
    assert adult["max_stages"] >= 4 and adult["max_risk"] > 0.6
    assert {"k1-g1", "k2-g1", "k3-g1"} <= set(adult["evidence"])
    assert "group-1" not in adult["evidence"]


def test_bad_rows_are_reported_with_their_line_and_never_their_text(tmp_path: Path) -> None:
    source = tmp_path / "history.jsonl"
    where = write_jsonl(source, bad=True)
    result = subprocess.run(
        [*SAFECHAT, "rescore", str(source), "--out", str(tmp_path / "out")],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # some rows could not be used
    assert b"7 rows could not be used" in result.stderr
    assert b"rows decided" in result.stderr  # progress
    bad = pq.read_table(tmp_path / "out" / "bad_rows.parquet").to_pylist()
    assert {row["row"]: row["problem"] for row in bad}.keys() == where.keys()
    for row in bad:
        assert where[row["row"]] in row["problem"], row
    assert {row["message_id"] for row in bad} == {None, "no-time", "no-text", "band", "long"}
    assert len(messages(tmp_path / "out")) == len(good_rows())  # the good rows all went through
    problems = " ".join(row["problem"] for row in bad)
    assert "no id here" not in problems and "aaaa" not in problems


def test_parquet_input_gives_the_same_decisions(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "history.jsonl", bad=False)
    write_parquet(tmp_path / "history.parquet")
    rescore(tmp_path / "history.jsonl", tmp_path / "a", progress=None)
    rescore(tmp_path / "history.parquet", tmp_path / "b", progress=None)
    assert messages(tmp_path / "a") == messages(tmp_path / "b")
    report = [pq.read_table(tmp_path / d / "conversation_report.parquet").to_pylist() for d in "ab"]
    assert report[0] == report[1] and report[0]


def test_the_report_thresholds_are_options(tmp_path: Path) -> None:
    source = tmp_path / "history.jsonl"
    write_jsonl(source, bad=False)
    rescore(source, tmp_path / "out", config=RescoreConfig(min_children=1), progress=None)
    report = pq.read_table(tmp_path / "out" / "conversation_report.parquet").to_pylist()
    assert [r["sender"] for r in report] == ["adult-9", "adult-5"]


def test_an_empty_history_writes_empty_tables(tmp_path: Path) -> None:
    source = tmp_path / "empty.jsonl"
    source.write_text("\n", "utf-8")
    summary = rescore(source, tmp_path / "out", progress=None)
    assert (summary.messages, summary.bad_rows, summary.senders) == (0, 0, 0)
    assert pq.read_table(tmp_path / "out" / "messages").num_rows == 0


def test_local_needs_no_ray_and_a_missing_pyarrow_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "history.jsonl"
    write_jsonl(source, bad=False)
    blocked = (
        "import sys; sys.modules.update({{name: None for name in {names}}}); "
        "from safechat.cli.main import main; raise SystemExit(main(sys.argv[1:]))"
    )
    args = ["rescore", str(source), "--out", str(tmp_path / "out")]
    without_ray = subprocess.run(
        [sys.executable, "-c", blocked.format(names=["ray"]), *args],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert without_ray.returncode == 0, without_ray.stderr
    without_arrow = subprocess.run(
        [sys.executable, "-c", blocked.format(names=["pyarrow", "pyarrow.parquet"]), *args],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert without_arrow.returncode == 2
    assert b"pip install 'safechat[rescore]'" in without_arrow.stderr
    on_ray = subprocess.run(
        [sys.executable, "-c", blocked.format(names=["ray"]), *args, "--engine", "ray"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert on_ray.returncode == 2 and b"pip install 'safechat[ray]'" in on_ray.stderr


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    source = tmp_path / "history.txt"
    source.write_text("x", "utf-8")
    result = subprocess.run(
        [*SAFECHAT, "rescore", str(source), "--out", str(tmp_path / "out")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and b"unknown input format" in result.stderr
    missing = subprocess.run(
        [*SAFECHAT, "rescore", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "out")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert missing.returncode == 2 and b"no such file" in missing.stderr


def test_timestamps_without_an_offset_are_utc() -> None:
    assert _timestamp("2027-01-15T10:00:00") == _timestamp("2027-01-15T10:00:00Z") == 1_800_007_200.0
    assert _timestamp("2027-01-15T11:00:00+01:00") == 1_800_007_200.0
    assert _timestamp(1_800_007_200) == 1_800_007_200.0
    for bad in ("yesterday", "", True, float("nan"), None, [1]):
        assert _timestamp(bad) is None
