"""Returns windows are made, edited, closed and deleted by commissioners and admins, in the
pages (plain forms, no script) and in the admin; who was late follows the edited deadline."""

from __future__ import annotations

from datetime import date

import pytest
from _portal import PASSWORD, add_user, empty_tables, stamped_return, two_services  # noqa: F401
from django.test import Client

LEAD = "quality.lead@example.org"


def signed_in(email) -> Client:
    client = Client()
    assert client.login(username=email, password=PASSWORD)
    return client


@pytest.fixture
def q3(two_services):
    """2026-Q3, due 31 Oct 2026, with Ashcombe's return checked on 3 Nov and Brookside's on
    20 Oct."""
    from tracker_tool.portal.models import Period, Return, Service

    window = Period.objects.create(name="2026-Q3", opens="2026-10-01", deadline="2026-10-31")
    for name, day in (("Ashcombe House", "2026-11-03"), ("Brookside Lodge", "2026-10-20")):
        Return.objects.create(
            service=Service.objects.get(name=name), period=window, kind="action-plan",
            sha256=name[0] * 64, file_name="return.xlsx", size=1, as_of=day, rows=1,
            late=date.fromisoformat(day) > date(2026, 10, 31),
            report={"tracker": "action-plan", "findings": [], "figures": {}})
    return window


def late_in(window) -> list[str]:
    return sorted(r.service.name for r in window.returns.filter(late=True))


def edit(client, window, **changes):
    form = {"name": window.name, "opens": window.opens, "deadline": window.deadline,
            **({"closed": "on"} if window.closed else {})} | changes
    return client.post(f"/periods/{window.pk}/edit/", {k: v for k, v in form.items()
                                                         if v is not None}, follow=True)


def test_moving_the_deadline_moves_who_is_late_on_the_page(q3):
    lead = signed_in(LEAD)
    assert late_in(q3) == ["Ashcombe House"]
    page = edit(lead, q3, deadline="2026-11-07")
    assert page.redirect_chain[-1][0] == f"/periods/{q3.pk}/"
    text = page.content.decode()
    assert "due by 7 Nov 2026, open, 0 returns late" in text
    assert late_in(q3) == []
    assert text.split("<h2>Returned late</h2>")[1].split("</p>")[0].strip() == "<p>None."
    edit(lead, q3, deadline="2026-10-15")
    assert late_in(q3) == ["Ashcombe House", "Brookside Lodge"]
    late_list = signed_in(LEAD).get(f"/periods/{q3.pk}/").content.decode().split(
        "<h2>Returned late</h2>")[1]
    assert "Ashcombe House" in late_list and "Brookside Lodge" in late_list


def test_a_window_made_on_the_page_and_its_validation_messages(two_services):
    from tracker_tool.portal.models import Period

    lead = signed_in(LEAD)
    bad_name = lead.post("/periods/", {"name": "Q3 2026", "opens": "2026-10-01",
                                       "deadline": "2026-10-31"}).content.decode()
    assert "Name the window as a quarter such as 2026-Q3" in bad_name and "a year, not Q3 2026." in bad_name
    bad_day = lead.post("/periods/", {"name": "2026-Q3", "opens": "2026-10-01",
                                      "deadline": "31/13/2026"}).content.decode()
    assert "Give the deadline as a date, such as 31/10/2026." in bad_day
    backwards = lead.post("/periods/", {"name": "2026-Q3", "opens": "2026-10-01",
                                        "deadline": "2026-09-30"}).content.decode()
    assert "The deadline is before the window opens." in backwards
    assert not Period.objects.exists()
    made = lead.post("/periods/", {"name": "2026-Q3", "opens": "01/10/2026",
                                   "deadline": "31 Oct 2026"}, follow=True)
    window = Period.objects.get()
    assert (window.opens, window.deadline, window.closed) == (
        date(2026, 10, 1), date(2026, 10, 31), False)
    assert made.redirect_chain[-1][0] == f"/periods/{window.pk}/"
    again = lead.post("/periods/", {"name": "2026-Q3", "opens": "2026-10-01",
                                    "deadline": "2026-10-31"}).content.decode()
    assert "There is already a returns window with this name." in again


