"""Shapes generated from the guide graph: every requirement accounted for, severities from
modality, one shape per clause, and a different guide yields its own shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import SH

from coopkg.loaders.guide import read_guide
from coopkg.loaders.rdf import guide_graph, reference_graph
from coopkg.ontology import ontology_graph
from coopkg.shapes.generate import generate_shapes
from coopkg.vocab import CK, guide_iri

GUIDES = Path(__file__).parents[1] / "data" / "guides"


def _shapes(result):
    g, _ = guide_graph(result.guide)
    return generate_shapes(ontology_graph() + reference_graph() + g,
                           guide_iri(result.guide.guide_id))


@pytest.fixture(scope="module")
def shapes(guide_result):
    return _shapes(guide_result)


def test_every_requirement_clause_appears_in_the_coverage(guide_result, shapes):
    listed = {(c.requirement_id, c.kind) for c in shapes.coverage}
    for d in guide_result.guide.directions:
        for r in d.requirements:
            for clause in r.clauses:
                assert (f"{d.code}/{r.number}", clause.kind) in listed


def test_every_direction_has_its_implicit_shapes(shapes, guide_result):
    ids = {c.requirement_id for c in shapes.coverage}
    for d in guide_result.guide.directions:
        assert {f"{d.code}/lead", f"{d.code}/partner", f"{d.code}/budget"} <= ids
    assert "3.9/subdirection" in ids and "guide/direction" in ids
    assert "1.3/field" not in ids  # 领域不限: any field


def _severities(shapes, code, rid):
    g = shapes.by_direction[code]
    return {(str(g.value(s, CK.enforces)).rsplit("/", 1)[-1], g.value(s, SH.severity))
            for s in g.subjects(CK.requirementId, Literal(rid))
            if (s, SH.targetClass, None) in g}


def test_mixed_strengths_keep_their_own_severity(shapes):
    sev = _severities(shapes, "3.4", "3.4/2")
    assert ("consortium-2plus2", SH.Violation) in sev
    assert ("matching-funds", SH.Warning) in sev
    assert ("industry-academia", SH.Info) in sev


def test_severity_follows_modality(shapes):
    assert ("duration", SH.Warning) in _severities(shapes, "2.2", "2.2/1")   # 原则上
    assert ("duration", SH.Violation) in _severities(shapes, "1.7", "1.7/2")  # 不超过
    assert ("duration", SH.Warning) in _severities(shapes, "2.5", "2.5/2")   # 一般
    assert ("sme", SH.Info) in _severities(shapes, "3.4", "3.4/1")           # 鼓励


def test_shapes_carry_clause_text_and_bilingual_messages(shapes):
    g = shapes.by_direction["1.3"]
    (shape,) = [s for s in g.subjects(CK.requirementId, Literal("1.3/1"))
                if (s, SH.targetClass, None) in g]
    langs = {m.language for m in g.objects(shape, SH.message)}
    assert langs == {"zh", "en"}
    assert "牵头申报单位必须为企业" in str(g.value(shape, SH.message))
    # English messages quote the item's unofficial translation as Chinese ones the original
    en = next(str(m) for m in g.objects(shape, SH.message) if m.language == "en")
    assert en.endswith("Requirement (unofficial translation): The lead applicant must be an "
                       "enterprise;")


def test_a_different_guide_yields_its_own_shapes():
    added = _shapes(read_guide(GUIDES / "direction-added.txt"))
    assert "4.0" in added.by_direction
    assert {c.requirement_id for c in added.coverage if c.code == "4.0"} >= {
        "4.0/lead", "4.0/partner", "4.0/budget", "4.0/1", "4.0/2"}
    renumbered = _shapes(read_guide(GUIDES / "renumbered.txt"))
    assert "3.4" not in renumbered.by_direction and "6.4" in renumbered.by_direction


def test_standalone_shapes_target_each_direction_with_sparql(shapes):
    g = shapes.standalone()
    selects = [str(o) for o in g.objects(None, SH.select)]
    assert any("direction/3.4>" in s for s in selects)


def test_membership_rules_come_from_the_graph_not_from_files(guide_result):
    """The member lists reach the shapes through the graph they are generated from: a
    graph that states GEO's list complete gets a Core shape for 3.9's membership clause,
    and one without the EU's members cannot tell who counts for 2.7."""
    from rdflib.namespace import ORG

    from coopkg.vocab import partner_iri

    g, _ = guide_graph(guide_result.guide)
    reference = reference_graph()
    geo = partner_iri("GEO")
    reference.set((geo, CK.memberListComplete, Literal(True)))
    shapes = generate_shapes(ontology_graph() + reference + g, guide_iri("2021-1"))
    (geo_rule,) = [c for c in shapes.coverage if c.kind == "geo-membership"]
    assert geo_rule.checked
    reference.remove((None, ORG.memberOf, partner_iri("EU")))
    shapes = generate_shapes(ontology_graph() + reference + g, guide_iri("2021-1"))
    partner = [c for c in shapes.coverage if c.requirement_id == "2.7/partner"]
    assert [c.method for c in partner] == ["manual"]
