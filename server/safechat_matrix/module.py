"""The Synapse module: every message a local user sends to a room is decided by safechat first.

- ``check_event_allowed`` (third-party rules): ``m.room.message`` events from local users are
  moderated for the room's band (its youngest member's), in the conversation keyed by room and
  sender. Blocked and escalated messages are refused with ``ORG.SAFECHAT.BLOCKED``; a warned
  message is refused once with ``ORG.SAFECHAT.WARNED`` and delivered when sent again; a masked
  message is delivered masked; when no decision comes within ``timeout_s``, a message to a room
  with children is refused with ``ORG.SAFECHAT.UNAVAILABLE`` (fail closed).
- Notices: the writer gets the sender prompt, and readers the recipient prompt with a report
  link, from the server notices room, each in their own language.
- Reports: Matrix event reports (the client's "report" button) are forwarded to safechat's
  report service, each once, and the reporter gets the acknowledgement as a notice.
- ``PUT /_synapse/client/safechat/v1/age_band``: a server admin (or the app with an admin's
  token) sets a user's age band, stored signed in the user's account data.

Message text never reaches a log line or an exception here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from safechat import Action, AgeBand, Label, Prompt, Role
from safechat.conversation import ChatMessage
from safechat.policy.prompts import PromptBook
from safechat.reports.service import InvalidReportField, ReportFields, validate
from safechat.reports.types import MAX_CONTEXT_MESSAGES, MAX_DETAILS_CHARS, MAX_ID_CHARS, ReportReason
from safechat_matrix.backend import Backend, GrpcBackend, InProcessBackend, ModerationFailed, ReportFailed
from safechat_matrix.bands import (
    BAND_TYPE,
    LOCALE_TYPE,
    band_from_record,
    band_record,
    has_children,
    locale_from_record,
    youngest,
)
from safechat_matrix.config import ConfigProblem, ModuleConfig, parse
from safechat_matrix.holds import WarnHolds
from safechat_matrix.outcome import (
    BLOCKED,
    NOT_CHECKABLE,
    UNAVAILABLE,
    WARNED,
    Notice,
    Step,
    Verdict,
    choose,
    unreadable_step,
)

if TYPE_CHECKING:
    from synapse.module_api import EventBase, ModuleApi, SynapseRequest

logger = logging.getLogger("safechat.matrix")

AGE_BAND_PATH = "/_synapse/client/safechat/v1/age_band"
_MEMBERS = ("join", "invite")
_REPORT_BATCH = 50
_FORMATTED = ("format", "formatted_body")


def open_backend(config: ModuleConfig) -> Backend:
    """The backend the configuration names: the sidecar over gRPC, or the SDK in this process."""
    if not config.in_process:
        token = config.token.get_secret_value() if config.token is not None else None
        return GrpcBackend(config.sidecar, timeout_s=config.timeout_s, token=token)
    from safechat import Moderator
    from safechat.conversation import ConversationModerator, open_store

    store_kwargs: dict[str, Any] = {}
    if config.report_store is not None:
        store_kwargs["report_store"] = config.report_store
    moderator = Moderator.load(bundle=config.bundle, policy=config.policy, **store_kwargs)
    conversations = ConversationModerator(moderator, store=open_store(config.conversation_store))
    return InProcessBackend(moderator, conversations, timeout_s=config.timeout_s)


@dataclass(frozen=True, slots=True)
class _Member:
    user_id: str
    band: AgeBand | None
    locale: str | None
    country: str | None


class SafechatModule:
    """A Synapse module (``modules: - module: safechat_matrix.SafechatModule``)."""

    def __init__(self, config: ModuleConfig, api: ModuleApi, *, backend: Backend | None = None) -> None:
        self._config = config
        self._api = api
        self._key = config.band_key.get_secret_value().encode()
        self._holds = WarnHolds(hold_s=config.warn_hold_s)
        self._prompts = PromptBook.load()
        # Synapse has no public module API for server notices; its manager is the one the admin
        # API uses, so notices land in the user's usual "server notices" room.
        self._notices = api._hs.get_server_notices_manager()  # noqa: SLF001
        if not self._notices.is_enabled():
            from synapse.module_api.errors import ConfigError

            raise ConfigError(
                "safechat_matrix needs server notices: set server_notices.system_mxid_localpart "
                "in homeserver.yaml (docs/matrix.md)"
            )
        self._notices_mxid: str = self._notices.server_notices_mxid
        self._backend = backend if backend is not None else open_backend(config)
        self._forwarding = False
        # Calls run on a pool of their own (not Synapse's), never more than max_in_flight at once:
        # a call never waits for a thread, so each message waits at most timeout_s for safechat.
        from twisted.python.threadpool import ThreadPool

        self._in_flight = 0
        self._refusing: str | None = None
        self._refused = 0
        # one more thread than max_in_flight: the report forwarder (one call at a time) never takes a
        # message's thread
        self._threads = ThreadPool(minthreads=0, maxthreads=config.max_in_flight + 1, name="safechat-matrix")
        reactor = api._hs.get_reactor()  # noqa: SLF001
        reactor.callWhenRunning(self._threads.start)
        reactor.addSystemEventTrigger("during", "shutdown", self._threads.stop)
        api.register_third_party_rules_callbacks(check_event_allowed=self.check_event_allowed)
        api.register_web_resource(AGE_BAND_PATH, _age_band_resource(self))
        api.looping_background_call(
            self.forward_reports, config.report_poll_s * 1000, desc="safechat_forward_reports"
        )

    @staticmethod
    def parse_config(raw: Mapping[str, Any]) -> ModuleConfig:
        """Validate the ``config:`` block; Synapse calls this at start-up.

        Raises:
            ConfigError: naming each field path that is wrong.
        """
        from synapse.module_api.errors import ConfigError

        try:
            return parse(raw)
        except ConfigProblem as err:
            raise ConfigError(f"safechat_matrix: {err}") from None

    # ---- messages -------------------------------------------------------------------------

    async def check_event_allowed(
        self, event: EventBase, state_events: Mapping[tuple[str, str], EventBase]
    ) -> tuple[bool, dict[str, Any] | None]:
        """Synapse's third-party rules callback: decide one event before it is sent."""
        if event.type in ("m.room.encrypted", "m.room.encryption"):
            await self._check_encrypted(event, state_events)
            return True, None
        if event.type != "m.room.message" or event.sender == self._notices_mxid:
            return True, None
        if not self._api.is_mine(event.sender):
            return True, None  # other servers' users are their server's to moderate
        content = event.content
        body = content.get("body")
        if not isinstance(body, str) or not body.strip():
            return True, None
        members = await self._members(event, state_events)
        room_band = youngest(m.band for m in members.values())
        if len(body) > self._config.max_text_chars:
            return self._apply(unreadable_step(room_band), event, None, room_band, members, "too_long")
        chat = self._chat(event, body, members, room_band)
        verdict, failure = await self._decide(chat)
        if failure == "invalid":  # safechat refused the input itself (e.g. over its text limit)
            return self._apply(unreadable_step(room_band), event, None, room_band, members, "invalid")
        released = False
        if verdict is not None and verdict.action is Action.WARN:
            released = self._holds.release(event.room_id, event.sender, body)
        step = choose(verdict, room_band=room_band, released=released)
        if step is Step.HOLD_WARN:
            self._holds.hold(event.room_id, event.sender, body)
        return self._apply(step, event, verdict, room_band, members, None)

    async def _decide(self, chat: ChatMessage) -> tuple[Verdict | None, str | None]:
        """safechat's verdict, or ``None`` and why: ``unavailable`` when none comes within the
        timeout (down, slow, failing), ``overloaded`` with ``max_in_flight`` calls already
        waiting, ``invalid`` when safechat refuses the input."""
        kind = "overloaded"
        if self._in_flight < self._config.max_in_flight:
            self._in_flight += 1
            try:
                verdict: Verdict = await self._api.defer_to_threadpool(
                    self._threads, self._backend.moderate, chat
                )
            except ModerationFailed as err:
                kind = err.kind
            else:
                if self._refusing is not None:
                    logger.warning(
                        "safechat answers again after %d messages without a decision", self._refused
                    )
                    self._refusing, self._refused = None, 0
                return verdict, None
            finally:
                self._in_flight -= 1
        # logged once when decisions stop coming (and once when they come back), not per message
        if kind == "invalid":
            return None, kind
        self._refused += 1
        if self._refusing is None:
            self._refusing = kind
            logger.error(
                "safechat gives no decision (%s): messages to rooms with children are refused "
                "(fail closed) until it answers again",
                kind,
            )
        return None, kind

    def _apply(
        self,
        step: Step,
        event: EventBase,
        verdict: Verdict | None,
        room_band: AgeBand,
        members: Mapping[str, _Member],
        unreadable: str | None,
    ) -> tuple[bool, dict[str, Any] | None]:
        from synapse.module_api.errors import SynapseError

        sender = members.get(event.sender) or _Member(event.sender, None, None, None)
        if verdict is not None and step is not Step.HOLD_WARN and verdict.recipient_prompt is not None:
            self._notify_readers(event, verdict.recipient_prompt, members)
        released = step is Step.DELIVER and verdict is not None and verdict.action is Action.WARN
        if verdict is not None and verdict.sender_prompt is not None and not released:
            # the writer hears why (block, mask, warn) or gets help (support), unless they were
            # warned already and chose to send
            self._notify(sender.user_id, Notice.of(verdict.sender_prompt), event, Role.SENDER)
        if step is Step.DELIVER:
            return True, self._plain(event) if has_children(room_band) else None
        if step is Step.DELIVER_MASKED:
            assert verdict is not None and verdict.masked_text is not None
            return True, self._masked(event, verdict.masked_text)
        if step is Step.HOLD_WARN:
            raise SynapseError(
                403,
                "safechat held this message: please think again. Send the same message again to send it.",
                WARNED,
                _prompt_fields(verdict),
            )
        if step is Step.BLOCK:
            raise SynapseError(403, "safechat did not send this message.", BLOCKED, _prompt_fields(verdict))
        if unreadable is not None:
            raise SynapseError(
                403,
                f"safechat cannot check this message ({unreadable}) in a room with children.",
                NOT_CHECKABLE,
            )
        raise SynapseError(
            503,
            "safechat could not check this message in time; it was not sent. Try again soon.",
            UNAVAILABLE,
        )

    async def _check_encrypted(
        self, event: EventBase, state_events: Mapping[tuple[str, str], EventBase]
    ) -> None:
        from synapse.module_api.errors import SynapseError

        if not self._config.refuse_encrypted or not self._api.is_mine(event.sender):
            return
        members = await self._members(event, state_events)
        if has_children(youngest(m.band for m in members.values())):
            raise SynapseError(
                403, "safechat cannot check encrypted messages in a room with children.", NOT_CHECKABLE
            )

    def _chat(
        self, event: EventBase, body: str, members: Mapping[str, _Member], room_band: AgeBand
    ) -> ChatMessage:
        sender = members.get(event.sender) or _Member(event.sender, None, None, None)
        others = [user for user in members if user != event.sender]
        return ChatMessage(
            conversation_id=event.room_id,
            sender=event.sender,
            text=body,
            message_id=event.event_id,
            # a conversation of two is between them; in a group the message is for everyone
            recipient=others[0] if len(others) == 1 else None,
            sender_age_band=sender.band,
            recipient_age_band=room_band,
            locale=sender.locale,
            country=sender.country,
            timestamp=event.origin_server_ts / 1000,
        )

    async def _members(
        self, event: EventBase, state_events: Mapping[tuple[str, str], EventBase]
    ) -> dict[str, _Member]:
        users = {
            key[1]
            for key, state in state_events.items()
            if key[0] == "m.room.member" and state.content.get("membership") in _MEMBERS
        }
        users.add(event.sender)
        users.discard(self._notices_mxid)
        return {user: await self.member(user) for user in sorted(users)}

    async def member(self, user_id: str) -> _Member:
        """A user's verified band and language (unknown for users of other servers)."""
        if not self._api.is_mine(user_id):
            return _Member(user_id, None, None, None)
        data = self._api.account_data_manager
        band = band_from_record(self._key, user_id, await data.get_global(user_id, BAND_TYPE))
        locale, country = locale_from_record(await data.get_global(user_id, LOCALE_TYPE))
        return _Member(user_id, band, locale, country)

    @staticmethod
    def _plain(event: EventBase) -> dict[str, Any] | None:
        """In a room with children, HTML formatting is dropped: what safechat read is what is shown."""
        content = dict(event.content)
        if not any(key in content for key in _FORMATTED):
            return None
        for key in _FORMATTED:
            content.pop(key, None)
        return {**event.get_dict(), "content": content}

    @staticmethod
    def _masked(event: EventBase, masked: str) -> dict[str, Any]:
        content = {k: v for k, v in event.content.items() if k not in _FORMATTED}
        content["body"] = masked
        new = content.get("m.new_content")
        if isinstance(new, Mapping):
            replaced = {k: v for k, v in new.items() if k not in _FORMATTED}
            replaced["body"] = masked.removeprefix("* ")
            content["m.new_content"] = replaced
        return {**event.get_dict(), "content": content}

    # ---- notices --------------------------------------------------------------------------

    def _notify_readers(self, event: EventBase, prompt: Prompt, members: Mapping[str, _Member]) -> None:
        for member in members.values():
            if member.user_id == event.sender or not self._api.is_mine(member.user_id):
                continue
            self._notify(member.user_id, self._reader_notice(prompt, member), event, Role.RECIPIENT)

    def _reader_notice(self, prompt: Prompt, member: _Member) -> Notice:
        """The recipient prompt in the reader's own language and band, where it differs."""
        if member.locale is None or prompt.label in (None, Label.SELF_HARM):
            return Notice.of(prompt)
        if member.locale.split("-")[0].split("_")[0].lower() == prompt.locale and member.country is None:
            return Notice.of(prompt)
        return Notice.of(
            self._prompts.render(
                label=prompt.label,
                role=Role.RECIPIENT,
                age_band=member.band,
                locale=member.locale,
                country=member.country,
            )
        )

    def _notify(self, user_id: str, notice: Notice, event: EventBase, role: Role) -> None:
        link = self._config.report_url.format(room_id=event.room_id, event_id=event.event_id)
        body = notice.text if role is Role.SENDER else f"{notice.text}\n\n{link}"
        content = {
            "msgtype": "m.notice",
            "body": body,
            "org.safechat.notice": {
                "role": role.value,
                "label": notice.label.value if notice.label is not None else None,
                "locale": notice.locale,
                "room_id": event.room_id,
                "event_id": event.event_id,
                **({"report_url": link} if role is Role.RECIPIENT else {}),
            },
        }
        self._api.run_as_background_process("safechat_notice", self._send_notice, user_id, content)

    async def _send_notice(self, user_id: str, content: dict[str, Any]) -> None:
        try:
            await self._notices.send_notice(user_id, content)
        except Exception as err:  # a notice that fails must not fail the message
            logger.error("a safechat notice could not be sent (%s)", type(err).__name__)

    # ---- reports --------------------------------------------------------------------------

    async def forward_reports(self) -> None:
        """Forward Matrix event reports not forwarded yet, oldest first, each once.

        A report the backend does not store stops the round; it is tried again next round
        with the same idempotency key (stored once)."""
        if self._forwarding:
            return
        self._forwarding = True
        try:
            rows = await self._api.run_db_interaction("safechat_new_reports", _new_reports_txn, _REPORT_BATCH)
            for row in rows:
                fields = await self._report_fields(row)
                if fields is not None:
                    try:
                        filed = await self._api.defer_to_threadpool(
                            self._threads, self._backend.report, fields
                        )
                    except ReportFailed as err:
                        logger.error(
                            "a Matrix report could not be stored in safechat (%s); retrying later", err
                        )
                        return
                    await self._notices.send_notice(fields.reporter_id, _ack_content(filed.acknowledgement))
                await self._api.run_db_interaction("safechat_report_done", _advance_txn, row.report_id)
        except Exception as err:
            logger.error("forwarding Matrix reports failed (%s); retrying later", type(err).__name__)
        finally:
            self._forwarding = False

    async def _report_fields(self, row: _ReportRow) -> ReportFields | None:
        reporter = await self.member(row.reporter_id)
        reason_text = (row.reason or "").strip()
        known = {reason.value for reason in ReportReason}
        reason = ReportReason(reason_text.lower()) if reason_text.lower() in known else ReportReason.OTHER
        details = reason_text[:MAX_DETAILS_CHARS] if reason_text and reason is ReportReason.OTHER else None
        text = row.body[: self._config.max_text_chars] if row.body else None
        try:
            return validate(
                reporter_id=row.reporter_id[:MAX_ID_CHARS],
                reported_id=(row.sender or "unknown")[:MAX_ID_CHARS],
                reason=reason,
                details=details,
                conversation_id=row.room_id[:MAX_ID_CHARS],
                message_id=row.event_id[:MAX_ID_CHARS],
                text=text,
                context=[line[: self._config.max_text_chars] for line in row.context],
                age_band=reporter.band,
                locale=reporter.locale or "en",
                country=reporter.country,
                idempotency_key=f"matrix-report:{self._api.server_name}:{row.report_id}",
                max_text_chars=self._config.max_text_chars,
            )
        except InvalidReportField as err:
            logger.error("Matrix report %d cannot be forwarded: %s %s", row.report_id, err.field, err.problem)
            return None

    # ---- age bands ------------------------------------------------------------------------

    async def set_age_band(self, request: SynapseRequest) -> tuple[int, dict[str, str]]:
        """``PUT`` handler: ``{"user_id": "@u:server", "age_band": "under_13"}``, admins only."""
        from synapse.module_api import parse_json_object_from_request
        from synapse.module_api.errors import Codes, SynapseError

        requester = await self._api.get_user_by_req(request)
        if not await self._api.is_user_admin(requester.user.to_string()):
            raise SynapseError(403, "only server admins can set age bands", Codes.FORBIDDEN)
        body = parse_json_object_from_request(request)
        user_id, name = body.get("user_id"), body.get("age_band")
        if not isinstance(user_id, str) or not self._api.is_mine(user_id):
            raise SynapseError(400, "user_id must be a user of this server", Codes.INVALID_PARAM)
        if not isinstance(name, str) or not AgeBand.is_known(name):
            bands = ", ".join(band.value for band in AgeBand)
            raise SynapseError(400, f"age_band must be one of {bands}", Codes.INVALID_PARAM)
        if await self._api.check_user_exists(user_id) is None:
            raise SynapseError(404, "no such user", Codes.NOT_FOUND)
        band = AgeBand(name)
        await self._api.account_data_manager.put_global(
            user_id, BAND_TYPE, band_record(self._key, user_id, band)
        )
        return 200, {"user_id": user_id, "age_band": band.value}

    def close(self) -> None:
        """Release the backend (tests; Synapse itself never unloads modules)."""
        self._backend.close()


