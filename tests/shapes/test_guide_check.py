"""Guide shapes: the loaded guide conforms, and a damaged graph is caught with a reason."""

from __future__ import annotations

from rdflib import URIRef

from coopkg.loaders.rdf import guide_graph
from coopkg.ontology import ontology_graph
from coopkg.shapes.guide_check import check_guide
from coopkg.vocab import CK


def test_the_bundled_guide_conforms(guide_result):
    g, _ = guide_graph(guide_result.guide)
    assert check_guide(g, ontology_graph()) == []


def test_a_direction_without_budget_or_partner_is_caught(guide_result):
    g, _ = guide_graph(guide_result.guide)
    d = URIRef("https://w3id.org/coopkg/guide/2021-1/direction/2.4")
    g.remove((d, CK.budget, None))
    g.remove((d, CK.partner, None))
    problems = check_guide(g, ontology_graph())
    assert any("direction/2.4" in p and "budget" in p for p in problems)
    assert any("direction/2.4" in p and "partner" in p for p in problems)
