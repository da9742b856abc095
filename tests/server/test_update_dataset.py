"""SPARQL Update through the protocol on a running server (both stores): the dataset named
by using-graph-uri / using-named-graph-uri, conflicts with USING / WITH refused, and
relative IRIs resolved against the endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

EX = "http://example.org/update-dataset/"
A, B, OUT = f"{EX}a", f"{EX}b", f"{EX}out"
DOC = f"<{EX}Doc>"


def _update(server: str, auth: dict[str, str], text: str, *, form: bool = False,
            **params: str | list[str]) -> httpx.Response:
    if form:
        return httpx.post(f"{server}/update", data={"update": text, **params}, headers=auth)
    return httpx.post(f"{server}/update", content=text.encode(), params=params,
                      headers={**auth, "Content-Type": "application/sparql-update"})


def _objects(server: str, graph: str) -> set[str]:
    r = httpx.get(f"{server}/sparql", params={
        "query": f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200, r.text
    return {b["o"]["value"] for b in r.json()["results"]["bindings"]}


@pytest.fixture
def docs(server: str, auth: dict[str, str]) -> Iterator[None]:
    """<a> and <b> each hold one document; every graph of the test is dropped after."""
    r = _update(server, auth, f"INSERT DATA {{ GRAPH <{A}> {{ <{EX}doc-a> a {DOC} }} "
                              f"GRAPH <{B}> {{ <{EX}doc-b> a {DOC} }} }}")
    assert r.status_code == 204, r.text
    yield
    _update(server, auth, " ; ".join(f"DROP SILENT GRAPH <{g}>"
                                     for g in (A, B, OUT, f"{EX}base")))


# `oxigraph serve --union-default-graph` refuses any update whose text holds USING or WITH
# ("using-union-graph must not be used with a SPARQL UPDATE containing USING"). The remote
# store sends the protocol's dataset as using-graph-uri parameters, which it takes, and
# lifts a single operation's USING clauses into them; WITH has no such form. Strict: this
# turns into a failure once it passes.
REMOTE_REFUSES_WITH = pytest.mark.xfail(
    strict=True, reason="oxigraph serve in union mode refuses WITH in an update, and WITH "
                        "cannot be sent as a parameter")


@pytest.fixture
def with_in_text(request: pytest.FixtureRequest) -> None:
    """Marks the oxigraph-server run of a test that needs WITH in the text."""
    if request.node.callspec.params.get("server") == "oxigraph-server":
        request.applymarker(REMOTE_REFUSES_WITH)


COPY_DEFAULT = f"INSERT {{ GRAPH <{OUT}> {{ ?s <{EX}seen> 'default' }} }} WHERE {{ ?s a {DOC} }}"
COPY_NAMED = (f"INSERT {{ GRAPH <{OUT}> {{ ?s <{EX}seen> ?g }} }} "
              f"WHERE {{ GRAPH ?g {{ ?s a {DOC} }} }}")


@pytest.mark.parametrize("form", [False, True], ids=["direct", "form"])
def test_using_graph_uri_is_the_default_graph_of_the_where(server, auth, docs, form):
    r = _update(server, auth, COPY_DEFAULT, form=form, **{"using-graph-uri": A})
    assert r.status_code == 204, r.text
    r = httpx.get(f"{server}/sparql", params={
        "query": f"SELECT ?s WHERE {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }}"})
    assert {b["s"]["value"] for b in r.json()["results"]["bindings"]} == {f"{EX}doc-a"}


def test_using_named_graph_uri_limits_the_named_graphs(server, auth, docs):
    r = _update(server, auth, COPY_NAMED, **{"using-named-graph-uri": B})
    assert r.status_code == 204, r.text
    assert _objects(server, OUT) == {B}


def test_both_parameters_together_and_repeated(server, auth, docs):
    both = (f"INSERT {{ GRAPH <{OUT}> {{ ?s <{EX}in> ?in }} }} WHERE {{ "
            f"{{ GRAPH ?g {{ ?s a {DOC} }} BIND(STR(?g) AS ?in) }} UNION "
            f"{{ ?s a {DOC} BIND('default' AS ?in) }} }}")
    r = _update(server, auth, both, **{"using-graph-uri": [A, B], "using-named-graph-uri": B})
    assert r.status_code == 204, r.text
    assert _objects(server, OUT) == {"default", B}


def test_delete_where_honours_the_dataset(server, auth, docs):
    r = _update(server, auth, "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                **{"using-named-graph-uri": A})
    assert r.status_code == 204, r.text
    assert _objects(server, A) == set()
    assert _objects(server, B) == {DOC[1:-1]}  # outside the dataset: untouched


@pytest.mark.parametrize("text", [
    f"WITH <{A}> INSERT {{ GRAPH <{OUT}> {{ ?s a ?o }} }} WHERE {{ ?s a ?o }}",
    f"INSERT {{ GRAPH <{OUT}> {{ ?s a ?o }} }} USING <{A}> WHERE {{ ?s a ?o }}",
    f"INSERT {{ GRAPH <{OUT}> {{ ?s a ?o }} }} USING NAMED <{A}> WHERE {{ GRAPH ?g {{ ?s a ?o }} }}",
])
def test_a_dataset_in_the_text_and_the_request_is_refused(server, auth, docs, text):
    r = _update(server, auth, text, **{"using-named-graph-uri": B})
    assert r.status_code == 400
    assert r.json()["title"] == "DATASET_TWICE"
    assert "using-graph-uri" in r.json()["detail"]
    assert _objects(server, OUT) == set()  # nothing written


def test_a_dataset_in_the_text_alone_is_honoured(server, auth, docs, with_in_text):
    r = _update(server, auth, f"WITH <{A}> INSERT {{ GRAPH <{OUT}> {{ ?s a ?o }} }} "
                              "WHERE { ?s a ?o }")
    assert r.status_code == 204, r.text
    assert _objects(server, OUT) == {DOC[1:-1]}


def test_a_using_parameter_must_be_an_iri(server, auth):
    r = _update(server, auth, COPY_DEFAULT, **{"using-graph-uri": "not an iri"})
    assert r.status_code == 400 and r.json()["title"] == "BAD_GRAPH_IRI"
    assert "using-graph-uri" in r.json()["detail"]


def test_relative_iris_resolve_against_the_endpoint_or_the_base(server, auth, docs):
    graph = f"{EX}base"
    r = _update(server, auth, f"INSERT DATA {{ GRAPH <{graph}> {{ <{EX}s> <{EX}p> <rel> }} }}")
    assert r.status_code == 204, r.text
    r = _update(server, auth, f"BASE <{EX}x/> INSERT DATA {{ GRAPH <{graph}> {{ <s> <p> <rel> }} }}")
    assert r.status_code == 204, r.text
    assert _objects(server, graph) == {f"{server}/rel", f"{EX}x/rel"}


def test_relative_iris_in_a_query_resolve_against_the_endpoint(server):
    r = httpx.post(f"{server}/sparql", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                   headers={"Content-Type": "application/sparql-query",
                            "Accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    assert r.text.startswith(f"<{server}/s> <{server}/p> ")
