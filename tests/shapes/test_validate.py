"""Validation, data-driven: every fixture under tests/data/proposals/ with the findings the
manifest expects (requirement id and severity, infos aside), and unusable inputs refused
with a message naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopkg.errors import ProposalError
from coopkg.shapes import load_validator
from coopkg.shapes.proposals import read_proposal_files

DATA = Path(__file__).parents[1] / "data" / "proposals"
MANIFEST = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(built_store):
    return load_validator(built_store, "2021-1")


def _expected(case):
    if "proposals" in case:
        return {p["id"]: (p["conforms"], p["findings"]) for p in case["proposals"]}
    return {None: (case["conforms"], case["findings"])}


def _key(findings):
    """Which requirements fail at which severity (one clause may fail on several
    participants, and a part's cap and the direction's total share an id)."""
    return sorted({(f["requirement"], f["severity"]) for f in findings})


@pytest.mark.parametrize("case", MANIFEST["cases"], ids=lambda c: c["file"])
def test_fixture(validator, case):
    proposals = read_proposal_files([DATA / case["file"]], guide="2021-1")
    results = validator.validate(proposals)
    expected = _expected(case)
    for result in results:
        conforms, findings = expected[result.proposal if None not in expected else None]
        got = [f.__dict__ for f in result.findings if f.severity != "info"]
        assert _key(got) == _key(findings), result.proposal
        assert result.conforms == conforms
        for want in findings:  # who and what, where the case says
            same = [f for f in got if f["requirement"] == want["requirement"]]
            if "participant" in want:
                assert want["participant"] in {f["participant"] for f in same}
            for part in want.get("message_contains", []):
                assert any(part in f["message_zh"] + f["message_en"] for f in same), part
        infos = {f.requirement for f in result.findings if f.severity == "info"}
        assert set(case.get("infos_include", [])) <= infos


def test_every_direction_has_a_conforming_fixture(validator):
    ok = {c["file"].split("/")[0] for c in MANIFEST["cases"]
          if c["file"].endswith("/ok.json") and c["conforms"]}
    assert ok == set(validator.shapes.directions)


def test_every_machine_checked_requirement_has_a_breaking_fixture(validator):
    broken = {f["requirement"] for c in MANIFEST["cases"] for f in c.get("findings", [])}
    broken |= {rid for c in MANIFEST["cases"] for rid in c.get("infos_include", [])}
    for p in (c for c in MANIFEST["cases"] if "proposals" in c):
        for q in p["proposals"]:
            broken |= {f["requirement"] for f in q["findings"]}
    checked = {c.requirement_id for c in validator.shapes.coverage if c.checked}
    # guide/duration is the general period: broken in directions without a clause of their own
    assert checked - broken <= set()


@pytest.mark.parametrize("case", MANIFEST["bad"], ids=lambda c: c["file"])
def test_unusable_input_is_refused_naming_the_key(case):
    with pytest.raises(ProposalError) as err:
        read_proposal_files([DATA / case["file"]], guide="2021-1")
    for part in case["error_contains"]:
        assert part in str(err.value)


def test_results_keep_input_order_and_ignore_parallelism(validator):
    from coopkg.shapes.proposals import parse_proposals

    docs = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(DATA.glob("*/ok.json"))]
    copies = [dict(d, id=f"{d['id']}-{k}") for k in range(3) for d in docs]
    for d in copies:
        if "h2020" in d:  # one application per H2020 project: give each copy its own
            d["h2020"] = dict(d["h2020"], projectId=d["id"])
    proposals = parse_proposals(json.dumps(copies, ensure_ascii=False), guide="2021-1")
    serial = validator.validate(proposals)
    parallel = validator.validate(proposals, workers=2)
    assert [r.proposal for r in serial] == [p.id for p in proposals]
    assert [(r.proposal, _key([f.__dict__ for f in r.findings])) for r in serial] == \
        [(r.proposal, _key([f.__dict__ for f in r.findings])) for r in parallel]


def test_validation_never_changes_the_shapes(validator):
    before = {code: len(g) for code, g in validator.shapes.by_direction.items()}
    validator.validate(read_proposal_files(sorted(DATA.glob("*/ok.json")), guide="2021-1"))
    assert {code: len(g) for code, g in validator.shapes.by_direction.items()} == before


def test_an_organisation_in_several_proposals_keeps_each_role(validator):
    from coopkg.shapes.proposals import parse_proposals

    org = {"id": "urn:example:org:shared", "name": "某企业", "country": "CN",
           "type": "enterprise"}
    partner = {"name": "Example Ltd", "country": "IL", "type": "enterprise",
               "role": "partner_lead"}
    common = {"direction": "1.3", "startDate": "2021-07-01", "endDate": "2023-06-30",
              "documents": [{"type": "partner_submission"}]}
    a = {**common, "id": "urn:example:proposal:a",
         "participants": [{**org, "role": "lead"}, partner]}
    b = {**common, "id": "urn:example:proposal:b",
         "participants": [{**org, "role": "participant"}, partner]}
    ra, rb = validator.validate(parse_proposals(json.dumps([a, b]), guide="2021-1"))
    assert ra.conforms
    assert not rb.conforms  # b has no Chinese lead, whatever the organisation does in a
    assert "1.3/lead" in {f.requirement for f in rb.findings}


def test_the_same_proposal_twice_in_a_batch_is_refused(validator):
    files = [DATA / "1.2" / "ok.json", DATA / "1.2" / "ok.json"]
    with pytest.raises(ProposalError, match="twice"):
        validator.validate(read_proposal_files(files, guide="2021-1"))


def test_the_shacl_report_is_the_one_pyshacl_gives_plus_requirement_ids(validator):
    """Nothing of pySHACL's report is lost on the way (nested blank nodes: sequence and
    inverse paths, sh:in lists in cloned source shapes); each result adds its requirement."""
    import pyshacl
    from rdflib import Graph, Literal
    from rdflib.compare import isomorphic
    from rdflib.namespace import RDF, SH

    from coopkg.shapes.validate import report_all
    from coopkg.vocab import CK

    files = [DATA / "2.7" / "break-2.7-2-h2020-coapplication.json",
             DATA / "1.2" / "break-1.2-field-field.json"]
    proposals = read_proposal_files(files, guide="2021-1")
    ours, conforms = report_all(proposals, lambda _gid: validator)
    assert not conforms
    expected = Graph()
    for p in proposals:
        _, theirs, _ = pyshacl.validate(p.graph, shacl_graph=validator.shapes.for_direction(p.code),
                                        inference="none", allow_infos=True, allow_warnings=True)
        for t in theirs:
            expected.add(t)
    ids = {str(o) for o in ours.objects(None, CK.requirementId)}
    assert {"2.7/2", "1.2/field"} <= ids
    assert all(ours.value(r, CK.requirementId) is not None
               for r in ours.subjects(RDF.type, SH.ValidationResult)
               if ours.value(r, SH.sourceShape) is not None
               and (r, SH.resultSeverity, SH.Violation) in ours)
    for r in list(ours.subjects(RDF.type, SH.ValidationResult)):
        ours.remove((r, CK.requirementId, None))
    # pySHACL gives each run its own report node; ours is one report for the batch.
    for g in (ours, expected):
        (node, *_) = list(g.subjects(RDF.type, SH.ValidationReport))
        for extra in list(g.subjects(RDF.type, SH.ValidationReport))[1:]:
            for p_, o in list(g.predicate_objects(extra)):
                g.remove((extra, p_, o))
                if p_ == SH.result:
                    g.add((node, p_, o))
        g.set((node, SH.conforms, Literal(False)))
    assert isomorphic(ours, expected)
    # The sequence path of 2.7/2 (h2020 / callYear) survives as an RDF list.
    paths = [p for p in ours.objects(None, SH.resultPath) if ours.value(p, RDF.first)]
    assert [ours.value(p, RDF.first) for p in paths] == [CK.h2020Project]
