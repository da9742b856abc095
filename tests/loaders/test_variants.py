"""The loader on edited copies of the guide (tests/data/guides/manifest.json): renumbered,
a direction added or removed, numbers changed, another year, damaged lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopkg.errors import GuideParseError
from coopkg.loaders.guide import read_guide
from coopkg.loaders.model import Direction

GUIDES = Path(__file__).parents[1] / "data" / "guides"
MANIFEST = json.loads((GUIDES / "manifest.json").read_text(encoding="utf-8"))


def _summary(d: Direction) -> dict:
    budget = sum(p.budget.value for p in d.parts) if d.parts else d.budget.value
    lo = None if d.parts else d.count.min
    hi = sum(p.count.max for p in d.parts) if d.parts else d.count.max
    return {
        "title_zh": d.title, "partners": d.partners, "projects_min": lo, "projects_max": hi,
        "budget_cny": int(budget), "agreements": [a.title for a in d.agreements],
        "fields": [f.label for f in d.fields],
        "requirements": [(r.number, r.modality, r.text) for r in d.requirements],
    }


def _by_code(result) -> dict[str, dict]:
    return {d.code: _summary(d) for d in result.guide.directions}


@pytest.fixture(scope="module")
def original(guide_result):
    return _by_code(guide_result)


def _cases(expect: str) -> list:
    return [pytest.param(e, id=e["file"]) for e in MANIFEST if e["expect"] == expect]


@pytest.mark.parametrize("case", _cases("error"))
def test_damaged_guides_fail_naming_direction_and_line(case):
    with pytest.raises(GuideParseError) as err:
        read_guide(GUIDES / case["file"])
    message = str(err.value)
    for part in case["error_contains"]:
        assert part in message
    assert "\n" not in message


@pytest.mark.parametrize("case", _cases("ok") + _cases("warning"))
def test_edited_guides_load_with_exactly_the_edited_values(case, original):
    result = read_guide(GUIDES / case["file"])
    got = _by_code(result)
    assert len(got) == case["directions"]
    mapping = case.get("codes_mapping") or {}
    expected = {mapping.get(code, code): dict(values) for code, values in original.items()}
    for code, change in case["changes"].items():
        if change is None:
            expected.pop(code)
            continue
        base = expected.setdefault(code, {})
        base.update({k: v for k, v in change.items() if k != "code"})
    for code, values in expected.items():
        assert code in got, f"direction {code} missing"
        for key, value in values.items():
            assert got[code][key] == value, f"{case['file']} {code} {key}"
    h = result.guide.headline
    stated = {"directions": h.directions, "partners": h.partners, "projects": h.projects,
              "budget_cny": int(h.budget.value)}
    for key, value in case["headline"].items():
        assert stated[key] == value
    changes = case.get("guide_changes") or {}
    if changes:
        assert (result.guide.year, result.guide.batch) == (changes["year"], changes["batch"])
        assert result.guide.guide_id == f"{changes['year']}-{changes['batch']}"
    warnings = [(n.line, n.message) for n in result.warnings]
    if case["expect"] == "ok":
        assert warnings == []
    else:
        lines = {str(line) for line, _ in warnings}
        assert set(case["error_contains"]) <= lines


def test_strict_turns_the_unplaced_text_warning_into_an_error():
    with pytest.raises(GuideParseError, match="324"):
        read_guide(GUIDES / "unplaced-text.txt", strict=True)


def test_a_new_partner_country_is_recognised_from_the_reference_tables():
    result = read_guide(GUIDES / "direction-added.txt")
    added = {d.code: d for d in result.guide.directions}["4.0"]
    assert added.partners == ["NO"]
    assert added.agreements[0].year == 2020
