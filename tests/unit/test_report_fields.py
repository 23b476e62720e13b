"""Every field of a child's report is checked by name, with its problem and its limit, each limit
at its bound (tests/data/report_fields.jsonl; found by mutation testing of
``safechat/reports/service.py``, docs/mutation-testing.md). The problem never repeats the text."""

from __future__ import annotations

from typing import Any

import pytest

from safechat.reports.service import InvalidReportField, ReportFields, validate
from safechat.reports.types import ReportReason
from safechat.types import AgeBand
from tests.conftest import load_jsonl

CASES = load_jsonl("report_fields.jsonl")
MAX_TEXT_CHARS = 40
BASE: dict[str, Any] = {"reporter_id": "u-1", "reported_id": "u-2", "reason": "bullying"}


def _value(raw: Any) -> Any:
    """``{"repeat": "x", "times": 257}`` is "x" * 257 (long values stay short in the data file)."""
    if isinstance(raw, dict) and set(raw) == {"repeat", "times"}:
        return raw["repeat"] * raw["times"]
    if isinstance(raw, list):
        return [_value(item) for item in raw]
    return raw


def _validate(change: dict[str, Any]) -> ReportFields:
    fields = {**BASE, **{name: _value(raw) for name, raw in change.items()}}
    return validate(**fields, max_text_chars=MAX_TEXT_CHARS)


@pytest.mark.parametrize("case", [c for c in CASES if "problem" in c], ids=lambda c: c["name"])
def test_a_bad_field_is_named_with_its_problem(case: dict[str, Any]) -> None:
    with pytest.raises(InvalidReportField) as err:
        _validate(case["change"])
    assert (err.value.field, err.value.problem) == (case["field"], case["problem"])
    assert str(err.value) == f"{case['field']} {case['problem']}"


@pytest.mark.parametrize("case", [c for c in CASES if "expect" in c], ids=lambda c: c["name"])
def test_a_good_field_is_taken_as_given_or_normalised(case: dict[str, Any]) -> None:
    fields = _validate(case["change"])
    for name, raw in case["expect"].items():
        got = getattr(fields, name)
        expected = _value(raw)
        if name == "context":
            expected = tuple(expected)
        elif name == "reason":
            expected = ReportReason(expected)
        elif name == "age_band":
            expected = AgeBand(expected)
        assert got == expected, name


def test_the_plain_report_takes_the_defaults() -> None:
    assert _validate({}) == ReportFields(
        reporter_id="u-1",
        reported_id="u-2",
        reason=ReportReason.BULLYING,
        details=None,
        conversation_id=None,
        message_id=None,
        text=None,
        context=(),
        age_band=AgeBand.UNDER_13,
        locale="en",
        country=None,
        idempotency_key=None,
    )


def test_a_problem_never_repeats_the_text() -> None:
    secret = "my address is 12 hidden lane " * 3
    for change in (
        {"text": secret},
        {"details": secret * 40},
        {"context": [secret]},
        {"reporter_id": secret * 10},
    ):
        with pytest.raises(InvalidReportField) as err:
            _validate(change)
        assert "hidden lane" not in str(err.value)
