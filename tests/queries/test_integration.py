"""The CORDIS-shaped sample (data/samples) loads beside the guide and the integration
queries (queries/integration) join the two: each returns the rows the sample implies. The
sample itself speaks EURIO 2.4 only."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from coopkg.data import path
from coopkg.graph.locate import open_store
from coopkg.pipeline import build
from coopkg.queries import describe, named
from tests.conftest import py

SAMPLE = path("samples", "cordis-h2020-china.ttl")
EURIO = "http://data.europa.eu/s66#"
VOCAB = Path(__file__).parent.parent / "data" / "vocab" / "eurio-v2.4.ttl"
E = Namespace(EURIO)


def _csv(name: str) -> list[dict[str, str]]:
    with path("reference", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Sample:
    """The sample read with rdflib, independently of the queries: what each query should
    return is derived from it here, not copied from a query's answer."""

    def __init__(self) -> None:
        self.g = Graph().parse(SAMPLE)
        self.projects = sorted(self.g.subjects(RDF.type, E.Project))
        iso3 = {r["code"]: r["iso3"] for r in _csv("countries.csv")}
        self.eu_members = {iso3[r["member"]] for r in _csv("memberships.csv")
                           if r["group"] == "EU"}

    def one(self, s: Node, p: URIRef) -> Node | None:
        return next(iter(self.g.objects(s, p)), None)

    def orgs(self, project: Node) -> set[Node]:
        return {o for role in self.g.objects(project, E.hasInvolvedParty)
                for o in self.g.objects(role, E.isRoleOf)}

    def country(self, org: Node) -> str:
        (where,) = {str(c).rsplit("/", 1)[1] for site in self.g.objects(org, E.hasSite)
                    for c in self.g.objects(site, E.hasGeographicalLocation)}
        return where

    def name(self, org: Node) -> str:
        return str(self.one(org, E.legalName))

    def acronym(self, project: Node) -> str:
        return str(self.one(self.one(project, E.hasAcronym), E.shortForm))

    def keywords(self, project: Node) -> list[str]:
        return [str(k) for k in self.g.objects(project, E.keyword)]

    def h2020(self, project: Node) -> bool:
        return any(str(self.one(scheme, E.code)) == "H2020"
                   for grant in self.g.objects(project, E.isFundedBy)
                   for scheme in self.g.objects(grant, E.hasFundingSchemeProgramme))


@pytest.fixture(scope="module")
def store():
    s = open_store(None)
    build(s)
    s.load(SAMPLE, ox.RdfFormat.TURTLE, graph="https://w3id.org/coopkg/graph/samples/cordis")
    return s


def rows(store, name):
    result = store.select(named("integration")[name].read_text(encoding="utf-8"))
    return [{c: py(r.get(c)) for c in result.variables} for r in result]


def _guide_year(store) -> int:
    (r,) = store.select("""PREFIX ck: <https://w3id.org/coopkg/ontology#>
        SELECT ?y WHERE { ?d ck:code "2.7" ; ck:guide/ck:year ?y }""")
    return int(str(r["y"].value)[:4])


def test_the_sample_uses_only_eurio_terms():
    g = Graph().parse(SAMPLE)
    defined = {str(s) for s in Graph().parse(VOCAB).subjects()}
    used = set(g.predicates()) | set(g.objects(None, RDF.type))
    assert used - {RDF.type} and all(str(t).startswith(EURIO) for t in used - {RDF.type})
    assert {str(t) for t in used - {RDF.type}} <= defined
    assert len(set(g.subjects(RDF.type, E.Project))) == 30


def test_every_project_has_a_chinese_and_a_european_participant():
    """The sample's own rule (data/samples/README.md): no project without both sides."""
    sample = Sample()
    europe = sample.eu_members | {"GBR", "NOR", "CHE"}
    for p in sample.projects:
        countries = {sample.country(o) for o in sample.orgs(p)}
        assert "CHN" in countries or "HKG" in countries, p
        assert countries & europe, p


@pytest.mark.parametrize("name", ["h2020-for-2.7", "partner-countries-by-joint-projects",
                                  "fields-matching-project-topics"])
def test_each_integration_query_has_a_header_and_returns_rows(store, name):
    header = describe(named("integration")[name])
    assert "Columns:" in header and "中文：" in header
    assert rows(store, name)


