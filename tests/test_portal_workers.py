"""The portal's check workers: one check per upload, the audit made on first download and
kept, and a worker that runs out of time replaced without the server noticing."""

from __future__ import annotations

import zipfile

from _portal import empty_tables, stamped_return, token_for, two_services  # noqa: F401
from django.test import Client, override_settings


def _post(client, auth, path):
    with open(path, "rb") as handle:
        return client.post("/api/returns", {"file": handle}, **auth)


def _sheets(data: bytes, tmp_path) -> str:
    made = tmp_path / "audit.xlsx"
    made.write_bytes(data)
    with zipfile.ZipFile(made) as workbook:
        return workbook.read("xl/workbook.xml").decode()


def test_the_audit_is_made_on_first_download_with_the_changes_and_then_kept(two_services,
                                                                             tmp_path):
    from tracker_tool.portal import storage
    from tracker_tool.portal.models import Return

    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    client = Client()
    first = _post(client, auth, stamped_return(tmp_path / "q2.xlsx", "Ashcombe House", 12, 1))
    second = _post(client, auth, stamped_return(tmp_path / "q3.xlsx", "Ashcombe House", 9, 5))
    assert (first.status_code, second.status_code) == (201, 201)
    later = second.json()
    assert later["changes"], "the second return is compared with the first in its one check"
    kept = storage.made_path(Return.objects.get(pk=later["id"]), "audit", ".xlsx")
    assert not kept.exists(), "no audit is written while the upload waits"

    answer = client.get(f"/api/returns/{later['id']}/audit.xlsx", **auth)
    assert answer.status_code == 200
    made = b"".join(answer.streaming_content)
    assert kept.exists()
    assert 'name="Changes"' in _sheets(made, tmp_path), "made against the previous return"
    stamp = kept.stat().st_mtime_ns
    again = client.get(f"/api/returns/{later['id']}/audit.xlsx", **auth)
    assert b"".join(again.streaming_content) == made and kept.stat().st_mtime_ns == stamp

    earlier = client.get(f"/api/returns/{first.json()['id']}/audit.xlsx", **auth)
    assert 'name="Changes"' not in _sheets(b"".join(earlier.streaming_content), tmp_path)


def test_after_a_worker_is_stopped_for_time_the_next_upload_is_checked(two_services, tmp_path):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    client = Client()
    with override_settings(CHECK_SECONDS=0.001):
        slow = _post(client, auth, stamped_return(tmp_path / "a.xlsx", "Ashcombe House", 300))
    assert slow.status_code == 422 and "longer than" in slow.json()["error"]
    for n in range(3):  # more than there are workers: every one of them answers
        made = stamped_return(tmp_path / f"b{n}.xlsx", "Ashcombe House", 12, 10 + n)
        assert _post(client, auth, made).status_code == 201


def test_an_audit_that_cannot_be_made_is_503_with_the_reason(two_services, tmp_path):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    client = Client()
    kept = _post(client, auth, stamped_return(tmp_path / "a.xlsx", "Ashcombe House", 300)).json()
    with override_settings(CHECK_SECONDS=0.001):
        answer = client.get(f"/api/returns/{kept['id']}/audit.xlsx", **auth)
    assert answer.status_code == 503 and "could not be made" in answer.json()["error"]
    assert client.get(f"/api/returns/{kept['id']}/audit.xlsx", **auth).status_code == 200


def test_an_unstamped_return_is_compared_with_the_services_last_one(two_services, tmp_path):
    """No stamp: the manager of one service returns for it, and the kind it sent last time is
    the guess the check starts from; the changes must be there as for a stamped return."""
    import random

    from bench_batch import clean_row

    from tracker_tool import api

    def unstamped(name, rows, seed):
        rng = random.Random(seed)
        return api.build_template("action-plan", tmp_path / name, force=True,
                                  entries=[clean_row(rng, n) for n in range(rows)])

    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    client = Client()
    first = _post(client, auth, unstamped("q2.xlsx", 12, 1))
    later = _post(client, auth, unstamped("q3.xlsx", 8, 2))
    assert (first.status_code, later.status_code) == (201, 201), later.content
    body = later.json()
    assert body["service"] == "Ashcombe House" and body["changes"]
    assert body["report"]["comparison"]["previous"]["path"] == "q2.xlsx"
