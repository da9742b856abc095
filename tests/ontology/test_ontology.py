"""The ontology parses, is OWL 2 RL-clean under owlrl, and every term speaks zh and en."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from coopkg.loaders.rdf import guide_graph
from coopkg.ontology import FILES, ontology_graph
from coopkg.vocab import CK, VOCAB

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def _langs(g: Graph, s: URIRef, p: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(s, p)}


def test_every_file_parses():
    for name in FILES:
        Graph().parse(source=str(__import__("coopkg.ontology", fromlist=["x"])._HERE / name),
                      format="turtle")


def test_every_class_and_property_has_zh_and_en_labels_and_an_en_comment(onto):
    terms = {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t)
             if str(s).startswith(str(CK))}
    assert len(terms) > 100
    for term in terms:
        assert {"zh", "en"} <= _langs(onto, term, RDFS.label), term
        assert "en" in _langs(onto, term, RDFS.comment), term


def test_every_vocabulary_concept_has_one_zh_and_one_en_preflabel(onto):
    concepts = [s for s in onto.subjects(RDF.type, SKOS.Concept) if str(s).startswith(VOCAB)]
    assert len(concepts) > 90
    for c in concepts:
        langs = [o.language for o in onto.objects(c, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "zh"], c


def test_every_ck_term_the_guide_graph_uses_is_declared(onto, guide_result):
    g, _ = guide_graph(guide_result.guide)
    declared = {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t)}
    used = {p for p in g.predicates() if str(p).startswith(str(CK))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(CK))}
    assert used - declared == set()
    concepts = set(onto.subjects(RDF.type, SKOS.Concept))
    vocab_refs = {o for o in g.objects() if isinstance(o, URIRef) and str(o).startswith(VOCAB)}
    assert vocab_refs - concepts == set()


def test_owl_rl_closure_is_consistent(onto, guide_result):
    g, _ = guide_graph(guide_result.guide)
    work = Graph()
    for t in onto:
        work.add(t)
    for t in g:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(work)
    # owlrl adds each inconsistency it finds (disjointness, owl:Nothing members, …) as a
    # node typed err:ErrorMessage carrying the message.
    err = "http://www.daml.org/2002/03/agents/agent-ont#"
    messages = [str(m) for node in work.subjects(RDF.type, URIRef(err + "ErrorMessage"))
                for m in work.objects(node, URIRef(err + "error"))]
    assert messages == []
    assert list(work.subjects(RDF.type, OWL.Nothing)) == []
    # The alignments take effect: budgets are schema.org monetary amounts.
    assert (URIRef("https://w3id.org/coopkg/guide/2021-1/direction/3.4/budget"), RDF.type,
            URIRef("https://schema.org/MonetaryAmount")) in work


def test_every_class_and_property_the_built_graph_uses_has_zh_and_en_labels(built_store):
    """Whatever a page may name — ours, a standard vocabulary's, SHACL's in the shapes graph
    — has a zh and an en label somewhere in the dataset (ontology/labels.ttl for others')."""
    used = {r["t"].value for r in built_store.select("""
        SELECT DISTINCT ?t WHERE { { GRAPH ?g { ?s ?t ?o } } UNION { GRAPH ?g { ?s a ?t } }
                                   FILTER(isIRI(?t)) }""")}
    langs: dict[str, set[str]] = {}
    for r in built_store.select("""SELECT DISTINCT ?t (LANG(?l) AS ?lang) WHERE {
            ?t <http://www.w3.org/2000/01/rdf-schema#label> ?l }"""):
        langs.setdefault(r["t"].value, set()).add(r["lang"].value)
    assert len(used) > 150
    assert "http://data.europa.eu/m8g/hasRequirement" in used
    assert {t for t in used if not {"zh", "en"} <= langs.get(t, set())} == set()
