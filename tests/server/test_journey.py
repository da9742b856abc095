"""The research office's whole path in a real headless browser, in zh and in en: find a
call by its partner, ask who may apply with it, fill in the proposal with that
consortium (no JSON), read the report as it updates, download the PDF. The cases are
tests/data/journeys/manifest.json; screenshots of each step go to $COOPKG_SCREENSHOTS
(docs/screenshots/ keeps the ones the README shows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

MANIFEST = json.loads((Path(__file__).parents[1] / "data" / "journeys" / "manifest.json")
                      .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", MANIFEST["cases"], ids=lambda c: c["lang"])
def test_from_a_partner_to_a_pdf_report(server, page: Page, shots, case, tmp_path):
    lang, words = case["lang"], case["words"]
    # 1. Find the call by its partner, from the home page.
    page.goto(f"{server}/?lang={lang}")
    page.locator("p.partners a", has_text=case["partner_name"]).first.click()
    expect(page.locator("h1")).to_have_text(case["partner_name"])
    directions = page.locator("#partner-directions")
    expect(directions).to_contain_text(case["direction"])
    page.screenshot(path=str(shots / f"journey-1-partner-{lang}.png"), full_page=True)

    # 2. Who may apply with this partner: the form comes with the two countries set.
    page.locator("#who-may-apply").click()
    expect(page.locator('select[name="p1.country"]')).to_have_value(case["partner"])
    expect(page.locator('select[name="p0.country"]')).to_have_value("CN")
    for i, row in enumerate(case["consortium"]):
        page.fill(f'input[name="p{i}.name"]', row["name"])
        page.select_option(f'select[name="p{i}.type"]', row["type"])
        if row.get("ownership"):
            page.select_option(f'select[name="p{i}.ownership"]', row["ownership"])
    page.locator("#check").click()
    row = page.locator("#results tr", has=page.locator(
        f'td:first-child a:text-is("{case["direction"]}")'))
    expect(row.locator(".badge")).to_have_text(words["eligible"])
    page.screenshot(path=str(shots / f"journey-2-eligible-{lang}.png"), full_page=True)

    # 3. Fill in the proposal with this consortium: the form opens at the direction.
    row.locator("a.apply").click()
    expect(page.locator("#direction")).to_have_value(case["direction"])
    expect(page.locator('input[name="p1.name"]')).to_have_value(case["consortium"][1]["name"])
    expect(page.locator("#facts")).to_contain_text(case["partner_name"])
    fields = page.locator('input[name="fields"]')
    (fields.and_(page.locator(f'[value="{case["field"]}"]')) if case["field"]
     else fields.first).check()
    page.fill("#startDate", case["startDate"])
    page.fill("#endDate", case["endDate"])
    page.fill("#requestedFunding", case["funding"])
    for box in page.locator('#documents tr.required input[type="checkbox"]').all():
        box.check()

    # 4. The report updates as the user goes, with no reload.
    report = page.locator("#report")
    expect(report).to_have_attribute("data-state", "done", timeout=30000)
    expect(report.locator("h2")).to_contain_text(words["conforms"], timeout=30000)
    expect(report.locator("h2")).not_to_contain_text(words["lead_missing"])
    page.select_option('select[name="p0.role"]', "participant")  # no lead any more
    expect(report.locator("h2")).to_contain_text(words["lead_missing"], timeout=30000)
    expect(report).to_contain_text(f'{case["direction"]}/lead')
    page.select_option('select[name="p0.role"]', "lead")
    expect(report.locator("h2")).not_to_contain_text(words["lead_missing"], timeout=30000)
    page.screenshot(path=str(shots / f"journey-3-proposal-{lang}.png"), full_page=True)

    # 5. The PDF report, as a file the browser saves.
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "coopkg-report-2021-1.pdf"
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF") and b"NotoSansCJK" in pdf
    assert not page.errors  # type: ignore[attr-defined]
