"""safechat speed and memory, against the ceiling (the raw int8 model alone) and the common
baseline (alt-profanity-check), measured in one run.

    pip install -e ".[server,dev]" alt-profanity-check
    python -m benchmarks.run [--quick] [--markdown FILE] [--data ../shared/data]

``--data`` adds the throughput rows on real game chat (CONDA's test split) next to the
project's own messages.

Prints every figure with its ratio and the target from issue 7. Numbers depend on the machine
and on what else runs on it: quote medians and ratios from one run.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from benchmarks.corpus import chat_stream, other_language_messages, real_chat, unique_messages
from benchmarks.sidecar import start_sidecar
from safechat import Message, Moderator
from safechat.cli.score import run_score
from safechat.model.bundle import MULTILINGUAL_BUNDLE_NAME, ModelBundle, shipped_bundle_path


@dataclass
class Row:
    name: str
    safechat: str
    raw_model: str
    baseline: str
    ratio: str
    target: str
    met: bool | None


def share_of_raw(name: str, rate: float, raw_rate: float, baseline: str = "n/a") -> Row:
    """A throughput row whose target is 80% of the raw graph's rate on the same messages."""
    return Row(
        name,
        f"{rate:.0f}",
        f"{raw_rate:.0f}",
        baseline,
        f"{rate / raw_rate:.0%} of raw",
        ">= 80% of raw",
        rate >= 0.8 * raw_rate,
    )


def stretches(stream: list[str], rounds: int) -> list[list[str]]:
    """``stream`` cut into ``rounds`` consecutive stretches: a new stretch each round, so that a
    round is not all cache hits of the one before."""
    stretch = len(stream) // rounds
    return [stream[r * stretch : (r + 1) * stretch] for r in range(rounds)]


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def timed_each(function: Callable[[str], object], texts: Sequence[str]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        function(text)
        out.append((time.perf_counter() - started) * 1000)
    return out


def throughput(function: Callable[[list[str]], object], texts: list[str], batch: int) -> float:
    started = time.perf_counter()
    for first in range(0, len(texts), batch):
        function(texts[first : first + batch])
    return len(texts) / (time.perf_counter() - started)


def paired_throughput(
    functions: Sequence[Callable[[list[str]], object] | None], rounds: Sequence[list[str]], batch: int
) -> list[float]:
    """Median throughput of each function over the ``rounds`` of texts, the functions taking
    turns in every round, so that a noisy neighbour on a shared machine slows each of them
    alike. ``None`` entries give 0."""
    rates: list[list[float]] = [[] for _ in functions]
    for texts in rounds:
        for function, out in zip(functions, rates, strict=True):
            if function is not None:
                out.append(throughput(function, texts, batch))
    return [float(np.median(out)) if out else 0.0 for out in rates]


class RawModel:
    """The shipped int8 graph alone: tokenizer + onnxruntime, no normaliser, rules or policy.

    Its threads sleep when they wait, as safechat's scorer's do (``spinning=True``: onnxruntime's
    default, spinning threads; on shared cores they are the slower ceiling)."""

    def __init__(self, path: Path | None = None, *, spinning: bool = False) -> None:
        bundle = ModelBundle.load(path)
        self.tokenizer = Tokenizer.from_file(str(bundle.tokenizer_path))
        self.tokenizer.enable_truncation(bundle.manifest.max_length)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if not spinning:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(bundle.model_path), options, providers=["CPUExecutionProvider"]
        )

    def one(self, text: str) -> None:
        ids = np.asarray([self.tokenizer.encode(text).ids], dtype=np.int64)
        self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})

    def batch(self, texts: list[str], rows_per_run: int = 32) -> None:
        """Length-sorted padded runs of ``rows_per_run``: the best the graph alone can do."""
        encodings = sorted(self.tokenizer.encode_batch(texts), key=lambda e: len(e.ids))
        for first in range(0, len(encodings), rows_per_run):
            chunk = encodings[first : first + rows_per_run]
            width = max(len(e.ids) for e in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, encoding in enumerate(chunk):
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
            self.session.run(None, {"input_ids": ids, "attention_mask": mask})


def baseline() -> Callable[[list[str]], object] | None:
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None
    return predict_prob  # type: ignore[no-any-return]


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM). Unlike ru_maxrss, it starts afresh at exec,
    so a child does not inherit the benchmark's own peak."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def in_subprocess(code: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


