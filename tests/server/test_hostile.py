"""Hostile and broken input through every door of a running server (both stores): each
case of tests/data/hostile/cases.json gets its clear 4xx, nothing is fetched, and the
server keeps serving. Chinese text in every field comes back exactly as it was sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from .hostile import HOSTILE, Hook, body_of, cases, hook_server

__all__ = ["hook_server"]  # the fixture, for the tests below

GRAPH = "http://example.org/hostile"
PATHS = {"store": "/store", "sparql": "/sparql", "update": "/update", "validate": "/validate"}


def _send(server: str, auth: dict[str, str], case: dict[str, Any], hook: str
          ) -> httpx.Response:
    door, data = case["door"], body_of(case, hook)
    method = case.get("method", "PUT" if door == "store" else "POST")
    params = dict(case.get("params", {"graph": GRAPH} if door == "store" else {}))
    if door == "validate":
        params["guide"] = "2021-1"
    if method == "GET" and door == "sparql":
        params["query"] = data.decode("utf-8")
    headers = {**auth, "Accept": "application/json", "Accept-Language": "en"}
    if case.get("type"):
        headers["Content-Type"] = case["type"]
    content: bytes | Iterator[bytes] | None = data if method != "GET" else None
    if case.get("chunked"):
        content = iter([data[i:i + 65536] for i in range(0, len(data), 65536)])
    return httpx.request(method, server + PATHS[door], params=params, headers=headers,
                         content=content, timeout=60)


@pytest.mark.parametrize("case", cases("store", "sparql", "update", "validate"))
def test_hostile_input_is_refused_clearly(server: str, auth: dict[str, str],
                                          hook_server: Hook, case: dict[str, Any]) -> None:
    hook_server.hits.clear()
    r = _send(server, auth, case, hook_server.url)
    assert r.status_code == case["status"], r.text[:500]
    assert r.headers["content-type"].startswith("application/problem+json"), r.text[:300]
    assert case["says"] in r.json()["detail"], r.json()["detail"]
    assert hook_server.hits == []  # nothing fetched
    after = httpx.get(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200 and after.json()["boolean"] is True  # still serving
    stored = httpx.get(f"{server}/store", params={"graph": GRAPH})
    assert stored.status_code == 404  # and nothing was written


def _tags_lowered(g: Graph) -> Graph:
    """The graph with language tags in lower case: RDF compares them without case, and
    Oxigraph keeps them lowered (zh-Hans-CN comes back as zh-hans-cn)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


@pytest.fixture
def clean(server: str, auth: dict[str, str]) -> Iterator[None]:
    yield
    httpx.delete(f"{server}/store", params={"graph": GRAPH}, headers=auth)


def test_chinese_text_round_trips_through_the_graph_store(server, auth, clean):
    sent = (HOSTILE / "chinese.ttl").read_bytes()
    r = httpx.put(f"{server}/store", params={"graph": GRAPH}, content=sent,
                  headers={**auth, "Content-Type": "text/turtle"})
    assert r.status_code == 201, r.text
    expected = _tags_lowered(Graph().parse(data=sent.decode("utf-8"), format="turtle"))
    for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        got = httpx.get(f"{server}/store", params={"graph": GRAPH}, headers={"Accept": accept})
        assert got.status_code == 200
        assert isomorphic(_tags_lowered(Graph().parse(data=got.content, format=fmt)),
                          expected), accept
    title = next(expected.objects(URIRef("http://example.org/申报书/甲"),
                                  URIRef("http://example.org/题目")))
    q = ("SELECT ?t WHERE { GRAPH ?g { <http://example.org/申报书/甲> "
         "<http://example.org/题目> ?t FILTER(CONTAINS(?t, \"碳中和\")) } }")
    rows = httpx.get(f"{server}/sparql", params={"query": q}).json()["results"]["bindings"]
    assert [(b["t"]["value"], b["t"]["xml:lang"]) for b in rows] == [(str(title), "zh")]


def test_chinese_text_round_trips_through_update_and_form(server, auth, clean):
    text = "国际合作 “引号” 《书名》\t🚀 第二行\n末行"
    update = (f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://example.org/项目/一> "
              f"<http://example.org/名称> {Literal(text).n3()} }} }}")
    r = httpx.post(f"{server}/update", data={"update": update}, headers=auth)
    assert r.status_code == 204, r.text
    q = f"SELECT ?s ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    for method in ("GET", "POST"):
        r = (httpx.get(f"{server}/sparql", params={"query": q}) if method == "GET" else
             httpx.post(f"{server}/sparql", data={"query": q}))
        [row] = r.json()["results"]["bindings"]
        assert row["s"]["value"] == "http://example.org/项目/一"
        assert row["o"]["value"] == text, method
    csv = httpx.get(f"{server}/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert "http://example.org/项目/一" in csv.content.decode("utf-8")
