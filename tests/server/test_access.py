"""Access: writes are off by default and then need the bearer token, which is never logged;
CORS is off by default and never `*` with credentials; every HTML page carries a
Content-Security-Policy it satisfies in a real browser (no violation reported while the
pages do their work), may not be framed, and no answer may be sniffed."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import sync_playwright

from coopkg.graph.locate import open_store
from coopkg.server.app import create_app
from coopkg.server.settings import Settings

from .conftest import ARGS, CHROMIUM

SECRET = "s3cret-token-never-logged"


def _client(**settings: object) -> TestClient:
    return TestClient(create_app(Settings(**settings), store=open_store(None)))  # type: ignore[arg-type]


def test_writes_are_off_by_default_and_then_need_the_token(caplog: pytest.LogCaptureFixture):
    update = {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}
    off = _client().post("/update", data=update)
    assert off.status_code == 403 and off.json()["title"] == "UPDATES_DISABLED"
    on = _client(update_enabled=True, update_token=SECRET)
    caplog.set_level(logging.DEBUG)
    for header in ("", "Bearer wrong", f"Basic {SECRET}", f"Bearer {SECRET}x"):
        r = on.post("/update", data=update, headers={"Authorization": header})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", header
    ok = on.post("/update", data=update, headers={"Authorization": f"Bearer {SECRET}"})
    assert ok.status_code == 204
    assert caplog.records and SECRET not in caplog.text  # the access log saw every request
    assert SECRET not in repr(Settings(update_enabled=True, update_token=SECRET))


def test_cors_is_off_by_default_and_never_with_credentials():
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in _client().get("/health", headers=origin).headers
    named = _client(cors_origins=("https://elsewhere.example",))
    r = named.get("/health", headers=origin)
    assert r.headers["access-control-allow-origin"] == "https://elsewhere.example"
    other = named.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    anyone = _client(cors_origins=("*",)).get("/health", headers=origin)
    assert anyone.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in anyone.headers


PAGES = ["/", "/directions", "/query", "/validate", "/eligible", "/proposal", "/ontology",
         "/dataset", "/guide/2021-1/direction/3.4", "/partner/JP", "/search?q=氢能", "/docs",
         "/no/such/page"]


@pytest.fixture
def embedded(request: pytest.FixtureRequest) -> None:
    if request.node.callspec.params.get("server") != "embedded":
        pytest.skip("the pages' headers do not depend on the store")


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[object]:
    assert CHROMIUM, "chromium is not installed (scripts/ensure-chromium.sh)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        # Registered before any script of the page runs: every violation is kept.
        context.add_init_script("window.__csp = []; document.addEventListener("
                                "'securitypolicyviolation', e => window.__csp.push("
                                "e.violatedDirective + ' ' + (e.blockedURI || 'inline')));")
        page = context.new_page()
        said: list[str] = []
        page.on("console", lambda m: said.append(m.text) if "Content Security Policy"
                in m.text else None)
        page.said = said  # type: ignore[attr-defined]
        yield page
        browser.close()


def test_every_page_has_the_headers(server: str, embedded: None):
    for path in PAGES:
        r = httpx.get(server + path, headers={"Accept": "text/html"}, timeout=60)
        policy = r.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy.split(
            "; ")[1], (path, policy)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
    api = httpx.get(f"{server}/sparql", params={"query": "ASK {}"})
    assert api.headers["x-content-type-options"] == "nosniff"


def test_the_pages_satisfy_their_policy_while_they_work(server: str, embedded: None,
                                                        browser_page: object):
    page = browser_page
    violations: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(f"{server}{path}?lang=en", wait_until="networkidle")  # type: ignore[attr-defined]
        if path == "/query":  # the editor draws, runs a query and shows its results
            page.locator("a.example[data-name=totals]").click()  # type: ignore[attr-defined]
            page.locator(".yasr").get_by_text("822500000").first.wait_for(timeout=20000)  # type: ignore[attr-defined]
        if path == "/validate":  # the form posts the proposal and shows the report
            page.locator("#submit").click()  # type: ignore[attr-defined]
            page.locator("#report").get_by_text("conform").first.wait_for(timeout=20000)  # type: ignore[attr-defined]
        if path == "/docs":
            page.locator(".opblock").first.wait_for(timeout=20000)  # type: ignore[attr-defined]
        found = page.evaluate("window.__csp")  # type: ignore[attr-defined]
        if found:
            violations[path] = found
    assert violations == {} and page.said == []  # type: ignore[attr-defined]
