"""What the proposal form says of each document a direction asks for follows how the
clause asking for it is enforced: required only where a shape enforces a must."""

from __future__ import annotations

import pytest

from coopkg.server.directionfacts import directions, facts
from coopkg.shapes import load_validator


@pytest.fixture(scope="module")
def documents(built_store) -> dict[str, dict[str, str]]:
    return {d["code"]: facts(built_store, "2021-1", d["code"]).documents  # type: ignore[union-attr]
            for d in directions(built_store, "2021-1")}


def test_a_document_the_guide_has_checked_by_hand_is_not_marked_required(documents):
    # 1.5/2: the partner submits once a project is chosen (进入答辩后…), so a person checks it
    assert documents["1.5"] == {"partner_submission": "manual"}
    assert documents["1.2"]["partner_submission"] == "required"
    assert documents["3.4"] == {"cooperation_agreement": "required", "ip_agreement": "required"}


def test_every_document_state_has_the_enforcement_it_claims(built_store, documents):
    coverage = load_validator(built_store, "2021-1").shapes.coverage
    states = {need for docs in documents.values() for need in docs.values()}
    assert {"required", "manual", "accepted"} <= states
    for code, docs in documents.items():
        rows = [c for c in coverage if c.code == code]
        for doc, need in docs.items():
            if need == "required":
                assert any(c.checked and c.modality == "must" for c in rows), (code, doc)
            if need == "manual":
                assert any(c.method == "manual" for c in rows), (code, doc)
