"""Resident memory of a bare moderator and of the sidecar, stage by stage (issue 26: at most
250 MB for the sidecar), optionally against another copy of the code in the same run.

    python -m benchmarks.memory [--messages N] [--rounds R] [--baseline-tree DIR] [--markdown FILE]

Each measurement is a fresh process, read from ``/proc/PID/status`` (VmRSS: resident now; VmHWM:
the peak so far, kept by the kernel, so no peak between readings is missed):

- **moderator**: ``import safechat``, ``Moderator.load()``, ``N`` English chat messages through
  ``moderate_batch`` (batches of 64; language detection loads on the first), then ``N`` German,
  French and Polish ones (the multilingual bundle loads on the first).
- **sidecar**: ``safechat serve`` (one process, metrics off) once SERVING (model loaded, one
  warm-up decision), after ``N`` English ``Moderate`` calls from 4 client threads, and after ``N``
  calls in the other languages.

``--baseline-tree DIR`` measures the code in ``DIR`` too (a copy of the tree at another commit,
e.g. ``git worktree add`` or ``git archive COMMIT | tar -x -C DIR``, with its own ``models/``), in
turns with this checkout, ``R`` rounds; the table gives medians and each figure's ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from benchmarks.corpus import other_language_messages, unique_messages
from benchmarks.sidecar import start_sidecar

ROOT = Path(__file__).resolve().parents[1]

_MODERATOR = """
import json, sys
def memory():
    with open("/proc/self/status", encoding="ascii") as handle:
        fields = dict(line.split(":", 1) for line in handle)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}
out = {"start": memory()}
import safechat
out["import"] = memory()
moderator = safechat.Moderator.load()
out["load"] = memory()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for stage in ("english", "other languages"):
    batch = texts[stage]
    for i in range(0, len(batch), 64):
        moderator.moderate_batch(batch[i : i + 64])
    out[stage] = memory()
print(json.dumps(out))
"""

Figures = dict[str, dict[str, float]]


def tree_env(tree: Path | None) -> dict[str, str]:
    """This environment, with ``tree``'s ``safechat`` and ``safechat_server`` first on the path."""
    env = dict(os.environ)
    if tree is not None:
        paths = [str(tree), str(tree / "server")]
        env["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [env.get("PYTHONPATH")] if p])
    return env


def proc_memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of process ``pid``, in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        fields = dict(line.split(":", 1) for line in handle)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}


def measure_moderator(texts_file: Path, env: Mapping[str, str], cwd: str) -> Figures:
    result = subprocess.run(
        [sys.executable, "-c", _MODERATOR, str(texts_file)],
        capture_output=True,
        text=True,
        check=True,
        env=dict(env),
        cwd=cwd,
    )
    figures: Figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def _call_all(address: str, texts: Sequence[str], clients: int) -> None:
    import grpc

    from safechat.v1 import moderation_pb2 as pb
    from safechat.v1 import moderation_pb2_grpc as pb_grpc

    def client(share: Sequence[str]) -> None:
        with grpc.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)]) as channel:
            stub = pb_grpc.ModerationStub(channel)
            for text in share:
                stub.Moderate(pb.ModerateRequest(text=text), timeout=30)

    threads = [threading.Thread(target=client, args=(texts[k::clients],)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure_sidecar(texts: Mapping[str, list[str]], env: Mapping[str, str], cwd: str) -> Figures:
    process, address, _ = start_sidecar(env=env, cwd=cwd)
    try:
        figures: Figures = {"serving": proc_memory(process.pid)}
        for stage in ("english", "other languages"):
            _call_all(address, texts[stage], clients=4)
            figures[stage] = proc_memory(process.pid)
        return figures
    finally:
        process.terminate()
        process.wait(timeout=30)


ROWS: list[tuple[str, str, str]] = [
    ("moderator", "import", "VmRSS"),
    ("moderator", "load", "VmRSS"),
    ("moderator", "english", "VmHWM"),
    ("moderator", "english", "VmRSS"),
    ("moderator", "other languages", "VmHWM"),
    ("moderator", "other languages", "VmRSS"),
    ("sidecar", "serving", "VmHWM"),
    ("sidecar", "english", "VmHWM"),
    ("sidecar", "english", "VmRSS"),
    ("sidecar", "other languages", "VmHWM"),
    ("sidecar", "other languages", "VmRSS"),
]

_LABELS = {
    ("moderator", "import"): "moderator: after `import safechat`",
    ("moderator", "load"): "moderator: after `Moderator.load()`",
    ("moderator", "english"): "moderator: after {n} English messages",
    ("moderator", "other languages"): "moderator: after {n} more in de/fr/pl",
    ("sidecar", "serving"): "sidecar: serving (loaded, warmed up)",
    ("sidecar", "english"): "sidecar: after {n} English calls",
    ("sidecar", "other languages"): "sidecar: after {n} more in de/fr/pl",
}


def median_of(runs: list[dict[str, Figures]], what: str, stage: str, key: str) -> float:
    return statistics.median(run[what][stage][key] for run in runs)


def table(runs: dict[str, list[dict[str, Figures]]], n: int) -> list[str]:
    names = list(runs)
    header = "| figure (MB) | " + " | ".join(names) + (" | ratio |" if len(names) == 2 else " |")
    lines = [header, "|---" * (len(names) + 1 + (len(names) == 2)) + "|"]
    for what, stage, key in ROWS:
        values = [median_of(runs[name], what, stage, key) for name in names]
        label = _LABELS[(what, stage)].format(n=f"{n:,}") + (" (peak)" if key == "VmHWM" else " (now)")
        cells = " | ".join(f"{value:.0f}" for value in values)
        ratio = f" | {values[1] / values[0]:.2f} |" if len(values) == 2 else " |"
        lines.append(f"| {label} | {cells}{ratio}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=1000, help="messages per stage (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--baseline-tree", type=Path, help="another copy of the code, measured in turns")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    trees: dict[str, Path | None] = {}
    if args.baseline_tree is not None:
        trees["baseline"] = args.baseline_tree.resolve()
    trees["this tree"] = None
    texts = {
        "english": unique_messages(args.messages, seed=11),
        "other languages": other_language_messages(args.messages, seed=11),
    }
    runs: dict[str, list[dict[str, Figures]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="safechat-memory-bench-") as scratch:
        texts_file = Path(scratch) / "texts.json"
        texts_file.write_text(json.dumps(texts), "utf-8")
        for round_ in range(args.rounds):
            for name, tree in trees.items():
                env = tree_env(tree)
                started = time.perf_counter()
                run = {
                    "moderator": measure_moderator(texts_file, env, scratch),
                    "sidecar": measure_sidecar(texts, env, scratch),
                }
                runs[name].append(run)
                print(f"round {round_ + 1}, {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    lines = [
        f"resident memory, {args.messages:,} messages per stage, medians of {args.rounds} rounds, "
        f"{os.cpu_count()} CPUs",
        "",
        *table(runs, args.messages),
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
