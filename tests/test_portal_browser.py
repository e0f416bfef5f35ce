"""The portal in a real browser: Debian's Chromium, driven by Playwright, against the WSGI app
served by waitress on a free loopback port, as `tracker-tool serve` serves it.

The Django test client cannot show that the forms, downloads and redirects work for a person
clicking through them; this does. Browser downloads are not available, so Playwright launches
the Chromium Debian installs. Without Playwright or Chromium these tests skip on a developer's
machine and fail when CI is set (.ci/run installs both).

With TRACKER_TOOL_SCREENSHOTS=1 they also save the README's screenshots as docs/portal-*.png;
a normal run writes nothing outside its temporary folders.
"""

from __future__ import annotations

import os
import shutil
import threading
from importlib.util import find_spec
from pathlib import Path

import pytest
from _portal import PASSWORD, empty_tables, stamped_return, two_services  # noqa: F401

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parents[1] / "docs"


def chromium_or_skip() -> str:
    """Debian's Chromium; skips without it or Playwright, or fails when CI is set."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [what for what, absent in (
        ("the playwright package (pip install -e '.[test]')", find_spec("playwright") is None),
        ("Chromium (apt-get install chromium)", chromium is None)) if absent]
    if not missing:
        return chromium
    reason = f"{' and '.join(missing)} not installed; .ci/run installs both"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server():
    """The portal's WSGI app in a waitress thread, on a port the system picks."""
    from django.core.wsgi import get_wsgi_application
    from waitress import create_server

    served = create_server(get_wsgi_application(), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.effective_port}"
    served.close()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django then refuses the
    # test's own database calls; they are plain blocking calls, so allow them while it runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable,
                                                  args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="en-GB",
                                  viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    opened.set_default_timeout(60_000)  # a check runs in a worker process; CI is slow
    yield opened
    context.close()


