"""Writes (SPARQL Update, Graph Store Protocol) behind the token, each a transaction;
proposals validated before they are stored; the validation API; linked data."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from rdflib import Graph

CK = "https://w3id.org/coopkg/ontology#"
G = "urn:test:graph:notes"
# A conforming 1.3 proposal (an enterprise leads), shared with the other test modules.
PROPOSAL = dict(json.loads((Path(__file__).parents[1] / "data" / "proposals" / "examples" /
                            "1.3-enterprise-lead.json").read_text(encoding="utf-8")),
                id="urn:example:proposal:srv-1")


def _ask(server, q):
    return httpx.get(f"{server}/sparql", params={"query": q}).json()["boolean"]


def test_writes_need_the_token(server, auth):
    body = f"INSERT DATA {{ GRAPH <{G}> {{ <urn:a> <urn:b> 'c' }} }}".encode()
    headers = {"Content-Type": "application/sparql-update"}
    assert httpx.post(f"{server}/update", content=body, headers=headers).status_code == 401
    wrong = {**headers, "Authorization": "Bearer nope"}
    assert httpx.post(f"{server}/update", content=body, headers=wrong).status_code == 401
    ok = httpx.post(f"{server}/update", content=body, headers={**headers, **auth})
    assert ok.status_code == 204
    assert _ask(server, f"ASK {{ GRAPH <{G}> {{ <urn:a> <urn:b> 'c' }} }}")
    form = httpx.post(f"{server}/sparql", data={"update": f"CLEAR GRAPH <{G}>"}, headers=auth)
    assert form.status_code == 204
    assert not _ask(server, f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")


def test_a_failing_update_changes_nothing(server, auth):
    before = httpx.get(f"{server}/health").json()["triples"]
    bad = httpx.post(f"{server}/update", content=b"INSERT DATA { <urn:x> <urn:y> ",
                     headers={**auth, "Content-Type": "application/sparql-update"})
    assert bad.status_code == 400
    assert httpx.get(f"{server}/health").json()["triples"] == before


def test_graph_store_protocol_round_trip(server, auth):
    turtle = "<urn:s> <urn:p> 'one' , 'two' ."
    created = httpx.put(f"{server}/store", params={"graph": G}, content=turtle.encode(),
                        headers={**auth, "Content-Type": "text/turtle"})
    assert created.status_code == 201
    got = httpx.get(f"{server}/store", params={"graph": G}, headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=got.text, format="turtle")) == 2
    head = httpx.head(f"{server}/store", params={"graph": G})
    assert head.status_code == 200 and int(head.headers["content-length"]) > 0
    added = httpx.post(f"{server}/store", params={"graph": G},
                       content=b'{"@id": "urn:s", "urn:p": "three"}',
                       headers={**auth, "Content-Type": "application/ld+json"})
    assert added.status_code == 204
    got = httpx.get(f"{server}/store", params={"graph": G, "format": "nt"})
    assert len(Graph().parse(data=got.text, format="nt")) == 3
    replaced = httpx.put(f"{server}/store", params={"graph": G}, content=b"<urn:s> <urn:p> 'x' .",
                         headers={**auth, "Content-Type": "text/turtle"})
    assert replaced.status_code == 204
    assert len(Graph().parse(data=httpx.get(f"{server}/store", params={"graph": G}).text,
                             format="turtle")) == 1
    assert httpx.delete(f"{server}/store", params={"graph": G}, headers=auth).status_code == 204
    assert httpx.get(f"{server}/store", params={"graph": G}).status_code == 404


def test_graph_store_errors(server, auth):
    assert httpx.get(f"{server}/store").status_code == 400
    assert httpx.get(f"{server}/store", params={"graph": "not an iri"}).status_code == 400
    bad = httpx.put(f"{server}/store", params={"graph": G}, content=b"<urn:s> <urn:p> .",
                    headers={**auth, "Content-Type": "text/turtle", "Accept-Language": "en"})
    assert bad.status_code == 400 and "not valid" in bad.json()["detail"]
    remote = httpx.put(f"{server}/store", params={"graph": G},
                       content=b'{"@context": "http://example.org/ctx", "@id": "urn:s"}',
                       headers={**auth, "Content-Type": "application/ld+json",
                                "Accept-Language": "en"})
    assert remote.status_code == 400 and "not fetched" in remote.json()["detail"]
    union = httpx.get(f"{server}/store", params={"default": ""}, headers={"Accept": "text/turtle"},
                      timeout=120)  # the whole dataset, search index included
    assert union.status_code == 200 and len(union.content) > 100_000


def test_stored_proposals_are_validated_first(server, auth):
    from coopkg.shapes.proposals import parse_proposals

    bad = dict(PROPOSAL, id="urn:example:proposal:srv-bad",
               participants=[dict(PROPOSAL["participants"][0], type="university"),
                             PROPOSAL["participants"][1]])
    (p,) = parse_proposals(json.dumps(bad), guide="2021-1")
    rejected = httpx.put(f"{server}/store", params={"graph": "urn:test:proposals:bad"},
                         content=p.graph.serialize(format="turtle").encode(),
                         headers={**auth, "Content-Type": "text/turtle"})
    assert rejected.status_code == 422
    assert rejected.json()["results"][0]["findings"][0]["requirement"] == "1.3/1"
    assert httpx.get(f"{server}/store",
                     params={"graph": "urn:test:proposals:bad"}).status_code == 404
    (good,) = parse_proposals(json.dumps(PROPOSAL), guide="2021-1")
    stored = httpx.put(f"{server}/store", params={"graph": "urn:test:proposals:good"},
                       content=good.graph.serialize(format="turtle").encode(),
                       headers={**auth, "Content-Type": "text/turtle"})
    assert stored.status_code == 201
    httpx.delete(f"{server}/store", params={"graph": "urn:test:proposals:good"}, headers=auth)


def test_validation_api_json_turtle_html_and_batch(server):
    body = json.dumps(PROPOSAL).encode()
    r = httpx.post(f"{server}/validate", content=body,
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 200
    (result,) = r.json()["results"]
    assert result["conforms"] and result["direction"] == "1.3"
    ttl = httpx.post(f"{server}/validate", content=body,
                     headers={"Content-Type": "application/json", "Accept": "text/turtle"})
    report = Graph().parse(data=ttl.text, format="turtle")
    assert (None, None, None) in report and "ValidationReport" in ttl.text
    html = httpx.post(f"{server}/validate", params={"lang": "en"}, content=body,
                      headers={"Content-Type": "application/json", "Accept": "text/html"})
    assert "conforms" in html.text
    batch = json.dumps([PROPOSAL, dict(PROPOSAL, id="urn:example:proposal:srv-2",
                                       direction="9.9")]).encode()
    results = httpx.post(f"{server}/validate", content=batch,
                         headers={"Content-Type": "application/json"}).json()["results"]
    assert [r["conforms"] for r in results] == [True, False]
    assert results[1]["findings"][0]["requirement"] == "guide/direction"


def test_validation_api_refuses_unusable_input(server):
    r = httpx.post(f"{server}/validate", content=b'{"direction": "1.3", "participants": []}',
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["path"] == "participants"
    several = (Path(__file__).parents[1] / "data" / "proposals" / "bad" /
               "several-problems.json").read_bytes()
    r = httpx.post(f"{server}/validate", content=several,
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert sorted(e["path"] for e in r.json()["errors"]) == [
        "colour", "endDate", "participants[1].country", "participants[1].type",
        "requestedFunding.amount"]
    missing = httpx.post(f"{server}/validate", params={"guide": "1999-9"},
                         content=json.dumps(PROPOSAL).encode(),
                         headers={"Content-Type": "application/json"})
    assert missing.status_code == 404


def test_linked_data_dereferences_minted_iris(server):
    html = httpx.get(f"{server}/guide/2021-1/direction/3.4", params={"lang": "en"},
                     headers={"Accept": "text/html"})
    assert html.status_code == 200 and "Requirements" in html.text and "SHACL shape" in html.text
    ttl = httpx.get(f"{server}/guide/2021-1/direction/3.4", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.text, format="turtle")
    assert len(g) > 20
    assert httpx.get(f"{server}/partner/DE", headers={"Accept": "application/ld+json"}
                     ).status_code == 200
    assert httpx.get(f"{server}/guide/2021-1/direction/9.9").status_code == 404
    onto = httpx.get(f"{server}/ontology", headers={"Accept": "text/turtle"})
    assert f"<{CK}Direction>" in onto.text or "ck:Direction" in onto.text
    assert httpx.get(f"{server}/ontology").status_code == 200
    ctx = httpx.get(f"{server}/context/proposal.jsonld").json()
    assert ctx["@context"]["direction"]["@id"] == "ck:direction"


def test_one_application_per_h2020_project_counts_stored_proposals(server, auth):

    from coopkg.shapes.proposals import parse_proposals

    ok = json.loads((Path(__file__).parents[1] / "data" / "proposals" / "2.7" / "ok.json")
                    .read_text(encoding="utf-8"))
    first = dict(ok, id="urn:example:proposal:h2020-a")
    second = dict(ok, id="urn:example:proposal:h2020-b")

    def turtle(doc):
        (p,) = parse_proposals(json.dumps(doc), guide="2021-1")
        return p.graph.serialize(format="turtle").encode()

    headers = {**auth, "Content-Type": "text/turtle"}
    stored = httpx.put(f"{server}/store", params={"graph": "urn:test:h2020:a"},
                       content=turtle(first), headers=headers)
    assert stored.status_code == 201, stored.text
    again = httpx.put(f"{server}/store", params={"graph": "urn:test:h2020:b"},
                      content=turtle(second), headers=headers)
    assert again.status_code == 422
    findings = again.json()["results"][0]["findings"]
    assert any(f["requirement"] == "2.7/3" and f["severity"] == "violation" for f in findings)
    # replacing the first proposal's own graph does not count it against itself
    assert httpx.put(f"{server}/store", params={"graph": "urn:test:h2020:a"},
                     content=turtle(first), headers=headers).status_code == 204
    httpx.delete(f"{server}/store", params={"graph": "urn:test:h2020:a"}, headers=auth)


def test_writes_are_off_by_default(tmp_path_factory):
    from .conftest import start_server, stop_server

    proc, base = start_server(tmp_path_factory.mktemp("readonly") / "store")
    try:
        body = b"INSERT DATA { <urn:a> <urn:b> 'c' }"
        r = httpx.post(f"{base}/update", content=body,
                       headers={"Content-Type": "application/sparql-update",
                                "Authorization": "Bearer anything"})
        assert r.status_code == 403 and r.json()["title"] == "UPDATES_DISABLED"
        put = httpx.put(f"{base}/store", params={"graph": G}, content=b"<urn:s> <urn:p> 'o' .",
                        headers={"Content-Type": "text/turtle"})
        assert put.status_code == 403
        assert httpx.get(f"{base}/store", params={"graph": GUIDE}).status_code == 200
    finally:
        stop_server(proc)


GUIDE = "https://w3id.org/coopkg/graph/guide/2021-1"


def _blur(parts: list[str], collections: set[str]) -> str:
    """A path with its members of collections and its numbered parts replaced by *."""
    import re

    out = []
    for i, seg in enumerate(parts):
        member = i > 0 and (parts[i - 1] in collections or (parts[0] == "vocab" and i == 2))
        out.append("*" if member or re.search(r"\d", seg) else seg)
    return "/".join(out)


def test_every_kind_of_minted_iri_dereferences(server):
    """One IRI of each shape the project mints (by its path with numbers and codes blurred)."""
    rows = httpx.get(f"{server}/sparql", params={
        "query": "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && "
                 "STRSTARTS(STR(?s), 'https://w3id.org/coopkg/')) }"},
        headers={"Accept": "text/csv"}).text.splitlines()[1:]
    collections = {"partner", "agency", "agreement", "programme", "guide", "direction",
                   "requirement", "clause", "field", "part", "subdirection", "indicator",
                   "quota", "manual", "shapes"}
    kinds: dict[str, str] = {}
    for iri in rows:
        path = iri.strip().removeprefix("https://w3id.org/coopkg/").split("#")[0]
        kinds.setdefault(_blur(path.split("/"), collections), path)
    assert len(kinds) > 20
    for path in kinds.values():
        target = "ontology" if path.startswith("ontology#") else path.split("#")[0]
        r = httpx.get(f"{server}/{target}", headers={"Accept": "text/turtle"},
                      follow_redirects=True)
        assert r.status_code == 200, path


def test_the_validation_form_accepts_an_upload_and_pasted_text(server):
    body = json.dumps(PROPOSAL).encode()
    upload = httpx.post(f"{server}/validate", params={"lang": "en"},
                        files={"file": ("p.json", body, "application/json")},
                        data={"lang": "en"}, headers={"Accept": "application/json"})
    assert upload.status_code == 200 and upload.json()["results"][0]["conforms"]
    pasted = httpx.post(f"{server}/validate", data={"proposal": body.decode(), "lang": "en"},
                        headers={"Accept": "application/json"})
    assert pasted.status_code == 200 and pasted.json()["results"][0]["direction"] == "1.3"


def test_the_validation_report_keeps_nested_blank_nodes(server):
    """Turtle and JSON-LD answers hold the whole SHACL report: the sequence path of a
    Horizon 2020 rule as an RDF list, and each result's requirement id."""
    from rdflib.namespace import RDF, SH

    body = (Path(__file__).parents[1] / "data" / "proposals" / "2.7" /
            "break-2.7-2-h2020-coapplication.json").read_bytes()
    for media, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        r = httpx.post(f"{server}/validate", content=body,
                       headers={"Content-Type": "application/json", "Accept": media})
        assert r.status_code == 200, r.text
        g = Graph().parse(data=r.text, format=fmt)
        ck = f"{CK}requirementId"
        from rdflib import Literal, URIRef

        (result,) = [x for x in g.subjects(URIRef(ck), Literal("2.7/2"))
                     if (x, RDF.type, SH.ValidationResult) in g]
        path = g.value(result, SH.resultPath)
        assert g.value(path, RDF.first) == URIRef(f"{CK}h2020Project")
        rest = g.value(path, RDF.rest)
        assert g.value(rest, RDF.first) == URIRef(f"{CK}callYear")
        shape = g.value(result, SH.sourceShape)
        assert g.value(shape, SH["in"]) is not None  # the cloned shape keeps its sh:in list


