"""Mutation testing of the decision path: run mutmut and write a report of what the tests kill.

    python scripts/mutation.py --out docs/mutation-report.md
    python scripts/mutation.py --out docs/mutation-report.md "safechat.normalize.*"   # a subset

Which files are mutated is set in pyproject.toml ([tool.mutmut] only_mutate). Too slow for every CI
run (about 20 minutes for decide.py and privacy.py on 2 cores); run it before each release and after
any change to those files (docs/mutation-testing.md).
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
from pathlib import Path

_LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+)$")


def module_of(mutant: str) -> str:
    """``safechat.policy.decide.x_decide__mutmut_3`` -> ``safechat.policy.decide``."""
    return ".".join(part for part in mutant.split(".") if not part.startswith(("x_", "xǁ")))


def run(skip_run: bool, patterns: list[str]) -> list[tuple[str, str]]:
    """Run mutmut (only the mutants matching ``patterns``, all when empty) and read every result.

    The report covers every mutant mutmut knows, so results kept from an earlier run of the other
    modules stay in it; mutants never run are counted under "other" (status "not checked").
    """
    if not skip_run:
        subprocess.run(["mutmut", "run", *patterns], check=False)
    listing = subprocess.run(
        ["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    )
    found = []
    for line in listing.stdout.splitlines():
        match = _LINE.match(line)
        if match:
            found.append((match["name"], match["status"].strip()))
    return found


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
        "patterns",
        nargs="*",
        help='run only the mutants whose names match (fnmatch), e.g. "safechat.normalize.*"',
    )
    args = parser.parse_args()
    args.out.write_text(report(run(args.skip_run, args.patterns)), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
