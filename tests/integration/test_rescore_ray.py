"""``safechat rescore --engine ray`` on a local Ray cluster (``ray.init(num_cpus=2)``): the same
decisions, report and bad rows as ``--engine local``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from safechat.rescore import rescore
from tests.integration.rescore_data import write_jsonl, write_parquet

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    """A local Ray cluster of two CPUs for this module (``pip install 'safechat[ray]'``)."""
    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'safechat[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def _tables(out: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    messages = sorted(pq.read_table(out / "messages").to_pylist(), key=lambda r: r["message_id"])
    report = pq.read_table(out / "conversation_report.parquet").to_pylist()
    bad = sorted(pq.read_table(out / "bad_rows.parquet").to_pylist(), key=lambda r: r["row"])
    return messages, report, bad


def test_ray_gives_the_same_decisions_as_local(ray_cluster: Any, tmp_path: Path) -> None:
    source = tmp_path / "history.jsonl"
    where = write_jsonl(source, bad=True)
    on_ray = rescore(source, tmp_path / "ray", engine="ray", actor_cpus=0.5, batch_size=16, progress=None)
    local = rescore(source, tmp_path / "local", engine="local", batch_size=16, progress=None)
    assert (on_ray.messages, on_ray.bad_rows, on_ray.senders) == (
        local.messages,
        local.bad_rows,
        local.senders,
    )
    assert on_ray.bad_rows == len(where) and on_ray.senders == 1
    ray_tables, local_tables = _tables(tmp_path / "ray"), _tables(tmp_path / "local")
    assert len(ray_tables[0]) == local.messages
    for got, expected in zip(ray_tables[0], local_tables[0], strict=True):
        assert got["message_id"] == expected["message_id"]
        for key in ("action", "labels", "review", "stages", "reasons", "fail_closed", "message_action"):
            assert got[key] == expected[key], (got["message_id"], key)
        assert got["conversation_risk"] == pytest.approx(expected["conversation_risk"])
        assert got["score_bullying"] == pytest.approx(expected["score_bullying"], abs=1e-3)
    assert ray_tables[1] == local_tables[1]
    assert ray_tables[2] == local_tables[2]


def test_ray_reads_parquet(ray_cluster: Any, tmp_path: Path) -> None:
    write_parquet(tmp_path / "history.parquet")
    on_ray = rescore(
        tmp_path / "history.parquet", tmp_path / "ray", engine="ray", actor_cpus=0.5, progress=None
    )
    local = rescore(tmp_path / "history.parquet", tmp_path / "local", engine="local", progress=None)
    assert on_ray.bad_rows == 0 and on_ray.messages == local.messages
    ray_tables, local_tables = _tables(tmp_path / "ray"), _tables(tmp_path / "local")
    assert [(r["message_id"], r["action"], r["stages"]) for r in ray_tables[0]] == [
        (r["message_id"], r["action"], r["stages"]) for r in local_tables[0]
    ]
    assert ray_tables[1] == local_tables[1] and ray_tables[1]


def test_ray_takes_an_empty_history(ray_cluster: Any, tmp_path: Path) -> None:
    source = tmp_path / "empty.jsonl"
    source.write_text("\n", "utf-8")
    summary = rescore(source, tmp_path / "ray", engine="ray", actor_cpus=0.5, progress=None)
    assert (summary.messages, summary.bad_rows, summary.senders) == (0, 0, 0)


def test_bad_parquet_rows_on_ray_are_reported_by_id(ray_cluster: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {"message_id": "ok", "conversation_id": "c", "sender": "a", "text": "gg", "timestamp": 1.0},
        {"message_id": "no-text", "conversation_id": "c", "sender": "a", "text": None, "timestamp": 2.0},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "h.parquet")
    summary = rescore(tmp_path / "h.parquet", tmp_path / "ray", engine="ray", actor_cpus=0.5, progress=None)
    assert (summary.messages, summary.bad_rows) == (1, 1)
    bad = pq.read_table(tmp_path / "ray" / "bad_rows.parquet").to_pylist()
    assert bad == [{"row": None, "message_id": "no-text", "problem": "text is missing or not a string"}]