def test_posting_to_the_store_itself_creates_a_graph(server, auth):
    r = httpx.post(f"{server}/store", content='<urn:x:a> <urn:x:p> "新图" .'.encode(),
                   headers={**auth, "Content-Type": "application/n-triples"})
    assert r.status_code == 201
    location = r.headers["location"]
    assert location.startswith("https://w3id.org/coopkg/graph/posted/")
    got = httpx.get(f"{server}/store", params={"graph": location},
                    headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and "新图" in got.text


def test_a_multipart_post_adds_every_part(server, auth):
    g = "urn:test:graph:multipart"
    files = [("a", ("one.ttl", b"<urn:m:a> <urn:m:p> 1 .", "text/turtle")),
             ("b", ("two.nt", '<urn:m:b> <urn:m:p> "二" .'.encode(),
                     "application/octet-stream"))]
    r = httpx.post(f"{server}/store", params={"graph": g}, files=files, headers=auth)
    assert r.status_code in (201, 204), r.text
    assert _ask(server, f'ASK {{ GRAPH <{g}> {{ <urn:m:a> ?p 1 . <urn:m:b> ?p "二" }} }}')
    bad = [("a", ("x.bin", b"\x00\x01", "application/octet-stream"))]
    r = httpx.post(f"{server}/store", params={"graph": g}, files=bad, headers=auth)
    assert r.status_code == 415 and "x.bin" in r.json()["detail"]


def test_rdf_xml_with_entities_is_refused_not_expanded(server, auth):
    xml = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>'
           '\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:ex="urn:ex:"><rdf:Description rdf:about="urn:ex:a"><ex:p>&x;</ex:p>'
           '</rdf:Description></rdf:RDF>')
    r = httpx.put(f"{server}/store", params={"graph": "urn:test:xxe"}, content=xml.encode(),
                  headers={**auth, "Content-Type": "application/rdf+xml"})
    assert r.status_code == 400 and "DOCTYPE" in r.json()["detail"]
    assert not _ask(server, "ASK { GRAPH <urn:test:xxe> { ?s ?p ?o } }")
    v = httpx.post(f"{server}/validate", content=xml.encode(),
                   headers={"Content-Type": "application/rdf+xml"})
    assert 400 <= v.status_code < 500 and "DOCTYPE" in v.text


def test_a_query_over_the_length_limit_is_refused(server):
    long = "ASK { ?s ?p ?o } " + "#" * 150_000
    r = httpx.post(f"{server}/sparql", content=long.encode(),
                   headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert r.status_code == 413 and r.json()["title"] == "QUERY_TOO_LONG"
