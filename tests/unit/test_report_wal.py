"""The SQLite report store's switch to WAL, retried while another connection holds the database
(two sidecars starting together), with a fake connection and a recorded sleep: no timing (found
by mutation testing of ``safechat/reports/sqlite_store.py``, docs/mutation-testing.md)."""

from __future__ import annotations

import sqlite3

import pytest

from safechat.reports import sqlite_store


class _Rows:
    def __init__(self, value: str) -> None:
        self.value = value

    def fetchone(self) -> tuple[str]:
        return (self.value,)


class _Connection:
    """Fails the first ``failures`` statements with ``message``, then answers as SQLite would."""

    def __init__(self, failures: int, message: str = "database is locked", mode: str = "delete") -> None:
        self.failures = failures
        self.message = message
        self.mode = mode
        self.statements: list[str] = []

    def execute(self, sql: str) -> _Rows:
        self.statements.append(sql)
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError(self.message)
        if sql == "PRAGMA journal_mode=WAL":
            self.mode = "wal"
        return _Rows(self.mode)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("safechat.reports.sqlite_store.time.sleep", slept.append)
    return slept


@pytest.mark.parametrize("message", ["database is locked", "database table is locked", "database is busy"])
def test_a_locked_database_is_retried_with_growing_pauses(message: str, sleeps: list[float]) -> None:
    conn = _Connection(3, message)
    sqlite_store._use_wal(conn)  # type: ignore[arg-type]
    assert conn.mode == "wal"
    assert conn.statements[-2:] == ["PRAGMA journal_mode", "PRAGMA journal_mode=WAL"]
    assert sleeps == pytest.approx([0.01, 0.02, 0.03])


def test_a_database_locked_for_good_fails_after_the_last_try(sleeps: list[float]) -> None:
    conn = _Connection(10_000)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        sqlite_store._use_wal(conn)  # type: ignore[arg-type]
    assert len(conn.statements) == 50  # 50 tries
    assert len(sleeps) == 49  # no pause after the last
    assert sleeps[:3] == pytest.approx([0.01, 0.02, 0.03])
    assert max(sleeps) == pytest.approx(0.2) and sleeps[-1] == pytest.approx(0.2)  # capped
    few = _Connection(10_000)
    with pytest.raises(sqlite3.OperationalError):
        sqlite_store._use_wal(few, attempts=3)  # type: ignore[arg-type]
    assert len(few.statements) == 3


def test_another_error_is_not_retried(sleeps: list[float]) -> None:
    conn = _Connection(1, "disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        sqlite_store._use_wal(conn)  # type: ignore[arg-type]
    assert sleeps == [] and len(conn.statements) == 1


def test_a_database_already_in_wal_is_left_as_it_is(sleeps: list[float]) -> None:
    conn = _Connection(0, mode="WAL")  # SQLite may answer in either case
    sqlite_store._use_wal(conn)  # type: ignore[arg-type]
    assert conn.statements == ["PRAGMA journal_mode"] and sleeps == []
