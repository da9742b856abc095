"""SPARQL 1.1 Protocol details: datasets, formats, negotiation, errors, policy, deadlines."""

from __future__ import annotations

import csv
import io
import threading
import time

import httpx
import pytest
from rdflib import Graph

TIMEOUT_S = 3  # the deadline tests/server/conftest.py starts the server with

CK = "https://w3id.org/coopkg/ontology#"
GUIDE_GRAPH = "https://w3id.org/coopkg/graph/guide/2021-1"
ONTOLOGY_GRAPH = "https://w3id.org/coopkg/graph/ontology"
COUNT_DIRECTIONS = f"SELECT (COUNT(?d) AS ?n) WHERE {{ ?d a <{CK}Direction> }}"


def _count(r: httpx.Response) -> int:
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_and_datasets_are_honoured(server):
    assert _count(httpx.get(f"{server}/sparql", params={"query": COUNT_DIRECTIONS})) == 29
    only_ontology = httpx.get(f"{server}/sparql", params={
        "query": COUNT_DIRECTIONS, "default-graph-uri": ONTOLOGY_GRAPH})
    assert _count(only_ontology) == 0
    named = httpx.get(f"{server}/sparql", params={
        "query": f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{CK}Direction> }} }}",
        "named-graph-uri": GUIDE_GRAPH})
    assert _count(named) == 29
    from_clause = httpx.post(f"{server}/sparql", data={
        "query": f"SELECT (COUNT(?d) AS ?n) FROM <{ONTOLOGY_GRAPH}> "
                 f"WHERE {{ ?d a <{CK}Direction> }}"})
    assert _count(from_clause) == 0


