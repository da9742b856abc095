"""The reasoner's own process gives exactly what reasoning in this process gives, blank
nodes included, and a reasoner whose process is gone still answers."""

from __future__ import annotations

from rdflib import BNode, Graph, Namespace
from rdflib.namespace import RDF, RDFS

from coopkg.graph.inference import Reasoner, closure

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
