"""The named views (queries/views): each parses in every format it is offered in, uses only
terms its vocabularies define (checked against the vendored vocabulary files, or rdflib's
closed namespaces for schema.org, VoID and DCTERMS), says what the issue asks of it, and
answers for one direction when given its IRI."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns

from coopkg.ontology import ontology_graph
from coopkg.queries import describe, named, parameters
from coopkg.views import VIEW_FORMATS, construct, names, serialise
from coopkg.vocab import CK, direction_iri, partner_iri

VOCAB = Path(__file__).parent.parent / "data" / "vocab"
EURIO = "http://data.europa.eu/s66#"
DCAT = "http://www.w3.org/ns/dcat#"
PROV = "http://www.w3.org/ns/prov#"
# schema.org and rns.XSD stay behind `rns.`: pytest's collection probes module attributes, and
# those closed namespaces warn about every name they do not define.
RDF, RDFS, VOID, DCTERMS = rns.RDF, rns.RDFS, rns.VOID, rns.DCTERMS
RDF_NS = str(RDF)


def _defined(path: Path, ns: str) -> set[str]:
    g = Graph().parse(path)
    return {str(s) for s in g.subjects() if str(s).startswith(ns)}


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, set[str] | rns.DefinedNamespaceMeta]:
    ours = {str(s) for s in ontology_graph().subjects() if str(s).startswith(str(CK))}
    return {EURIO: _defined(VOCAB / "eurio-v2.4.ttl", EURIO),
            DCAT: _defined(VOCAB / "dcat3.ttl", DCAT),
            PROV: _defined(VOCAB / "prov-o.ttl", PROV),
            str(rns.SDO): rns.SDO, str(VOID): VOID, str(DCTERMS): DCTERMS, str(CK): ours,
            RDF_NS: {str(RDF.type)}, str(RDFS): {str(RDFS.label)}}


# Each view's own vocabulary, and what else it may say (coopkg's links where EURIO has none).
ALLOWED = {"schema-org": {str(rns.SDO)}, "eurio": {EURIO, str(CK)},
           "dcat": {DCAT, str(VOID), str(DCTERMS), PROV, str(RDFS)}}


@pytest.fixture(scope="module")
def views(built_store) -> dict[str, Graph]:
    return {name: construct(built_store, name) for name in names()}


def test_the_three_views_are_named_queries_with_headers():
    assert names() == ["dcat", "eurio", "schema-org"]
    for name in names():
        header = describe(named("views")[name])
        assert "Columns:" in header and "中文：" in header


@pytest.mark.parametrize("name", ["dcat", "eurio", "schema-org"])
def test_each_view_parses_in_every_format(views, name):
    g = views[name]
    assert len(g) > 20
    for fmt, parser in VIEW_FORMATS.items():
        back = Graph().parse(data=serialise(g, fmt), format=parser)
        assert len(back) == len(g), fmt


@pytest.mark.parametrize("name", ["dcat", "eurio", "schema-org"])
def test_each_view_uses_only_terms_its_vocabularies_define(views, vocabularies, name):
    used = set(views[name].predicates()) | set(views[name].objects(None, RDF.type))
    allowed = ALLOWED[name] | {RDF_NS}
    for term in used:
        ns = next((n for n in vocabularies if str(term).startswith(n)), None)
        assert ns in allowed, f"{name} uses {term}, outside its vocabularies"
        assert term in vocabularies[ns] if isinstance(vocabularies[ns], rns.DefinedNamespaceMeta) \
            else str(term) in vocabularies[ns], f"{name}: {term} is not defined"


def test_schema_org_directions_are_funding_schemes_with_cny_budgets(views, expected):
    g = views["schema-org"]
    codes = {str(g.value(d, rns.SDO.identifier)) for d in g.subjects(RDF.type, rns.SDO.FundingScheme)
             if g.value(d, rns.SDO.identifier) is not None}
    assert codes == {d["code"] for d in expected["directions"]}
    for want in expected["directions"]:
        d = direction_iri("2021-1", want["code"])
        (grant,) = g.subjects(rns.SDO.fundedItem, d)
        assert (grant, RDF.type, rns.SDO.MonetaryGrant) in g
        amount = g.value(grant, rns.SDO.amount)
        assert (amount, RDF.type, rns.SDO.MonetaryAmount) in g
        assert g.value(amount, rns.SDO.currency) == Literal("CNY")
        prop = rns.SDO.maxValue if want["budget_is_cap"] else rns.SDO.value
        assert g.value(amount, prop).toPython() == Decimal(want["budget_cny"])
        assert (d, rns.SDO.funder, URIRef("https://w3id.org/coopkg/agency/MOST-CN")) in g
    assert (URIRef("https://w3id.org/coopkg/agency/MOST-CN"), RDF.type, rns.SDO.Organization) in g
    de = partner_iri("DE")
    assert (direction_iri("2021-1", "3.4"), rns.SDO.areaServed, de) in g
    assert (de, RDF.type, rns.SDO.Country) in g
    assert (de, rns.SDO.sameAs, URIRef("http://www.wikidata.org/entity/Q183")) in g
    assert len(set(g.objects(direction_iri("2021-1", "2.5"), rns.SDO.areaServed))) == 22
    assert (URIRef("https://w3id.org/coopkg/agency/NKRDP"), rns.SDO.sameAs,
            URIRef("https://doi.org/10.13039/501100012166")) in g


def test_eurio_nests_directions_under_the_call_and_gives_budgets_and_countries(views):
    g = views["eurio"]
    E = lambda n: URIRef(EURIO + n)  # noqa: E731
    d, guide = direction_iri("2021-1", "3.4"), URIRef("https://w3id.org/coopkg/guide/2021-1")
    assert (d, RDF.type, E("FundingScheme")) in g and (d, E("isSubSchemeOf"), guide) in g
    budget = g.value(d, E("hasFundingAmount"))
    assert g.value(budget, E("currency")) == Literal("CNY")
    assert g.value(budget, E("value")).datatype == rns.XSD.decimal
    assert (partner_iri("DE"), E("hasEUCountryCode"),
            URIRef("http://publications.europa.eu/resource/authority/country/DEU")) in g
    assert len(set(g.subjects(RDF.type, E("FundingScheme")))) == 29 + 3  # + call, programme, NKRDP


def test_dcat_describes_every_graph_with_its_size_licence_and_provenance(views, built_store):
    g = views["dcat"]
    catalog = URIRef("https://w3id.org/coopkg/dataset")
    graphs = set(built_store.graph_names())
    assert {str(x) for x in g.objects(catalog, URIRef(DCAT + "dataset"))} == graphs
    for name in graphs:
        node = URIRef(name)
        assert int(g.value(node, VOID.triples)) == built_store.graph_size(name), name
    guide = URIRef("https://w3id.org/coopkg/graph/guide/2021-1")
    assert g.value(guide, DCTERMS.license) is not None
    assert g.value(guide, URIRef(PROV + "wasGeneratedBy")) is not None


def test_a_view_that_takes_a_direction_answers_for_that_one_only(built_store):
    for name in ("schema-org", "eurio"):
        assert "direction" in parameters(named("views")[name].read_text(encoding="utf-8"))
        one = construct(built_store, name, direction=str(direction_iri("2021-1", "3.4")))
        directions = {s for s in one.subjects(RDF.type, CK.Direction)} | {
            s for s in one.subjects() if "/direction/" in str(s) and "#" not in str(s)
            and str(s).count("/") == 7}
        assert directions == {direction_iri("2021-1", "3.4")}, name