COLD_START = """
import json, time
t0 = time.perf_counter()
from safechat import Moderator
t1 = time.perf_counter()
m = Moderator.load()
t2 = time.perf_counter()
m.moderate("hello there")
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first": t3 - t2, "total": t3 - t0}))
"""

PEAK_MEMORY = """
import json
from benchmarks.corpus import chat_stream
from benchmarks.run import peak_mb
from safechat import Moderator
m = Moderator.load()
stream = chat_stream({n})
for i in range(0, len(stream), 64):
    m.moderate_batch(stream[i:i + 64])
print(json.dumps({{"peak_mb": peak_mb()}}))
"""

BASELINE_MEMORY = """
import json
from profanity_check import predict_prob
from benchmarks.corpus import chat_stream
from benchmarks.run import peak_mb
predict_prob(chat_stream({n}))
print(json.dumps({{"peak_mb": peak_mb()}}))
"""


Caller = Callable[[str], object]


def service_figures(
    make_caller: Callable[[], Caller], stream: list[str], clients: int, seconds: float
) -> dict[str, float]:
    """One client's latency, then ``clients`` concurrent clients' throughput and p99, on a stream
    long enough that no client wraps around (which would turn every call into a cache hit)."""
    call = make_caller()
    for text in stream[:50]:
        call(text)
    single = timed_each(call, stream[50:1050])
    rest = stream[1050:]
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        own = make_caller()
        local: list[float] = []
        i = offset
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                own(rest[i % len(rest)])
                local.append((time.perf_counter() - started) * 1000)
            except Exception:
                with lock:
                    failures[0] += 1
            i += clients
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    machine_before, own_before = _machine_cpu(), time.process_time()
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    (total, idle), (total_before, idle_before) = _machine_cpu(), machine_before
    return {
        "single_p50": percentile(single, 50),
        "single_p99": percentile(single, 99),
        "concurrent_rate": len(latencies) / elapsed,
        "concurrent_p99": percentile(latencies, 99),
        "failures": failures[0],
        # where the cores went while the clients ran: all of them, and the clients' own share
        "machine_busy": 1 - (idle - idle_before) / (total - total_before)
        if total > total_before
        else math.nan,
        "client_cores": (time.process_time() - own_before) / elapsed,
    }


def _machine_cpu() -> tuple[int, int]:
    """(all, idle) CPU ticks of the machine since boot (Linux /proc/stat; zeros elsewhere)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    return sum(fields), fields[3] + fields[4]


def grpc_caller(address: str) -> Callable[[], Caller]:
    import grpc

    from safechat.v1 import moderation_pb2 as pb
    from safechat.v1 import moderation_pb2_grpc as pb_grpc

    def make() -> Caller:
        # Each client its own connection, as separate clients have: by default gRPC shares one
        # connection among the channels of a process that have the same target.
        channel = grpc.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
        stub = pb_grpc.ModerationStub(channel)
        return lambda text: stub.Moderate(pb.ModerateRequest(text=text), timeout=5)

    return make


def http_caller(address: str) -> Callable[[], Caller]:
    import httpx

    def make() -> Caller:
        # Nagle off, as any latency-sensitive client should: httpx writes headers and body
        # separately, and Nagle plus delayed ACKs would add ~40 ms to every call.
        transport = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        client = httpx.Client(base_url=f"http://{address}", timeout=5, transport=transport)

        def call(text: str) -> object:
            response = client.post("/v1/moderate", json={"text": text})
            response.raise_for_status()
            return response

        return call

    return make


def batcher_figures(stream: list[str], clients: int, seconds: float) -> dict[str, float]:
    """The sidecar's engine without gRPC: :func:`service_figures` with each client calling the
    sidecar's micro-batcher (as configured on this machine by default) in-process."""
    from safechat_server.batcher import MicroBatcher
    from safechat_server.settings import ServerSettings

    settings = ServerSettings()
    batcher = MicroBatcher(
        Moderator.load(threads=settings.model.threads),
        max_messages=settings.batch.max_messages,
        max_wait_s=settings.batch.max_wait_ms / 1000,
        queue_size=settings.batch.queue_size,
        workers=settings.batch.worker_count,
    )
    try:
        return service_figures(
            lambda: lambda text: batcher.submit([Message(text)]).result(), stream, clients, seconds
        )
    finally:
        batcher.stop(10)


