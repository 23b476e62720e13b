"""A small children's chat that moderates every message through the safechat server.

Two or more people open the page in their browsers, pick a name and an age band, and talk in
one room. Each message goes to safechat's HTTP API (``POST /v1/moderate``) before anyone sees it:

* the writer sees the sender prompt: *rethink* (warn: edit it, or send it anyway) or why it was
  blocked;
* the readers see the message (masked where safechat masked it) or a note that a message was
  hidden, with the recipient prompt and its buttons: **Report** (``POST /v1/reports``: the report
  lands in the review console's queue), **Block** (hide that person) and **Get help** (the
  helpline from the prompt).

Run it beside a sidecar with the HTTP API and the console::

    safechat serve --http-port 8080 --console
    python examples/chat_demo/app.py --safechat http://127.0.0.1:8080 --port 8000

State lives in this process's memory: a demo, not a chat service. The message text is sent to
safechat and kept here only for the room's history; it is never logged.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

STATIC = Path(__file__).parent / "static"
ROOM = "demo-room"
BANDS = ("under_13", "13_15", "16_17", "adult")
BAND_ORDER = {band: index for index, band in enumerate(BANDS)}
CONTEXT_MESSAGES = 5
DELIVERED = ("allow", "mask")


class SafechatUnavailable(Exception):
    """The safechat server did not answer (or answered with an error)."""


class SafechatClient:
    """The two calls the demo makes to safechat's HTTP API."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout_s: float = 10.0) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout_s

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self._base + path,
            data=json.dumps(body).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        if self._token:
            request.add_header("authorization", f"Bearer {self._token}")
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except (urllib.error.URLError, OSError, ValueError) as err:
            raise SafechatUnavailable(type(err).__name__) from None

    def moderate(self, **fields: Any) -> dict[str, Any]:
        return self._post("/v1/moderate", fields)["decision"]  # type: ignore[no-any-return]

    def report(self, **fields: Any) -> dict[str, Any]:
        return self._post("/v1/reports", fields)


@dataclass
class User:
    user_id: str
    name: str
    age_band: str
    blocked: set[str] = field(default_factory=set)


@dataclass
class Message:
    seq: int
    message_id: str
    sender: User
    text: str  # what the writer wrote (kept for reports; readers get ``shown``)
    shown: str | None  # what readers see; None when safechat did not deliver it
    action: str
    recipient_prompt: dict[str, Any] | None


class JoinBody(BaseModel):
    name: str = Field(min_length=1, max_length=30)
    age_band: Literal["under_13", "13_15", "16_17", "adult"]


class SendBody(BaseModel):
    user_id: str
    text: str = Field(min_length=1, max_length=2000)
    send_anyway: bool = False


class ReportBody(BaseModel):
    user_id: str
    message_id: str


class BlockBody(BaseModel):
    user_id: str
    blocked_id: str