@pytest.mark.parametrize("accept,ctype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_formats_by_accept(server, accept, ctype):
    r = httpx.get(f"{server}/sparql", params={"query": COUNT_DIRECTIONS},
                  headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == ctype
    if ctype == "text/csv":
        assert list(csv.reader(io.StringIO(r.text))) == [["n"], ["29"]]


@pytest.mark.parametrize("fmt,rdflib_format", [
    ("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml"),
    ("trig", "trig"),
])
def test_construct_formats(server, fmt, rdflib_format):
    q = f"CONSTRUCT {{ ?d <{CK}code> ?c }} WHERE {{ ?d <{CK}code> ?c }}"
    r = httpx.get(f"{server}/sparql", params={"query": q, "format": fmt})
    assert r.status_code == 200
    from rdflib import Dataset

    g = Dataset() if fmt == "trig" else Graph()
    g.parse(data=r.content, format=rdflib_format)
    assert len(g) == 29


def test_describe_and_ask(server):
    d = httpx.get(f"{server}/sparql", params={
        "query": "DESCRIBE <https://w3id.org/coopkg/guide/2021-1/direction/3.4>"},
        headers={"Accept": "text/turtle"})
    assert d.status_code == 200 and "3.4" in d.text
    a = httpx.get(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in a.text


@pytest.mark.parametrize("request_kwargs,status,code", [
    ({"params": {"query": "SELECT WHERE {"}}, 400, "MALFORMED_QUERY"),
    ({"params": {"query": ""}}, 400, "MISSING_QUERY"),
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "DOUBLED_QUERY"),
    ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "NOT_ACCEPTABLE"),
    ({"params": {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
     400, "QUERY_REFUSED"),
    ({"params": {"query": "SELECT * FROM <http://example.org/g> { ?s ?p ?o }"}}, 400,
     "QUERY_REFUSED"),
    ({"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400,
     "BAD_GRAPH_IRI"),
])
def test_bad_requests_get_a_clear_problem(server, request_kwargs, status, code):
    r = httpx.get(f"{server}/sparql", **request_kwargs)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["title"] == code and r.json()["detail"]


def test_post_with_a_wrong_media_type_is_415(server):
    r = httpx.post(f"{server}/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_load_is_refused(server, auth):
    r = httpx.post(f"{server}/update", content=b"LOAD <http://example.org/data.ttl>",
                   headers={**auth, "Content-Type": "application/sparql-update"})
    assert r.status_code == 400 and "LOAD" in r.json()["detail"]


def test_a_huge_body_is_refused(server):
    r = httpx.post(f"{server}/sparql", content=b"#" * 300_000,
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_a_runaway_query_is_stopped_while_others_are_served(server):
    runaway = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    outcome: dict[str, object] = {}

    def run() -> None:
        start = time.monotonic()
        r = httpx.post(f"{server}/sparql", data={"query": runaway}, timeout=60)
        outcome["status"], outcome["took"] = r.status_code, time.monotonic() - start
        outcome["title"] = r.json().get("title")

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.5)
    answered = []
    while t.is_alive():
        r = httpx.get(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        answered.append(r.status_code)
        time.sleep(0.2)
    t.join()
    assert outcome["status"] == 503 and outcome["title"] == "QUERY_TIMEOUT"
    assert outcome["took"] < TIMEOUT_S + 5
    assert answered and set(answered) == {200}
    # and the server still answers afterwards
    assert httpx.get(f"{server}/health").status_code == 200


def test_service_description_and_dataset_description(server):
    sd = httpx.get(f"{server}/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=sd.text, format="turtle")
    sdns = "http://www.w3.org/ns/sparql-service-description#"
    assert any(str(o) == sdns + "UnionDefaultGraph" for o in g.objects())
    assert GUIDE_GRAPH in {str(o) for o in g.objects()}
    jsonld = httpx.get(f"{server}/sparql", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(g)
    void = httpx.get(f"{server}/dataset", headers={"Accept": "text/turtle"})
    dg = Graph().parse(data=void.text, format="turtle")
    assert any(str(o).endswith("/sparql") for o in dg.objects())
    browser = httpx.get(f"{server}/sparql", headers={"Accept": "text/html"})
    assert browser.status_code == 303 and browser.headers["location"] == "/query"


def test_rdflib_sparqlstore_as_a_remote_graph(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(f"{server}/sparql"))
    rows = list(remote.query(f"SELECT ?c WHERE {{ ?d <{CK}code> ?c }} ORDER BY ?c"))
    assert len(rows) == 29 and str(rows[0][0]) == "1.1"


def test_openapi_docs(server):
    import re

    page = httpx.get(f"{server}/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"|url: \'([^\']+)\'', page.text)
    links = [a or b for a, b in assets]
    assert links and all(link.startswith("/") for link in links), links  # nothing from a CDN
    for link in links:
        assert httpx.get(server + link).status_code == 200, link
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/sparql", "/store", "/validate", "/health"} <= set(paths)


def test_a_protocol_dataset_wins_over_from_and_unknown_graphs_are_empty(server):
    query = (f"SELECT (COUNT(?d) AS ?n) FROM <{ONTOLOGY_GRAPH}> "
             f"WHERE {{ ?d a <{CK}Direction> }}")
    over = httpx.post(f"{server}/sparql", data={"query": query,
                                                "default-graph-uri": GUIDE_GRAPH})
    assert _count(over) == 29
    unknown = httpx.get(f"{server}/sparql", params={
        "query": COUNT_DIRECTIONS, "default-graph-uri": "http://example.org/no-such-graph"})
    assert _count(unknown) == 0


@pytest.mark.parametrize("accept,fmt,form,ctype", [
    ("application/json", None, "SELECT", "application/sparql-results+json"),
    ("application/xml", None, "SELECT", "application/sparql-results+xml"),
    ("application/rdf+xml", "xml", "CONSTRUCT", "application/rdf+xml"),
    ("text/n3", None, "CONSTRUCT", "text/turtle"),
    (None, "rdf+xml", "CONSTRUCT", "application/rdf+xml"),
])
def test_the_media_types_common_clients_send_are_answered(server, accept, fmt, form, ctype):
    query = ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1" if form == "SELECT" else
             "CONSTRUCT WHERE { ?s a ?o } LIMIT 3")
    params = {"query": query, **({"format": fmt} if fmt else {})}
    r = httpx.get(f"{server}/sparql", params=params,
                  headers={"Accept": accept} if accept else {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(ctype)


def test_head_and_options(server):
    head = httpx.head(f"{server}/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("application/sparql-results+json")
    options = httpx.options(f"{server}/sparql")
    assert options.status_code == 204 and "POST" in options.headers["allow"]
    wrong = httpx.put(f"{server}/sparql", content=b"")
    assert wrong.status_code == 405 and "GET" in wrong.headers["allow"]


def test_sparqlwrapper_defaults_for_every_query_form(server):
    from SPARQLWrapper import JSON, N3, RDFXML, XML, SPARQLWrapper

    for fmt in (None, XML, RDFXML, N3):
        client = SPARQLWrapper(f"{server}/sparql")
        client.setQuery("CONSTRUCT WHERE { ?s a ?o } LIMIT 3")
        if fmt:
            client.setReturnFormat(fmt)
        graph = client.query().convert()
        if isinstance(graph, bytes):  # SPARQLWrapper hands N3 over unparsed
            from rdflib import Graph

            graph = Graph().parse(data=graph, format="turtle")
        assert len(graph) == 3, fmt
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("SELECT ?s WHERE { ?s ?p ?o } LIMIT 2")
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 2