def _prompt_fields(verdict: Verdict | None) -> dict[str, Any]:
    prompt = verdict.sender_prompt if verdict is not None else None
    if prompt is None:
        return {}
    return {"org.safechat.prompt": {"text": prompt.text, "locale": prompt.locale, "rule": prompt.rule}}


def _ack_content(prompt: Prompt) -> dict[str, Any]:
    notice = Notice.of(prompt)
    return {"msgtype": "m.notice", "body": notice.text, "org.safechat.notice": {"role": "reporter"}}


@dataclass(frozen=True, slots=True)
class _ReportRow:
    report_id: int
    room_id: str
    event_id: str
    reporter_id: str
    reason: str | None
    sender: str | None
    body: str | None
    context: tuple[str, ...] = ()


_CURSOR_TABLE = "safechat_matrix_cursor"


def _new_reports_txn(txn: Any, limit: int) -> list[_ReportRow]:
    txn.execute(
        f"CREATE TABLE IF NOT EXISTS {_CURSOR_TABLE} (name TEXT PRIMARY KEY, last_id BIGINT NOT NULL)"
    )
    txn.execute(f"SELECT last_id FROM {_CURSOR_TABLE} WHERE name = ?", ("event_reports",))
    found = txn.fetchone()
    last = int(found[0]) if found else 0
    txn.execute(
        "SELECT r.id, r.room_id, r.event_id, r.user_id, r.reason, j.json FROM event_reports AS r"
        " LEFT JOIN event_json AS j ON j.event_id = r.event_id WHERE r.id > ? ORDER BY r.id LIMIT ?",
        (last, limit),
    )
    rows = []
    for report_id, room_id, event_id, user_id, reason, raw in txn.fetchall():
        sender, body = _sender_and_body(raw)
        context = _context_txn(txn, room_id, event_id)
        rows.append(_ReportRow(int(report_id), room_id, event_id, user_id, reason, sender, body, context))
    return rows


