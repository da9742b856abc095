"""Bindings as an inlined VALUES block (graph.bindings): where the block goes in tricky
queries, and that a remote store answers as Oxigraph's own SEP-0007 substitution does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.errors import QueryError
from coopkg.graph.bindings import (
    dataset_clauses,
    inline_values,
    insert_data_as_template,
    query_form,
)
from coopkg.graph.remote import RemoteStore

from .conftest import Server

ZH = ox.Literal("能源", language="zh")
X = {"x": ZH}
V = 'VALUES (?x) { ("能源"@zh) }'


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT * WHERE { ?s ?p ?x }", f"SELECT * WHERE {{ {V} ?s ?p ?x }}"),
    # no WHERE keyword
    ("select ?s ?x { ?s ?p ?x }", f"select ?s ?x {{ {V} ?s ?p ?x }}"),
    # braces and keywords in strings of all four quote styles, IRIs and comments
    ('SELECT ?s ?x # { WHERE\nWHERE { ?s ?p "}{" , \'{\' , """ { "" } """ , \'\'\' } \'\'\' , ?x }',
     f'SELECT ?s ?x # {{ WHERE\nWHERE {{ {V} ?s ?p "}}{{" , \'{{\' , """ {{ "" }} """ , '
     f"''' }} ''' , ?x }}"),
    ('PREFIX e: <http://e.org/{#}>\nSELECT ?where ?x FROM <http://g/{> WHERE { ?s e:where ?x }',
     f"PREFIX e: <http://e.org/{{#}}>\nSELECT ?where ?x FROM <http://g/{{> WHERE {{ {V} ?s "
     "e:where ?x }"),
    # escaped quotes inside strings
    (r'SELECT * { ?s ?p "a \" } b" . ?s ?q ?x }', f'SELECT * {{ {V} ?s ?p "a \\" }} b" . ?s ?q ?x }}'),
    # `<` as an operator, not an IRI
    ("SELECT * WHERE { ?s ?p ?x . FILTER(?n < 3 && ?m<4) }",
     f"SELECT * WHERE {{ {V} ?s ?p ?x . FILTER(?n < 3 && ?m<4) }}"),
    # a projection expression holding a group
    ("SELECT (EXISTS { ?a ?b ?c } AS ?e) ?x WHERE { ?s ?p ?x }",
     f"SELECT (EXISTS {{ ?a ?b ?c }} AS ?e) ?x WHERE {{ {V} ?s ?p ?x }}"),
    # CONSTRUCT: the first group is the template
    ("CONSTRUCT { ?s <urn:p> ?x } WHERE { ?s ?p ?x }",
     f"CONSTRUCT {{ ?s <urn:p> ?x }} WHERE {{ {V} ?s ?p ?x }}"),
    # CONSTRUCT WHERE allows only triples: the template is spelled out
    ("CONSTRUCT WHERE { ?s ?p ?x } LIMIT 3",
     f"CONSTRUCT {{ ?s ?p ?x }} WHERE {{ {V} ?s ?p ?x }} LIMIT 3"),
    ("ASK { ?s ?p ?x }", f"ASK {{ {V} ?s ?p ?x }}"),
    ("ASK WHERE { ?s ?p ?x }", f"ASK WHERE {{ {V} ?s ?p ?x }}"),
    ("DESCRIBE ?x WHERE { ?x ?p ?o } LIMIT 1", f"DESCRIBE ?x WHERE {{ {V} ?x ?p ?o }} LIMIT 1"),
    ("DESCRIBE ?x", f"DESCRIBE ?x WHERE {{ {V} }}"),
    ("DESCRIBE ?x LIMIT 1", f"DESCRIBE ?x WHERE {{ {V} }} LIMIT 1"),
    # the outermost group, not a nested one
    ("SELECT ?s ?x WHERE { { SELECT ?s WHERE { ?s ?p ?x } } OPTIONAL { ?s ?q ?x } }",
     f"SELECT ?s ?x WHERE {{ {V} {{ SELECT ?s WHERE {{ ?s ?p ?x }} }} OPTIONAL {{ ?s ?q ?x }} }}"),
    # a group that is a subquery: VALUES cannot share its braces
    ("SELECT ?x WHERE { SELECT ?x WHERE { ?s ?p ?x } }",
     f"SELECT ?x WHERE {{ {V} {{ SELECT ?x WHERE {{ ?s ?p ?x }} }} }}"),
    # keywords as prefixed names and variables
    ("PREFIX select: <urn:s:>\nSELECT ?construct ?x WHERE { ?s select:where ?x }",
     f"PREFIX select: <urn:s:>\nSELECT ?construct ?x WHERE {{ {V} ?s select:where ?x }}"),
])
def test_values_go_first_in_the_outermost_where_group(query: str, expected: str) -> None:
    assert inline_values(query, X) == expected


def test_terms_are_written_as_ntriples() -> None:
    got = inline_values("SELECT * { ?s ?p ?o }", {
        "s": ox.NamedNode("https://w3id.org/coopkg/partner/DE"),
        "o": ox.Literal('a "quoted"\nline } {', datatype=ox.NamedNode("urn:dt")),
    })
    assert got == ('SELECT * { VALUES (?s ?o) { (<https://w3id.org/coopkg/partner/DE> '
                   '"a \\"quoted\\"\\nline } {"^^<urn:dt>) } ?s ?p ?o }')


def test_no_bindings_leave_the_query_alone() -> None:
    q = "SELECT * { ?s ?p ?o }"
    assert inline_values(q, None) == q and inline_values(q, {}) == q


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?x }", "SELECT (?x AS ?y) WHERE { ?s ?p ?x }",
    "SELECT ?s WHERE { { SELECT ?x WHERE { ?s ?p ?x } } }"])
def test_a_bound_variable_must_be_projected(query: str) -> None:
    """The Store interface's rule, Oxigraph's for substitutions: the same on every store."""
    with pytest.raises(QueryError, match=r"\?x is bound but the SELECT does not project it"):
        inline_values(query, X)


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?s ?p ?x }", "SELECT (STR(?s) AS ?x) WHERE { ?s ?p ?o }",
    "SELECT DISTINCT ?s ?x { ?s ?p ?x }", "SELECT * WHERE { ?s ?p ?o }"])
def test_projected_bindings_are_accepted(query: str) -> None:
    assert "VALUES" in inline_values(query, X)


@pytest.mark.parametrize(("bindings", "message"), [
    ({"x": ox.BlankNode()}, "BlankNode"),
    ({"x y": ZH}, "not a SPARQL variable name"),
    ({"x) } DROP ALL #": ZH}, "not a SPARQL variable name"),
])
def test_unusable_bindings_are_refused(bindings: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        inline_values("SELECT * { ?s ?p ?x }", bindings)


@pytest.mark.parametrize("query", [
    "SELECT * { ?s ?p \"open }", "SELECT * { ?s ?p ?o ", "PREFIX a: <urn:a>", "INSERT DATA {}"])
def test_malformed_queries_are_query_errors(query: str) -> None:
    with pytest.raises(QueryError, match="malformed query"):
        inline_values(query, X)


@pytest.mark.parametrize(("query", "form"), [
    ("PREFIX ask: <urn:a#>\n# SELECT\nconstruct { ?s ?p ?o } WHERE { ?s ask:x ?o }", "CONSTRUCT"),
    ("BASE <urn:b> ASK {}", "ASK"), ("describe <urn:x>", "DESCRIBE"), ("SELECT * {}", "SELECT")])
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


def test_dataset_clauses() -> None:
    q = ("PREFIX g: <https://example.org/graph/>\nSELECT * FROM g:one FROM <urn:two> "
         "FROM NAMED g:three WHERE { ?s ?p \"FROM <urn:no>\" }")
    assert dataset_clauses(q) == (["https://example.org/graph/one", "urn:two"],
                                  ["https://example.org/graph/three"])


def test_insert_data_with_blank_nodes_as_a_template() -> None:
    update = ('DELETE WHERE { GRAPH <urn:p> { <urn:g> ?p ?o } } ;\n'
              'INSERT DATA { GRAPH <urn:p> { <urn:g> <urn:by> _:a1 . _:a1 <urn:l> "}{ _:x" } } ;\n'
              'INSERT DATA { <urn:a> <urn:b> "no blank node" }')
    assert insert_data_as_template(update) == (
        'DELETE WHERE { GRAPH <urn:p> { <urn:g> ?p ?o } } ;\n'
        'INSERT  { GRAPH <urn:p> { <urn:g> <urn:by> _:a1 . _:a1 <urn:l> "}{ _:x" } } WHERE { } ;\n'
        'INSERT DATA { <urn:a> <urn:b> "no blank node" }')


# -- the same answers as SEP-0007 substitution ------------------------------------------
# Oxigraph substitutes only variables of the SELECT projection, so each query projects
# the variables it binds; a VALUES block has no such limit.
DATA = """
<urn:g:1> {
  <urn:d:1> <urn:p:label> "能源"@zh , "energy"@en ; <urn:p:n> 3 ; <urn:p:next> <urn:d:2> .
  <urn:d:2> <urn:p:label> "材料"@zh ; <urn:p:n> 12 .
}
<urn:g:2> { <urn:d:3> <urn:p:label> "能源"@zh ; <urn:p:n> 7 . }
"""

CASES = [
    ("SELECT ?d ?l WHERE { ?d <urn:p:label> ?l }", {"l": ZH}),
    ("SELECT ?d ?l ?want WHERE { ?d <urn:p:label> ?l . FILTER(LANG(?l) = LANG(?want)) }",
     {"want": ox.Literal("x", language="en")}),
    ("SELECT ?d ?min WHERE { ?d <urn:p:n> ?n . FILTER(?n > ?min) } ORDER BY ?d",
     {"min": ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}),
    ("SELECT ?l ?g (COUNT(?d) AS ?c) WHERE { GRAPH ?g { ?d <urn:p:label> ?l } } "
     "GROUP BY ?l ?g ORDER BY ?g", {"l": ZH}),
    ("SELECT ?d ?l ?m WHERE { ?d <urn:p:label> ?l . OPTIONAL { ?d <urn:p:next> ?m } }", {"l": ZH}),
    ("SELECT ?d ?n WHERE { { SELECT ?d ?n WHERE { ?d <urn:p:n> ?n } } }",
     {"d": ox.NamedNode("urn:d:2")}),
    ("ASK { ?d <urn:p:label> ?l }", {"l": ox.Literal("energy", language="en")}),
    ("ASK { ?d <urn:p:label> ?l }", {"l": ox.Literal("energy", language="zh")}),
    ("CONSTRUCT { ?d <urn:p:is> ?l } WHERE { ?d <urn:p:label> ?l }", {"l": ZH}),
    ("CONSTRUCT WHERE { ?d <urn:p:n> ?n }", {"d": ox.NamedNode("urn:d:1")}),
]


@pytest.fixture(scope="module")
def reference() -> ox.Store:
    store = ox.Store()
    store.load(DATA.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request: pytest.FixtureRequest) -> RemoteStore:
    server: Server = request.getfixturevalue(f"{request.param}_server")
    store = RemoteStore.from_url(server.url)
    for name in store.graph_names():
        store.drop_graph(name)
    for g in ("urn:g:1", "urn:g:2"):
        store.update(f"INSERT DATA {{ GRAPH <{g}> {{ {_graph_body(g)} }} }}")
    return store


def _graph_body(name: str) -> str:
    quads = ox.parse(DATA.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return " ".join(f"{q.subject} {q.predicate} {q.object} ."
                    for q in quads if q.graph_name == ox.NamedNode(name))


@pytest.mark.parametrize(("query", "bindings"), CASES)
def test_remote_answers_as_substitution_does(reference: ox.Store, remote: RemoteStore,
                                             query: str, bindings: dict) -> None:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    expected = reference.query(query, substitutions=subs, use_default_graph_as_union=True)
    form = query_form(query)
    if form == "SELECT":
        assert isinstance(expected, ox.QuerySolutions)
        variables = [v.value for v in expected.variables]
        rows = [{v: t for v in variables if (t := s[v]) is not None} for s in expected]
        got = remote.select(query, bindings=bindings)
        assert got.variables == variables
        if "ORDER BY" in query:
            assert got.rows == rows
        else:
            assert sorted(map(str, got.rows)) == sorted(map(str, rows))
    elif form == "ASK":
        assert remote.ask(query, bindings=bindings) is bool(expected)
    else:
        assert set(remote.construct(query, bindings=bindings)) == set(expected)  # type: ignore[arg-type]


def test_a_bound_variable_is_seen_by_bind_unlike_oxigraphs_substitution(
        reference: ox.Store, remote: RemoteStore) -> None:
    """SEP-0007 replaces the variable everywhere, so BIND(?d AS ?x) sees the value; as
    VALUES it does. Oxigraph 0.5's `substitutions` only set the projected ?d, leaving ?x
    unbound: the one known difference between the embedded and the remote stores."""
    q = "SELECT ?d ?x WHERE { BIND(?d AS ?x) }"
    d = ox.NamedNode("urn:d:9")
    assert remote.select(q, bindings={"d": d}).rows == [{"d": d, "x": d}]
    own = reference.query(q, substitutions={ox.Variable("d"): d})
    assert isinstance(own, ox.QuerySolutions)
    assert [(s["d"], s["x"]) for s in own] == [(d, None)]