def multilingual_rows(n: int, english_ms: list[float], english_rate: float) -> list[Row]:
    """The multilingual bundle on German, French and Polish chat, beside the English figures."""
    where = shipped_bundle_path(MULTILINGUAL_BUNDLE_NAME)
    if where is None:
        return []
    messages = other_language_messages(n)
    moderator = Moderator.load(cache_size=0)
    raw = RawModel(where)
    for text in messages[:50]:
        moderator.moderate(text)
        raw.one(text)
    routed = {d.model_version for d in moderator.moderate_batch(messages[:100])}
    rows = []
    lib_ms, raw_ms = timed_each(moderator.moderate, messages), timed_each(raw.one, messages)
    for q in (50, 99):
        ours, english = percentile(lib_ms, q), percentile(english_ms, q)
        rows.append(
            Row(
                f"multilingual batch-1 latency p{q} (ms)",
                f"{ours:.2f}",
                f"{percentile(raw_ms, q):.2f}",
                "",
                f"{ours / english:.2f}x English",
                "",
                None,
            )
        )
    rate, raw_rate = throughput(moderator.moderate_batch, messages, 64), throughput(raw.batch, messages, 64)
    rows.append(
        Row(
            "multilingual batched throughput (msg/s)",
            f"{rate:.0f}",
            f"{raw_rate:.0f}",
            "",
            f"{rate / raw_rate:.0%} of raw, {rate / english_rate:.2f}x English",
            "",
            None,
        )
    )
    print(f"multilingual messages were scored by: {sorted(routed)}", file=sys.stderr)
    return rows


