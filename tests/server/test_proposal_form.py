"""The proposal form over HTTP against the real server, as a browser without JavaScript
uses it: a direction shows its partners, fields, budget, period and documents; each
button does what it says; the form becomes the proposal JSON the API takes; reports
download as PDF and CSV. The cases are tests/data/forms/manifest.json."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

MANIFEST = json.loads((Path(__file__).parents[1] / "data" / "forms" / "manifest.json")
                      .read_text(encoding="utf-8"))
CASES = {c["name"]: c for c in MANIFEST["cases"]}
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _post(server: str, form: dict, action: str, **extra) -> httpx.Response:
    # multipart, as the page's form is (it carries the file to load)
    return httpx.post(f"{server}/proposal", data={**form, "action": action}, headers=HTML,
                      files=extra.get("files") or {"upload": ("", b"")}, timeout=120)


def test_choosing_a_direction_shows_what_it_asks_for(server):
    r = httpx.get(f"{server}/proposal", params={"direction": "3.4", "lang": "zh"})
    assert r.status_code == 200
    page = r.text
    assert 'value="3.4" selected' in page and "德国" in page
    assert "32,000,000" in page and "3200万元人民币" in page  # budget, as the guide says it
    assert "2～3 年" in page  # the guide's typical period (一般)
    assert 'name="fields" value="面向网络协同制造的跨国互操作规则研究"' in page
    assert page.count('name="fields"') == 13  # the direction's fields at every level
    assert 'class="required"' in page and "必须提交" in page  # its two agreements
    assert 'name="p2.name"' in page  # China's lead, the partner's lead, one more
    en = httpx.get(f"{server}/proposal", params={"direction": "3.9", "lang": "en"})
    assert 'name="subdirection"' in en.text and "Group on Earth Observations" in en.text
    assert "at most 3 years" in en.text
    eu = httpx.get(f"{server}/proposal", params={"direction": "2.7", "lang": "en"})
    assert 'name="h2020.projectId"' in eu.text and 'name="h2020.projectId"' not in page


def test_without_a_direction_the_form_asks_for_one(server):
    r = httpx.get(f"{server}/proposal", params={"lang": "en"})
    assert r.status_code == 200 and 'id="facts"' not in r.text
    assert 'id="refresh"' in r.text and "— choose —" in r.text


@pytest.mark.parametrize("name", CASES)
def test_the_form_becomes_the_proposal_json(server, name):
    case = CASES[name]
    r = _post(server, case["form"], "json")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    proposal = r.json()
    assert proposal["direction"] == case["form"]["direction"]
    assert len(proposal["participants"]) == case["participants"]  # empty rows left out
    for key, value in case.get("json", {}).items():
        assert proposal[key] == value


@pytest.mark.parametrize("name", CASES)
def test_the_form_checked_without_javascript(server, name):
    case = CASES[name]
    r = _post(server, case["form"], "check")
    assert r.status_code == case["status"], r.text[:500]
    assert 'value="{}" selected'.format(case["form"]["direction"]) in r.text  # kept filled
    if case["status"] == 400:
        for path in case["errors"]:
            assert f"<code>{path}</code>" in r.text
        return
    assert ("符合要求" if case["conforms"] else "不符合要求") in r.text
    csv_text = _post(server, case["form"], "csv").text
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    violations = sorted({row[4] for row in rows[1:] if row[3] == "不符合"})
    assert violations == case["violations"]


def test_reports_download_as_pdf_and_csv(server):
    form = CASES["3.4 without a German enterprise breaks 2+2"]["form"]
    pdf = _post(server, {**form, "lang": "en"}, "pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"NotoSansCJK" in pdf.content
    assert 'filename="coopkg-report-2021-1.pdf"' in pdf.headers["content-disposition"]
    summary = _post(server, form, "csv-summary")
    assert summary.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(summary.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["申报书", "方向", "结论"] and rows[1][1:3] == ["3.4", "不符合要求"]


def test_the_validation_api_answers_reports_too(server):
    proposal = (Path(__file__).parents[1] / "data" / "proposals" / "3.4" / "ok.json").read_bytes()
    headers = {"Content-Type": "application/json"}
    pdf = httpx.post(f"{server}/validate", content=proposal,
                     headers={**headers, "Accept": "application/pdf"}, timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    detailed = httpx.post(f"{server}/validate?format=csv&lang=en", content=proposal,
                          headers=headers, timeout=60)
    assert detailed.text.lstrip("\ufeff").startswith("Proposal,Direction,Verdict,Severity")
    summary = httpx.post(f"{server}/validate?format=csv-summary&lang=en", content=proposal,
                         headers=headers, timeout=60)
    rows = list(csv.reader(io.StringIO(summary.text.lstrip("\ufeff"))))
    assert rows[0][3:] == ["violation", "warning", "info"]  # the graph's labels
    assert rows[1][:4] == ["urn:example:proposal:3.4-ok", "3.4", "conforms", "0"]


def test_add_a_row_and_load_a_file_without_javascript(server):
    form = CASES["1.2 with two leads"]["form"]
    more = _post(server, form, "add")
    assert 'name="p3.name"' in more.text and 'value="Massey University"' in more.text
    upload = (Path(__file__).parents[1] / "data" / "proposals" / "3.4" / "ok.json").read_bytes()
    loaded = _post(server, {"lang": "zh"}, "load", files={"upload": ("p.json", upload)})
    assert loaded.status_code == 200
    assert 'value="3.4" selected' in loaded.text and 'value="Beispielwerk Automation GmbH"' in loaded.text
    assert 'value="面向网络协同制造的跨国互操作规则研究" checked' in loaded.text
    assert 'name="doc.ip_agreement" value="on" checked' in loaded.text
    broken = _post(server, {"lang": "en"}, "load", files={"upload": ("p.json", b"{oops")})
    assert broken.status_code == 400 and "not JSON: line 1" in broken.text
