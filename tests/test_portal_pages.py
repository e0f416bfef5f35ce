"""The pages, as a browser without JavaScript uses them, and who may see which."""

from __future__ import annotations

import io
from csv import DictReader

from _portal import PASSWORD, empty_tables, stamped_return, token_for, two_services  # noqa: F401
from django.test import Client


def signed_in(email) -> Client:
    client = Client()
    assert client.login(username=email, password=PASSWORD)
    return client


def test_a_manager_downloads_the_template_uploads_and_sees_the_findings(two_services, tmp_path):
    from tracker_tool.portal.models import Access, Return, Service

    client = signed_in("ashcombe.manager@example.org")
    home = client.get("/", follow=True)
    service = Service.objects.get(name="Ashcombe House")
    assert home.redirect_chain[-1][0] == f"/services/{service.pk}/"
    template = client.get(f"/services/{service.pk}/template/action-plan.xlsx")
    assert template.status_code == 200
    assert template["Content-Disposition"].startswith("attachment;")
    made = stamped_return(tmp_path / "ours.xlsx", "Ashcombe House")
    with made.open("rb") as handle:
        page = client.post(f"/services/{service.pk}/upload/", {"file": handle}, follow=True)
    assert page.status_code == 200
    found = Return.objects.get()
    assert page.redirect_chain[-1][0] == f"/returns/{found.pk}/"
    text = page.content.decode()
    assert "Errors" in text and found.report["findings"][0]["message"].split("'")[0][:20] in text
    only_errors = client.get(f"/returns/{found.pk}/?severity=error").content.decode()
    assert "Warnings (" not in only_errors
    audit = client.get(f"/returns/{found.pk}/audit.xlsx")
    assert audit.status_code == 200 and audit["Content-Disposition"].startswith("attachment;")
    assert set(Access.objects.values_list("what", flat=True)) >= {"viewed",
                                                                  "downloaded the audit"}
    history = client.get(f"/services/{service.pk}/").content.decode()
    assert f"/returns/{found.pk}/" in history


def test_a_manager_of_another_service_meets_404_everywhere(two_services, tmp_path):
    from tracker_tool.portal.models import Return, Service

    ashcombe = signed_in("ashcombe.manager@example.org")
    service = Service.objects.get(name="Ashcombe House")
    with stamped_return(tmp_path / "a.xlsx", "Ashcombe House").open("rb") as handle:
        ashcombe.post(f"/services/{service.pk}/upload/", {"file": handle})
    found = Return.objects.get()
    brookside = signed_in("brookside.manager@example.org")
    for url in (f"/services/{service.pk}/", f"/services/{service.pk}/template/action-plan.xlsx",
                f"/returns/{found.pk}/", f"/returns/{found.pk}/audit.xlsx", "/periods/"):
        assert brookside.get(url).status_code == 404, url
    with stamped_return(tmp_path / "b.xlsx", "Brookside Lodge").open("rb") as handle:
        assert brookside.post(f"/services/{service.pk}/upload/",
                              {"file": handle}).status_code == 404


def q3_with_ashcombes_return(tmp_path):
    """(2026-Q3, Ashcombe's manager signed in, Ashcombe) after the manager's upload."""
    from tracker_tool.portal.models import Period, Service

    period = Period.objects.create(name="2026-Q3", opens="2026-07-01", deadline="2099-12-31")
    manager = signed_in("ashcombe.manager@example.org")
    service = Service.objects.get(name="Ashcombe House")
    with stamped_return(tmp_path / "a.xlsx", "Ashcombe House").open("rb") as handle:
        manager.post(f"/services/{service.pk}/upload/", {"file": handle})
    return period, manager, service


def test_the_commissioner_sees_the_league_table_and_who_has_not_returned(two_services,
                                                                         tmp_path):
    period, _manager, _service = q3_with_ashcombes_return(tmp_path)
    lead = signed_in("quality.lead@example.org")
    assert lead.get("/", follow=True).redirect_chain[-1][0] == "/periods/"
    page = lead.get(f"/periods/{period.pk}/").content.decode()
    league, missing = page.split('id="league"')[1].split('id="not-returned"')
    assert "Ashcombe House" in league and "Brookside Lodge" not in league
    assert "Brookside Lodge" in missing and "brookside.manager@example.org" in missing
    csv = lead.get(f"/periods/{period.pk}/findings.csv")
    assert csv.status_code == 200 and csv["Content-Disposition"].startswith("attachment;")
    rows = list(DictReader(io.StringIO(b"".join(csv.streaming_content).decode("utf-8-sig"))))
    assert rows and {(r["workbook"], r["service"]) for r in rows} == {
        ("2026-Q3/Ashcombe House action-plan.xlsx", "Ashcombe House")}
    # Neither service has a CQC location ID, so the batch's list (keyed by it) would have
    # taken Ashcombe's return for Brookside's: no return.* finding about whose it is.
    assert not [r["code"] for r in rows if r["code"].startswith("return.")]


def test_forms_need_the_csrf_token_and_cookies_are_httponly(two_services):
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/sign-in/", {"username": "ashcombe.manager@example.org",
                                       "password": PASSWORD})
    assert answer.status_code == 403
    page = client.get("/sign-in/")
    token = page.cookies["csrftoken"]
    assert token["httponly"] and token["samesite"] == "Lax"
    signed = client.post("/sign-in/", {"username": "ashcombe.manager@example.org",
                                       "password": PASSWORD,
                                       "csrfmiddlewaretoken": token.value})
    assert signed.status_code == 302
    session = signed.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_sign_in_is_rate_limited_and_passwords_are_argon2(two_services):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="ashcombe.manager@example.org")
    assert user.password.startswith("argon2")
    client = Client()
    for _ in range(5):
        client.post("/sign-in/", {"username": user.username, "password": "wrong guess"})
    answer = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 200 and "Too many attempts" in answer.content.decode()


