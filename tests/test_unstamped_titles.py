"""An unstamped copy checked under a service's own policy is titled with that service.

A manager may fill in a plain template (not made for one service) and the quality lead audit
it under the service's policy file. The Summary's title, every printed page's header and the
governance pack then name the service the policy is for, not the workbook's file name; a
stamped service still wins, and with neither the file name is all there is.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import clean_action

from tracker_tool import api
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.policy.service_policy import DEFAULT_POLICY

AS_OF = date(2026, 11, 21)
WILLOW = DEFAULT_POLICY.model_copy(update={"service_name": "Willow Lodge"})


def audited(tmp_path, policy, service=None):
    path = api.build_template("action-plan", tmp_path / "q3-return.xlsx",
                              entries=[clean_action()], service=service)
    _, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF, policy=policy)
    book = openpyxl.load_workbook(out)
    return book["Summary"]["A1"].value, book["Findings"].oddHeader.left.text or ""


def test_the_policy_names_an_unstamped_return(tmp_path):
    title, header = audited(tmp_path, WILLOW)
    assert title == "Willow Lodge: Action plan and improvement tracker audit"
    assert "Willow Lodge" in header and "q3-return" not in header


def test_a_stamped_service_wins_over_the_policy(tmp_path):
    title, _ = audited(tmp_path, WILLOW, ServiceIdentity("Rose Court", "Fictional Care Ltd"))
    assert title.startswith("Rose Court: ")


def test_without_either_the_file_name_is_used(tmp_path):
    title, _ = audited(tmp_path, None)
    assert title.startswith("q3-return.xlsx: ")


def test_the_pack_title_page_names_the_policy_service(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("reportlab")
    path = api.build_template("action-plan", tmp_path / "q3-return.xlsx",
                              entries=[clean_action()])
    api.write_pdf_pack(path, tmp_path / "pack.pdf", as_of=AS_OF, policy=WILLOW)
    first = " ".join(pypdf.PdfReader(tmp_path / "pack.pdf").pages[0].extract_text().split())
    assert "Willow Lodge" in first