class ChatRoom:
    """One room; thread-safe."""

    def __init__(self, safechat: SafechatClient) -> None:
        self.safechat = safechat
        self.users: dict[str, User] = {}
        self.messages: list[Message] = []
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def user(self, user_id: str) -> User:
        with self._lock:
            found = self.users.get(user_id)
        if found is None:
            raise HTTPException(404, "join the room first")
        return found

    def join(self, name: str, age_band: str) -> User:
        user = User(f"u-{uuid.uuid4().hex[:8]}", name.strip(), age_band)
        with self._lock:
            self.users[user.user_id] = user
        return user

    def youngest_reader(self, sender: User) -> str:
        with self._lock:
            readers = [u.age_band for u in self.users.values() if u.user_id != sender.user_id]
        return min(readers or [sender.age_band], key=BAND_ORDER.__getitem__)

    def send(self, sender: User, text: str, *, send_anyway: bool) -> dict[str, Any]:
        message_id = f"m-{uuid.uuid4().hex[:12]}"
        decision = self.safechat.moderate(
            text=text,
            age_band=self.youngest_reader(sender),
            message_id=message_id,
            sender_id=sender.user_id,
            conversation_id=ROOM,
        )
        action = decision["action"]
        delivered = action in DELIVERED or (action == "warn" and send_anyway)
        if action == "warn" and not send_anyway:
            # rethink: nothing is delivered until the writer edits it or sends it anyway
            return {"delivered": False, "action": action, "sender_prompt": decision["sender_prompt"]}
        shown = (decision.get("masked_text") or text) if delivered else None
        message = Message(
            next(self._seq), message_id, sender, text, shown, action, decision.get("recipient_prompt")
        )
        with self._lock:
            self.messages.append(message)
        return {
            "delivered": delivered,
            "action": action,
            "sender_prompt": decision["sender_prompt"],
            "message_id": message_id,
        }

    def feed(self, reader: User, after: int) -> list[dict[str, Any]]:
        with self._lock:
            messages = [m for m in self.messages if m.seq > after]
        items: list[dict[str, Any]] = []
        for m in messages:
            mine = m.sender.user_id == reader.user_id
            if not mine and m.sender.user_id in reader.blocked:
                continue
            if mine:
                items.append(
                    {
                        "seq": m.seq,
                        "mine": True,
                        "from": m.sender.name,
                        "text": m.shown,
                        "hidden": m.shown is None,
                    }
                )
                continue
            if m.shown is None and m.recipient_prompt is None:
                continue
            items.append(
                {
                    "seq": m.seq,
                    "mine": False,
                    "message_id": m.message_id,
                    "from": m.sender.name,
                    "from_id": m.sender.user_id,
                    "text": m.shown,
                    "hidden": m.shown is None,
                    "prompt": m.recipient_prompt,
                }
            )
        return items

    def report(self, reporter: User, message_id: str) -> dict[str, Any]:
        with self._lock:
            index = next((i for i, m in enumerate(self.messages) if m.message_id == message_id), None)
            if index is None:
                raise HTTPException(404, "no such message")
            message = self.messages[index]
            context = [m.text for m in self.messages[max(0, index - CONTEXT_MESSAGES) : index]]
        label = (message.recipient_prompt or {}).get("label")
        reasons = ("bullying", "hate", "threat", "sexual", "grooming", "self_harm", "pii")
        receipt = self.safechat.report(
            reporter_id=reporter.user_id,
            reported_id=message.sender.user_id,
            reason=label if label in reasons else "other",
            conversation_id=ROOM,
            message_id=message.message_id,
            text=message.text,
            context=context,
            age_band=reporter.age_band,
            idempotency_key=f"{reporter.user_id}:{message.message_id}",
        )
        return {"report_id": receipt["report_id"], "acknowledgement": receipt["acknowledgement"]}


def create_app(safechat: SafechatClient) -> FastAPI:
    """The demo's web app over ``safechat``."""
    app = FastAPI(title="safechat chat demo", docs_url=None, redoc_url=None, openapi_url=None)
    room = ChatRoom(safechat)
    app.state.room = room

    @app.exception_handler(SafechatUnavailable)
    async def unavailable(request: Any, err: SafechatUnavailable) -> Any:
        from fastapi.responses import JSONResponse

        return JSONResponse({"detail": "safechat is not answering; try again"}, status_code=503)

    @app.get("/")
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/static/{name}")
    def static(name: str) -> FileResponse:
        if name not in ("chat.js", "chat.css"):
            raise HTTPException(404, "not found")
        return FileResponse(STATIC / name)

    @app.post("/api/join")
    def join(body: JoinBody) -> dict[str, str]:
        user = room.join(body.name, body.age_band)
        return {"user_id": user.user_id, "name": user.name}

    @app.post("/api/send")
    def send(body: SendBody) -> dict[str, Any]:
        return room.send(room.user(body.user_id), body.text, send_anyway=body.send_anyway)

    @app.get("/api/messages")
    def messages(user_id: str, after: int = 0) -> dict[str, Any]:
        return {"messages": room.feed(room.user(user_id), after)}

    @app.post("/api/report")
    def report(body: ReportBody) -> dict[str, Any]:
        return room.report(room.user(body.user_id), body.message_id)

    @app.post("/api/block")
    def block(body: BlockBody) -> dict[str, bool]:
        room.user(body.user_id).blocked.add(body.blocked_id)
        return {"blocked": True}

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="A children's chat demo moderated by safechat.")
    parser.add_argument("--safechat", default="http://127.0.0.1:8080", help="safechat's HTTP API")
    parser.add_argument("--token", default=None, help="safechat's bearer token, if it has one")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    app = create_app(SafechatClient(args.safechat, token=args.token))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