def test_the_league_table_ranks_by_the_libraries_risk_score(two_services):
    """Fewer errors but more overdue actions is the higher risk, as in rollup.xlsx: the score
    is 5 x escalations + 3 x overdue + 2 x errors + 1 x effectiveness checks outstanding."""
    from tracker_tool.portal.league import league_rows
    from tracker_tool.portal.models import Period, Return, Service

    period = Period.objects.create(name="2026-Q3", opens="2026-07-01", deadline="2099-12-31")

    def stored(name, errors, warnings, overdue, checks):
        service = Service.objects.get(name=name)
        report = {"tracker": "action-plan", "findings": [],
                  "figures": {"overdue": overdue, "awaiting_effectiveness": checks}}
        return Return.objects.create(
            service=service, period=period, kind="action-plan", sha256=name[:1] * 64,
            file_name="return.xlsx", size=1, as_of="2026-11-21", rows=10, errors=errors,
            warnings=warnings, escalations_due=0, report=report)

    stored("Ashcombe House", errors=4, warnings=9, overdue=0, checks=1)  # 2x4 + 1 = 9
    stored("Brookside Lodge", errors=1, warnings=0, overdue=3, checks=0)  # 2x1 + 3x3 = 11
    rows = league_rows(period)
    assert [(r["rank"], r["service"], r["risk_score"]) for r in rows] == [
        (1, "Brookside Lodge", 11), (2, "Ashcombe House", 9)]
    page = signed_in("quality.lead@example.org").get(f"/periods/{period.pk}/").content.decode()
    league = page.split('id="league"')[1].split("</table>")[0]
    assert league.index("Brookside Lodge") < league.index("Ashcombe House")
    assert "Risk score = 5 x escalations" in page


def test_staff_records_are_listed_apart_not_ranked(two_services):
    """A probation plan is about one person: the league table (page and API) ranks services
    only, as the batch does, and the period page lists the staff record apart, late or not."""
    from tracker_tool.portal.league import league_rows, staff_rows
    from tracker_tool.portal.models import Period, Return, Service

    period = Period.objects.create(name="2026-Q3", opens="2026-07-01", deadline="2026-10-31")

    def stored(name, kind, errors, late=False):
        return Return.objects.create(
            service=Service.objects.get(name=name), period=period, kind=kind, late=late,
            sha256=(name[:1] + kind[:1]) * 32, file_name="return.xlsx", size=1,
            as_of="2026-11-21", rows=5, errors=errors, warnings=0, escalations_due=0,
            report={"tracker": kind, "findings": [], "figures": {}})

    stored("Ashcombe House", "action-plan", errors=1)
    stored("Brookside Lodge", "probation-actions", errors=7, late=True)  # ranked first, were it ranked
    assert [(r["rank"], r["service"]) for r in league_rows(period)] == [(1, "Ashcombe House")]
    assert [r["kind"] for r in league_rows(period, include_staff=True)] == [
        "probation-actions", "action-plan"]
    assert [(r["service"], r["kind"]) for r in staff_rows(period)] == [
        ("Brookside Lodge", "probation-actions")]
    page = signed_in("quality.lead@example.org").get(f"/periods/{period.pk}/").content.decode()
    league = page.split('id="league"')[1].split("</table>")[0]
    staff = page.split('id="staff-records"')[1].split("</table>")[0]
    assert "Ashcombe House" in league and "Brookside Lodge" not in league
    assert "Brookside Lodge" in staff and "probation-actions" in staff
    late = page.split("Returned late")[1]
    assert "Brookside Lodge (probation-actions)" in late
    token = {"HTTP_AUTHORIZATION": f"Bearer {token_for('quality.lead@example.org')}"}
    ranked = Client().get("/api/rollup?period=2026-Q3", **token).json()
    assert [r["service"] for r in ranked] == ["Ashcombe House"]
    every = Client().get("/api/rollup?period=2026-Q3&include_staff=true", **token).json()
    assert [r["service"] for r in every] == ["Brookside Lodge", "Ashcombe House"]


def test_the_services_list_shows_a_manager_only_their_own(two_services):
    mine = signed_in("ashcombe.manager@example.org").get("/services/").content.decode()
    assert "Ashcombe House" in mine and "Brookside Lodge" not in mine
    every = signed_in("quality.lead@example.org").get("/services/").content.decode()
    listed = every.split('id="services"')[1]
    assert listed.index("Ashcombe House") < listed.index("Brookside Lodge")
    assert "mailto:brookside.manager@example.org" in listed and listed.count("none yet") == 2


def test_deleting_a_service_deletes_its_returns_files_audits_and_roll_up_links(two_services,
                                                                              tmp_path):
    from tracker_tool.portal import storage
    from tracker_tool.portal.models import Return

    period, manager, service = q3_with_ashcombes_return(tmp_path)
    found = Return.objects.get()
    assert manager.get(f"/returns/{found.pk}/audit.xlsx").status_code == 200
    assert signed_in("quality.lead@example.org").get(
        f"/periods/{period.pk}/findings.csv").status_code == 200
    kept = [storage.return_path(found.sha256), storage.made_path(found, "audit", ".xlsx"),
            storage.data_folder() / "rollups" / f"period-{period.pk}-returns" / "2026-Q3"
            / "Ashcombe House action-plan.xlsx"]
    assert all(path.exists() for path in kept)
    service.delete()  # as the admin's "Delete" does
    assert not Return.objects.exists()
    assert [path for path in kept if path.exists()] == []
