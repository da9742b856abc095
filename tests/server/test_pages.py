"""The web pages in a real headless browser (Debian's Chromium driven by Playwright): the
home page, the sortable directions table, the query UI running a named query, the
validation form, a direction page. Screenshots go to $COOPKG_SCREENSHOTS (default: a
temporary folder); docs/screenshots/ holds the ones the README shows."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_home_page(server, page: Page, shots):
    page.goto(f"{server}/?lang=en")
    expect(page.locator("h1")).to_contain_text("knowledge graph")
    expect(page.locator(".card").first).to_contain_text("29")
    page.screenshot(path=str(shots / "home.png"), full_page=True)


def test_directions_table_sorts(server, page: Page, shots):
    page.goto(f"{server}/directions?lang=zh")
    rows = page.locator("#directions tbody tr")
    expect(rows).to_have_count(29)
    page.locator("#directions th", has_text="经费").click()
    first = page.locator("#directions tbody tr").first.locator("td").first.inner_text()
    page.locator("#directions th", has_text="经费").click()
    top = page.locator("#directions tbody tr").first.locator("td").first.inner_text()
    assert {first, top} >= {"1.2"} or first != top
    page.screenshot(path=str(shots / "directions.png"), full_page=True)


def test_query_ui_runs_a_named_query(server, page: Page, shots):
    page.goto(f"{server}/query?lang=en")
    expect(page.locator(".yasqe")).to_be_visible(timeout=15000)
    page.locator("a.example[data-name=totals]").click()
    results = page.locator(".yasr")
    expect(results).to_contain_text("822500000", timeout=20000)
    page.screenshot(path=str(shots / "query.png"), full_page=True)
    assert not page.errors  # type: ignore[attr-defined]


def test_validation_form_shows_a_report(server, page: Page, shots):
    page.goto(f"{server}/validate?lang=en")
    page.locator("#submit").click()
    report = page.locator("#report")
    expect(report).to_contain_text("urn:example:proposal:nz-1", timeout=20000)
    expect(report).to_contain_text("conform")
    page.screenshot(path=str(shots / "validate.png"), full_page=True)


def test_direction_page_shows_its_requirements(server, page: Page, shots):
    page.goto(f"{server}/guide/2021-1/direction/3.4?lang=en")
    expect(page.locator("h1")).to_contain_text("Industry 4.0")
    expect(page.locator("ol.requirements > li")).to_have_count(4)
    expect(page.locator("ol.requirements")).to_contain_text("2+2")
    page.screenshot(path=str(shots / "direction.png"), full_page=True)
