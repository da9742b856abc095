"""A partner the bundled guide never names gets its side (X方) read from the reference
tables: directions 1.5 and 1.6, Japan's, rewritten for another country of the table read
as Japan's do, with that country in place of Japan."""

from __future__ import annotations

import pytest

from coopkg.loaders.guide import load_guide
from coopkg.loaders.model import Direction
from coopkg.loaders.reference import partners
from tests.damage import Damaged


def _requirements(d: Direction) -> list[tuple[int, str, str, dict[str, object]]]:
    return [(r.number, c.kind, c.modality, c.params) for r in d.requirements for c in r.clauses]


@pytest.fixture(scope="module")
def bundled() -> dict[str, Direction]:
    return {d.code: d for d in load_guide(Damaged().text).guide.directions}


@pytest.mark.parametrize("code", ["TH", "GB", "RU", "BR", "FR"])
def test_a_partner_only_in_the_reference_table_gets_its_side(code, bundled):
    assert all(code not in d.partners for d in bundled.values())
    name = partners()[code].name_zh
    damaged = Damaged()
    first, last = damaged.heading("1.5"), damaged.heading("1.7") - 1
    damaged.rename("日本", name, first=first, last=last)
    damaged.rename("日方", name[0] + "方", first=first, last=last)
    rewritten = {d.code: d for d in load_guide(damaged.text).guide.directions}
    for direction in ("1.5", "1.6"):
        assert rewritten[direction].partners == [code]
        expected = [(n, kind, modality, {k: code if v == "JP" else v for k, v in params.items()})
                    for n, kind, modality, params in _requirements(bundled[direction])]
        assert _requirements(rewritten[direction]) == expected
    kinds = {c.kind: c.params for r in rewritten["1.5"].requirements for c in r.clauses}
    assert kinds["partner-type"]["excludedTypes"] == ["enterprise"]
    assert "enterprise" not in kinds["partner-type"]["allowedTypes"]
    assert kinds["bilateral-submission"]["preApplicationExempt"] is True
    kinds = {c.kind: c.params for r in rewritten["1.6"].requirements for c in r.clauses}
    assert kinds["partner-type"]["registeredIn"] == code


def test_a_side_of_a_partner_the_direction_does_not_have_is_no_side(bundled):
    damaged = Damaged()
    first, last = damaged.heading("1.5"), damaged.heading("1.6") - 1
    damaged.rename("日方", "泰方", first=first, last=last)  # Japan's direction, Thailand's side
    rewritten = {d.code: d for d in load_guide(damaged.text).guide.directions}["1.5"]
    assert "partner-type" not in {c.kind for r in rewritten.requirements for c in r.clauses}
