"""The shapes the store keeps are the shapes the generator made: read back from the stored
graph, every direction's shapes, the common ones and the coverage listing come out the
same, and every rule can be read with SPARQL."""

from __future__ import annotations

import re

from rdflib import Graph

from coopkg.loaders.rdf import guide_graph, reference_graph
from coopkg.ontology import ontology_graph
from coopkg.shapes.generate import generate_shapes
from coopkg.shapes.stored import shape_set
from coopkg.vocab import CK, GRAPHS, guide_iri


def _blanked(g: Graph) -> list[str]:
    data = g.serialize(format="nt")
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in data.splitlines() if line)


def test_stored_shapes_read_back_as_generated(guide_result, built_store):
    g, _ = guide_graph(guide_result.guide)
    made = generate_shapes(ontology_graph() + reference_graph() + g, guide_iri("2021-1"))
    stored = shape_set(built_store, "2021-1")
    assert list(stored.directions) == list(made.directions)
    assert stored.titles == made.titles
    assert stored.coverage == made.coverage
    assert _blanked(stored.common) == _blanked(made.common)
    for code in made.by_direction:
        assert _blanked(stored.by_direction[code]) == _blanked(made.by_direction[code]), code


def test_every_rule_and_its_enforcement_can_be_read_with_sparql(built_store):
    rows = built_store.select(f"""
        SELECT ?how (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPHS.shapes('2021-1')}> {{
          ?e a <{CK.CoverageEntry}> ; <{CK.enforcement}> ?how }} }} GROUP BY ?how""")
    counts = {r["how"].value: int(r["n"].value) for r in rows}
    assert counts.get("manual", 0) > 0 and counts.get("SHACL Core", 0) > 0
    assert sum(counts.values()) == len(shape_set(built_store, "2021-1").coverage)
    # each direction's shapes say which direction they apply to
    assert built_store.ask(f"""ASK {{ GRAPH <{GRAPHS.shapes('2021-1')}> {{
        ?s a <http://www.w3.org/ns/shacl#NodeShape> ;
           <{CK.appliesTo}> <https://w3id.org/coopkg/guide/2021-1/direction/3.9> }} }}""")
