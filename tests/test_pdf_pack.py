"""The governance pack as a PDF (issue 14, item 7): written by `audit --pdf` and `batch --pdf`
with ReportLab from the same report as the audit workbook, its text read back with pypdf.

Pinned to the Oakfield House sample as of 21/11/2026 (with its October return as the previous
one) and the quarterly batch's stamped returns.
"""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker_tool import api
from tracker_tool.cli import cli

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parents[1]
OAKFIELD = ROOT / "samples" / "oakfield-house" / "oakfield-house-actions.xlsx"
OCTOBER = ROOT / "samples" / "oakfield-house" / "previous" / "oakfield-house-actions.xlsx"
RETURNS = ROOT / "samples" / "quarterly-batch" / "returns"
SERVICES = ROOT / "samples" / "quarterly-batch" / "services.csv"
AS_OF = date(2026, 11, 21)
CODE = re.compile(r"\b[a-z][a-z0-9-]+\.[a-z][a-z0-9-]+\b")


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def oakfield(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    report, _ = api.write_audit(OAKFIELD, out / "audit.xlsx", as_of=AS_OF, previous=OCTOBER,
                                pdf=out / "pack.pdf")
    return report, out / "pack.pdf"


def test_title_page_names_the_tracker_period_date_and_result_in_words(oakfield):
    report, pack = oakfield
    first = flat(pages(pack)[0])
    assert "Governance pack" in first
    assert "Action plan and improvement tracker" in first
    assert "20/10/2026 (previous return) to 21/11/2026" in first
    assert "Audit date 21/11/2026" in first
    assert f"{report.errors} errors" in first
    # the counts reconcile: 5 escalation findings, 4 of them actions to escalate
    assert "5 escalation findings: 4 for actions on the Escalations list" in first
    assert "The plan has errors to put right" in first
    met = sum(a.met is True for a in report.review.audit_questions)
    assert f"Quarterly audit {met} of {len(report.review.audit_questions)} questions met" in first
    # plain words: no finding code and no policy fingerprint on the first page
    assert not CODE.search(first.replace("oakfield-house-actions.xlsx", ""))
    assert report.policy not in first


def test_every_page_says_whose_pack_and_page_x_of_y(oakfield):
    _, pack = oakfield
    text = pages(pack)
    assert 6 <= len(text) <= 30
    for number, page in enumerate(text, start=1):
        assert "oakfield-house-actions.xlsx" in page and "Audit date 21/11/2026" in page
        assert f"Page {number} of {len(text)}" in page


def test_figures_with_last_time_and_the_trend(oakfield):
    report, pack = oakfield
    text = flat(" ".join(pages(pack)))
    assert "Last time (20/10/2026)" in text
    rate = next(f for f in report.comparison.figures if f.key == "on_time_closure_rate")
    # percentages carry their sign; a rate moves by points
    assert f"On-time closure rate {rate.current:g}% {rate.previous:g}% {rate.change:+g} points" \
        in text
    overdue = next(f for f in report.comparison.figures if f.key == "overdue")
    assert f"Overdue actions {overdue.current:g} {overdue.previous:g} {overdue.change:+g} worse" \
        in text


def test_each_audit_question_is_met_or_not_met(oakfield):
    report, pack = oakfield
    text = flat(" ".join(pages(pack)))
    for answer in report.review.audit_questions:
        assert flat(answer.question) in text
    verdicts = re.findall(r"\b(Not met|Met|Nothing to judge)\b", text)
    assert verdicts.count("Not met") >= sum(a.met is False for a in report.review.audit_questions)


def test_escalations_and_action_review_name_the_actions(oakfield):
    report, pack = oakfield
    text = pages(pack)
    escalations = next(i for i, t in enumerate(text) if "\nEscalations\n" in t
                       and "Days overdue" in flat(t))
    assert sorted(e.action_id for e in report.escalations) == [
        "OH-027", "OH-031", "OH-033", "OH-039"]
    # most overdue first: OH-033 (67 days), OH-031 (52), OH-027 (37), OH-039 (1)
    where = [text[escalations].find(i) for i in ("OH-033", "OH-031", "OH-027", "OH-039")]
    assert -1 not in where and where == sorted(where)
    review = flat(" ".join(text[escalations:]))
    assert "Action review" in review and "OH-030" in review


def test_codes_and_fingerprint_only_in_the_appendix(oakfield):
    report, pack = oakfield
    text = pages(pack)
    appendix = next(i for i, t in enumerate(text) if "Appendix: finding codes" in t)
    assert appendix >= len(text) - 3  # at the back
    assert report.policy in flat(" ".join(text[appendix:]))
    assert "escalation.due" in flat(" ".join(text[appendix:]))


def test_only_what_the_findings_need(oakfield):
    """A row's description is not a finding's business; the pack leaves it out."""
    _, pack = oakfield
    assert "IDDSI texture training" not in flat(" ".join(pages(pack)))


def test_without_previous_there_is_no_trend_and_it_says_so(tmp_path):
    api.write_pdf_pack(OAKFIELD, tmp_path / "pack.pdf", as_of=AS_OF)
    text = flat(" ".join(pages(tmp_path / "pack.pdf")))
    assert "Last time" not in text and "No previous return was given" in text
    assert "The plan as it stood on 21/11/2026" in text


def test_a_stamped_return_names_its_service_on_the_title_page(tmp_path):
    api.write_pdf_pack(RETURNS / "rose-court-action-plan.xlsx", tmp_path / "rose.pdf",
                       as_of=AS_OF)
    first = flat(pages(tmp_path / "rose.pdf")[0])
    assert "Rose Court" in first and "CQC location 1-555000101" in first


def test_cli_audit_pdf_writes_replaces_its_own_and_refuses_others(tmp_path):
    runner = CliRunner()
    args = ["audit", str(OAKFIELD), "--out", str(tmp_path / "a.xlsx"), "--as-of", "2026-11-21"]
    first = runner.invoke(cli, args + ["--pdf", str(tmp_path / "pack.pdf")])
    assert first.exit_code == 1, first.output  # the sample has errors
    assert "governance pack" in first.output
    again = runner.invoke(cli, args + ["--pdf", str(tmp_path / "pack.pdf")])
    assert again.exit_code == 1 and "Wrote" in again.output  # ours: replaced
    other = tmp_path / "minutes.pdf"
    other.write_bytes(b"%PDF-1.4 someone else's minutes")
    refused = runner.invoke(cli, args + ["--pdf", str(other)])
    assert refused.exit_code == 2 and "refusing to replace" in refused.output
    assert other.read_bytes() == b"%PDF-1.4 someone else's minutes"
    wrong = runner.invoke(cli, args + ["--pdf", str(tmp_path / "pack.xlsx")])
    assert wrong.exit_code == 2 and "ending in .pdf" in wrong.output
    assert "Traceback" not in refused.output + wrong.output


def test_without_the_extra_the_message_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "reportlab", None)  # import reportlab now fails
    result = CliRunner().invoke(cli, ["audit", str(OAKFIELD), "--out", str(tmp_path / "a.xlsx"),
                                      "--as-of", "2026-11-21", "--pdf", str(tmp_path / "p.pdf")])
    assert result.exit_code == 2
    assert "pip install 'tracker-tool[pdf]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "a.xlsx").exists()  # refused before any work


def test_batch_pdf_writes_a_pack_per_return_and_one_for_the_rollup(tmp_path):
    returns = tmp_path / "returns"
    shutil.copytree(RETURNS, returns)
    result = api.validate_many(returns, tmp_path / "out", AS_OF, services=SERVICES, workers=1,
                               pdf=True)
    packs = sorted(p.relative_to(tmp_path / "out").as_posix()
                   for p in (tmp_path / "out").rglob("*.pdf"))
    assert packs == ["audits/elm-bank/q3-return-pack.pdf",
                     "audits/rose-court-action-plan-pack.pdf",
                     "audits/willow-lodge-action-plan-pack.pdf", "rollup.pdf"]
    assert result.pack == tmp_path / "out" / "rollup.pdf"
    rollup = flat(" ".join(pages(result.pack)))
    assert "batch roll-up" in rollup and "League table" in rollup
    assert "Beech House" in rollup  # the listed service with no return
    for entry in result.league_table():
        assert entry.label in rollup
    rose = flat(pages(tmp_path / "out" / "audits" / "rose-court-action-plan-pack.pdf")[0])
    assert "Rose Court" in rose
