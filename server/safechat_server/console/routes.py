"""The console's pages and forms, under ``/console``.

Every route but the sign-in page and the static files needs a signed-in session: a visitor
without one is sent to the sign-in page (GET) or refused with 401 (any other method). Every
form carries the session's CSRF token (the sign-in form a double-submit cookie's) and is refused
with 403 without it. Pages are rendered on the server with Jinja2, autoescaped: message text is
always HTML-escaped. Responses forbid framing, caching and inline scripts (CSP).
"""

# no ``from __future__ import annotations`` here: FastAPI reads the route parameters' annotations
# at run time, and they name dependencies local to build_router
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from safechat.reports.types import Report, iso, utc_now
from safechat_server.console import audit, cases, csrf
from safechat_server.console.accounts import Role, verify_password
from safechat_server.console.case_file import build_case_file
from safechat_server.console.queue import case_view, open_queue
from safechat_server.console.sessions import COOKIE, CookiePolicy, LoginLimiter, new_session_token, token_hash
from safechat_server.console.store import ConsoleTables

logger = logging.getLogger("safechat.console")

HERE = Path(__file__).parent
MAX_FORM_FIELDS = 20

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class ConsoleRefusal(Exception):
    """A request the console refuses: answered with ``status`` and a page saying ``message``."""

    def __init__(self, status: int, message: str, *, redirect: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.redirect = redirect


@dataclass(frozen=True, slots=True)
class Reviewer:
    """The signed-in account of a request."""

    username: str
    role: Role
    csrf: str
    token_hash: str


@dataclass
class ConsoleContext:
    """What the routes share: the store, templates, cookie policy, sign-in limiter, settings."""

    store: ConsoleTables
    cookies: CookiePolicy
    limiter: LoginLimiter
    session_hours: float
    retention_days: int
    templates: Environment


def templates() -> Environment:
    """The Jinja2 environment of the console's templates (autoescaped)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda p: "—" if p is None else f"{float(p):.2f}"
    env.filters["when"] = lambda at: (at or "")[:19].replace("T", " ")
    env.filters["words"] = lambda value: str(value).replace("_", " ")
    return env


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a ``application/x-www-form-urlencoded`` body (the last value of each).

    Raises:
        ConsoleRefusal: another content type (415), a body that is not UTF-8 or has too many
            fields (400).
    """
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    body = await request.body()
    if not body and not kind:
        return {}  # an empty form (refused by its missing CSRF token, where one is needed)
    if kind != "application/x-www-form-urlencoded":
        raise ConsoleRefusal(415, "Forms are sent as application/x-www-form-urlencoded.")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise ConsoleRefusal(400, "The form could not be read.") from None
    return {name: values[-1] for name, values in fields.items()}


def build_router(ctx: ConsoleContext) -> APIRouter:
    """The console's routes over ``ctx``."""
    router = APIRouter(prefix="/console", include_in_schema=False)
    store = ctx.store

    def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = ctx.templates.get_template(name).render(**values)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    def signed_in(request: Request) -> Reviewer:
        token = request.cookies.get(COOKIE)
        if token:
            hashed = token_hash(token)
            session = store.session(hashed, now=utc_now())
            if session is not None:
                account = store.account(session.username)
                if account is not None:
                    return Reviewer(account.username, account.role, session.csrf, hashed)
        if request.method in ("GET", "HEAD"):
            raise ConsoleRefusal(303, "Sign in first.", redirect="/console/login")
        raise ConsoleRefusal(401, "Sign in first.")

    def needs(role: Role) -> Callable[[Reviewer], Reviewer]:
        def check(reviewer: Annotated[Reviewer, Depends(signed_in)]) -> Reviewer:
            if not reviewer.role.can(role):
                raise ConsoleRefusal(403, f"This page is for the {role.value} role and above.")
            return reviewer

        return check

    def checked_form(
        form: Annotated[dict[str, str], Depends(read_form)], who: Annotated[Reviewer, Depends(signed_in)]
    ) -> dict[str, str]:
        if not csrf.matches(who.csrf, form.get(csrf.FIELD)):
            raise ConsoleRefusal(
                403, "This form was not sent from a console page (its token is missing or wrong)."
            )
        return form

    SignedIn = Annotated[Reviewer, Depends(signed_in)]
    Lead = Annotated[Reviewer, Depends(needs(Role.LEAD))]
    Admin = Annotated[Reviewer, Depends(needs(Role.ADMIN))]
    Form = Annotated[dict[str, str], Depends(checked_form)]
    RawForm = Annotated[dict[str, str], Depends(read_form)]

    def report_or_404(report_id: str) -> Report:
        report = store.get(report_id) if len(report_id) <= 64 else None
        if report is None:
            raise ConsoleRefusal(404, "No case has this id (retention may have deleted it).")
        return report

    def back_to(report_id: str) -> RedirectResponse:
        return RedirectResponse(f"/console/cases/{report_id}", status_code=303, headers=SECURITY_HEADERS)

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in ("console.css", "console.js"):
            raise ConsoleRefusal(404, "Not found.")
        return FileResponse(HERE / "static" / name, headers={"cache-control": "no-cache"})

    @router.get("")
    @router.get("/")
    def home(request: Request) -> Response:
        signed_in(request)
        return RedirectResponse("/console/queue", status_code=303, headers=SECURITY_HEADERS)

    @router.get("/login")
    def login_page(request: Request) -> HTMLResponse:
        token = csrf.new_token()
        response = page(request, "login.html", csrf_token=token, error=None, username="")
        response.headers.append("set-cookie", ctx.cookies.header(csrf.LOGIN_COOKIE, token, max_age_s=3600))
        return response

    @router.post("/login")
    def login(request: Request, form: RawForm) -> Response:
        if not csrf.matches(request.cookies.get(csrf.LOGIN_COOKIE), form.get(csrf.FIELD)):
            raise ConsoleRefusal(403, "This form was not sent from the sign-in page (its token is wrong).")
        username = form.get("username", "").strip().lower()[:64]
        password = form.get("password", "")
        keys = (f"user:{username}", f"addr:{_client(request)}")
        token = csrf.new_token()

        def again(status: int, error: str) -> HTMLResponse:
            response = page(request, "login.html", status, csrf_token=token, error=error, username=username)
            cookie = ctx.cookies.header(csrf.LOGIN_COOKIE, token, max_age_s=3600)
            response.headers.append("set-cookie", cookie)
            return response

        account = store.account(username) if username else None
        # a name that is no account is not written down: it may be a password typed in the wrong field
        actor = account.username if account is not None else "(unknown account)"
        if ctx.limiter.blocked(*keys):
            audit.record(store, actor, audit.SIGN_IN_FAILED, detail="rate_limited")
            return again(429, "Too many failed sign-ins. Wait a while, then try again.")
        if not verify_password(account, password) or account is None:
            ctx.limiter.failed(*keys)
            audit.record(store, actor, audit.SIGN_IN_FAILED)
            return again(401, "That username and password do not match an account.")
        ctx.limiter.succeeded(keys[0])
        session = new_session_token()
        now = datetime.now(timezone.utc)
        store.add_session(
            token_hash(session),
            account.username,
            csrf.new_token(),
            at=iso(now),
            expires_at=iso(now + timedelta(hours=ctx.session_hours)),
        )
        audit.record(store, account.username, audit.SIGN_IN)
        response = RedirectResponse("/console/queue", status_code=303, headers=SECURITY_HEADERS)
        response.headers.append("set-cookie", ctx.cookies.header(COOKIE, session))
        response.headers.append("set-cookie", ctx.cookies.header(csrf.LOGIN_COOKIE, "", max_age_s=0))
        return response

    @router.post("/logout")
    def logout(who: SignedIn, form: Form) -> Response:
        store.delete_session(who.token_hash)
        audit.record(store, who.username, audit.SIGN_OUT)
        response = RedirectResponse("/console/login", status_code=303, headers=SECURITY_HEADERS)
        response.headers.append("set-cookie", ctx.cookies.header(COOKIE, "", max_age_s=0))
        return response

    @router.get("/queue")
    def queue(request: Request, who: SignedIn) -> HTMLResponse:
        items = open_queue(store)
        audit.record(store, who.username, audit.VIEW_QUEUE, detail=f"cases={len(items)}")
        return page(request, "queue.html", who=who, items=items)

    @router.get("/cases/{report_id}")
    def case(request: Request, report_id: str, who: SignedIn) -> HTMLResponse:
        report = report_or_404(report_id)
        view = case_view(store, report)
        audit.record(store, who.username, audit.VIEW_CASE, report_id=report.report_id)
        can_act = not report.status.closed and (not view.state.escalated or who.role.can(Role.LEAD))
        return page(
            request,
            "case.html",
            who=who,
            view=view,
            report=report,
            outcomes=list(cases.Outcome),
            can_act=can_act,
            can_export=who.role.can(Role.LEAD),
        )

    def act(report_id: str, who: Reviewer, action: Callable[[Report], None]) -> Response:
        report = report_or_404(report_id)
        try:
            action(report)
        except cases.CaseActionError as err:
            raise ConsoleRefusal(err.status, err.message) from None
        return back_to(report.report_id)

    @router.post("/cases/{report_id}/dismiss")
    def dismiss(report_id: str, who: SignedIn, form: Form) -> Response:
        return act(report_id, who, lambda r: cases.dismiss(store, r, actor=who.username, role=who.role))

    @router.post("/cases/{report_id}/confirm")
    def confirm(report_id: str, who: SignedIn, form: Form) -> Response:
        try:
            outcome = cases.Outcome(form.get("outcome", ""))
        except ValueError:
            choices = ", ".join(o.value for o in cases.Outcome)
            raise ConsoleRefusal(400, f"Choose an outcome: one of {choices}.") from None
        actor, role = who.username, who.role
        return act(report_id, who, lambda r: cases.confirm(store, r, outcome, actor=actor, role=role))

    @router.post("/cases/{report_id}/escalate")
    def escalate(report_id: str, who: SignedIn, form: Form) -> Response:
        return act(report_id, who, lambda r: cases.escalate(store, r, actor=who.username, role=who.role))

    @router.post("/cases/{report_id}/note")
    def note(report_id: str, who: SignedIn, form: Form) -> Response:
        text = form.get("note", "")
        return act(report_id, who, lambda r: cases.add_note(store, r, text, actor=who.username))

    @router.post("/cases/{report_id}/export")
    def export(report_id: str, who: Lead, form: Form) -> Response:
        report = report_or_404(report_id)
        document = build_case_file(store, report, actor=who.username)
        body = json.dumps(document, ensure_ascii=False, indent=1)
        headers = {
            **SECURITY_HEADERS,
            "content-disposition": f'attachment; filename="case-{report.report_id}.json"',
        }
        return Response(body, media_type="application/json", headers=headers)

    @router.get("/audit")
    def audit_log(request: Request, who: Admin) -> HTMLResponse:
        audit.record(store, who.username, audit.VIEW_AUDIT)
        return page(request, "audit.html", who=who, entries=list(reversed(store.audit_log())))

    @router.get("/accounts")
    def accounts(request: Request, who: Admin) -> HTMLResponse:
        audit.record(store, who.username, audit.VIEW_ACCOUNTS)
        return page(request, "accounts.html", who=who, accounts=store.accounts(), roles=list(Role))

    return router


def refusal_page(ctx: ConsoleContext, err: ConsoleRefusal) -> Response:
    """The answer to a refused request: a redirect, or a small page saying why."""
    if err.redirect is not None:
        return RedirectResponse(err.redirect, status_code=303, headers=SECURITY_HEADERS)
    html = ctx.templates.get_template("error.html").render(status=err.status, message=err.message)
    return HTMLResponse(html, status_code=err.status, headers=SECURITY_HEADERS)
