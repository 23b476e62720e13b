"""The build's stage runner: a finished stage is skipped, a changed input or a lost output reruns
it and what follows, a stage cut off half-way runs again. Fake stages, no training dependency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.training.__main__ import main as package_main
from models.training.pipelines.cli import parser
from models.training.pipelines.stages import Hasher, Stage, run_stages


def copy_stage(name: str, src: Path, dst: Path, calls: list[str], *, fail: bool = False) -> Stage:
    def run() -> None:
        calls.append(name)
        dst.write_text(src.read_text() + "!")
        if fail:
            raise KeyboardInterrupt  # a cut-off run: the output is there, the checkpoint is not

    return Stage(name, run, inputs=(src,), outputs=(dst,), settings={"seed": 0})


def chain(tmp: Path, calls: list[str], *, fail_second: bool = False) -> list[Stage]:
    return [
        copy_stage("first", tmp / "a", tmp / "b", calls),
        copy_stage("second", tmp / "b", tmp / "c", calls, fail=fail_second),
        copy_stage("third", tmp / "c", tmp / "d", calls),
    ]


def test_a_second_run_skips_every_finished_stage(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    calls: list[str] = []
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == ["first", "second", "third"]
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == []
    assert (tmp_path / "d").read_text() == "x!!!"
    record = json.loads((tmp_path / "ck" / "second.json").read_text())
    assert record["fingerprint"]["settings"] == {"seed": "0"}


def test_a_changed_input_reruns_its_stage_and_the_later_ones(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    calls: list[str] = []
    run_stages(chain(tmp_path, calls), tmp_path / "ck")
    (tmp_path / "b").write_text("changed by hand")
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == ["first"]  # b is first's output
    (tmp_path / "a").write_text("y")
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == ["first", "second", "third"]
    assert (tmp_path / "d").read_text() == "y!!!"


def test_a_lost_output_reruns_the_stage(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    calls: list[str] = []
    run_stages(chain(tmp_path, calls), tmp_path / "ck")
    (tmp_path / "d").unlink()
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == ["third"]


def test_a_cut_off_stage_runs_again_and_the_finished_ones_do_not(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    calls: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        run_stages(chain(tmp_path, calls, fail_second=True), tmp_path / "ck")
    assert calls == ["first", "second"]
    assert not (tmp_path / "ck" / "second.json").exists()
    assert run_stages(chain(tmp_path, calls), tmp_path / "ck") == ["second", "third"]


def test_a_stage_that_writes_nothing_fails(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    stage = Stage("lazy", lambda: None, inputs=(tmp_path / "a",), outputs=(tmp_path / "never",))
    with pytest.raises(RuntimeError, match="did not write"):
        run_stages([stage], tmp_path / "ck")


def test_a_folder_hash_follows_names_and_contents(tmp_path: Path) -> None:
    (tmp_path / "f").mkdir()
    (tmp_path / "f" / "one").write_text("1")
    first = Hasher()(tmp_path / "f")
    (tmp_path / "f" / "one").write_text("2")
    assert Hasher()(tmp_path / "f") != first
    assert Hasher()(tmp_path / "missing") == "missing"


def test_the_command_line() -> None:
    args = parser().parse_args(["--bundle", "en", "--data", "d", "--out", "o", "--sample", "5"])
    assert (args.bundle, args.seed, args.sample, args.max_steps) == ("en", 0, 5, None)
    with pytest.raises(SystemExit, match="usage"):
        package_main([])
