"""The JSON API's contract, every status code of the issue's table, and who sees what."""

from __future__ import annotations

import pytest
from _portal import empty_tables, stamped_return, token_for, two_services  # noqa: F401
from django.test import Client, override_settings


def bearer(email):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(email)}"}


def post(client, auth, path, **form):
    with open(path, "rb") as handle:
        return client.post("/api/returns", {"file": handle, **form}, **auth)


@pytest.fixture
def ashcombe(two_services):
    return bearer("ashcombe.manager@example.org")


def test_without_a_valid_token_is_401(two_services, tmp_path):
    client = Client()
    assert client.get("/api/returns").status_code == 401
    assert client.get("/api/returns", HTTP_AUTHORIZATION="Bearer tt_guess").status_code == 401
    made = stamped_return(tmp_path / "a.xlsx", "Ashcombe House")
    assert post(client, {}, made).status_code == 401


def test_a_return_is_201_with_its_report_and_the_same_json_after(ashcombe, tmp_path):
    client = Client()
    answer = post(client, ashcombe, stamped_return(tmp_path / "ours.xlsx", "Ashcombe House"))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert {"id", "service", "kind", "period", "report", "changes"} <= set(body)
    assert body["service"] == "Ashcombe House" and body["kind"] == "action-plan"
    assert body["report"]["path"] == "ours.xlsx" and body["report"]["findings"]
    assert body["changes"] == []
    again = client.get(f"/api/returns/{body['id']}", **ashcombe)
    assert again.status_code == 200 and again.json() == body


def test_identical_bytes_give_the_earlier_result(ashcombe, tmp_path):
    client = Client()
    made = stamped_return(tmp_path / "ours.xlsx", "Ashcombe House")
    first = post(client, ashcombe, made).json()
    second = post(client, ashcombe, made)
    assert second.status_code == 200 and second.json()["id"] == first["id"]
    assert len(client.get("/api/returns", **ashcombe).json()) == 1


def test_the_next_return_lists_the_changes_since_the_previous(ashcombe, tmp_path):
    client = Client()
    post(client, ashcombe, stamped_return(tmp_path / "q2.xlsx", "Ashcombe House", 12, 1))
    later = post(client, ashcombe, stamped_return(tmp_path / "q3.xlsx", "Ashcombe House", 6, 2))
    assert later.status_code == 201
    body = later.json()
    assert body["changes"], "actions were deleted and rewritten: there must be changes"
    assert body["report"]["comparison"]["previous"]["path"] == "q2.xlsx"


def test_an_unreadable_file_is_422_with_one_line(ashcombe, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook" * 50)
    answer = post(Client(), ashcombe, junk)
    assert answer.status_code == 422
    assert answer.json() == {"error": "this is not an Excel workbook (.xlsx)"} or \
        "\n" not in answer.json()["error"]


def test_a_return_stamped_for_another_service_is_refused_naming_both(ashcombe, tmp_path):
    answer = post(Client(), ashcombe, stamped_return(tmp_path / "b.xlsx", "Brookside Lodge"))
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert "Brookside Lodge" in error and "Ashcombe House" in error


def test_a_manager_meets_404_for_another_services_return(ashcombe, tmp_path):
    client = Client()
    ours = post(client, ashcombe, stamped_return(tmp_path / "a.xlsx", "Ashcombe House")).json()
    brookside = bearer("brookside.manager@example.org")
    assert client.get(f"/api/returns/{ours['id']}", **brookside).status_code == 404
    assert client.get(f"/api/returns/{ours['id']}/audit.xlsx", **brookside).status_code == 404
    assert client.get("/api/returns", **brookside).json() == []
    assert client.get("/api/returns?service=Ashcombe+House", **brookside).json() == []
    commissioner = bearer("quality.lead@example.org")
    assert client.get(f"/api/returns/{ours['id']}", **commissioner).status_code == 200


def test_the_audit_is_an_attachment_of_its_own_type(ashcombe, tmp_path):
    client = Client()
    ours = post(client, ashcombe, stamped_return(tmp_path / "a.xlsx", "Ashcombe House")).json()
    answer = client.get(f"/api/returns/{ours['id']}/audit.xlsx", **ashcombe)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert answer["Content-Disposition"].startswith("attachment;")
    assert b"".join(answer.streaming_content)[:2] == b"PK"


def test_over_the_upload_limit_is_413(ashcombe, tmp_path):
    made = stamped_return(tmp_path / "a.xlsx", "Ashcombe House")
    with override_settings(UPLOAD_LIMIT=1000):
        answer = post(Client(), ashcombe, made)
    assert answer.status_code == 413 and "limit" in answer.json()["error"]


def test_a_check_that_runs_out_of_time_is_422(ashcombe, tmp_path):
    made = stamped_return(tmp_path / "a.xlsx", "Ashcombe House", rows=300)
    with override_settings(CHECK_SECONDS=0.01):
        answer = post(Client(), ashcombe, made)
    assert answer.status_code == 422 and "longer than" in answer.json()["error"]


def test_the_rollup_is_for_commissioners_only(ashcombe, tmp_path):
    client = Client()
    post(client, ashcombe, stamped_return(tmp_path / "a.xlsx", "Ashcombe House"))
    assert client.get("/api/rollup", **ashcombe).status_code == 404
    answer = client.get("/api/rollup", **bearer("quality.lead@example.org"))
    assert answer.status_code == 200 and answer.json() == []  # no returns window yet


def test_list_filters_by_period_and_service(ashcombe, tmp_path):
    from tracker_tool.portal.models import Period

    Period.objects.create(name="2026-Q3", opens="2026-10-01", deadline="2026-10-31")
    client = Client()
    post(client, ashcombe, stamped_return(tmp_path / "a.xlsx", "Ashcombe House"),
         period="2026-Q3")
    assert [r["period"] for r in client.get("/api/returns?period=2026-Q3", **ashcombe).json()] \
        == ["2026-Q3"]
    assert client.get("/api/returns?period=2026-Q4", **ashcombe).json() == []
    rows = client.get("/api/rollup?period=2026-Q3", **bearer("quality.lead@example.org")).json()
    assert [(r["service"], r["late"]) for r in rows] == [("Ashcombe House", True)]
    assert post(client, ashcombe, stamped_return(tmp_path / "b.xlsx", "Ashcombe House", 5, 9),
                period="1999-Q1").status_code == 422
