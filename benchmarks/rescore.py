"""``safechat rescore``: Ray Data on this machine against ``--engine local``, in one run, and the
peak resident memory of each Ray actor that decides messages (issue 26: at most 250 MB).

    pip install -e ".[ray]"
    python -m benchmarks.rescore [--messages N] [--actors A] [--rounds R] [--baseline-tree DIR]
        [--markdown FILE]

Both engines re-score the same Parquet history of unique chat-like messages (no repeats, so the
decision cache does not help), each moderator on one onnxruntime thread. Local runs in a child
process; Ray runs on a local cluster of ``--cpus`` CPUs (``ray.init(num_cpus=...)``) with ``A``
actors of ``cpus / (A + 1)`` CPUs each, leaving room for the read and shuffle tasks. Times are
end to end (model loads and Ray start-up included: what a user waits for) and also for the
message pass alone where it can be told. Quote the ratio from one run: the machine is shared.

``--baseline-tree DIR`` runs both engines on the code in ``DIR`` too (a copy of the tree at another
commit, with its own ``models/``; ``git archive COMMIT | tar -x -C DIR``), in turns with this
checkout, ``R`` rounds, and reports medians and ratios: the Ray workers take their ``safechat``
from ``PYTHONPATH``, which the local cluster's processes inherit.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.corpus import unique_messages

_BANDS = ["under_13", "13_15", "16_17", "adult", None]


def history(count: int, path: Path, *, seed: int = 7) -> None:
    """``count`` messages over pairs of users, as Parquet at ``path``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    texts = unique_messages(count, seed=seed)
    rows = []
    for i, text in enumerate(texts):
        pair = rng.randrange(max(count // 20, 1))
        rows.append(
            {
                "message_id": f"m{i}",
                "conversation_id": f"c{pair}",
                "sender": f"u{pair}-{i % 2}",
                "recipient": f"u{pair}-{(i + 1) % 2}",
                "sender_age_band": _BANDS[pair % len(_BANDS)],
                "recipient_age_band": _BANDS[(pair + 1) % len(_BANDS)],
                "timestamp": 1_800_000_000.0 + i,
                "text": text,
            }
        )
    pq.write_table(pa.Table.from_pylist(rows), path)


_LOCAL = """
import json, sys, time
from pathlib import Path
from safechat.rescore import RescoreConfig, rescore
started = time.perf_counter()
config = RescoreConfig(threads=1)
summary = rescore(Path(sys.argv[1]), Path(sys.argv[2]), engine="local", config=config, progress=None)
wall = time.perf_counter() - started
with open("/proc/self/status") as handle:
    peak = next(int(line.split()[1]) / 1024 for line in handle if line.startswith("VmHWM:"))
print(json.dumps({"seconds": wall, "messages": summary.messages, "peak_mb": peak}))
"""


def tree_env(tree: Path | None) -> dict[str, str]:
    """This environment, with ``tree``'s ``safechat`` first on the path (``None``: unchanged)."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(tree), *[p for p in [env.get("PYTHONPATH")] if p]])
    return env


def _child(code: str, args: list[str], env: Mapping[str, str], cwd: Path) -> dict[str, Any]:
    """Runs ``code`` in a child process in ``cwd`` (not a checkout: ``python -c`` puts its working
    folder first on the path, before ``PYTHONPATH``) and returns the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env=dict(env),
        cwd=cwd,
    )
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def run_local(source: Path, out: Path, env: Mapping[str, str] | None = None) -> dict[str, float]:
    """``--engine local`` in a child process: its wall time and peak resident memory."""
    return _child(_LOCAL, [str(source), str(out)], env if env is not None else os.environ, source.parent)


class ActorMemory:
    """Polls /proc for the Ray workers that run :class:`MessageDecider` and keeps each one's peak
    resident memory (VmHWM, which the kernel keeps, so no peak between polls is missed) and the
    largest private part seen (RssAnon, polled every 0.1 s). VmHWM also counts the pages of Ray's
    shared object store that the worker has touched (RssShmem: the blocks it reads and writes,
    shared with the store), and the pages of files it maps."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self.private: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> ActorMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(0.1):
            for pid_dir in Path("/proc").iterdir():
                if not pid_dir.name.isdigit():
                    continue
                try:
                    cmdline = (pid_dir / "cmdline").read_bytes()
                    if b"MessageDecider" not in cmdline:
                        continue
                    pid = int(pid_dir.name)
                    for line in (pid_dir / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peaks[pid] = int(line.split()[1]) / 1024
                        elif line.startswith("RssAnon:"):
                            self.private[pid] = max(self.private.get(pid, 0.0), int(line.split()[1]) / 1024)
                except OSError:
                    continue


_RAY = """
import json, sys, time
from pathlib import Path
import ray
from safechat.rescore import RescoreConfig, rescore
source, out, cpus, actors = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
started = time.perf_counter()
ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, configure_logging=False)
up = time.perf_counter()
summary = rescore(
    source, out, engine="ray", config=RescoreConfig(threads=1), actors=actors,
    actor_cpus=cpus / (actors + 1), progress=None,
)
done = time.perf_counter()
ray.shutdown()
print(json.dumps({"seconds": done - started, "seconds_after_init": done - up, "messages": summary.messages}))
"""


def run_ray(
    source: Path, out: Path, *, cpus: int, actors: int, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``--engine ray`` on a local cluster started by a child process (so that its workers take
    ``env``): wall times and each message actor's peak resident memory."""
    with ActorMemory() as memory:
        result = _child(
            _RAY,
            [str(source), str(out), str(cpus), str(actors)],
            env if env is not None else os.environ,
            source.parent,
        )
    result["actor_peak_mb"] = sorted(memory.peaks.values())
    result["actor_private_mb"] = sorted(memory.private.values())
    return result


