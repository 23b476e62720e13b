"""A bounded soak of the sidecar: many concurrent clients on loopback for a while, watching the
server's memory and every call's outcome.

    python -m benchmarks.soak [--seconds 60] [--clients 32]

Passes when no call failed and the server's resident memory after warm-up grew by less than
10% (and 20 MB) by the end. Exit code 0 on pass, 1 on fail.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import Counter

import grpc

from benchmarks.corpus import chat_stream
from benchmarks.sidecar import start_sidecar
from safechat.v1 import moderation_pb2 as pb
from safechat.v1 import moderation_pb2_grpc as pb_grpc


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    server, address, _ = start_sidecar()
    stream = chat_stream(200_000, seed=11)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def client(offset: int) -> None:
        channel = grpc.insecure_channel(address)
        stub = pb_grpc.ModerationStub(channel)
        local: Counter[str] = Counter()
        i = offset
        while time.monotonic() < stop:
            try:
                stub.Moderate(pb.ModerateRequest(text=stream[i % len(stream)]), timeout=5)
                local["ok"] += 1
            except grpc.RpcError as err:
                local[err.code().name] += 1
            i += args.clients
        channel.close()
        with lock:
            outcomes.update(local)

    samples: list[tuple[float, float]] = []
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        samples.append((time.monotonic() - began, rss_mb(server.pid)))
        time.sleep(min(5.0, max(0.5, args.seconds / 12)))
    for thread in threads:
        thread.join()
    server.terminate()
    exit_code = server.wait(timeout=30)
    warm = [mb for t, mb in samples if t >= min(10.0, args.seconds / 4)] or [samples[-1][1]]
    growth = warm[-1] - warm[0]
    failed = sum(count for name, count in outcomes.items() if name != "ok")
    passed = failed == 0 and growth < min(0.1 * warm[0], 20.0)
    report = {
        "seconds": args.seconds,
        "clients": args.clients,
        "calls": sum(outcomes.values()),
        "calls_per_s": round(sum(outcomes.values()) / args.seconds, 1),
        "outcomes": dict(outcomes),
        "rss_mb_after_warmup": round(warm[0], 1),
        "rss_mb_end": round(warm[-1], 1),
        "rss_mb_max": round(max(mb for _, mb in samples), 1),
        "growth_mb": round(growth, 1),
        "server_exit_code": exit_code,
        "passed": passed,
    }
    print(json.dumps(report, indent=2))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
