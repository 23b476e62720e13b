"""Issue 26: ``Moderator.start_batch`` and the pipelined ``safechat score`` give the decisions
of the straightforward path, ``moderate_batch`` one window at a time."""

from __future__ import annotations

import io
import json

from safechat import Message
from safechat.cli.score import run_score
from safechat.engine import BACKGROUND_RUN
from tests.conftest import load_jsonl
from tests.unit.fixtures import fake_moderator

_RULES = {"dumb": {"bullying": 0.95}, "kill": {"threat": 0.9}, "pic": {"sexual": 0.7}}
_BANDS = [None, "under_13", "13_15", "16_17", "adult"]
_LOCALES = [None, "en", "fr-FR", "de-DE", "en-US", "pl"]


def _messages() -> list[Message]:
    """Every rule's test case, the neutral ones and phone numbers, in every band, with and
    without a locale (a locale's region picks the phone formats)."""
    texts = [str(case["text"]) for case in load_jsonl("rule_cases.jsonl")]
    texts += ["call me on 06 12 34 56 78", "my number is 0151 23456789", "you are dumb", "gg", "gg"]
    return [
        Message(text, _BANDS[i % len(_BANDS)], _LOCALES[(i // 5) % len(_LOCALES)])
        for i, text in enumerate(texts)
    ]


def test_start_batch_gives_the_decisions_of_moderate_batch() -> None:
    messages = _messages()
    expected = fake_moderator(_RULES)[0].moderate_batch(messages)
    moderator, scorer = fake_moderator(_RULES)
    assert moderator.start_batch(messages).result() == expected
    assert len(scorer.calls) == 1


def test_a_batch_longer_than_a_run_is_scored_in_runs() -> None:
    messages = [Message(f"{m.text} {n}", m.age_band, m.locale) for n in range(4) for m in _messages()]
    assert len(messages) > BACKGROUND_RUN
    expected = fake_moderator(_RULES)[0].moderate_batch(messages)
    moderator, scorer = fake_moderator(_RULES)
    assert moderator.start_batch(messages).result() == expected
    assert len(scorer.calls) == -(-len(messages) // BACKGROUND_RUN)


def test_batches_in_flight_together_keep_their_order() -> None:
    messages = _messages()
    expected = fake_moderator(_RULES)[0].moderate_batch(messages)
    moderator, _ = fake_moderator(_RULES)
    pending = [moderator.start_batch(messages[first : first + 9]) for first in range(0, len(messages), 9)]
    assert [d for batch in pending for d in batch.result()] == expected
    assert pending[0].result() is pending[0].result()  # decided once


def test_start_batch_of_nothing() -> None:
    assert fake_moderator()[0].start_batch([]).result() == []


def _lines(messages: list[Message]) -> list[str]:
    lines = []
    for number, message in enumerate(messages):
        record: dict[str, object] = {"id": number, "text": message.text}
        if message.age_band is not None:
            record["age_band"] = message.age_band
        if message.locale is not None:
            record["locale"] = message.locale
        lines.append(json.dumps(record))
    return lines


def _score(lines: list[str], batch_size: int) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_score(fake_moderator(_RULES)[0], lines, out, err, batch_size=batch_size)
    return code, out.getvalue(), err.getvalue()


def test_score_in_overlapping_windows_writes_what_one_window_writes() -> None:
    lines = _lines(_messages())
    whole = _score(lines, len(lines))
    assert whole[0] == 0 and len(whole[1].splitlines()) == len(lines)
    for window in (1, 2, 7, 64):
        assert _score(lines, window) == whole


def test_score_answers_around_a_refused_line_in_order() -> None:
    """A window with a line the moderator refuses is answered line by line, after the window in
    flight before it and before the next."""
    lines = _lines(_messages())[:30]
    lines[12] = json.dumps({"id": 12, "text": "x" * 200_000})  # over the length limit
    code, out, err = _score(lines, 5)
    assert code == 1 and "line 13" in err and "xxx" not in err
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == [n for n in range(30) if n != 12]
    good = lines[:12] + lines[13:]
    assert out == _score(good, len(good))[1]
