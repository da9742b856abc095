"""Errors in one place: every error of coopkg.errors has one stable code and one status,
the app's one handler answers each as problem+json, and a bug is a 500 that says nothing
of itself (no traceback, no message)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coopkg import errors
from coopkg.graph.locate import open_store
from coopkg.server.app import create_app
from coopkg.server.problems import CODES, problem_for
from coopkg.server.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _all(cls: type[errors.CoopkgError]) -> list[type[errors.CoopkgError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _all(sub))]


def test_every_code_belongs_to_one_error_with_one_status():
    defining = [c for c in _all(errors.CoopkgError) if "code" in vars(c)]
    by_code: dict[str, list[str]] = {}
    for cls in defining:
        by_code.setdefault(cls.code, []).append(cls.__name__)
    assert {code: names for code, names in by_code.items() if len(names) > 1} == {}
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]+", c) and 400 <= errors.codes()[c].status < 600
               for c in by_code)
    assert set(CODES) == set(by_code)
    drawn = errors.__doc__ or ""
    assert [c for c in by_code if c not in drawn] == []  # the tree in the docstring is whole


@pytest.mark.parametrize("cls", [c for c in _all(errors.CoopkgError) if "code" in vars(c)
                                 and c.__init__ is errors.CoopkgError.__init__])
def test_each_error_is_answered_with_its_code_and_status(cls):
    response = problem_for(cls("what went wrong"))
    assert (response.status_code, response.code) == (cls.status, cls.code)
    assert response.describe("en") == "what went wrong"
    assert ("retry-after" in response.headers) == (cls.status == 503)


def test_unauthorised_asks_for_a_bearer_token():
    response = problem_for(errors.Unauthorised())
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_routers_raise_instead_of_building_problems():
    # proposal.py is the proposal form's; it still answers its one unknown-guide case inline
    inline = {p.name: n for p in (ROOT / "server" / "routers").glob("*.py")
              if p.name != "proposal.py" and (n := p.read_text("utf-8").count("problem("))}
    assert inline == {}


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(), store=open_store(None))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret: /etc/shadow")

    @app.get("/refuse")
    def refuse() -> None:
        raise errors.NotAcceptable("nothing to offer", offered=["text/turtle"])

    # before the linked-data router's catch-all /{path}
    app.router.routes[:0] = [app.router.routes.pop(), app.router.routes.pop()]
    return TestClient(app, raise_server_exceptions=False)


def test_a_bug_is_a_500_problem_that_says_nothing_of_itself(client):
    r = client.get("/boom", headers={"Accept-Language": "en"})
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["title"] == "INTERNAL_ERROR"
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text


def test_a_raised_error_keeps_what_it_carries(client):
    r = client.get("/refuse", headers={"Accept-Language": "en"})
    assert r.status_code == 406
    assert r.json() == {"type": "about:blank", "title": "NOT_ACCEPTABLE", "status": 406,
                        "detail": "nothing to offer", "offered": ["text/turtle"]}


def test_unknown_paths_and_methods_are_problems_too(client):
    r = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert r.status_code == 404 and r.json()["title"] == "NOT_FOUND"
    r = client.put("/sparql")
    assert r.status_code == 405 and r.json()["title"] == "METHOD_NOT_ALLOWED"
    assert "GET" in r.headers["allow"]
