"""The reasoner's own process gives exactly what reasoning in this process gives, blank
nodes included, and a reasoner whose process is gone still answers."""

from __future__ import annotations

import owlrl
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS, XSD

from coopkg.graph.inference import Reasoner, closure, premises

EX = Namespace("http://example.org/")


def _ontology() -> Graph:
    g = Graph()
    g.add((EX.A, RDFS.subClassOf, EX.B))
    g.add((EX.B, RDFS.subClassOf, EX.C))
    g.add((EX.p, RDFS.domain, EX.A))
    return g


def _guide(node: BNode) -> Graph:
    g = Graph()
    g.add((node, EX.p, EX.o))
    g.add((EX.x, RDF.type, EX.A))
    return g


def test_the_reasoners_process_gives_what_reasoning_here_gives() -> None:
    node = BNode()
    ontology, guide = _ontology(), _guide(node)
    with Reasoner() as reasoner:
        assert reasoner._proc is not None  # the work really goes to another process
        tbox, (added,) = reasoner.closures(ontology, [guide])()
    assert set(tbox) == set(closure(ontology))
    assert (EX.A, RDFS.subClassOf, EX.C) in set(tbox)
    assert set(added) == set(closure(ontology, guide, tbox))
    # the blank node comes back as itself, not as a fresh one
    assert {(node, RDF.type, EX.C), (EX.x, RDF.type, EX.B)} <= set(added)


def test_a_reasoner_whose_process_is_gone_reasons_here() -> None:
    ontology, guide = _ontology(), _guide(BNode())
    with Reasoner() as reasoner:
        assert reasoner._proc is not None
        reasoner._proc.kill()
        reasoner._proc.wait()
        tbox, (added,) = reasoner.closures(ontology, [guide])()
    assert set(added) == set(closure(ontology, guide, tbox))
    assert (EX.x, RDF.type, EX.C) in set(added)


def test_without_a_second_cpu_nothing_is_started() -> None:
    with Reasoner(parallel=False) as reasoner:
        assert reasoner._proc is None
        _tbox, (added,) = reasoner.closures(_ontology(), [_guide(BNode())])()
    assert (EX.x, RDF.type, EX.C) in set(added)


def test_a_result_never_asked_for_leaves_no_process_behind() -> None:
    with Reasoner() as reasoner:
        proc = reasoner._proc
        assert proc is not None
        reasoner.closures(_ontology(), [_guide(BNode())])  # a build stopped before the end
    assert proc.poll() is not None


def test_an_ontology_handed_over_early_gives_the_same_closures() -> None:
    node = BNode()
    ontology, guide = _ontology(), _guide(node)
    with Reasoner() as reasoner:
        reasoner.prepare(ontology)  # its closure starts before the guide is read
        tbox, (added,) = reasoner.closures(ontology, [guide])()
    assert set(tbox) == set(closure(ontology))
    assert set(added) == set(closure(ontology, guide, tbox))
    assert (node, RDF.type, EX.C) in set(added)


def test_another_ontology_than_the_one_handed_over_is_reasoned_over_here() -> None:
    ontology, other = _ontology(), _ontology()
    other.add((EX.C, RDFS.subClassOf, EX.D))
    with Reasoner() as reasoner:
        reasoner.prepare(ontology)
        proc = reasoner._proc
        _tbox, (added,) = reasoner.closures(other, [_guide(BNode())])()
    assert (EX.x, RDF.type, EX.D) in set(added)
    assert proc is not None and proc.poll() is not None  # and the process is ended


def test_a_property_with_only_a_domain_or_range_reasons_as_the_types_it_gives() -> None:
    ontology = _ontology()
    ontology.add((EX.q, RDFS.range, EX.A))
    ontology.add((EX.r, RDFS.subPropertyOf, EX.q))
    data = Graph()
    data.add((EX.s, EX.q, EX.t))  # q: a range, and a subproperty
    data.add((EX.u, EX.r, EX.v))  # r: through q
    data.add((EX.s, EX.p, Literal("1", datatype=XSD.decimal)))
    data.add((EX.s, EX.label, Literal("true", datatype=XSD.boolean)))
    given = premises(ontology + data)
    assert (EX.s, EX.q, EX.t) not in given and (EX.t, RDF.type, EX.A) in given
    assert (EX.u, EX.r, EX.v) in given
    # owlrl states the disjointness of the datatypes in use: one literal of each stays
    assert {o.datatype for o in given.objects() if isinstance(o, Literal)} \
        >= {XSD.decimal, XSD.boolean}
    work = ontology + data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    everything = {t for t in work if t not in ontology + data
                  and not isinstance(t[0], Literal) and not (t[1] == OWL.sameAs and t[0] == t[2])}
    assert set(closure(ontology, data)) == everything
    assert (EX.v, RDF.type, EX.C) in everything
