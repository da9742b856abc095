"""The W3C SPARQL 1.1 Protocol, Graph Store HTTP Protocol and Service Description test
suites, run against a live server on each store. The manifests are vendored unchanged
under tests/data/w3c/ (source, licence, and the tests that do not apply, with why, in its
README); each test is named as the suite names it."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .w3c import W3C, Case, cases, entries, known_failure, not_applicable, run
from .w3c_update import UPDATE, UpdateCase, run_update_case, update_cases

PROTOCOL = cases(W3C / "protocol" / "manifest.ttl")
GRAPH_STORE = cases(W3C / "graph-store-protocol" / "manifest-indirect.ttl")
UPDATES = update_cases()
SD = "http://www.w3.org/ns/sparql-service-description#"


def _fresh(request: pytest.FixtureRequest, base: str, auth: dict[str, str],
           manifest: str, name: str) -> None:
    """Each W3C test starts from an empty store, as the suites assume; one that is known
    to fail on this kind of store is marked so (strictly: it must fail)."""
    reason = known_failure(request.node.callspec.params["scratch_server"], manifest, name)
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    r = httpx.post(f"{base}/update", content=b"DROP ALL",
                   headers={**auth, "Content-Type": "application/sparql-update"})
    assert r.status_code == 204, r.text


@pytest.mark.parametrize("case", PROTOCOL, ids=[c.name for c in PROTOCOL])
def test_protocol(request: pytest.FixtureRequest, scratch_server: str, auth: dict[str, str],
                  case: Case) -> None:
    _fresh(request, scratch_server, auth, "protocol/manifest.ttl", case.name)
    run(case, scratch_server, auth=auth)


@pytest.mark.parametrize("case", GRAPH_STORE, ids=[c.name for c in GRAPH_STORE])
def test_graph_store_protocol(request: pytest.FixtureRequest, scratch_server: str,
                              auth: dict[str, str], case: Case) -> None:
    _fresh(request, scratch_server, auth, "graph-store-protocol/manifest-indirect.ttl",
           case.name)
    run(case, scratch_server, auth=auth)


@pytest.mark.parametrize("case", UPDATES, ids=[c.id for c in UPDATES])
def test_update(request: pytest.FixtureRequest, scratch_server: str, auth: dict[str, str],
                case: UpdateCase) -> None:
    _fresh(request, scratch_server, auth, case.manifest, case.name)
    with httpx.Client(base_url=scratch_server, headers=auth, timeout=30) as client:
        run_update_case(case, client)


def _description(base: str, accept: str) -> Graph:
    r = httpx.get(f"{base}/sparql", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml",
           "application/ld+json": "json-ld", "application/n-triples": "nt"}[accept]
    return Graph().parse(data=r.text, format=fmt)


def returns_rdf(base: str) -> None:
    """GET on the endpoint (no query) returns RDF, in every RDF syntax it offers."""
    sizes = {len(_description(base, t)) for t in ("text/turtle", "application/rdf+xml",
                                                   "application/ld+json",
                                                   "application/n-triples")}
    assert len(sizes) == 1 and sizes.pop() > 5


def has_endpoint_triple(base: str) -> None:
    """Some sd:Service has sd:endpoint <the URL the description was fetched from>."""
    g = _description(base, "text/turtle")
    endpoint = URIRef(f"{base}/sparql")
    assert any((svc, RDF.type, URIRef(SD + "Service")) in g
               for svc in g.subjects(URIRef(SD + "endpoint"), endpoint))


def conforms_to_schema(base: str) -> None:
    """The description conforms to the Service Description vocabulary's domains and ranges
    (written as SHACL shapes in tests/data/w3c/service-description/schema-shapes.ttl)."""
    from pyshacl import validate

    shapes = Graph().parse(W3C / "service-description" / "schema-shapes.ttl")
    conforms, _, text = validate(_description(base, "text/turtle"), shacl_graph=shapes)
    assert conforms, text


SERVICE_DESCRIPTION = {"returns-rdf": returns_rdf, "has-endpoint-triple": has_endpoint_triple,
                       "conforms-to-schema": conforms_to_schema}


@pytest.mark.parametrize("name", entries(W3C / "service-description" / "manifest.ttl"))
def test_service_description(scratch_server: str, name: str) -> None:
    SERVICE_DESCRIPTION[name](scratch_server)


def test_every_w3c_test_is_run_or_said_not_to_apply() -> None:
    skipped = not_applicable()
    run_here = {
        "protocol/manifest.ttl": {c.name for c in PROTOCOL},
        "graph-store-protocol/manifest-indirect.ttl": {c.name for c in GRAPH_STORE},
        "graph-store-protocol/manifest-direct.ttl": set(),
        "service-description/manifest.ttl": set(SERVICE_DESCRIPTION),
    }
    for manifest in sorted(UPDATE.glob("*/manifest.ttl")):
        rel = str(manifest.relative_to(W3C))
        run_here[rel] = {c.name for c in UPDATES if c.manifest == rel}
    for manifest, names in run_here.items():
        listed = set(entries(W3C / manifest))
        assert listed, manifest
        assert names | set(skipped.get(manifest, {})) == listed, manifest
        assert not names & set(skipped.get(manifest, {})), manifest