def test_a_manager_cannot_make_edit_or_delete_a_window(q3):
    from tracker_tool.portal.models import Period

    manager = signed_in("ashcombe.manager@example.org")
    assert manager.get(f"/periods/{q3.pk}/edit/").status_code == 404
    assert manager.post(f"/periods/{q3.pk}/edit/", {
        "name": "2026-Q3", "opens": "2026-10-01", "deadline": "2026-12-31"}).status_code == 404
    assert manager.post(f"/periods/{q3.pk}/delete/").status_code == 404
    assert manager.post("/periods/", {"name": "2026-Q4", "opens": "2027-01-01",
                                      "deadline": "2027-01-31"}).status_code == 404
    assert list(Period.objects.values_list("name", "deadline")) == [("2026-Q3", date(2026, 10, 31))]
    assert late_in(q3) == ["Ashcombe House"]


def test_a_closed_window_takes_no_returns_and_deleting_one_keeps_its_returns(q3, tmp_path):
    from tracker_tool.portal.models import Period, Return
    from tracker_tool.portal.periods import current_period

    lead = signed_in(LEAD)
    edit(lead, q3, closed="on")
    q3.refresh_from_db()
    assert q3.closed and current_period(date(2026, 10, 15)) is None
    manager = signed_in("ashcombe.manager@example.org")
    service = Return.objects.filter(late=True).get().service
    choices = manager.get(f"/services/{service.pk}/").content.decode().split('id="id_period"')
    assert len(choices) == 1 or "2026-Q3" not in choices[1].split("</select>")[0]
    with stamped_return(tmp_path / "late.xlsx", "Ashcombe House").open("rb") as handle:
        page = manager.post(f"/services/{service.pk}/upload/", {"file": handle,
                                                                "period": "2026-Q3"}, follow=True)
    assert "the returns window 2026-Q3 is closed" in page.content.decode()

    asked = lead.get(f"/periods/{q3.pk}/delete/").content.decode()
    assert "Its 2 returns will be kept" in asked and 'method="post"' in asked
    assert Period.objects.filter(pk=q3.pk).exists(), "a GET only asks"
    gone = lead.post(f"/periods/{q3.pk}/delete/", follow=True)
    assert gone.redirect_chain[-1][0] == "/periods/"
    assert not Period.objects.exists()
    assert list(Return.objects.values_list("period", "late")) == [(None, False), (None, False)]


def test_an_admin_edits_a_window_in_the_admin_and_lateness_follows(q3):
    add_user("admin@example.org", "admin")
    admin = signed_in("admin@example.org")
    page = admin.post(f"/admin/portal/period/{q3.pk}/change/", {
        "name": "2026-Q3", "opens": "2026-10-01", "deadline": "2026-11-30"}, follow=True)
    assert page.status_code == 200
    q3.refresh_from_db()
    assert q3.deadline == date(2026, 11, 30) and late_in(q3) == []
    refused = admin.post(f"/admin/portal/period/{q3.pk}/change/", {
        "name": "third quarter", "opens": "2026-10-01", "deadline": "2026-09-01"}).content.decode()
    assert "Name the window as" in refused and "The deadline is before the window opens." in refused
    q3.refresh_from_db()
    assert q3.name == "2026-Q3"


def test_a_manager_is_told_which_window_is_due_and_whether_it_came_in(q3):
    from tracker_tool.portal.models import Period, Service

    Period.objects.create(name="2026-Q4", opens="2027-01-01", deadline="2099-01-31")
    edit(signed_in(LEAD), q3, closed="on")
    brookside = Service.objects.get(name="Brookside Lodge")
    page = signed_in("brookside.manager@example.org").get(f"/services/{brookside.pk}/")
    due = page.content.decode().split('id="due">')[1].split("</p>")[0]
    assert due == ("The 2026-Q4 return is due by <strong>31 January 2099</strong>, and has not "
                   "come in yet.")
