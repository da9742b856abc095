"""The SPARQL endpoint over HTTP: a real `coopkg serve` process, real clients."""

from __future__ import annotations

import httpx

QUERY = ("PREFIX ck: <https://w3id.org/coopkg/ontology#> "
         "SELECT ?code WHERE { ?d ck:code ?code } ORDER BY ?code")


def test_get_select_returns_sparql_json(server):
    r = httpx.get(f"{server}/sparql", params={"query": QUERY})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    codes = [b["code"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(codes) == 29 and "2.0" in codes and "3.0" in codes


def test_post_forms(server):
    form = httpx.post(f"{server}/sparql", data={"query": QUERY})
    direct = httpx.post(f"{server}/sparql", content=QUERY.encode(),
                        headers={"content-type": "application/sparql-query"})
    assert form.json() == direct.json()


def test_construct_is_turtle(server):
    q = ("CONSTRUCT { ?d <urn:code> ?c } WHERE { ?d <https://w3id.org/coopkg/ontology#code> ?c }")
    r = httpx.get(f"{server}/sparql", params={"query": q})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    from rdflib import Graph

    assert len(Graph().parse(data=r.text, format="turtle")) == 29


def test_malformed_query_is_400_with_a_reason(server):
    r = httpx.get(f"{server}/sparql", params={"query": "SELECT WHERE {"})
    assert r.status_code == 400
    assert r.json()["title"] == "MALFORMED_QUERY"


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert len(result["results"]["bindings"]) == 29
