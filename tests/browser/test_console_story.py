"""The review console and the chat demo in a real browser (chromium), end to end."""

from __future__ import annotations

import re
from typing import Any

import pytest

from safechat.reports.types import ReportFilter, ReportStatus
from tests.browser.conftest import PASSWORD, Stack, screenshot

pytestmark = pytest.mark.browser

HUMILIATING = "nobody likes you loser, go cry"
HOSTILE = '<script>document.title="pwned"</script><b>bold</b> nobody likes you loser, go cry'
WAIT_MS = 20_000


def _expect() -> Any:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    return expect


def _join(browser: Any, stack: Stack, name: str) -> Any:
    page = browser.new_context(viewport={"width": 760, "height": 620}).new_page()
    page.goto(stack.demo_url)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your age").select_option("under_13")
    page.get_by_role("button", name="Join the chat").click()
    _expect()(page.get_by_label("Message", exact=True)).to_be_focused()
    return page


def _say(page: Any, text: str) -> None:
    page.get_by_label("Message", exact=True).fill(text)
    page.keyboard.press("Enter")


def _sign_in(browser: Any, stack: Stack, username: str) -> Any:
    """Sign in with the keyboard alone: the username field has focus, Tab, Enter."""
    page = browser.new_context(viewport={"width": 1000, "height": 760}).new_page()
    page.goto(stack.console_url + "/queue")
    assert page.url.endswith("/console/login")  # not signed in: sent to the sign-in page
    _expect()(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/console/queue$"))
    return page


def test_a_report_from_the_chat_reaches_the_console_and_is_audited(browser: Any, stack: Stack) -> None:
    expect = _expect()
    mia = _join(browser, stack, "Mia")
    sam = _join(browser, stack, "Sam")
    _say(sam, "hi mia, want to play?")
    expect(mia.locator("#log li").filter(has_text="want to play?")).to_be_visible()
    _say(sam, HUMILIATING)
    # the writer is told why it was not sent; the reader sees the prompt with its buttons
    expect(sam.locator("#sender-prompt")).to_contain_text("This message was not sent.")
    hidden = mia.locator("#log li.hidden-message").filter(has_text="A message from Sam was hidden.")
    expect(hidden).to_be_visible()
    for button in ("Report", "Block Sam", "Get help"):
        expect(hidden.get_by_role("button", name=button)).to_be_visible()
    assert HUMILIATING not in mia.locator("#log").inner_text()  # the reader never gets the words
    hidden.get_by_role("button", name="Get help").click()
    expect(hidden.locator(".help")).to_be_visible()
    hidden.get_by_role("button", name="Report").click()
    expect(hidden.locator(".ack")).to_be_visible()
    screenshot(mia, "chat-demo-reader.png")
    screenshot(sam, "chat-demo-writer.png")

    (report,) = [
        r for r in stack.tables.list(ReportFilter(status=ReportStatus.OPEN)) if r.evidence.text == HUMILIATING
    ]
    assert report.reason.value == "bullying" and "hi mia, want to play?" in report.evidence.context

    reviewer = _sign_in(browser, stack, "rita")
    # in the queue (other tests may have filed older reports, which come first: oldest first)
    row = reviewer.locator(f'table.queue tbody tr[data-report-id="{report.report_id}"]')
    expect(row).to_have_count(1)
    screenshot(reviewer, "console-queue.png")
    row.get_by_role("link").focus()
    reviewer.keyboard.press("Enter")
    reviewer.wait_for_url(re.compile(rf".*/console/cases/{report.report_id}$"))
    expect(reviewer.locator(".reported-text")).to_have_text(HUMILIATING)
    # the conversation window (the demo has one room: other tests' messages may be in it too)
    expect(reviewer.locator(".window li.earlier").filter(has_text="hi mia, want to play?")).to_have_count(1)
    screenshot(reviewer, "console-case.png")
    reviewer.get_by_label("Outcome").select_option("warned")
    reviewer.get_by_role("button", name="Confirm").click()
    expect(reviewer.locator("#case-status")).to_have_text("actioned")
    expect(reviewer.locator("#case-outcome")).to_have_text("warned")

    admin = _sign_in(browser, stack, "ada")
    admin.get_by_role("link", name="Audit log").click()
    rows = admin.locator("table.audit tbody tr")
    expect(rows.first).to_be_visible()
    steps = [
        (row.get_attribute("data-action"), row.locator("td").nth(1).inner_text())
        for row in rows.all()
        if report.report_id[:8] in row.inner_text()
        or row.get_attribute("data-action") in ("sign_in", "view_queue")
    ]
    for step in (("sign_in", "rita"), ("view_queue", "rita"), ("view_case", "rita"), ("confirm", "rita")):
        assert step in steps, steps
    assert "outcome=warned" in admin.locator("table.audit").inner_text()
    screenshot(admin, "console-audit.png")


def test_every_console_route_refuses_a_visitor_not_signed_in(browser: Any, stack: Stack) -> None:
    case = _file(stack, "a case the visitor must not see")
    page = browser.new_context().new_page()
    for path in ("", "/queue", f"/cases/{case}", "/audit", "/accounts"):
        page.goto(stack.console_url + path)
        assert page.url.endswith("/console/login"), path
    for path in (
        "/logout",
        f"/cases/{case}/dismiss",
        f"/cases/{case}/confirm",
        f"/cases/{case}/escalate",
        f"/cases/{case}/note",
        f"/cases/{case}/export",
    ):
        assert page.request.post(stack.console_url + path, form={"outcome": "warned"}).status == 401, path


def test_a_form_without_its_csrf_token_is_refused(browser: Any, stack: Stack) -> None:
    expect = _expect()
    report_id = _file(stack, "you are a loser")
    reviewer = _sign_in(browser, stack, "rita")
    reviewer.goto(f"{stack.console_url}/cases/{report_id}")
    reviewer.evaluate("document.querySelector('form[action$=\"/note\"] input[name=csrf]').remove()")
    reviewer.get_by_label("Note", exact=True).fill("this note must not be kept")
    reviewer.get_by_role("button", name="Add note").click()
    expect(reviewer.get_by_role("heading", name="Not allowed")).to_be_visible()
    assert stack.tables.notes(report_id) == []


def test_message_html_renders_as_text(browser: Any, stack: Stack) -> None:
    expect = _expect()
    mia = _join(browser, stack, "Noor")
    sam = _join(browser, stack, "Theo")
    harmless = "<img src=x onerror=\"document.title='pwned'\"><i>see you</i> at 5?"
    _say(sam, harmless)
    delivered = mia.locator("#log li").filter(has_text="at 5?").locator(".text")
    expect(delivered).to_have_text(harmless)
    assert mia.locator("#log img, #log i").count() == 0 and mia.title() != "pwned"
    report_id = _file(stack, HOSTILE)
    reviewer = _sign_in(browser, stack, "rita")
    reviewer.goto(f"{stack.console_url}/cases/{report_id}")
    expect(reviewer.locator(".reported-text")).to_have_text(HOSTILE)
    assert reviewer.locator(".window b, main script").count() == 0
    assert reviewer.title() != "pwned"


def test_a_reviewer_cannot_reach_admin_pages(browser: Any, stack: Stack) -> None:
    expect = _expect()
    reviewer = _sign_in(browser, stack, "rita")
    assert reviewer.get_by_role("link", name="Audit log").count() == 0
    for path in ("/audit", "/accounts"):
        response = reviewer.goto(stack.console_url + path)
        assert response is not None and response.status == 403
        expect(reviewer.get_by_role("heading", name="Not allowed")).to_be_visible()
        assert reviewer.locator("table").count() == 0


def _file(stack: Stack, text: str) -> str:
    import httpx

    body = {"reporter_id": "kid-2", "reported_id": "kid-1", "reason": "bullying", "text": text}
    response = httpx.post(f"{stack.api_url}/v1/reports", json=body, timeout=30)
    assert response.status_code == 200, response.text
    return str(response.json()["report_id"])
