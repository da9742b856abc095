"""Eligibility, data-driven: every consortium under tests/data/consortia/ with the status
(and the failed requirements or the facts to supply) its manifest expects per direction; a
fact not given is never a "no"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopkg.errors import ProposalError
from coopkg.shapes import load_validator
from coopkg.shapes.eligibility import eligibility, summary

DATA = Path(__file__).parents[1] / "data" / "consortia"
MANIFEST = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(built_store):
    return load_validator(built_store, "2021-1")


@pytest.mark.parametrize("case", MANIFEST["cases"], ids=lambda c: c["file"])
def test_consortium(validator, case):
    doc = json.loads((DATA / case["file"]).read_text(encoding="utf-8"))
    rows = {r.code: r for r in eligibility(validator, doc, source=case["file"])}
    for code, want in case["expect"].items():
        row = rows[code]
        assert row.status == want["status"], (code, row.fails, row.missing)
        if "fails" in want:
            assert set(want["fails"]) <= set(row.fails)
        if "missing" in want:
            assert sorted(m.path for m in row.missing) == sorted(want["missing"])
            assert all(m.requirements for m in row.missing)
        if row.status == "needs_information":
            assert not row.fails  # nothing it fails for sure


def test_open_directions_come_first_and_nothing_repeats(validator):
    doc = json.loads((DATA / "riken.json").read_text(encoding="utf-8"))
    rows = eligibility(validator, doc)
    order = {"eligible": 0, "needs_information": 1, "not_eligible": 2}
    assert [order[r.status] for r in rows] == sorted(order[r.status] for r in rows)
    assert len(rows) == len(validator.shapes.directions)
    for r in rows:
        said = [(f.requirement, f.severity, f.message_en) for f in r.findings]
        assert len(said) == len(set(said)), r.code
        assert all(f.severity != "info" for f in r.findings)
    assert summary(rows, "zh").startswith("共 29 个方向：可以申报 ")
    assert summary(rows, "en").startswith("Of 29 directions: ")


def test_an_unusable_consortium_is_refused_naming_the_key(validator):
    with pytest.raises(ProposalError) as err:
        eligibility(validator, {"participants": [{"country": "XX", "type": "university"}]},
                    source="c.json")
    assert "participants[0].country" in str(err.value) and "c.json" in str(err.value)
    with pytest.raises(ProposalError, match="colour"):
        eligibility(validator, {"participants": [{"country": "CN", "type": "university"}],
                                "colour": "red"})
