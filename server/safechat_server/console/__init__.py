"""The review console: a web page for safety teams on the HTTP server, over the report store.

Reviewers sign in (accounts made with ``safechat console add-user``), work the queue (urgent
first, then the oldest), read each case's evidence, and dismiss, confirm with an outcome,
escalate to a lead or add a note; leads export case files with a hash chain; admins read the
audit log. Retention deletes closed cases' evidence after ``console.retention_days``.

Modules: :mod:`.accounts` (roles, argon2), :mod:`.sessions` (cookies, sign-in limits),
:mod:`.csrf`, :mod:`.store` (tables), :mod:`.queue` (order, case pages), :mod:`.cases`
(actions), :mod:`.audit`, :mod:`.export` (the case-file format and its check),
:mod:`.case_file`, :mod:`.retention`, :mod:`.routes`, :mod:`.cli`.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.responses import Response

from safechat_server.console.retention import apply_retention
from safechat_server.console.routes import (
    ConsoleContext,
    ConsoleRefusal,
    build_router,
    refusal_page,
    templates,
)
from safechat_server.console.sessions import CookiePolicy, LoginLimiter
from safechat_server.console.store import ConsoleTables, open_console_store
from safechat_server.settings import ConsoleSettings

logger = logging.getLogger("safechat.console")


class Console:
    """The console over the report store at ``store_url``, opened now.

    Raises:
        ReportStoreError: the store cannot be opened.
    """

    def __init__(self, settings: ConsoleSettings, *, store_url: str) -> None:
        self.settings = settings
        self.store: ConsoleTables = open_console_store(store_url)
        self.context = ConsoleContext(
            store=self.store,
            cookies=CookiePolicy(
                secure=settings.secure_cookies, max_age_s=int(settings.session_hours * 3600)
            ),
            limiter=LoginLimiter(attempts=settings.login_attempts, window_s=settings.login_window_s),
            session_hours=settings.session_hours,
            retention_days=settings.retention_days,
            templates=templates(),
        )
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def install(self, app: FastAPI) -> None:
        """Add the console's routes (``/console``) and its refusal pages to ``app``."""
        app.include_router(build_router(self.context))
        context = self.context

        async def refused(request: Request, err: Exception) -> Response:
            assert isinstance(err, ConsoleRefusal)
            return refusal_page(context, err)

        app.add_exception_handler(ConsoleRefusal, refused)

    def apply_retention(self, *, now: datetime | None = None) -> list[str]:
        """Delete the evidence of closed cases past retention now; returns their ids."""
        return apply_retention(self.store, days=self.settings.retention_days, now=now)

    def start(self) -> None:
        """Apply retention now and every ``retention_check_s`` seconds, on a daemon thread."""

        def loop() -> None:
            while not self._stopping.is_set():
                try:
                    self.apply_retention()
                except Exception as err:  # a store that fails is retried next time
                    logger.error("retention failed: %s", type(err).__name__)
                self._stopping.wait(self.settings.retention_check_s)

        self._thread = threading.Thread(target=loop, name="safechat-console-retention", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the retention thread and close the store."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(5)
        self.store.close()