def screenshot(page, name: str) -> None:
    """docs/portal-NAME.png for the README, only when asked for."""
    if os.environ.get("TRACKER_TOOL_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / f"portal-{name}.png"))


def sign_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/")
    assert "/sign-in/" in page.url, "an anonymous visitor is sent to sign in"
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/sign-in/" not in page.url, page.content()[:2000]


def download(page, link_text: str, to: Path) -> Path:
    with page.expect_download() as started:
        page.get_by_text(link_text).click()
    got = started.value
    assert got.failure() is None
    got.save_as(to)
    return to


def test_a_manager_signs_in_uploads_a_return_and_downloads_its_audit(two_services, server,
                                                                      page, tmp_path):
    from tracker_tool import api
    from tracker_tool.portal.models import Return
    from tracker_tool.read.workbook import load_workbook

    sign_in(page, server, "ashcombe.manager@example.org")
    assert page.locator("h1").inner_text() == "Ashcombe House"
    screenshot(page, "service")

    template = download(page, "action-plan template (.xlsx)", tmp_path / "template.xlsx")
    blank = api.validate_workbook(template)
    assert blank.service is not None and blank.service.name == "Ashcombe House"

    filled = stamped_return(tmp_path / "ashcombe-q3.xlsx", "Ashcombe House", rows=16)
    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/returns/*/")
    stored = Return.objects.get()
    assert page.url.endswith(f"/returns/{stored.pk}/")
    findings = stored.report["findings"]
    assert findings, "the filled return has faulty rows, so it has findings"
    shown = page.locator("table.findings tbody tr")
    assert shown.count() == len(findings)
    tables = "\n".join(page.locator("table.findings").all_inner_texts())
    assert all(f["message"] in tables for f in findings)
    assert page.locator("h3").first.inner_text().startswith("Errors (")
    screenshot(page, "return")

    page.select_option("#f-severity", "error")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**severity=error**")
    errors = [f for f in findings if f["severity"] == "error"]
    assert page.locator("table.findings tbody tr").count() == len(errors)

    audit = download(page, "Download the audit workbook", tmp_path / "audit.xlsx")
    assert audit.read_bytes()[:2] == b"PK"
    assert len(load_workbook(audit).visible_sheets) >= 2, "the audit opens in our reader"
    if find_spec("reportlab") is not None:
        pack = download(page, "Governance pack (PDF)", tmp_path / "pack.pdf")
        assert pack.read_bytes()[:5] == b"%PDF-"
    else:
        assert "not available on this server" in page.locator("#no-pack").inner_text()


def test_a_commissioner_sees_the_league_table_and_who_has_not_returned(two_services, server,
                                                                         page, tmp_path):
    from django.test import Client

    from tracker_tool.portal.models import Service

    manager = Client()
    assert manager.login(username="ashcombe.manager@example.org", password=PASSWORD)
    ashcombe = Service.objects.get(name="Ashcombe House")

    sign_in(page, server, "quality.lead@example.org")
    assert page.url.endswith("/periods/")
    page.fill("#id_name", "2026-Q3")
    page.fill("#id_opens", "2026-07-01")
    page.fill("#id_deadline", "2099-12-31")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/periods/*/")
    assert "Returns window 2026-Q3 added." in page.locator("[role=status]").inner_text()

    with stamped_return(tmp_path / "a.xlsx", "Ashcombe House").open("rb") as handle:
        manager.post(f"/services/{ashcombe.pk}/upload/", {"file": handle, "period": "2026-Q3"})
    page.reload()
    league = page.locator("#league").inner_text()
    assert "Ashcombe House" in league and "Brookside Lodge" not in league
    missing = page.locator("#not-returned").inner_text()
    assert "Brookside Lodge" in missing and "brookside.manager@example.org" in missing
    assert "Ashcombe House" not in missing
    screenshot(page, "league")

    rollup = download(page, "rollup.xlsx", tmp_path / "rollup.xlsx")
    assert rollup.read_bytes()[:2] == b"PK"
    findings = download(page, "findings.csv", tmp_path / "findings.csv").read_text("utf-8-sig")
    assert findings.splitlines()[0].startswith("workbook,")
    assert findings.splitlines()[1].startswith("2026-Q3/Ashcombe House action-plan.xlsx,"), \
        "the roll-up names a return by its service, not by its hash or the server's folders"


def drop_file(page, target: str, path: Path) -> None:
    """Drag a file from the desktop onto ``target``, as a person would: a drop event whose
    DataTransfer holds the file."""
    import base64

    held = page.evaluate_handle(
        """([data, name]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const moved = new DataTransfer();
            moved.items.add(new File([bytes], name));
            return moved;
        }""", [base64.b64encode(path.read_bytes()).decode(), path.name])
    page.dispatch_event(target, "dragenter", {"dataTransfer": held})
    assert "over" in page.get_attribute(target, "class"), "the drop zone shows it will take it"
    page.dispatch_event(target, "drop", {"dataTransfer": held})


def test_a_manager_drops_two_returns_and_sees_the_figures_over_time(two_services, server,
                                                                      page, tmp_path):
    from tracker_tool.portal.models import Return

    sign_in(page, server, "ashcombe.manager@example.org")
    drop_file(page, "#drop", stamped_return(tmp_path / "q2.xlsx", "Ashcombe House", 16, 1))
    page.wait_for_url("**/returns/*/")
    first = Return.objects.get()
    assert first.file_name == "q2.xlsx"
    page.get_by_role("link", name="← Ashcombe House").click()
    drop_file(page, "#drop", stamped_return(tmp_path / "q3.xlsx", "Ashcombe House", 10, 7))
    page.wait_for_url("**/returns/*/")
    latest = Return.objects.exclude(pk=first.pk).get()
    assert latest.previous_id == first.pk
    assert "Compared with the return of" in page.locator("main").inner_text()

    page.get_by_role("link", name="← Ashcombe House").click()
    trends = page.locator("table.trends").first
    assert page.get_by_role("heading", name="Figures over time: action-plan, 2 returns").count() == 1
    errors = trends.locator("tr", has_text="Errors").first
    assert errors.locator("td").nth(1).inner_text() == str(first.errors)
    assert errors.locator("td").nth(3).inner_text() == str(latest.errors)
    assert errors.locator("svg polyline").count() == 1
    assert errors.locator("svg").get_attribute("aria-label") == \
        f"Errors: {first.errors}, {latest.errors}"
    trends.scroll_into_view_if_needed()
    screenshot(page, "history")


def test_a_commissioner_moves_a_deadline_and_the_late_list_follows(two_services, server, page,
                                                                   tmp_path):
    from datetime import date

    from tracker_tool.portal.models import Period, Return, Service

    window = Period.objects.create(name="2026-Q3", opens="2026-10-01", deadline="2026-10-31")
    Return.objects.create(
        service=Service.objects.get(name="Ashcombe House"), period=window, kind="action-plan",
        sha256="a" * 64, file_name="return.xlsx", size=1, as_of=date(2026, 11, 3), rows=1,
        late=True, report={"tracker": "action-plan", "findings": [], "figures": {}})
    sign_in(page, server, "quality.lead@example.org")
    page.get_by_role("link", name="Services").click()
    listed = page.locator("#services").inner_text()
    assert "Ashcombe House" in listed and "brookside.manager@example.org" in listed
    page.get_by_role("link", name="Returns windows").click()
    page.get_by_role("link", name="Edit 2026-Q3").click()
    page.fill("#id_deadline", "2026-11-07")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/periods/{window.pk}/")
    assert "0 returns late" in page.locator("[role=status]").inner_text()
    assert page.locator("#league").inner_text().count("late") == 0
    page.get_by_role("link", name="Edit window").click()
    page.fill("#id_deadline", "2026-09-01")
    page.get_by_role("button", name="Save").click()
    assert "The deadline is before the window opens." in page.locator("main").inner_text()
    assert Period.objects.get().deadline == date(2026, 11, 7)
    screenshot(page, "window-edit")
    page.goto(f"{server}/periods/{window.pk}/")
    reminder = page.locator("a", has_text="Email every service that has not returned")
    assert "bcc=brookside.manager@example.org" in reminder.get_attribute("href")
