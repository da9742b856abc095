"""Reading proposals: JSON through the shipped @context, JSON-LD, RDF; unusable input refused
with the key named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from coopkg.errors import ProposalError
from coopkg.shapes.context import context
from coopkg.shapes.proposals import months_between, parse_proposals
from coopkg.vocab import CK

BASE = {
    "id": "urn:example:proposal:1", "direction": "3.4",
    "startDate": "2021-07-01", "endDate": "2023-06-30",
    "requestedFunding": {"amount": 8000000, "currency": "CNY"},
    "participants": [
        {"id": "urn:example:org:1", "country": "CN", "type": "enterprise", "role": "lead",
         "governmentFunding": {"amount": 4000000, "currency": "CNY"},
         "matchingFunds": {"amount": 4000000, "currency": "CNY"}},
        {"country": "DE", "type": "university", "role": "partner_lead"}],
    "documents": [{"type": "cooperation_agreement", "date": "2021-03-01"}],
}


@pytest.mark.parametrize("start,end,months", [
    ((2021, 7, 1), (2023, 6, 30), 24), ((2021, 7, 1), (2023, 7, 1), 24),
    ((2021, 7, 1), (2024, 6, 30), 36), ((2021, 7, 1), (2024, 7, 1), 36),
    ((2021, 7, 1), (2024, 7, 2), 36), ((2021, 7, 15), (2023, 7, 14), 24),
    ((2021, 1, 31), (2021, 2, 27), 0), ((2021, 1, 31), (2021, 2, 28), 1),
])
def test_duration_in_whole_months(start, end, months):
    assert months_between(date(*start), date(*end)) == months


def test_json_is_read_into_the_ontology_terms():
    (p,) = parse_proposals(json.dumps(BASE), guide="2021-1")
    assert (p.id, p.code, p.guide_id) == ("urn:example:proposal:1", "3.4", "2021-1")
    g = p.graph
    assert g.value(p.node, CK.durationMonths).toPython() == 24
    assert str(g.value(p.node, CK.requestedCNY)) == "8000000"
    participants = sorted(g.objects(p.node, CK.participant), key=str)
    assert [str(x) for x in participants] == ["urn:example:org:1",
                                              "urn:example:proposal:1#participant-2"]


def _values(g: Graph) -> set:
    """Triples with literals as values (8000000 and 8000000.0 are one decimal) and blank
    nodes blanked: what a proposal says, whatever syntax said it."""
    from rdflib import BNode, Literal

    def term(t):
        if isinstance(t, BNode):
            return "_"
        return t.toPython() if isinstance(t, Literal) else t

    return {(term(s), p, term(o)) for s, p, o in g}


def test_the_same_proposal_as_turtle_reads_the_same():
    (from_json,) = parse_proposals(json.dumps(BASE), guide="2021-1")
    turtle = from_json.graph.serialize(format="turtle")
    (from_ttl,) = parse_proposals(turtle, suffix=".ttl", guide="2021-1")
    assert _values(from_json.graph) == _values(from_ttl.graph)
    assert len(from_json.graph) == len(from_ttl.graph)


def test_a_json_ld_processor_with_the_shipped_context_reads_the_same_triples():
    doc = dict(BASE, **{"@context": context("2021-1"), "@type": "Proposal"})
    doc["participants"] = [dict(p) for p in BASE["participants"]]
    doc["participants"][1]["id"] = "urn:example:proposal:1#participant-2"
    plain = Graph().parse(data=json.dumps(doc), format="json-ld")
    (ours,) = parse_proposals(json.dumps(BASE), guide="2021-1")
    derived = {CK.durationMonths, CK.requestedCNY, CK.governmentFundingCNY,
               CK.matchingFundsCNY}
    asserted = Graph()
    for t in ours.graph:
        if t[1] not in derived and not (t[1].endswith("#type") and t[2] == CK.Participant):
            asserted.add(t)
    assert isomorphic(plain, asserted)


def test_a_list_is_a_batch():
    second = dict(BASE, id="urn:example:proposal:2", direction="2.0")
    ps = parse_proposals(json.dumps([BASE, second]), source="batch.json", guide="2021-1")
    assert [p.code for p in ps] == ["3.4", "2.0"]


def _error(doc, **kw) -> str:
    with pytest.raises(ProposalError) as e:
        parse_proposals(doc if isinstance(doc, str) else json.dumps(doc), **kw, guide="2021-1")
    return str(e.value)


@pytest.mark.parametrize("change,expect", [
    ({"direction": None}, "direction"),
    ({"direction": 3.4}, "direction"),
    ({"participants": []}, "participants"),
    ({"endDate": "2020-12-31"}, "endDate"),
    ({"startDate": "2021-13-01"}, "startDate"),
    ({"requestedFunding": {"amount": -1, "currency": "CNY"}}, "requestedFunding.amount"),
    ({"requestedFunding": {"amount": "8000000", "currency": "CNY"}}, "requestedFunding.amount"),
    ({"requestedFunding": {"amount": 5, "currency": "USD"}}, "requestedFunding.currency"),
    ({"particpants": []}, "particpants"),
    ({"@context": "https://example.org/context.jsonld"}, "@context"),
])
def test_unusable_input_names_the_key(change, expect):
    doc = {k: v for k, v in {**BASE, **change}.items() if v is not None}
    assert expect in _error(doc)


@pytest.mark.parametrize("field,value,expect", [
    ("country", "XX", "participants[1].country"),
    ("type", "widget", "participants[1].type"),
    ("role", "boss", "participants[1].role"),
    ("registeredOn", "yesterday", "participants[1].registeredOn"),
])
def test_unusable_participant_values_name_the_participant(field, value, expect):
    doc = json.loads(json.dumps(BASE))
    doc["participants"][1][field] = value
    assert expect in _error(doc)


def test_not_json_and_bad_turtle():
    assert "not JSON" in _error("{oops")
    assert "not valid turtle" in _error("<a> <b> .", suffix=".ttl")


def test_derived_values_in_the_input_are_recomputed_not_trusted():
    (p,) = parse_proposals(json.dumps(BASE), guide="2021-1")
    p.graph.set((p.node, CK.durationMonths, __import__("rdflib").Literal(12)))
    (again,) = parse_proposals(p.graph.serialize(format="nt"), suffix=".nt", guide="2021-1")
    assert [int(x) for x in again.graph.objects(again.node, CK.durationMonths)] == [24]


def _fixture_objects():
    from pathlib import Path

    folder = Path(__file__).parents[1] / "data" / "proposals"
    for path in sorted(folder.glob("*/*.json")):
        if path.parent.name == "bad":
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        for item in doc if isinstance(doc, list) else [doc]:
            if isinstance(item, dict) and item.get("direction") and item.get("participants"):
                yield pytest.param(item, id=f"{path.parent.name}/{path.name}")


@pytest.mark.parametrize("item", list(_fixture_objects()))
def test_the_fast_path_reads_exactly_what_the_json_ld_processor_reads(item):
    """shapes.fastjson must agree with JSON-LD processing through the shipped context."""
    from coopkg.shapes import proposals as mod

    doc = dict(item, **{"@type": "Proposal"})
    doc.setdefault("id", "urn:example:proposal:fast")
    doc["participants"] = [dict(p, id=p.get("id", f"{doc['id']}#participant-{i}"))
                           for i, p in enumerate(doc["participants"], start=1)]
    fast = mod.direct_graph(json.loads(json.dumps(doc), parse_float=__import__("decimal").Decimal),
                            str(doc.get("guide", "2021-1")))
    slow = mod._jsonld_graph(json.loads(json.dumps(doc), parse_float=__import__("decimal").Decimal),
                             "fixture", "2021-1")
    assert fast is not None
    assert isomorphic(fast, slow)


def test_anything_beyond_the_plain_form_goes_through_json_ld():
    from coopkg.shapes.fastjson import direct_graph

    plain = dict(BASE, **{"@type": "Proposal"})
    plain["participants"] = [dict(p, id=f"urn:p:{i}") for i, p in enumerate(BASE["participants"])]
    assert direct_graph(plain, "2021-1") is not None
    assert direct_graph({**plain, "title": {"@value": "x", "@language": "en"}}, "2021-1") is None
    assert direct_graph({**plain, "direction": "../3.4"}, "2021-1") is None
    assert direct_graph({**plain, "id": "relative"}, "2021-1") is None


def test_every_problem_of_a_proposal_is_reported_at_once_with_its_path():
    from coopkg.shapes.proposals import read_proposal_files

    path = Path(__file__).parents[1] / "data" / "proposals" / "bad" / "several-problems.json"
    with pytest.raises(ProposalError) as err:
        read_proposal_files([path], guide="2021-1")
    assert sorted(p.path or "" for p in err.value.problems) == [
        "colour", "endDate", "participants[1].country", "participants[1].type",
        "requestedFunding.amount"]
    assert all(p.source == str(path) for p in err.value.problems)


def test_a_code_is_resolved_against_the_guide_chosen_not_a_constant():
    (p,) = parse_proposals(json.dumps(BASE), guide="2022-1-final")
    assert (p.guide_id, p.code) == ("2022-1-final", "3.4")
    assert str(p.direction) == "https://w3id.org/coopkg/guide/2022-1-final/direction/3.4"
    named = dict(BASE, guide="2021-1")  # a guide the proposal names wins over the choice
    assert parse_proposals(json.dumps(named), guide="2022-1-final")[0].guide_id == "2021-1"


def test_a_code_with_no_guide_to_resolve_it_against_is_refused():
    with pytest.raises(ProposalError) as e:
        parse_proposals(json.dumps(BASE))
    assert [p.path for p in e.value.problems] == ["guide"]
    iri = dict(BASE, direction="https://w3id.org/coopkg/guide/2022-1/direction/3.4")
    assert parse_proposals(json.dumps(iri))[0].guide_id == "2022-1"