def test_h2020_projects_a_2_7_proposal_could_build_on(store):
    sample = Sample()
    year = _guide_year(store)
    want = {}
    for p in sample.projects:
        title, end = sample.one(p, E.title), sample.one(p, E.endDate)
        cn = {sample.name(o) for o in sample.orgs(p) if sample.country(o) == "CHN"}
        eu = {o for o in sample.orgs(p) if sample.country(o) in sample.eu_members}
        if (title and cn and eu and sample.h2020(p)
                and (end is None or int(str(end)[:4]) >= year)):
            want[sample.acronym(p)] = (cn, len(eu), sample.one(p, E.identifier))
    got = {r["acronym"]: r for r in rows(store, "h2020-for-2.7")}
    assert set(got) == set(want)
    assert {"iSQAPER", "MARSU"}.isdisjoint(got)  # ended in 2020; no title stated
    assert {r["code"] for r in got.values()} == {"2.7"}
    assert set(got["MIX-UP"]["call_years"].split()) == {"2018", "2019", "2020"}
    for acronym, (cn, eu, grant) in want.items():
        row = got[acronym]
        assert set(row["chinese_participants"].split(" | ")) == cn, acronym
        assert row["eu_participants"] == eu, acronym
        assert row["grant"] == (str(grant) if grant is not None else None), acronym
    # hand-checked against the README's source table
    assert got["EU-China-Safe"]["eu_participants"] == 4  # Belfast and Nofima are not in the EU
    assert set(got["EU-China-Safe"]["chinese_participants"].split(" | ")) == {
        "China National Center for Food Safety Risk Assessment", "China Agricultural University"}
    assert got["TUBE"]["end"] == "2023-10-31"


def test_partner_countries_by_joint_projects(store, guide_result):
    sample = Sample()
    where: dict[str, set[str]] = {"EU": sample.eu_members}
    for r in _csv("partners.csv"):
        if r["kind"] == "country":
            where[r["code"]] = {r["iso3"]}
    named = {c for d in guide_result.guide.directions for c in d.partners}
    directions = {c: sum(c in d.partners for d in guide_result.guide.directions) for c in named}
    joint = {}
    for code in named & set(where):
        n = sum(1 for p in sample.projects
                if any(sample.country(o) == "CHN" for o in sample.orgs(p))
                and any(sample.country(o) in where[code] for o in sample.orgs(p)))
        if n:
            joint[code] = n
    got = [(r["partner"], r["joint_projects"], r["directions"])
           for r in rows(store, "partner-countries-by-joint-projects")]
    assert got == sorted(((c, n, directions[c]) for c, n in joint.items()),
                         key=lambda t: (-t[1], t[0]))
    assert got[0][:2] == ("EU", len(sample.projects))  # each has a participant in the EU


def test_guide_fields_matched_to_project_topics_in_zh_and_en(store):
    sample = Sample()
    fields = store.select("""
        PREFIX ck: <https://w3id.org/coopkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?notation ?label WHERE { ?f a ck:Field ; skos:notation ?notation ;
                                           skos:prefLabel ?label }""")
    by_field: dict[str, dict[str, str]] = {}
    for r in fields:
        by_field.setdefault(r["notation"].value, {})[r["label"].language] = r["label"].value
    want = set()
    for notation, labels in by_field.items():
        for p in sample.projects:
            for kw in sample.keywords(p):
                for lang, label in labels.items():
                    if kw.lower() in label.lower():
                        want.add((notation.split("/")[0], labels["zh"], labels.get("en"), lang,
                                  kw, sample.acronym(p)))
    got = rows(store, "fields-matching-project-topics")
    assert {tuple(r.values()) for r in got} == want
    assert {r["lang"] for r in got} == {"zh", "en"}
    # hand-checked: a food safety project meets 1.2's food science in Chinese
    assert {"code": "1.2", "field_zh": "食品科学", "field_en": "Food science", "lang": "zh",
            "keyword": "食品", "acronym": "EU-China-Safe"} in got
    biodiversity = {(r["code"], r["acronym"]) for r in got if r["keyword"] == "生物多样性"}
    assert ("3.0", "REGREEN") in biodiversity