def real_chat_rows(
    data: Path,
    n: int,
    rounds: int,
    uncached: Moderator,
    cached: Moderator,
    raw: RawModel,
    score_command: Callable[[list[str]], None],
) -> list[Row]:
    """The throughput rows again on real game chat (CONDA): distinct messages batched and through
    `safechat score`, and the chat as sent (repeats and all) with the cache, each against the raw
    graph on the same messages in the same run."""
    stream, distinct = real_chat(data, n * rounds)
    distinct = distinct[:n]
    lib_rate, raw_rate = paired_throughput([uncached.moderate_batch, raw.batch], [distinct] * rounds, 64)[:2]
    whole = len(distinct)
    score_rate, raw_all = paired_throughput([score_command, raw.batch], [distinct] * rounds, whole)[:2]
    stream_rate, raw_stream = paired_throughput(
        [cached.moderate_batch, raw.batch], stretches(stream, rounds), 64
    )[:2]
    return [
        share_of_raw("real chat (CONDA), distinct, batched (msg/s)", lib_rate, raw_rate),
        share_of_raw("real chat (CONDA), `safechat score` (msg/s)", score_rate, raw_all),
        Row(
            "real chat (CONDA) as sent, cached (msg/s)",
            f"{stream_rate:.0f}",
            f"{raw_stream:.0f}",
            "n/a",
            f"{stream_rate / raw_stream:.2f}x raw",
            "",
            None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer messages (a smoke run, not for the record)"
    )
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument(
        "--data",
        type=Path,
        help="the shared data folder (../shared/data): also measure real game chat (CONDA)",
    )
    args = parser.parse_args()
    n = 300 if args.quick else 1000
    rounds = 3 if args.quick else 5
    unique = unique_messages(n)
    stream = chat_stream(5 * n * rounds)
    predict = baseline()

    moderator = Moderator.load()
    uncached = Moderator.load(cache_size=0)
    raw = RawModel()
    for text in unique[:50]:  # warm up
        uncached.moderate(text)
        raw.one(text)
    rows: list[Row] = []

    lib_ms = timed_each(lambda t: uncached.moderate(t), unique)
    raw_ms = timed_each(raw.one, unique)
    base_ms = timed_each(lambda t: predict([t]), unique) if predict else []
    for q, target in ((50, 2.5), (99, 6.0)):
        ours, ceiling = percentile(lib_ms, q), percentile(raw_ms, q)
        rows.append(
            Row(
                f"batch-1 latency p{q} (ms)",
                f"{ours:.2f}",
                f"{ceiling:.2f}",
                f"{percentile(base_ms, q):.2f}" if base_ms else "n/a",
                f"{ours / ceiling:.2f}x raw",
                f"<= {target}",
                ours <= target,
            )
        )

    lib_rate, raw_rate, base_rate = paired_throughput(
        [uncached.moderate_batch, raw.batch, predict], [unique] * rounds, 64
    )
    rows.append(
        share_of_raw(
            "batched throughput, unique (msg/s)",
            lib_rate,
            raw_rate,
            f"{base_rate:.0f}" if predict else "n/a",
        )
    )

    def score_command(texts: list[str]) -> None:
        """``safechat score`` on a file of these messages (its read-ahead window sorted by length)."""
        lines = [json.dumps({"id": n, "text": t}) for n, t in enumerate(texts)]
        run_score(uncached, lines, io.StringIO(), io.StringIO())

    score_rate, raw_all = paired_throughput([score_command, raw.batch], [unique] * rounds, len(unique))[:2]
    rows.append(share_of_raw("`safechat score` on a file (msg/s)", score_rate, raw_all))
    # The common short messages stay cached across rounds, as in a running service.
    stream_rate, raw_stream, base_stream = paired_throughput(
        [moderator.moderate_batch, raw.batch, predict], stretches(stream, rounds), 64
    )
    rows.append(
        Row(
            "realistic stream (msg/s)",
            f"{stream_rate:.0f}",
            f"{raw_stream:.0f}",
            f"{base_stream:.0f}" if predict else "n/a",
            f"{stream_rate / raw_stream:.2f}x raw",
            ">= 1500",
            stream_rate >= 1500,
        )
    )

    if args.data is not None:
        rows += real_chat_rows(args.data, n, rounds, uncached, moderator, raw, score_command)

    process, grpc_address, http_address = start_sidecar(http=True)
    try:
        seconds = 10 if args.quick else 20
        side = service_figures(grpc_caller(grpc_address), chat_stream(60_000, seed=7), 16, seconds)
        web = service_figures(http_caller(str(http_address)), chat_stream(60_000, seed=8), 16, seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)
    in_process = batcher_figures(chat_stream(60_000, seed=7), 16, seconds)["concurrent_rate"]
    process, grpc_address, _ = start_sidecar(processes=2)
    try:
        shared = service_figures(grpc_caller(grpc_address), chat_stream(60_000, seed=9), 16, seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)
    rows.append(
        Row(
            "sidecar, 1 client, p50 (ms)",
            f"{side['single_p50']:.2f}",
            "",
            "",
            "",
            "<= 4",
            side["single_p50"] <= 4,
        )
    )
    rows.append(
        Row(
            "sidecar, 16 clients, stream (msg/s)",
            f"{side['concurrent_rate']:.0f}",
            "",
            "",
            f"{side['concurrent_rate'] / stream_rate:.0%} of library; machine "
            f"{side['machine_busy']:.0%} busy, clients {side['client_cores']:.2f} cores",
            ">= 70% of library",
            side["concurrent_rate"] >= 0.7 * stream_rate,
        )
    )
    rows.append(
        Row(
            "sidecar, 16 clients, p99 (ms)",
            f"{side['concurrent_p99']:.1f}",
            "",
            "",
            f"{side['failures']} failed calls",
            "<= 60",
            side["concurrent_p99"] <= 60,
        )
    )
    rows.append(
        Row(
            "micro-batcher without gRPC, 16 threads, stream (msg/s)",
            f"{in_process:.0f}",
            "",
            "",
            f"{in_process / stream_rate:.0%} of library",
            "",
            None,
        )
    )
    rows.append(
        Row(
            "sidecar --processes 2, 16 clients, stream (msg/s)",
            f"{shared['concurrent_rate']:.0f}",
            "",
            "",
            f"{shared['concurrent_rate'] / stream_rate:.0%} of library; machine "
            f"{shared['machine_busy']:.0%} busy, clients {shared['client_cores']:.2f} cores",
            ">= 70% of library",
            shared["concurrent_rate"] >= 0.7 * stream_rate,
        )
    )
    rows.append(
        Row(
            "sidecar --processes 2, 16 clients, p99 (ms)",
            f"{shared['concurrent_p99']:.1f}",
            "",
            "",
            f"{shared['failures']} failed calls",
            "<= 60",
            shared["concurrent_p99"] <= 60,
        )
    )
    rows.append(
        Row(
            "HTTP /v1/moderate, 1 client, p50 (ms)",
            f"{web['single_p50']:.2f}",
            "",
            "",
            f"{web['single_p50'] / side['single_p50']:.2f}x gRPC",
            "",
            None,
        )
    )
    rows.append(
        Row(
            "HTTP, 16 clients, stream (msg/s)",
            f"{web['concurrent_rate']:.0f}",
            "",
            "",
            f"{web['concurrent_rate'] / side['concurrent_rate']:.0%} of gRPC",
            "",
            None,
        )
    )
    rows.append(
        Row(
            "HTTP, 16 clients, p99 (ms)",
            f"{web['concurrent_p99']:.1f}",
            "",
            "",
            f"{web['failures']} failed calls",
            "",
            None,
        )
    )

    rows += multilingual_rows(n, lib_ms, lib_rate)

    peak = in_subprocess(PEAK_MEMORY.format(n=2000))["peak_mb"]
    base_peak = in_subprocess(BASELINE_MEMORY.format(n=2000))["peak_mb"] if predict else 0.0
    rows.append(
        Row(
            "peak memory (MB)",
            f"{peak:.0f}",
            "",
            f"{base_peak:.0f}" if predict else "n/a",
            "",
            "<= 250",
            peak <= 250,
        )
    )
    starts = [in_subprocess(COLD_START) for _ in range(3)]
    cold = statistics.median(s["total"] for s in starts)
    detail = statistics.median(s["import"] for s in starts), statistics.median(s["load"] for s in starts)
    rows.append(
        Row(
            "cold start: import+load+first (s)",
            f"{cold:.2f}",
            "",
            "",
            f"import {detail[0]:.2f} s, load {detail[1]:.2f} s",
            "<= 1.5",
            cold <= 1.5,
        )
    )

    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"onnxruntime {ort.__version__}; model {moderator.model_version}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    table = [
        "| figure | safechat | raw int8 model | alt-profanity-check | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        met = "n/a" if row.met is None else ("yes" if row.met else "**no**")
        table.append(
            f"| {row.name} | {row.safechat} | {row.raw_model} | {row.baseline} | {row.ratio} "
            f"| {row.target} | {met} |"
        )
    text = "\n".join([header, "", *table, ""])
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
