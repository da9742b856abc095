"""The CORDIS-shaped sample (data/samples) loads beside the guide and the integration
queries (queries/integration) join the two: each returns the rows the sample implies. The
sample itself speaks EURIO 2.4 only."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef

from coopkg.data import path
from coopkg.graph.locate import open_store
from coopkg.pipeline import build
from coopkg.queries import describe, named
from tests.conftest import py

SAMPLE = path("samples", "cordis-h2020-china.ttl")
EURIO = "http://data.europa.eu/s66#"
VOCAB = Path(__file__).parent.parent / "data" / "vocab" / "eurio-v2.4.ttl"


@pytest.fixture(scope="module")
def store():
    s = open_store(None)
    build(s)
    s.load(SAMPLE, ox.RdfFormat.TURTLE, graph="https://w3id.org/coopkg/graph/samples/cordis")
    return s


def rows(store, name):
    result = store.select(named("integration")[name].read_text(encoding="utf-8"))
    return [{c: py(r.get(c)) for c in result.variables} for r in result]


def test_the_sample_uses_only_eurio_terms():
    g = Graph().parse(SAMPLE)
    defined = {str(s) for s in Graph().parse(VOCAB).subjects()}
    used = set(g.predicates()) | set(g.objects(None, RDF.type))
    assert used - {RDF.type} and all(str(t).startswith(EURIO) for t in used - {RDF.type})
    assert {str(t) for t in used - {RDF.type}} <= defined
    assert len(set(g.subjects(RDF.type, URIRef(EURIO + "Project")))) == 5


@pytest.mark.parametrize("name", ["h2020-for-2.7", "partner-countries-by-joint-projects",
                                  "fields-matching-project-topics"])
def test_each_integration_query_has_a_header_and_returns_rows(store, name):
    header = describe(named("integration")[name])
    assert "Columns:" in header and "中文：" in header
    assert rows(store, name)


def test_h2020_projects_a_2_7_proposal_could_build_on(store):
    got = {r["acronym"]: r for r in rows(store, "h2020-for-2.7")}
    # iSQAPER ended in 2020, before the guide's year; the others ran on (INTAROS: no date)
    assert set(got) == {"EU-China-Safe", "REGREEN", "MIX-UP", "INTAROS"}
    assert {r["code"] for r in got.values()} == {"2.7"}
    assert set(got["MIX-UP"]["call_years"].split()) == {"2018", "2019", "2020"}
    assert got["MIX-UP"]["eu_participants"] == 10
    assert got["EU-China-Safe"]["eu_participants"] == 4  # Belfast and Nofima are not in the EU
    assert got["EU-China-Safe"]["chinese_participants"] == (
        "China National Center for Food Safety Risk Assessment")


def test_partner_countries_by_joint_projects(store):
    got = [(r["partner"], r["joint_projects"], r["directions"])
           for r in rows(store, "partner-countries-by-joint-projects")]
    assert got == [("EU", 5, 1), ("DE", 2, 4), ("ES", 2, 1), ("AT", 1, 1), ("BE", 1, 2)]


def test_guide_fields_matched_to_project_topics_in_zh_and_en(store):
    got = rows(store, "fields-matching-project-topics")
    langs = {r["lang"] for r in got}
    assert langs == {"zh", "en"}
    assert {"code": "1.2", "field_zh": "食品科学", "field_en": "Food science", "lang": "zh",
            "keyword": "食品", "acronym": "EU-China-Safe"} in got
    biodiversity = {(r["code"], r["acronym"]) for r in got if r["keyword"] == "生物多样性"}
    assert ("3.0", "REGREEN") in biodiversity
