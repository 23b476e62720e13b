from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

from safechat import LABELS

SAFECHAT = [sys.executable, "-m", "safechat.cli.main"]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*SAFECHAT, *args], input=stdin, capture_output=True, timeout=120, check=False)


def test_check_json_masks_the_snap_handle() -> None:
    result = run("check", "add me on snap: lily_2013", "--age-band", "under_13", "--json")
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["action"] in ("mask", "block", "escalate")
    spans = [r["span"] for r in decision["reasons"] if r["label"] == "pii" and "span" in r]
    assert [16, 25] in spans
    assert set(decision["scores"]) == {label.value for label in LABELS}


def test_check_shows_the_review_and_queues_nothing(tmp_path: Path) -> None:
    text = "i'm going to kill myself tonight"
    result = subprocess.run(
        [*SAFECHAT, "check", text, "--json"], capture_output=True, timeout=120, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["review"] == "urgent" and decision["support"] is True and decision["action"] == "allow"
    assert decision["recipient_prompt"]["role"] == "recipient"
    readable = subprocess.run(
        [*SAFECHAT, "check", text], capture_output=True, timeout=120, check=False, cwd=tmp_path
    )
    assert b"review: urgent" in readable.stdout
    assert b"coverage: trained" in readable.stdout
    assert list(tmp_path.iterdir()) == []  # the CLI shows reviews; it stores nothing


def test_check_says_when_no_model_could_read_the_text() -> None:
    text = "مرحبا، هل أنهيت واجب الرياضيات؟"  # Arabic: a script neither bundle reads
    result = run("check", text, "--age-band", "16_17", "--json")
    assert result.returncode == 0, result.stderr
    decision = json.loads(result.stdout)
    assert decision["coverage"] == "none" and decision["language"] is None
    assert decision["action"] == "allow" and set(decision["scores"].values()) == {None}
    assert [r["code"] for r in decision["reasons"]] == ["model.unread"]
    readable = run("check", text, "--age-band", "under_13")
    assert b"action: escalate" in readable.stdout and b"coverage: none" in readable.stdout


def test_check_readable_and_bad_band() -> None:
    result = run("check", "gg wp, see you tomorrow", "--age-band", "13_15")
    assert result.returncode == 0 and b"action: allow" in result.stdout
    bad = run("check", "hello", "--age-band", "toddler")
    assert bad.returncode == 2 and b"--age-band" in bad.stderr


def test_score_answers_the_contract_in_order() -> None:
    lines = [
        {"id": 1, "text": "gg wp, see you tomorrow"},
        {"id": "b", "text": "add me on snap: lily_2013", "age_band": "under_13"},
        {"id": 3, "text": "tu es nul", "locale": "fr", "age_band": "adult"},
        {"id": 4, "text": "i'm going to kill myself tonight"},
        {"id": 5, "text": "你好，你今天在学校怎么样", "age_band": "13_15"},
        {"id": 6, "text": "eres tan tonto, nadie quiere ser tu amigo"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines).encode()
    result = run("score", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == [1, "b", 3, 4, 5, 6]
    for record in out:
        assert set(record) == {"id", "scores", "labels", "action", "support", "review", "coverage"}
        assert set(record["scores"]) == {label.value for label in LABELS}
    assert [o["coverage"] for o in out] == ["trained"] * 4 + ["none", "zero_shot"]
    assert set(out[4]["scores"].values()) == {None} and out[4]["action"] == "escalate"
    assert out[0]["action"] == "allow" and out[0]["support"] is False and out[0]["review"] is None
    assert "pii" in out[1]["labels"]
    assert out[3]["action"] == "allow" and out[3]["support"] is True and out[3]["review"] == "urgent"


def test_score_reports_bad_lines_by_number_and_answers_the_rest() -> None:
    stdin = (
        b'{"id": 1, "text": "hello friend"}\n'
        b"this is not json\n"
        b'{"id": 3}\n'
        b'{"id": 4, "text": "caf\xff"}\n'
        b'{"id": 5, "text": "see you later"}\n'
    )
    result = run("score", stdin=stdin)
    assert result.returncode == 1
    ids = [json.loads(line)["id"] for line in result.stdout.decode().splitlines()]
    assert ids == [1, 5]
    errors = result.stderr.decode()
    for number in (2, 3, 4):
        assert f"line {number}:" in errors
    assert "this is not json" not in errors


def test_score_conversation_adds_risk_and_stages() -> None:
    lines = [
        {
            "id": f"m{i}",
            "conversation_id": "c",
            "sender": "a",
            "recipient": "k",
            "sender_age_band": "adult",
            "recipient_age_band": "under_13",
            "timestamp": 1_800_000_000 + i,
            "text": text,
        }
        for i, text in enumerate(["how old are you?", "are you home alone?", "don't tell your parents"])
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines).encode()
    result = run("score", "--conversation", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["m0", "m1", "m2"]
    assert out[-1]["stages"] == ["probing", "alone_check", "secrecy"]
    assert 0 < out[0]["conversation_risk"] < out[-1]["conversation_risk"] <= 1
    assert out[-1]["action"] == "escalate"
    missing = run("score", "--conversation", stdin=b'{"id": 1, "text": "hi"}\n')
    assert missing.returncode == 1 and b"line 1:" in missing.stderr


def test_score_answers_a_live_pipe_line_by_line_without_waiting_for_the_window() -> None:
    """A stream that sends one message and waits gets its answer before it sends the next: the
    read-ahead window is answered as soon as no more lines are waiting."""
    process = subprocess.Popen(
        [*SAFECHAT, "score"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for number in range(3):
            process.stdin.write(json.dumps({"id": number, "text": f"gg wp round {number}"}).encode() + b"\n")
            process.stdin.flush()
            answered, _, _ = select.select([process.stdout], [], [], 60)  # stdin stays open
            assert answered, "no answer while the stream waits for it"
            answer = json.loads(process.stdout.readline())
            assert answer["id"] == number and answer["action"] == "allow"
    finally:
        process.stdin.close()
        code = process.wait(timeout=120)
    assert code == 0


def test_score_keeps_input_order_across_a_window_sorted_by_length(tmp_path: Path) -> None:
    texts = [("hi " * (n % 7 + 1) + f"message {n}").strip() for n in range(300)]
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)), "utf-8")
    with source.open("rb") as stdin:
        result = subprocess.run(
            [*SAFECHAT, "score", "--batch-size", "128", "--progress"],
            stdin=stdin,
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == list(range(300))
    assert b"safechat score: 100.0% 300 lines" in result.stderr  # progress by bytes of the file
