"""The W3C SPARQL 1.1 test manifests vendored under tests/data/w3c/, read into HTTP
exchanges and run against a live server.

The protocol and Graph Store suites describe each test as a chain of `ht:Request`s (HTTP
in RDF, https://www.w3.org/TR/HTTP-in-RDF10/) with the response expected of each:
`mf:expectedStatus` (a code or a class such as hts:StatusCode2xx), `mf:expectedBoolean`,
`mf:expectedFormat` ("boolean", "tabular", "RDF"), response headers, a body the answer must
be isomorphic to, and `mf:expectedLocation` (a template variable set from the Location
header for the requests after it). Paths start with /sparql/ or /gsp; the runner maps them
to this server's /sparql and /store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import httpx
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

__all__ = ["W3C", "Case", "Exchange", "cases", "entries", "known_failure", "not_applicable",
           "run"]

W3C = Path(__file__).resolve().parents[1] / "data" / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
ENDPOINTS = {"/sparql/": "/sparql", "/gsp": "/store"}
RESULT_TYPES = {"boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
                "tabular": ("application/sparql-results+json", "application/sparql-results+xml",
                            "text/csv", "text/tab-separated-values"),
                "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples",
                        "application/ld+json")}


@dataclass(frozen=True)
class Expected:
    statuses: tuple[str, ...]  # "201", or a class: "2xx"
    boolean: bool | None = None
    fmt: str | None = None
    content_type: str | None = None
    body: str | None = None  # Turtle the answer's graph must be isomorphic to
    location: str | None = None  # the template variable the Location header sets


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class Case:
    name: str  # the test's local name, as the W3C suite names it
    title: str
    exchanges: tuple[Exchange, ...]
    graphs: Mapping[str, Path] = field(default_factory=dict)  # graph IRI → data to PUT


def _local(node: Node) -> str:
    return re.split(r"[#/]", str(node))[-1]


def entries(manifest: Path) -> list[str]:
    """The local names of the tests a manifest lists, in order."""
    g = Graph().parse(manifest, format="turtle")
    head = g.value(URIRef(manifest.resolve().as_uri()), MF.entries)
    return [_local(t) for t in Collection(g, head)] if head is not None else []


def not_applicable() -> dict[str, dict[str, str]]:
    """manifest (relative to tests/data/w3c) → test name → why it does not apply here."""
    return json.loads((W3C / "not-applicable.json").read_text("utf-8"))


def known_failure(store: str, manifest: str, name: str) -> str | None:
    """Why a test that applies fails on one kind of store (a strict xfail: it must fail)."""
    known = json.loads((W3C / "known-failures.json").read_text("utf-8"))
    return known.get(store, {}).get(manifest, {}).get(name)


def cases(manifest: Path) -> list[Case]:
    """Every test a manifest lists, as exchanges (the ones said not to apply left out)."""
    g = Graph().parse(manifest, format="turtle")
    skip = not_applicable().get(str(manifest.relative_to(W3C)), {})
    base = URIRef(manifest.resolve().as_uri())
    out = []
    for test in Collection(g, g.value(base, MF.entries)):
        name = _local(test)
        if name in skip:
            continue
        action = g.value(test, MF.action)
        requests = Collection(g, g.value(action, HT.requests))
        graphs = {str(g.value(d, RDFS.label)): Path(str(g.value(d, UT.graph))
                                                     .removeprefix("file://"))
                  for d in g.objects(test, UT.graphData)}
        out.append(Case(name, str(g.value(test, MF.name)),
                        tuple(_exchange(g, r) for r in requests), graphs))
    return out


def _headers(g: Graph, node: Node | None) -> tuple[tuple[str, str], ...]:
    if node is None:
        return ()
    return tuple((str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue)))
                 for h in Collection(g, g.value(node, HT.headers) or RDF.nil))


def _exchange(g: Graph, req: Node) -> Exchange:
    body = g.value(req, HT.body)
    data = None
    if body is not None:
        encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(g.value(body, CNT.chars)).encode(encoding)
    resp = g.value(req, HT.resp)
    statuses = tuple(_status(s) for s in g.objects(resp, MF.expectedStatus))
    boolean = g.value(resp, MF.expectedBoolean)
    fmt = g.value(resp, MF.expectedFormat)
    answer = g.value(resp, HT.body)
    ctype = dict((k.lower(), v) for k, v in _headers(g, resp)).get("content-type")
    location = g.value(resp, MF.expectedLocation)
    return Exchange(
        method=str(g.value(req, HT.methodName)), path=str(g.value(req, HT.absolutePath)),
        headers=_headers(g, req), body=data,
        expected=Expected(statuses, boolean.toPython() if boolean is not None else None,
                          str(fmt) if fmt else None, ctype,
                          str(g.value(answer, CNT.chars)) if answer is not None else None,
                          str(location) if location else None))


def _status(node: Node) -> str:
    """hts:Created → "201"; hts:StatusCode2xx → "2xx"."""
    name = _local(node)
    if name.startswith("StatusCode"):
        return name.removeprefix("StatusCode")
    return str(_BY_PHRASE[name.lower()])


_BY_PHRASE = {s.phrase.replace(" ", "").lower(): s.value for s in HTTPStatus}


def _path(path: str, variables: Mapping[str, str]) -> str:
    for name, value in variables.items():
        path = path.replace(name, value)
    for prefix, ours in ENDPOINTS.items():
        if path.startswith(prefix):
            return ours + path[len(prefix):]
    return path


def run(case: Case, base: str, *, auth: Mapping[str, str]) -> None:
    """Put the case's graphs in place, then send each request and check its answer."""
    variables: dict[str, str] = {}
    with httpx.Client(base_url=base, headers=dict(auth), timeout=30) as client:
        for iri, data in case.graphs.items():
            r = client.put("/store", params={"graph": iri}, content=data.read_bytes(),
                           headers={"Content-Type": "application/n-triples"})
            assert r.status_code in (201, 204), r.text
        for i, ex in enumerate(case.exchanges, 1):
            body = ex.body
            for name, value in variables.items():
                body = body.replace(name.encode(), value.encode()) if body else body
            r = client.request(ex.method, _path(ex.path, variables), content=body,
                               headers=dict(ex.headers))
            _check(r, ex.expected, f"{case.name}, request {i}: {ex.method} {ex.path}")
            if ex.expected.location:
                variables[ex.expected.location] = r.headers["location"]


