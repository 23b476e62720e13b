"""End to end: Matrix clients (matrix-nio) talk through a real Synapse running the safechat module.

Each test makes its own accounts and rooms, so the tests run in any order.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.matrix.conftest import TIMEOUT_S, Sidecar
from tests.matrix.homeserver import NOTICES, Account, Homeserver, quote, wait_for

pytestmark = pytest.mark.matrix

NOTICE_SENDER = f"@{NOTICES}:localhost"


class Client:
    """A logged-in matrix-nio client that remembers every timeline event it has synced."""

    def __init__(self, server: Homeserver, account: Account) -> None:
        from nio import AsyncClient

        self.account = account
        self.nio = AsyncClient(server.url, account.user_id)
        self.nio.restore_login(account.user_id, account.device_id, account.token)
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._since: str | None = None

    async def sync(self) -> None:
        from nio import SyncResponse

        response = await self.nio.sync(timeout=300, since=self._since)
        assert isinstance(response, SyncResponse), response
        self._since = response.next_batch
        for room_id in response.rooms.invite:
            await self.nio.join(room_id)
        for room_id, room in response.rooms.join.items():
            self.events.extend((room_id, event.source) for event in room.timeline.events)

    async def wait_event(
        self, what: str, match: Callable[[str, dict[str, Any]], bool], timeout: float = 30
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for room_id, event in self.events:
                if match(room_id, event):
                    return event
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.account.user_id} never saw {what}")
            await self.sync()

    async def notice(self, role: str, event_room: str) -> dict[str, Any]:
        """The safechat notice for ``role`` about a message in ``event_room``."""

        def match(_room: str, event: dict[str, Any]) -> bool:
            meta = event.get("content", {}).get("org.safechat.notice", {})
            return (
                event.get("sender") == NOTICE_SENDER
                and meta.get("role") == role
                and meta.get("room_id") == event_room
            )

        return await self.wait_event(f"a {role} notice", match)

    async def send(self, room_id: str, text: str) -> Any:
        return await self.nio.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": text})

    async def room(self, *others: Client, name: str) -> str:
        from nio import RoomCreateResponse

        created = await self.nio.room_create(name=name, invite=[o.account.user_id for o in others])
        assert isinstance(created, RoomCreateResponse), created
        for other in others:
            joined = await other.nio.join(created.room_id)
            assert getattr(joined, "room_id", None) == created.room_id, joined
        return str(created.room_id)

    async def close(self) -> None:
        await self.nio.close()


def run(server: Homeserver, accounts: list[Account], scenario: Callable[..., Any]) -> Any:
    """Run ``scenario(*clients)`` with one client per account, closing them after."""

    async def main() -> Any:
        clients = [Client(server, account) for account in accounts]
        try:
            return await scenario(*clients)
        finally:
            for client in clients:
                await client.close()

    return asyncio.run(main())


def messages_in(client: Client, room_id: str) -> list[str]:
    return [
        e["content"].get("body", "")
        for r, e in client.events
        if r == room_id and e.get("type") == "m.room.message"
    ]


def test_an_adult_probing_a_childs_age_and_school_is_escalated_and_the_child_sees_the_prompt(
    homeserver: Homeserver, accounts: Callable[..., Account], sidecar: Sidecar
) -> None:
    from safechat.reports.store import open_report_store
    from safechat.reports.types import ReportFilter

    adult, child = accounts("adult", "adult"), accounts("child", "under_13")

    async def scenario(a: Client, c: Client) -> str:
        room = await a.room(c, name="dm")
        sent = await a.send(room, "hey how old are you? which school do you go to?")
        assert getattr(sent, "status_code", None) == "ORG.SAFECHAT.BLOCKED", sent
        notice = await c.notice("recipient", room)
        assert notice["content"]["body"].strip()
        assert "how old" not in notice["content"]["body"]  # the prompt, not the message
        assert notice["content"]["org.safechat.notice"]["report_url"].startswith("https://matrix.to/#/")
        await c.sync()
        assert not any("how old" in body for body in messages_in(c, room))  # never delivered
        return room

    room = run(homeserver, [adult, child], scenario)
    store = open_report_store(sidecar.store_url)
    try:  # escalated: held, and queued for a person by the sidecar, with the writer's id
        (review,) = [r for r in store.list(ReportFilter(conversation_id=room)) if r.review is not None]
    finally:
        store.close()
    assert review.reported_id == adult.user_id
    assert review.evidence.action.value == "escalate"
    assert review.message_id and review.message_id.startswith("$")


def test_bullying_in_a_group_with_a_12_year_old_is_blocked_and_the_sender_is_told_in_their_language(
    homeserver: Homeserver, accounts: Callable[..., Account]
) -> None:
    sender = accounts("bully", "13_15", locale="fr")
    kid, other = accounts("kid", "under_13"), accounts("teen", "16_17")

    async def scenario(s: Client, k: Client, o: Client) -> None:
        room = await s.room(k, o, name="group")
        sent = await s.send(room, "you're so ugly and stupid, nobody likes you, just leave the group loser")
        assert getattr(sent, "status_code", None) == "ORG.SAFECHAT.BLOCKED", sent
        notice = await s.notice("sender", room)
        assert notice["content"]["org.safechat.notice"]["locale"] == "fr"
        assert "loser" not in notice["content"]["body"]
        fine = await s.send(room, "see you all at practice tomorrow")
        assert getattr(fine, "event_id", None), fine
        await k.wait_event(
            "the harmless message", lambda r, e: r == room and "practice" in e["content"].get("body", "")
        )
        assert not any("loser" in body for body in messages_in(k, room))

    run(homeserver, [sender, kid, other], scenario)


def test_a_phone_number_is_masked(homeserver: Homeserver, accounts: Callable[..., Account]) -> None:
    writer, reader = accounts("writer", "13_15"), accounts("reader", "13_15")

    async def scenario(w: Client, r: Client) -> None:
        room = await w.room(r, name="numbers")
        sent = await w.send(room, "call me on 07700 900123 after school")
        assert getattr(sent, "event_id", None), sent
        event = await r.wait_event(
            "the masked message",
            lambda rid, e: rid == room and "after school" in e["content"].get("body", ""),
        )
        assert "07700" not in event["content"]["body"] and "900123" not in event["content"]["body"]
        assert "*" in event["content"]["body"]

    run(homeserver, [writer, reader], scenario)


def test_a_matrix_report_lands_in_safechats_report_store(
    homeserver: Homeserver, accounts: Callable[..., Account], sidecar: Sidecar
) -> None:
    from safechat.reports.store import open_report_store
    from safechat.reports.types import ReportFilter

    older, younger = accounts("older", "16_17"), accounts("younger", "13_15")

    async def scenario(o: Client, y: Client) -> tuple[str, str]:
        room = await o.room(y, name="report")
        for earlier in ("did you finish the maths homework", "why are you ignoring me"):
            assert getattr(await o.send(room, earlier), "event_id", None)
        sent = await o.send(room, "nobody at school would miss you")
        assert getattr(sent, "event_id", None), sent  # delivered, and reported by the reader
        status, body = homeserver.api(
            "POST",
            f"/_matrix/client/v3/rooms/{quote(room)}/report/{quote(sent.event_id)}",
            {"reason": "bullying", "score": -100},
            token=y.account.token,
        )
        assert status == 200, body
        ack = await y.wait_event(
            "the report's acknowledgement",
            lambda _r, e: e.get("content", {}).get("org.safechat.notice", {}).get("role") == "reporter",
        )
        assert ack["content"]["body"].strip()
        return room, sent.event_id

    room, event_id = run(homeserver, [older, younger], scenario)
    store = open_report_store(sidecar.store_url)
    try:
        report = wait_for(
            "the forwarded report",
            lambda: next(
                (r for r in store.list(ReportFilter(conversation_id=room)) if r.review is None), None
            ),
        )
    finally:
        store.close()
    assert report.reporter_id == younger.user_id
    assert report.reported_id == older.user_id
    assert report.message_id == event_id
    assert report.reason.value == "bullying"
    assert report.evidence.text == "nobody at school would miss you"
    assert report.evidence.context == ("did you finish the maths homework", "why are you ignoring me")
    assert report.age_band.value == "13_15"


def test_with_the_sidecar_stopped_messages_to_a_childs_room_are_refused_within_the_timeout(
    homeserver: Homeserver, accounts: Callable[..., Account], sidecar: Sidecar
) -> None:
    parent, child = accounts("parent", "adult"), accounts("little", "under_13")
    adult_a, adult_b = accounts("adulta", "adult"), accounts("adultb", "adult")

    async def scenario(p: Client, c: Client, x: Client, y: Client) -> None:
        room = await p.room(c, name="family")
        grown_ups = await x.room(y, name="adults")
        sidecar.stop()
        try:
            started = time.monotonic()
            refused = await p.send(room, "dinner is at six")
            elapsed = time.monotonic() - started
            assert getattr(refused, "status_code", None) == "ORG.SAFECHAT.UNAVAILABLE", refused
            assert elapsed < TIMEOUT_S + 1.5, elapsed
            between_adults = await x.send(grown_ups, "dinner is at six")
            assert getattr(between_adults, "event_id", None), between_adults  # fails closed only for children
        finally:
            sidecar.start()

        async def delivered() -> Any:
            deadline = time.monotonic() + 30
            while True:
                answer = await p.send(room, "dinner is at six")
                if getattr(answer, "event_id", None):
                    return answer
                assert time.monotonic() < deadline, f"the restarted sidecar was never used: {answer}"
                await asyncio.sleep(0.2)

        await delivered()

    run(homeserver, [parent, child, adult_a, adult_b], scenario)


def test_a_warned_message_is_held_once_and_sent_when_sent_again(
    homeserver: Homeserver, accounts: Callable[..., Account]
) -> None:
    a, b = accounts("warna", "13_15"), accounts("warnb", "13_15")
    text = "my insta is in my bio, add me"

    async def scenario(x: Client, y: Client) -> None:
        room = await x.room(y, name="warn")
        first = await x.send(room, text)
        assert getattr(first, "status_code", None) == "ORG.SAFECHAT.WARNED", first
        second = await x.send(room, text)
        assert getattr(second, "event_id", None), second

    run(homeserver, [a, b], scenario)


def test_a_band_a_user_writes_themselves_is_not_trusted(
    homeserver: Homeserver, accounts: Callable[..., Account]
) -> None:
    kid, friend = accounts("selfset", None), accounts("friend", "adult")
    path = f"/_matrix/client/v3/user/{quote(kid.user_id)}/account_data/org.safechat.age_band"
    status, _ = homeserver.api("PUT", path, {"age_band": "adult", "signature": "0" * 64}, token=kid.token)
    assert status == 200
    status, body = homeserver.api(
        "PUT",
        "/_synapse/client/safechat/v1/age_band",
        {"user_id": kid.user_id, "age_band": "adult"},
        token=kid.token,
    )
    assert status == 403, body  # only admins set bands

    async def scenario(k: Client, f: Client) -> None:
        room = await f.room(k, name="unsigned")
        # between adults this would be a warning; with a child of unknown age it is escalated
        sent = await f.send(room, "hey how old are you? which school do you go to?")
        assert getattr(sent, "status_code", None) == "ORG.SAFECHAT.BLOCKED", sent

    run(homeserver, [kid, friend], scenario)


@pytest.fixture(scope="module")
def in_process_homeserver(matrix_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A second Synapse whose module runs the safechat SDK in its own process (no sidecar)."""
    from tests.matrix.homeserver import running_homeserver, safechat_module

    store = tmp_path_factory.mktemp("in-process") / "reports.db"
    module = safechat_module("127.0.0.1:1", in_process=True, report_store=f"sqlite:///{store}", timeout_s=10)
    with running_homeserver([module]) as server:
        yield server


