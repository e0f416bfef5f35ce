"""The governance pack (PDF) from a return's page and from the API: made on first download
when the server has the pdf extra, and when it has not, a page that says how to add it and an
API answer of 501, never a traceback."""

from __future__ import annotations

import pytest
from _portal import PASSWORD, empty_tables, stamped_return, token_for, two_services  # noqa: F401
from django.test import Client

pytest.importorskip("reportlab", reason="the pdf extra is not installed")


@pytest.fixture
def kept(two_services, tmp_path):
    """Ashcombe's return, its manager's page client and API header."""
    from tracker_tool.portal.models import Return

    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    with stamped_return(tmp_path / "q3.xlsx", "Ashcombe House", 12, 3).open("rb") as handle:
        assert Client().post("/api/returns", {"file": handle}, **auth).status_code == 201
    page = Client()
    assert page.login(username="ashcombe.manager@example.org", password=PASSWORD)
    return Return.objects.get(), page, auth


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_pack_is_a_pdf_attachment_from_the_page_and_the_api(kept):
    from tracker_tool.portal import storage

    found, page, auth = kept
    shown = page.get(f"/returns/{found.pk}/").content.decode()
    assert f'href="/returns/{found.pk}/pack.pdf">Governance pack (PDF)</a>' in shown
    assert 'id="no-pack"' not in shown
    answer = page.get(f"/returns/{found.pk}/pack.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in answer["Content-Disposition"]
    made = b"".join(answer.streaming_content)
    assert made[:5] == b"%PDF-" and "Ashcombe House" in pdf_text(made)
    assert storage.made_path(found, "pack", ".pdf").exists()
    by_api = Client().get(f"/api/returns/{found.pk}/pack.pdf", **auth)
    assert by_api.status_code == 200 and b"".join(by_api.streaming_content) == made, \
        "made once and kept"
    assert set(found.accesses.values_list("what", flat=True)) >= {
        "downloaded the governance pack", "api: downloaded the governance pack"}


def test_another_services_pack_is_404(kept):
    found, _page, _auth = kept
    brookside = {"HTTP_AUTHORIZATION": f"Bearer {token_for('brookside.manager@example.org')}"}
    assert Client().get(f"/api/returns/{found.pk}/pack.pdf", **brookside).status_code == 404
    other = Client()
    assert other.login(username="brookside.manager@example.org", password=PASSWORD)
    assert other.get(f"/returns/{found.pk}/pack.pdf").status_code == 404


def test_without_the_pdf_extra_the_page_says_how_and_the_api_is_501(kept, monkeypatch):
    from tracker_tool.portal import audits

    found, page, auth = kept
    monkeypatch.setattr(audits, "find_spec", lambda name: None)
    shown = page.get(f"/returns/{found.pk}/").content.decode()
    assert "Governance pack (PDF)</a>" not in shown
    assert "pip install &#x27;tracker-tool[portal,pdf]&#x27;" in shown.split('id="no-pack"')[1]
    answer = Client().get(f"/api/returns/{found.pk}/pack.pdf", **auth)
    assert answer.status_code == 501
    assert answer.json()["error"].startswith("the governance pack needs the pdf extra")
    plain = page.get(f"/returns/{found.pk}/pack.pdf")
    assert plain.status_code == 501 and b"tracker-tool[portal,pdf]" in plain.content
