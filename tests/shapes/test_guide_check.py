"""Guide shapes: the loaded guide conforms, and a damaged graph is caught with a reason."""

from __future__ import annotations

import re

import pytest
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
    assert any("direction/2.4" in str(p) and "budget" in str(p) for p in problems)
    assert any("direction/2.4" in str(p) and "partner" in str(p) for p in problems)
    # the shapes' own words in the reader's language, nothing else in English
    zh = [p.render("zh") for p in problems]
    assert any("direction/2.4" in p and "拟支持经费" in p for p in zh)
    assert any("direction/2.4" in p and "合作方" in p for p in zh)
    for p in zh:
        assert not re.findall(r"[A-Za-z]{2,}", re.sub(r"https?://\S+", " ", p)), p


def _loadable():
    import json
    from pathlib import Path

    folder = Path(__file__).parents[1] / "data" / "guides"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [folder / e["file"] for e in manifest if e["expect"] != "error"]


@pytest.mark.parametrize("path", _loadable(), ids=lambda p: p.name)
def test_every_loadable_variant_conforms_and_gets_shapes(path):
    from coopkg.loaders.guide import read_guide
    from coopkg.loaders.rdf import reference_graph
    from coopkg.shapes.generate import generate_shapes
    from coopkg.vocab import guide_iri

    result = read_guide(path)
    g, _ = guide_graph(result.guide)
    vocabulary = ontology_graph() + reference_graph()
    assert check_guide(g, vocabulary) == []
    shapes = generate_shapes(vocabulary + g, guide_iri(result.guide.guide_id))
    assert set(shapes.by_direction) == {d.code for d in result.guide.directions}