def test_the_module_can_run_the_sdk_inside_synapse(in_process_homeserver: Homeserver) -> None:
    from tests.matrix.homeserver import register, set_band

    server = in_process_homeserver
    admin, writer, child = register(server, "admin", admin=True), register(server, "w"), register(server, "c")
    set_band(server, admin, writer, "13_15")
    set_band(server, admin, child, "under_13")

    async def scenario(w: Client, c: Client) -> None:
        room = await w.room(c, name="in-process")
        blocked = await w.send(
            room, "you're so ugly and stupid, nobody likes you, just leave the group loser"
        )
        assert getattr(blocked, "status_code", None) == "ORG.SAFECHAT.BLOCKED", blocked
        masked = await w.send(room, "call me on 07700 900123 after school")
        assert getattr(masked, "event_id", None), masked
        event = await c.wait_event(
            "the masked message", lambda r, e: r == room and "after" in e["content"].get("body", "")
        )
        assert "900123" not in event["content"]["body"]

    run(server, [writer, child], scenario)


def test_what_safechat_cannot_read_is_refused_in_a_childs_room_only(
    homeserver: Homeserver, accounts: Callable[..., Account]
) -> None:
    parent, child = accounts("readp", "adult"), accounts("readc", "13_15")
    adult_a, adult_b = accounts("reada", "adult"), accounts("readb", "adult")
    long_text = "see you at practice " * 300  # 6000 characters, over the 4096 checked
    encrypted = {
        "algorithm": "m.megolm.v1.aes-sha2",
        "ciphertext": "AwgAEnA",
        "session_id": "s",
        "device_id": "D",
    }

    async def scenario(p: Client, c: Client, x: Client, y: Client) -> None:
        family, grown_ups = await p.room(c, name="family"), await x.room(y, name="adults")
        for room, refused in ((family, True), (grown_ups, False)):
            sender = p if room == family else x
            answers = [
                await sender.send(room, long_text),
                await sender.nio.room_send(room, "m.room.encrypted", encrypted),
            ]
            for answer in answers:
                if refused:
                    assert getattr(answer, "status_code", None) == "ORG.SAFECHAT.NOT_CHECKABLE", answer
                else:
                    assert getattr(answer, "event_id", None), answer

    run(homeserver, [parent, child, adult_a, adult_b], scenario)
