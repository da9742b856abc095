"""The W3C SPARQL 1.1 Update suites (tests/data/w3c/update/), run over HTTP.

An evaluation test names the store before (`mf:action`: `ut:data` for the default graph,
`ut:graphData` for named graphs, `ut:request` the update) and after (`mf:result`). The
runner puts the graphs in place through the Graph Store Protocol, sends the update to
/update, and reads every graph back the same way. This server's default graph is the union
of its graphs (sd:UnionDefaultGraph), so `GET /store?default` is compared with the union
of the graphs expected, and each named graph on its own. Syntax tests send their update:
a positive one must be read (applied, or refused for what it does, such as a DROP
of a graph that is not there), a negative one refused (400).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rdflib import RDF, RDFS, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from .w3c import MF, UT, W3C, not_applicable

__all__ = ["UPDATE", "UpdateCase", "run_update_case", "update_cases"]

UPDATE = W3C / "update"
_POSITIVE = {MF.PositiveUpdateSyntaxTest11}
_NEGATIVE = {MF.NegativeUpdateSyntaxTest11, MF.NegativeSyntaxTest11}


@dataclass(frozen=True)
class UpdateCase:
    manifest: str  # relative to tests/data/w3c
    name: str
    request: Path
    kind: str  # "evaluation", "positive" or "negative"
    before: Mapping[str | None, Path] = field(default_factory=dict)  # None: default graph
    after: Mapping[str | None, Path] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{Path(self.manifest).parent.name}/{self.name}"


def _file(node: Node | None) -> Path:
    return Path(str(node).removeprefix("file://"))


def _state(g: Graph, node: Node | None) -> dict[str | None, Path]:
    if node is None:
        return {}
    state: dict[str | None, Path] = {}
    data = g.value(node, UT.data)
    if data is not None:
        state[None] = _file(data)
    for gd in g.objects(node, UT.graphData):
        state[str(g.value(gd, RDFS.label))] = _file(g.value(gd, UT.graph))
    return state


def update_cases() -> list[UpdateCase]:
    """Every update test of every suite under tests/data/w3c/update, in manifest order,
    but those said not to apply."""
    out = []
    for manifest in sorted(UPDATE.glob("*/manifest.ttl")):
        rel = str(manifest.relative_to(W3C))
        skip = not_applicable().get(rel, {})
        g = Graph().parse(manifest, format="turtle")
        for test in Collection(g, g.value(URIRef(manifest.resolve().as_uri()), MF.entries)):
            name = str(test).rsplit("#", 1)[-1]
            if name in skip:
                continue
            types = set(g.objects(test, RDF.type))
            action = g.value(test, MF.action)
            if types & (_POSITIVE | _NEGATIVE):
                out.append(UpdateCase(rel, name, _file(action),
                                      "positive" if types & _POSITIVE else "negative"))
                continue
            out.append(UpdateCase(rel, name, _file(g.value(action, UT.request)), "evaluation",
                                  _state(g, action), _state(g, g.value(test, MF.result))))
    return out


def run_update_case(case: UpdateCase, client: httpx.Client) -> None:
    """Put the graphs before in place, send the update, and compare every graph after.

    The server resolves relative IRIs in a graph it is sent against the graph's IRI (the
    store's URL for the default graph); a file expected after is read against the base it
    was sent with before (`<>` in a graph copied elsewhere keeps its IRI), else its own."""
    bases = {}
    for name, path in case.before.items():
        bases.setdefault(path, name or str(client.base_url.join("/store")))
        params = {"graph": name} if name else {"default": ""}
        r = client.put("/store", params=params, content=path.read_bytes(),
                       headers={"Content-Type": "text/turtle"})
        assert r.status_code in (201, 204), f"{case.id}: setting up {name}: {r.text}"
    r = client.post("/update", content=case.request.read_bytes(),
                    headers={"Content-Type": "application/sparql-update"})
    said = f"{case.id}: {r.status_code} {r.text[:300]}"
    if case.kind == "negative":
        assert r.status_code == 400, said
        return
    if case.kind == "positive":  # read; applying it may still fail (DROP of no graph)
        assert r.status_code == 204 or r.json()["title"] == "UPDATE_FAILED", said
        return
    assert r.status_code == 204, said
    expected = {name: Graph().parse(path, format="turtle", publicID=bases.get(
                    path, name or str(client.base_url.join("/store"))))
                for name, path in case.after.items()}
    for name, graph in expected.items():
        if name is not None:
            assert isomorphic(_read(client, name), graph), f"{case.id}: graph {name}"
    union = Graph()
    for graph in expected.values():
        union += graph
    assert isomorphic(_read(client, None), union), f"{case.id}: the default graph"
    r = client.get("/sparql", params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"})
    names = {b["g"]["value"] for b in r.json()["results"]["bindings"]}
    assert names == {n for n, g in expected.items() if n and len(g)}, case.id


def _read(client: httpx.Client, name: str | None) -> Graph:
    r = client.get("/store", params={"graph": name} if name else {"default": ""},
                   headers={"Accept": "application/n-triples"})
    if r.status_code == 404:
        return Graph()
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="nt")