def _check(r: httpx.Response, want: Expected, where: str) -> None:
    status = str(r.status_code)
    assert any(status == s or (s.endswith("xx") and status[0] == s[0])
               for s in want.statuses), f"{where}: {status} {r.text[:300]}"
    media = r.headers.get("content-type", "").split(";")[0].strip()
    if want.fmt:
        assert media in RESULT_TYPES[want.fmt], f"{where}: {media} for {want.fmt}"
    if want.boolean is not None:
        assert _boolean(r, media) is want.boolean, f"{where}: {r.text[:300]}"
    if want.content_type:
        normal = lambda v: v.replace(" ", "").lower()  # noqa: E731
        assert normal(r.headers.get("content-type", "")) == normal(want.content_type), where
    if want.body is not None:
        expected = Graph().parse(data=want.body, format="turtle")
        got = Graph().parse(data=r.text, format=_RDFLIB[media])
        assert isomorphic(got, expected), f"{where}:\n{r.text}"
    if want.location:
        assert r.headers.get("location"), f"{where}: no Location"


_RDFLIB = {"text/turtle": "turtle", "application/n-triples": "nt",
           "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


def _boolean(r: httpx.Response, media: str) -> bool:
    if media == "application/sparql-results+json":
        return bool(r.json()["boolean"])
    found = re.search(r"<boolean>\s*(true|false)\s*</boolean>", r.text)
    assert found, r.text[:300]
    return found.group(1) == "true"
