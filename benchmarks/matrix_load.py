"""Messages per second through a real Synapse, with and without the safechat module, and the
latency the module adds (issue 27).

    python -m benchmarks.matrix_load [--messages 400] [--senders 8] [--timeout-s 0.5]

Needs the ``matrix`` extra. Starts `safechat serve` (real model, one process) and, for each mode,
a fresh loopback Synapse on SQLite (tests/matrix/homeserver.py). Each sender is a matrix-nio
client with a room of its own with a child (``under_13``; the writer is an adult), sending its
share of unique chat-like messages (benchmarks/corpus.py: no decision-cache hits) one after
another; all senders run at once. A send's latency is from the PUT to Synapse's answer, whether
it delivered the message or refused it. The same texts go through both modes. Prints one JSON
object per mode.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from benchmarks.corpus import unique_messages
from benchmarks.sidecar import start_sidecar
from tests.matrix.homeserver import (
    Account,
    Homeserver,
    register,
    running_homeserver,
    safechat_module,
    set_band,
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _send_all(
    server: Homeserver, pairs: list[tuple[Account, Account]], texts: list[str], warm: int
) -> dict[str, Any]:
    from nio import AsyncClient, RoomCreateResponse

    clients: list[tuple[Any, str]] = []
    others: list[Any] = []
    for writer, child in pairs:
        a = AsyncClient(server.url, writer.user_id)
        a.restore_login(writer.user_id, writer.device_id, writer.token)
        c = AsyncClient(server.url, child.user_id)
        c.restore_login(child.user_id, child.device_id, child.token)
        room = await a.room_create(invite=[child.user_id])
        assert isinstance(room, RoomCreateResponse), room
        await c.join(room.room_id)
        clients.append((a, room.room_id))
        others.append(c)
    shares = [texts[i :: len(pairs)] for i in range(len(pairs))]
    latencies: list[float] = []
    outcomes: dict[str, int] = {}

    async def sender(index: int) -> None:
        client, room_id = clients[index]
        for position, text in enumerate(shares[index]):
            started = time.perf_counter()
            answer = await client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": text})
            elapsed = time.perf_counter() - started
            if position < warm:
                continue
            latencies.append(elapsed)
            outcome = (
                "delivered" if getattr(answer, "event_id", None) else str(getattr(answer, "status_code", "?"))
            )
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(sender(i) for i in range(len(pairs))))
    wall = time.perf_counter() - started
    for client, _room in clients:
        await client.close()
    for client in others:
        await client.close()
    # the warm-up sends are in the wall time: count them in the rate too
    return {
        "messages": len(latencies),
        "messages_per_s": round(len(texts) / wall, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "outcomes": outcomes,
    }


def run_mode(
    modules: list[dict[str, Any]], *, senders: int, texts: list[str], warm: int, bands: bool
) -> dict[str, Any]:
    with running_homeserver(modules) as server:
        admin = register(server, "admin", admin=True)
        pairs = []
        for _ in range(senders):
            writer, child = register(server, "writer"), register(server, "child")
            if bands:
                set_band(server, admin, writer, "adult")
                set_band(server, admin, child, "under_13")
            pairs.append((writer, child))
        return asyncio.run(_send_all(server, pairs, texts, warm))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=400, help="messages measured per mode")
    parser.add_argument("--senders", type=int, default=8, help="concurrent senders, each in its own room")
    parser.add_argument("--timeout-s", type=float, default=0.5, help="the module's timeout_s")
    args = parser.parse_args()
    warm = 4
    texts = unique_messages(args.messages + warm * args.senders, seed=27)
    sidecar, address, _ = start_sidecar()
    try:
        without = run_mode([], senders=args.senders, texts=texts, warm=warm, bands=False)
        print(json.dumps({"mode": "synapse", **without}), flush=True)
        module = safechat_module(address, timeout_s=args.timeout_s)
        with_module = run_mode([module], senders=args.senders, texts=texts, warm=warm, bands=True)
        print(json.dumps({"mode": "synapse+safechat", **with_module}), flush=True)
        added = {
            "p50_ms_added": round(with_module["p50_ms"] - without["p50_ms"], 1),
            "p99_ms_added": round(with_module["p99_ms"] - without["p99_ms"], 1),
        }
        print(json.dumps({"mode": "difference", **added}), flush=True)
    finally:
        sidecar.terminate()
        sidecar.wait(timeout=30)


if __name__ == "__main__":
    main()