def _rates(local: dict[str, float], on_ray: dict[str, Any]) -> dict[str, float]:
    peaks = on_ray["actor_peak_mb"]
    return {
        "local s": local["seconds"],
        "local msg/s": local["messages"] / local["seconds"],
        "ray s": on_ray["seconds"],
        "ray msg/s": on_ray["messages"] / on_ray["seconds"],
        "ray msg/s after init": on_ray["messages"] / on_ray["seconds_after_init"],
        "local peak MB": local["peak_mb"],
        "actor peak MB": max(peaks) if peaks else float("nan"),
        "actor private MB (RssAnon)": max(on_ray["actor_private_mb"], default=float("nan")),
    }


def comparison(runs: dict[str, list[dict[str, float]]]) -> list[str]:
    """Medians per tree, and this tree's over the baseline's."""
    names = list(runs)
    lines = [
        "| figure | " + " | ".join(names) + " | ratio |",
        "|---" * (len(names) + 2) + "|",
    ]
    for key in runs[names[0]][0]:
        values = [statistics.median(run[key] for run in runs[name]) for name in names]
        cells = " | ".join(f"{value:,.1f}" for value in values)
        lines.append(f"| {key} | {cells} | {values[-1] / values[0]:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=2000, help="messages in the history (default 2000)")
    parser.add_argument("--cpus", type=int, default=os.cpu_count() or 2, help="CPUs of the local Ray cluster")
    parser.add_argument("--actors", type=int, default=max((os.cpu_count() or 2) - 1, 1), help="Ray actors")
    parser.add_argument("--rounds", type=int, default=1, help="rounds with --baseline-tree (medians)")
    parser.add_argument("--baseline-tree", type=Path, help="another copy of the code, run in turns")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    if args.baseline_tree is not None:
        compare(args)
        return
    with tempfile.TemporaryDirectory(prefix="safechat-rescore-bench-") as scratch:
        root = Path(scratch)
        source = root / "history.parquet"
        history(args.messages, source)
        local = run_local(source, root / "local")
        on_ray = run_ray(source, root / "ray", cpus=args.cpus, actors=args.actors)
    local_rate = local["messages"] / local["seconds"]
    ray_rate = on_ray["messages"] / on_ray["seconds"]
    ray_rate_warm = on_ray["messages"] / on_ray["seconds_after_init"]
    peaks = on_ray["actor_peak_mb"]
    private = on_ray["actor_private_mb"]
    lines = [
        f"safechat rescore, {args.messages:,} messages, {os.cpu_count()} CPUs on this machine",
        "",
        "| engine | wall s | msg/s | msg/s per core used | ratio to local |",
        "|---|---|---|---|---|",
        f"| local (1 process, 1 onnxruntime thread) | {local['seconds']:.1f} | {local_rate:,.0f} "
        f"| {local_rate:,.0f} | 1.00 |",
        f"| ray, {args.actors} actor(s) on {args.cpus} CPUs, ray.init included | {on_ray['seconds']:.1f} "
        f"| {ray_rate:,.0f} | {ray_rate / args.actors:,.0f} | {ray_rate / local_rate:.2f} |",
        f"| ray, after ray.init | {on_ray['seconds_after_init']:.1f} | {ray_rate_warm:,.0f} "
        f"| {ray_rate_warm / args.actors:,.0f} | {ray_rate_warm / local_rate:.2f} |",
        "",
        f"peak resident memory: local process {local['peak_mb']:.0f} MB; "
        f"each MessageDecider actor {', '.join(f'{p:.0f}' for p in peaks) or 'not seen'} MB (limit 250 MB), "
        f"of which private (largest RssAnon seen) {', '.join(f'{p:.0f}' for p in private)} MB",
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n", "utf-8")


def compare(args: argparse.Namespace) -> None:
    """Both engines on the baseline tree and on this checkout, in turns, ``args.rounds`` times."""
    trees: dict[str, Path | None] = {"baseline": args.baseline_tree.resolve(), "this tree": None}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="safechat-rescore-bench-") as scratch:
        root = Path(scratch)
        source = root / "history.parquet"
        history(args.messages, source)
        for round_ in range(args.rounds):
            for name, tree in trees.items():
                env = tree_env(tree)
                out = root / f"{name.replace(' ', '-')}-{round_}"
                local = run_local(source, out / "local", env)
                on_ray = run_ray(source, out / "ray", cpus=args.cpus, actors=args.actors, env=env)
                runs[name].append(_rates(local, on_ray))
                print(f"round {round_ + 1}, {name}: {runs[name][-1]}", file=sys.stderr)
    lines = [
        f"safechat rescore, {args.messages:,} messages, {os.cpu_count()} CPUs on this machine, "
        f"{args.actors} actor(s) on {args.cpus} CPUs; medians of {args.rounds} round(s)",
        "",
        *comparison(runs),
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
