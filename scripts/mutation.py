"""Mutation testing of the decision path: run mutmut and write a report of what the tests kill.

    python scripts/mutation.py --out docs/mutation-report.md
    python scripts/mutation.py --out docs/mutation-report.md "safechat.normalize.*"   # a subset
    nice -n 10 python scripts/mutation.py --max-children 1 --out REPORT "safechat.privacy*"
    python scripts/mutation.py --out REPORT --in-process tests/unit/test_server_convert.py "server.*"
    python scripts/mutation.py --out REPORT --generate --in-process tests/unit/test_detect.py "*.pii.*"

Which files are mutated is set in pyproject.toml ([tool.mutmut] only_mutate). Too slow for every CI
run (about 20 minutes for decide.py and privacy.py on 2 cores); run it before each release and after
any change to those files (docs/mutation-testing.md).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import filecmp
import fnmatch
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):  # not safechat's copy: safechat must not be imported here
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+)$")


def module_of(mutant: str) -> str:
    """``safechat.policy.decide.x_decide__mutmut_3`` -> ``safechat.policy.decide``."""
    return ".".join(part for part in mutant.split(".") if not part.startswith(("x_", "xǁ")))


def sync_data_files(root: Path = Path(".")) -> list[Path]:
    """Copy the source paths' non-Python files (policy TOML, rule data, prompts) into mutants/
    where they differ. mutmut refreshes the Python files it does not mutate on each run, but
    copies any other file only once, so a rule data file changed since the first run would
    otherwise be read stale there (and a test of it fail on every mutant)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    mutants = root / "mutants"
    copied: list[Path] = []
    if not mutants.is_dir():
        return copied
    for source_path in config.get("source_paths", []):
        for path in sorted((root / source_path).rglob("*")):
            if not path.is_file() or path.suffix in (".py", ".pyc"):
                continue
            target = mutants / path.relative_to(root)
            if not target.exists() or not filecmp.cmp(path, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                copied.append(target)
    return copied


def generate() -> None:
    """Generate the mutants into mutants/ as ``mutmut run`` does first, without running any test
    (``mutmut run`` then runs the whole test selection twice, for its statistics, before the
    first mutant: minutes on a shared machine that ``--in-process`` does not need)."""
    from mutmut.__main__ import create_mutants
    from mutmut.mutation.trampoline import set_mutant_under_test
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths

    set_mutant_under_test("mutant_generation")
    Path("mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    create_mutants(1)
    set_mutant_under_test("")


def run(skip_run: bool, patterns: list[str], max_children: int | None = None) -> list[tuple[str, str]]:
    """Run mutmut (only the mutants matching ``patterns``, all when empty) and read every result.

    The report covers every mutant mutmut knows, so results kept from an earlier run of the other
    modules stay in it; mutants never run are counted under "other" (status "not checked").
    """
    if not skip_run:
        sync_data_files()
        children = ["--max-children", str(max_children)] if max_children else []
        subprocess.run(["mutmut", "run", *children, *patterns], check=False)
    listing = subprocess.run(
        ["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    )
    found = []
    for line in listing.stdout.splitlines():
        match = _LINE.match(line)
        if match:
            found.append((match["name"], match["status"].strip()))
    return found


_TIMEOUT = 36  # mutmut's exit code for a timeout


def _runtime_name(mutant: str) -> str:
    """The name the trampolines compare with the running module: mutmut names a mutant by its
    file's path (``server.safechat_server.convert.x_...``), the code runs as
    ``safechat_server.convert``."""
    return mutant.removeprefix("server.")


def _meta_path(mutant: str) -> Path:
    return Path("mutants", *module_of(mutant).split(".")).with_suffix(".py.meta")


def _record(meta_path: Path, mutant: str, code: int) -> None:
    """Write one result where mutmut keeps it (``exit_code_by_key`` in the file's ``.meta``)."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["exit_code_by_key"][mutant] = code
    meta_path.write_text(json.dumps(meta, indent=4), encoding="utf-8")


class _Timeout(KeyboardInterrupt):
    """Raised by the alarm in the middle of a test run (pytest stops on a KeyboardInterrupt)."""


def run_in_process(patterns: list[str], tests: list[str], timeout_s: int) -> dict[str, int]:
    """Run each mutant matching ``patterns`` against ``tests`` only, each run a pytest run in
    this one process, and record the results where mutmut keeps them (``mutmut results`` and
    the report read them). Needs the mutants mutmut generated (``mutmut run`` once).

    About ten times faster than ``mutmut run`` on a busy machine: no process, import and
    collection per mutant. The tests named must be plain ASCII ids or files (a second pytest
    run in one process cannot select an escaped id), and must not keep state that a mutant
    could leave behind for the next. Before the mutants, the tests must pass with no mutant and
    fail with every mutated function raising (mutmut's "fail" check).
    """
    listing = subprocess.run(
        ["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    )
    names = [
        match["name"]
        for match in map(_LINE.match, listing.stdout.splitlines())
        if match and any(fnmatch.fnmatchcase(match["name"], pattern) for pattern in patterns)
    ]
    root = Path.cwd().resolve()
    shutil.copytree(root / "tests", root / "mutants" / "tests", dirs_exist_ok=True)  # as mutmut does
    hidden = {root, root / "server"}  # the editable install's copies: the mutants must win
    sys.path[:] = [str(root / "mutants"), str(root / "mutants" / "server")] + [
        entry for entry in sys.path if Path(entry or ".").resolve() not in hidden
    ]
    os.chdir(root / "mutants")
    import pytest

    args = ["--rootdir=.", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *tests]

    fired: list[bool] = []

    def alarm(signum: int, frame: object) -> None:
        fired.append(True)
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)

    def one(name: str) -> int:
        os.environ["MUTANT_UNDER_TEST"] = name
        fired.clear()
        sink = io.StringIO()
        signal.alarm(timeout_s)
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = int(pytest.main(args))
        except _Timeout:
            code = _TIMEOUT
        finally:
            signal.alarm(0)
        if fired:  # pytest reports the alarm's KeyboardInterrupt as an interrupted run
            code = _TIMEOUT
        return code

    if one("") != 0:
        raise SystemExit(f"the tests do not pass without a mutant: {' '.join(tests)}")
    if one("fail") == 0:
        raise SystemExit("no test reaches a mutated function")
    results: dict[str, int] = {}
    for index, name in enumerate(names, 1):
        code = one(_runtime_name(name))
        results[name] = 1 if code in (1, 3) else code  # 3: an internal error is a kill too
        print(f"{index}/{len(names)} {name}: {code}", file=sys.stderr, flush=True)
        _record(root / _meta_path(name), name, results[name])  # kept if the run is stopped
    os.chdir(root)
    return results


def report(results: list[tuple[str, str]]) -> str:
    """The table per module and the survivors. "caught" is killed plus timed out (a mutant that
    makes the tests hang is noticed too), as a share of the mutants run ("not checked": not run)."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for name, status in results:
        counts[module_of(name)][status] += 1
    lines = [
        "| module | mutants | run | killed | timeout | survived | other | caught share of run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for module, counter in sorted(counts.items()):
        total = sum(counter.values())
        run_ = total - counter["not checked"]
        killed, timeout, survived = counter["killed"], counter["timeout"], counter["survived"]
        other = run_ - killed - timeout - survived
        share = f"{(killed + timeout) / run_:.0%}" if run_ else "not run"
        lines.append(
            f"| {module} | {total} | {run_} | {killed} | {timeout} | {survived} | {other} | {share} |"
        )
    survivors = [name for name, status in results if status == "survived"]
    lines += ["", f"Survivors ({len(survivors)}; `mutmut show NAME` prints each):", ""]
    lines += [f"- `{name}`" for name in survivors]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the markdown report to write")
    parser.add_argument("--skip-run", action="store_true", help="report the last run's results only")
    parser.add_argument(
        "--max-children",
        type=int,
        help="mutmut's worker processes (default: one per core); 1 leaves a shared machine usable",
    )
    parser.add_argument(
        "--in-process",
        nargs="+",
        metavar="TEST",
        help="run the mutants in this process against these tests only (test files or plain ids); "
        "the mutants must have been generated by a mutmut run",
    )
    parser.add_argument(
        "--generate",
        action="store_true",
        help="generate the mutants without running any test first (for --in-process)",
    )
    parser.add_argument("--timeout", type=int, default=120, help="seconds per mutant with --in-process")
    parser.add_argument(
        "patterns",
        nargs="*",
        help='run only the mutants whose names match (fnmatch), e.g. "safechat.normalize.*"',
    )
    args = parser.parse_args()
    if args.generate:
        generate()
    if args.in_process:
        # "--in-process TESTS... PATTERN": argparse gives the pattern to --in-process too (its
        # nargs="+" takes every word up to the next option); a word that names no test file is one
        tests = [item for item in args.in_process if Path(item.split("::", 1)[0]).exists()]
        args.patterns += [item for item in args.in_process if item not in tests]
        args.in_process = tests
        if not tests:
            parser.error("--in-process needs at least one test file or id")
        sync_data_files()
        run_in_process(args.patterns, args.in_process, args.timeout)
        args.skip_run = True
    args.out.write_text(report(run(args.skip_run, args.patterns, args.max_children)), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