def _context_txn(txn: Any, room_id: str, event_id: str) -> tuple[str, ...]:
    """The texts of up to 10 messages before ``event_id`` in its room, oldest first (redacted
    messages left out): the conversation a reviewer reads the report in."""
    txn.execute(
        "SELECT j.json FROM events AS e JOIN event_json AS j ON j.event_id = e.event_id"
        " LEFT JOIN redactions AS x ON x.redacts = e.event_id"
        " WHERE e.room_id = ? AND e.type = 'm.room.message' AND x.redacts IS NULL"
        " AND e.stream_ordering < (SELECT stream_ordering FROM events WHERE event_id = ?)"
        " ORDER BY e.stream_ordering DESC LIMIT ?",
        (room_id, event_id, MAX_CONTEXT_MESSAGES),
    )
    texts = [body for _sender, body in (_sender_and_body(raw) for (raw,) in txn.fetchall()) if body]
    return tuple(reversed(texts))


def _sender_and_body(raw: str | None) -> tuple[str | None, str | None]:
    try:
        event = json.loads(raw) if raw else {}
    except ValueError:
        return None, None
    if not isinstance(event, dict):
        return None, None
    sender = event.get("sender")
    content = event.get("content")
    body = content.get("body") if isinstance(content, dict) else None
    return (sender if isinstance(sender, str) else None), (body if isinstance(body, str) else None)


def _advance_txn(txn: Any, report_id: int) -> None:
    txn.execute(
        f"INSERT INTO {_CURSOR_TABLE} (name, last_id) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id",
        ("event_reports", report_id),
    )


def _age_band_resource(module: SafechatModule) -> Any:
    from synapse.module_api import DirectServeJsonResource

    class AgeBandResource(DirectServeJsonResource):  # type: ignore[misc]
        async def _async_render_PUT(self, request: SynapseRequest) -> tuple[int, dict[str, str]]:  # noqa: N802
            return await module.set_age_band(request)

        async def _async_render_POST(self, request: SynapseRequest) -> tuple[int, dict[str, str]]:  # noqa: N802
            return await module.set_age_band(request)

    return AgeBandResource()
