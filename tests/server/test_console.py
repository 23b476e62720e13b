"""The review console on a real loopback server (HTTP, cookies and forms as a browser sends them)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from safechat_server.app import Sidecar, start
from safechat_server.console.accounts import Account, InvalidAccount, Role, hash_password
from safechat_server.console.export import verify
from safechat_server.console.queue import open_queue
from safechat_server.console.store import AuditEntry, open_console_store

from safechat import Moderator
from safechat.errors import ReportStoreError
from safechat.reports.types import Report, ReportEvidence, ReportReason, ReportStatus, iso, utc_now
from safechat.types import AgeBand, Review
from tests.server.conftest import settings

PASSWORD = "a long enough passphrase"
HOSTILE = '<script>document.title="pwned"</script><b>bold</b> & "quotes"'

# every console route, with a method and a body a signed-in reviewer might send
ROUTES = [
    ("GET", "/console"),
    ("GET", "/console/queue"),
    ("GET", "/console/cases/{case}"),
    ("GET", "/console/audit"),
    ("GET", "/console/accounts"),
    ("POST", "/console/logout"),
    ("POST", "/console/cases/{case}/dismiss"),
    ("POST", "/console/cases/{case}/confirm"),
    ("POST", "/console/cases/{case}/escalate"),
    ("POST", "/console/cases/{case}/note"),
    ("POST", "/console/cases/{case}/export"),
]


@pytest.fixture(scope="module")
def console_server(real_moderator: Moderator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sidecar]:
    store = tmp_path_factory.mktemp("console") / "reports.db"
    sidecar = start(
        settings(
            http={"port": 0},
            reports={"store": f"sqlite:///{store}"},
            console={"enabled": True, "secure_cookies": False, "login_attempts": 3, "retention_days": 30},
        )
    )
    sidecar.serve_with(real_moderator)
    tables = sidecar.http.front.console.store  # type: ignore[union-attr]
    for name, role in (("rita", Role.REVIEWER), ("lena", Role.LEAD), ("ada", Role.ADMIN)):
        tables.add_account(Account(name, role, hash_password(PASSWORD), utc_now()))
    yield sidecar
    sidecar.stop()


def _base(sidecar: Sidecar) -> str:
    assert sidecar.http is not None
    return f"http://127.0.0.1:{sidecar.http.port}"


def _tables(sidecar: Sidecar) -> Any:
    assert sidecar.http is not None and sidecar.http.front.console is not None
    return sidecar.http.front.console.store


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "the page has no CSRF field"
    return found.group(1)


def _sign_in(sidecar: Sidecar, username: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=_base(sidecar), timeout=30)
    token = _csrf(client.get("/console/login").text)
    response = client.post("/console/login", data={"csrf": token, "username": username, "password": password})
    assert response.status_code == 303 and response.headers["location"] == "/console/queue"
    return client


def _file(sidecar: Sidecar, text: str = "you are stupid lol", **fields: Any) -> str:
    body = {"reporter_id": "kid-2", "reported_id": "kid-1", "reason": "bullying", "text": text, **fields}
    response = httpx.post(f"{_base(sidecar)}/v1/reports", json=body, timeout=30)
    assert response.status_code == 200, response.text
    return str(response.json()["report_id"])


def _form(client: httpx.Client, report_id: str, action: str, **fields: str) -> httpx.Response:
    token = _csrf(client.get(f"/console/cases/{report_id}").text)
    return client.post(f"/console/cases/{report_id}/{action}", data={"csrf": token, **fields})


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_a_visitor_not_signed_in(console_server: Sidecar, method: str, path: str) -> None:
    case = _file(console_server)
    url = _base(console_server) + path.format(case=case)
    response = httpx.request(
        method, url, data={"outcome": "warned", "note": "x"} if method == "POST" else None
    )
    if method == "GET":
        assert response.status_code == 303 and response.headers["location"] == "/console/login"
    else:
        assert response.status_code == 401
    assert _tables(console_server).get(case).status is ReportStatus.OPEN
    forged = httpx.Client(cookies={"safechat_console": "forged"}).request(method, url)
    assert forged.status_code in (303, 401)


def test_sign_in_cookies_csrf_and_rate_limit(console_server: Sidecar) -> None:
    base = _base(console_server)
    client = httpx.Client(base_url=base)
    page = client.get("/console/login")
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert page.headers["x-frame-options"] == "DENY"
    token = _csrf(page.text)
    # no token, or a token that is not the cookie's: refused before the password is looked at
    no_token = client.post("/console/login", data={"username": "rita", "password": PASSWORD})
    assert no_token.status_code == 403
    other = httpx.post(
        f"{base}/console/login", data={"csrf": token, "username": "rita", "password": PASSWORD}
    )
    assert other.status_code == 403
    wrong = client.post("/console/login", data={"csrf": token, "username": "rita", "password": "nope" * 4})
    assert wrong.status_code == 401 and "do not match an account" in wrong.text
    typo = "MyS3cretPassw0rd"  # typed in the username field by mistake
    nobody = client.post(
        "/console/login", data={"csrf": _csrf(wrong.text), "username": typo, "password": "x"}
    )
    assert nobody.status_code == 401 and "do not match an account" in nobody.text
    failures = [e.actor for e in _tables(console_server).audit_log() if e.action == "sign_in_failed"]
    assert failures[-2:] == ["rita", "(unknown account)"]
    assert not any(typo.lower() in str(e) for e in _tables(console_server).audit_log())
    signed = _sign_in(console_server, "rita")
    session = signed.cookies.get("safechat_console")
    assert session and len(session) >= 40
    cookie = next(c for c in signed.get("/console/login").headers.get_list("set-cookie"))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    # three failures for one account lock its sign-in, the right password included
    for _ in range(3):
        page = client.get("/console/login")
        client.post(
            "/console/login", data={"csrf": _csrf(page.text), "username": "lena", "password": "bad" * 5}
        )
    page = client.get("/console/login")
    locked = client.post(
        "/console/login", data={"csrf": _csrf(page.text), "username": "lena", "password": PASSWORD}
    )
    assert locked.status_code == 429 and "Too many failed sign-ins" in locked.text
    limiter = console_server.http.front.console.context.limiter  # type: ignore[union-attr]
    assert limiter.blocked("user:lena") and not limiter.blocked("addr:127.0.0.1")
    for key in ("user:lena", "addr:127.0.0.1"):  # the other tests sign in from this address too
        limiter.succeeded(key)
    # signing out ends the session on the server, not only in the browser
    signed_out_token = _csrf(signed.get("/console/queue").text)
    assert signed.post("/console/logout", data={"csrf": signed_out_token}).status_code == 303
    replay = httpx.get(f"{base}/console/queue", cookies={"safechat_console": session})
    assert replay.status_code == 303


def test_secure_cookies_by_default(sidecar_factory: Any, real_moderator: Moderator, tmp_path: Path) -> None:
    sidecar = sidecar_factory(
        real_moderator,
        http={"port": 0},
        console={"enabled": True},
        reports={"store": f"sqlite:///{tmp_path}/r.db"},
    )
    page = httpx.get(f"{_base(sidecar)}/console/login")
    assert "; Secure" in page.headers["set-cookie"]


def test_the_console_has_its_own_sign_in_beside_the_api_token(
    sidecar_factory: Any, real_moderator: Moderator, tmp_path: Path
) -> None:
    sidecar = sidecar_factory(
        real_moderator,
        http={"port": 0},
        token="k3y",
        console={"enabled": True, "secure_cookies": False},
        reports={"store": f"sqlite:///{tmp_path}/r.db"},
    )
    assert httpx.get(f"{_base(sidecar)}/console/login").status_code == 200
    assert httpx.get(f"{_base(sidecar)}/console/queue").status_code == 303  # to the sign-in page
    assert httpx.post(f"{_base(sidecar)}/v1/moderate", json={"text": "hi"}).status_code == 401


def test_the_console_needs_the_http_port() -> None:
    from pydantic import ValidationError
    from safechat_server.settings import ServerSettings

    with pytest.raises(ValidationError, match="console.enabled needs http.port"):
        ServerSettings(console={"enabled": True})


def test_forms_without_their_csrf_token_change_nothing(console_server: Sidecar) -> None:
    client = _sign_in(console_server, "rita")
    case = _file(console_server)
    for action, fields in (
        ("confirm", {"outcome": "warned"}),
        ("dismiss", {}),
        ("escalate", {}),
        ("note", {"note": "x"}),
    ):
        missing = client.post(f"/console/cases/{case}/{action}", data=fields)
        wrong = client.post(f"/console/cases/{case}/{action}", data={"csrf": "not-it", **fields})
        assert missing.status_code == wrong.status_code == 403
    assert _tables(console_server).get(case).status is ReportStatus.OPEN
    assert _tables(console_server).notes(case) == []
    json_body = client.post(f"/console/cases/{case}/dismiss", json={"csrf": "x"})
    assert json_body.status_code == 415


def test_a_reviewer_cannot_reach_admin_pages_or_export(console_server: Sidecar) -> None:
    reviewer = _sign_in(console_server, "rita")
    case = _file(console_server)
    assert reviewer.get("/console/audit").status_code == 403
    assert reviewer.get("/console/accounts").status_code == 403
    assert _form(reviewer, case, "export").status_code == 403
    lead = _sign_in(console_server, "lena")
    assert lead.get("/console/audit").status_code == 403
    admin = _sign_in(console_server, "ada")
    assert admin.get("/console/audit").status_code == 200
    accounts = admin.get("/console/accounts")
    assert accounts.status_code == 200 and "rita" in accounts.text and "argon2" not in accounts.text


def _stored(tables: Any, *, created_at: str, review: Review | None, reported_id: str = "kid-9") -> Report:
    base = Report(
        report_id=str(uuid.uuid4()),
        created_at=created_at,
        updated_at=created_at,
        status=ReportStatus.OPEN,
        reason=ReportReason.OTHER,
        reporter_id="kid-8",
        reported_id=reported_id,
        details=None,
        conversation_id=None,
        message_id=None,
        age_band=AgeBand.UNDER_13,
        locale="en",
        idempotency_key=str(uuid.uuid4()),
        model_version="m",
        policy_version="p",
        evidence=ReportEvidence(None, (), None, None, (), ()),
        review=review,
    )
    return tables.add(base)  # type: ignore[no-any-return]


def test_the_queue_puts_urgent_first_then_the_oldest(console_server: Sidecar) -> None:
    tables = _tables(console_server)
    old_routine = _stored(tables, created_at="2000-01-01T00:00:00.000000+00:00", review=Review.ROUTINE)
    old_report = _stored(tables, created_at="2000-01-02T00:00:00.000000+00:00", review=None)
    new_urgent = _stored(tables, created_at="2000-01-03T00:00:00.000000+00:00", review=Review.URGENT)
    newer_urgent = _stored(tables, created_at="2000-01-04T00:00:00.000000+00:00", review=Review.URGENT)
    html = _sign_in(console_server, "rita").get("/console/queue").text
    order = re.findall(r'data-report-id="([^"]+)"', html)
    expected = [newer_urgent.report_id, new_urgent.report_id, old_routine.report_id, old_report.report_id]
    urgent_first = [i for i in order if i in expected]
    assert urgent_first == [
        new_urgent.report_id,
        newer_urgent.report_id,
        old_routine.report_id,
        old_report.report_id,
    ]
    assert order[:2] == [new_urgent.report_id, newer_urgent.report_id]  # before anything newer, too
    for report in (old_routine, old_report, new_urgent, newer_urgent):
        tables.set_status(report.report_id, ReportStatus.DISMISSED, actor="test", note=None, at=utc_now())


def test_the_case_page_shows_the_evidence_escaped(console_server: Sidecar) -> None:
    earlier = _file(console_server, "you smell", reported_id="kid-7", conversation_id="c-7")
    case = _file(
        console_server,
        HOSTILE + " nobody likes you loser, go cry",
        reported_id="kid-7",
        conversation_id="c-7",
        context=["hi", "<i>are you there</i>"],
        details="he <u>always</u> does this",
        age_band="13_15",
    )
    page = _sign_in(console_server, "rita").get(f"/console/cases/{case}")
    assert page.status_code == 200
    html = page.text
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp;" in html
    assert "<script>document" not in html and "<b>bold" not in html and "<i>are you" not in html
    assert "&lt;i&gt;are you there&lt;/i&gt;" in html and "he &lt;u&gt;always&lt;/u&gt;" in html
    assert html.index("Earlier message") < html.index("Reported message")
    assert "you smell" in html  # the same conversation's message kept with the earlier case
    assert f"/console/cases/{earlier}" in html  # earlier cases about the same sender
    stored = _tables(console_server).get(case)
    assert stored.evidence.reason_codes and all(code in html for code in stored.evidence.reason_codes)
    assert '<dd id="age-band">13 15</dd>' in html
    assert "Prompt shown to the writer" in html and "Prompt shown to the reader" in html
    assert stored.evidence.sender_prompt and stored.evidence.sender_prompt in html.replace("&#39;", "'")
    assert stored.evidence.scores is not None and "Scores (calibrated probability, 0 to 1)" in html
    assert _tables(console_server).get("no-such-case") is None
    assert _sign_in(console_server, "rita").get("/console/cases/no-such-case").status_code == 404


def test_actions_are_kept_and_audited(console_server: Sidecar) -> None:
    tables = _tables(console_server)
    reviewer = _sign_in(console_server, "rita")
    confirmed, dismissed, escalated = (_file(console_server) for _ in range(3))
    assert _form(reviewer, confirmed, "confirm", outcome="suspended").status_code == 303
    assert _form(reviewer, confirmed, "confirm", outcome="muted").status_code == 409  # closed now
    assert _form(reviewer, dismissed, "confirm", outcome="banished").status_code == 400
    assert _form(reviewer, dismissed, "dismiss").status_code == 303
    assert _form(reviewer, escalated, "escalate").status_code == 303
    assert _form(reviewer, escalated, "dismiss").status_code == 403  # a lead decides it now
    assert _form(reviewer, escalated, "note", note="  ").status_code == 400
    assert _form(reviewer, escalated, "note", note="called the school: " + HOSTILE).status_code == 303
    lead = _sign_in(console_server, "lena")
    assert _form(lead, escalated, "confirm", outcome="reported_to_authorities").status_code == 303
    assert tables.get(confirmed).status is ReportStatus.ACTIONED
    assert tables.case_state(confirmed).outcome == "suspended"
    assert tables.get(dismissed).status is ReportStatus.DISMISSED
    assert tables.get(escalated).status is ReportStatus.ACTIONED
    assert tables.case_state(escalated).escalated
    trail = [(c.actor, c.new_status.value, c.note) for c in tables.history(escalated)]
    assert trail == [
        ("rita", "in_review", "escalated to a lead"),
        ("lena", "actioned", "confirmed: reported_to_authorities"),
    ]
    page = lead.get(f"/console/cases/{escalated}").text
    assert "called the school: &lt;script&gt;" in page
    actions = [(e.actor, e.action, e.detail) for e in tables.audit_log(report_id=escalated)]
    assert ("rita", "escalate", None) in actions and (
        "rita",
        "note",
        f"chars={len('called the school: ' + HOSTILE)}",
    ) in actions
    assert ("lena", "confirm", "outcome=reported_to_authorities") in actions
    assert ("rita", "view_case", None) in actions
    admin = _sign_in(console_server, "ada").get("/console/audit").text
    assert "reported to authorities" not in admin or "outcome=reported_to_authorities" in admin
    assert "called the school" not in admin  # the audit log carries no note or message text


def test_the_audit_log_is_append_only(console_server: Sidecar) -> None:
    tables = _tables(console_server)
    tables.append_audit(AuditEntry(at=utc_now(), actor="test", action="probe"))
    with pytest.raises(ReportStoreError), tables._transaction() as cur:
        cur.execute("UPDATE safechat_console_audit SET actor = 'someone else'")
    with pytest.raises(ReportStoreError), tables._transaction() as cur:
        cur.execute("DELETE FROM safechat_console_audit")
    assert any(e.action == "probe" for e in tables.audit_log())


def test_a_lead_exports_a_case_file_a_script_can_verify(console_server: Sidecar, tmp_path: Path) -> None:
    case = _file(
        console_server, "nobody likes you loser, go cry " + HOSTILE, conversation_id="c-x", context=["hey"]
    )
    lead = _sign_in(console_server, "lena")
    _form(lead, case, "note", note="looked at it")
    response = _form(lead, case, "export")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="case-{case}.json"'
    document = response.json()
    kinds = [entry["kind"] for entry in document["entries"]]
    assert kinds[:4] == ["header", "report", "window", "case"] and "note" in kinds and "audit" in kinds
    assert document["entries"][1]["data"]["evidence"]["text"].endswith(HOSTILE)
    assert verify(document).ok
    exports = [e for e in _tables(console_server).audit_log(report_id=case) if e.action == "export"]
    assert exports[-1].detail == f"head={document['head']}"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), "utf-8")
    command = [sys.executable, "-m", "safechat.cli.main", "console", "verify", str(path)]
    good = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert good.returncode == 0 and good.stdout.startswith(f"ok: {len(kinds)} entries")
    document["entries"][1]["data"]["evidence"]["text"] = "something milder"
    path.write_text(json.dumps(document), "utf-8")
    tampered = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert (
        tampered.returncode == 1 and "entry 1 (report): hash does not match its contents" in tampered.stderr
    )
    path.write_text("{not json", "utf-8")
    broken = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert broken.returncode == 2 and "is not JSON" in broken.stderr


def test_retention_deletes_closed_evidence_and_audits_each(console_server: Sidecar) -> None:
    console = console_server.http.front.console  # type: ignore[union-attr]
    tables = _tables(console_server)
    reviewer = _sign_in(console_server, "rita")
    closed, still_open = _file(console_server), _file(console_server)
    _form(reviewer, closed, "note", note="note that quotes the message")
    _form(reviewer, closed, "dismiss")
    assert console.apply_retention() == []  # nothing is 30 days old
    later = datetime.now(timezone.utc) + timedelta(days=31)
    deleted = console.apply_retention(now=later)
    assert closed in deleted and still_open not in deleted
    assert tables.get(closed) is None and tables.notes(closed) == [] and tables.history(closed) == []
    assert tables.get(still_open) is not None
    (entry,) = [e for e in tables.audit_log(report_id=closed) if e.action == "retention_delete"]
    assert entry.actor == "retention" and entry.detail == "days=30"
    assert reviewer.get(f"/console/cases/{closed}").status_code == 404


def test_no_message_text_in_server_logs(console_server: Sidecar, caplog: pytest.LogCaptureFixture) -> None:
    secret = "meet me at 12 Elm Street you idiot"
    with caplog.at_level(logging.DEBUG):
        case = _file(console_server, secret)
        reviewer = _sign_in(console_server, "rita")
        _form(reviewer, case, "note", note=secret)
        _form(reviewer, case, "confirm", outcome="warned")
        _sign_in(console_server, "lena")
        _form(_sign_in(console_server, "lena"), case, "export")
    assert "Elm Street" not in caplog.text and PASSWORD not in caplog.text


def test_the_body_limit_holds_for_the_console(console_server: Sidecar) -> None:
    response = httpx.post(
        f"{_base(console_server)}/console/login",
        content=iter([b"username=" + b"a" * 100_000] * 4),  # chunked: no content-length
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_accounts_are_made_with_the_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/accounts.db"
    command = [sys.executable, "-m", "safechat.cli.main", "console"]
    made = subprocess.run(
        [*command, "add-user", "nora", "--role", "lead", "--password-stdin", "--store", url],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0 and made.stdout.strip() == "created nora (lead)"
    again = subprocess.run(
        [*command, "add-user", "nora", "--role", "lead", "--password-stdin", "--store", url],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 2 and "exists already" in again.stderr
    short = subprocess.run(
        [*command, "add-user", "olga", "--role", "admin", "--password-stdin", "--store", url],
        input="short\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert short.returncode == 2 and "at least 12 characters" in short.stderr and "short" not in short.stdout
    role = subprocess.run(
        [*command, "add-user", "olga", "--role", "boss", "--password-stdin", "--store", url],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert role.returncode == 2 and "role must be one of reviewer, lead, admin" in role.stderr
    tables = open_console_store(url)
    (account,) = tables.accounts()
    assert account.username == "nora" and account.role is Role.LEAD
    assert account.password_hash.startswith("$argon2id$") and PASSWORD not in account.password_hash
    assert PASSWORD not in repr(account)
    assert [e.action for e in tables.audit_log()] == ["account_created"]
    tables.close()
    with pytest.raises(InvalidAccount):
        hash_password(" " * 20)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_console_tables_on_both_stores(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db" if kind == "sqlite" else str(request.getfixturevalue("postgres_url"))
    tables = open_console_store(url)
    try:
        tables.add_account(Account("pat", Role.ADMIN, "$argon2id$fake", utc_now()))
        assert tables.account("pat") is not None and tables.account("nobody") is None
        report = _stored(
            tables, created_at=iso(datetime(2000, 1, 1, tzinfo=timezone.utc)), review=Review.URGENT
        )
        assert [item.report.report_id for item in open_queue(tables)] == [report.report_id]
        tables.append_audit(
            AuditEntry(at=utc_now(), actor="pat", action="view_case", report_id=report.report_id)
        )
        assert [e.action for e in tables.audit_log(report_id=report.report_id)] == ["view_case"]
        with pytest.raises(ReportStoreError), tables._transaction() as cur:
            cur.execute("DELETE FROM safechat_console_audit")
        open_console_store(url).close()  # a second opening finds the tables and triggers in place
    finally:
        tables.close()
