"""One run of the loader names every defect of a damaged guide (tests/damage.py plants
them by named edits of the bundled text), each once, with its code, line and direction;
with `keep_going` the directions that read cleanly load and the broken ones are left out."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from coopkg.errors import GuideFinding, GuideParseError
from coopkg.loaders.guide import load_guide
from tests.damage import Damaged, Planted


def _four_defects() -> Damaged:
    return (Damaged().garble_budget("3.1").drop_count("2.9").relabel("2.4", "2.3")
            .stray_paragraph(after="2.1", before="2.2"))


def _said(findings: list[GuideFinding]) -> Counter[Planted]:
    return Counter(Planted(f.code, f.level, f.line or 0, f.direction) for f in findings
                   if f.level in ("error", "warning"))


def test_one_run_names_every_planted_defect_once():
    damaged = _four_defects()
    with pytest.raises(GuideParseError) as e:
        load_guide(damaged.text, source="damaged.txt")
    assert _said(e.value.findings) == Counter(damaged.planted)
    assert len(e.value.problems) == 3  # the three errors, each on a line of its own
    assert [w.code for w in e.value.warnings] == ["UNPLACED_TEXT"]
    assert all(f.source == "damaged.txt" for f in e.value.findings)


@pytest.mark.parametrize("edit", [
    lambda d: d.garble_budget("3.1"), lambda d: d.garble_budget("1.2"),
    lambda d: d.drop_count("2.9"), lambda d: d.drop_count("3.5"),
    lambda d: d.relabel("2.4", "2.3"), lambda d: d.relabel("3.0", "1.1"),
], ids=["budget-3.1", "budget-1.2", "count-2.9", "count-3.5", "dup-2.3", "dup-1.1"])
def test_each_defect_alone_is_its_one_error(edit):
    damaged = edit(Damaged())
    with pytest.raises(GuideParseError) as e:
        load_guide(damaged.text, source="damaged.txt")
    assert _said(e.value.findings) == Counter(damaged.planted)


def test_keep_going_loads_the_clean_directions_and_lists_the_broken():
    damaged = _four_defects()
    relabelled = next(p.line for p in damaged.planted if p.code == "DUPLICATE_DIRECTION")
    bundled = load_guide(Damaged().text)
    result = load_guide(damaged.text, source="damaged.txt", keep_going=True)
    left = {(d.code, d.line): [e.code for e in d.errors] for d in result.left_out}
    assert left == {("3.1", damaged.heading("3.1")): ["UNREADABLE_BUDGET"],
                    ("2.9", damaged.heading("2.9")): ["NO_COUNT"],
                    ("2.3", relabelled): ["DUPLICATE_DIRECTION"]}
    codes = [d.code for d in result.guide.directions]
    assert codes == [d.code for d in bundled.guide.directions if d.code not in
                     ("3.1", "2.9", "2.4")]
    assert next(d for d in result.guide.directions if d.code == "2.3").partners == ["ZA"]
    assert _said(result.notices) == Counter(damaged.planted)
    # What loads is what the bundled guide says of those directions.
    kept = {d.code: d for d in bundled.guide.directions}
    for d in result.guide.directions:
        assert (d.count, d.budget, d.parts) == (kept[d.code].count, kept[d.code].budget,
                                                kept[d.code].parts)


def test_an_error_outside_any_direction_refuses_even_with_keep_going():
    damaged = Damaged().garble_budget("3.1")
    damaged.lines = [re.sub(r"“政府间国际科技创新合作”重点专项", "", t) for t in damaged.lines]
    with pytest.raises(GuideParseError) as e:
        load_guide(damaged.text, keep_going=True)
    assert {f.code for f in e.value.findings if f.level == "error"} == {
        "NO_TITLE", "UNREADABLE_BUDGET"}


def test_strict_makes_the_stray_paragraph_its_direction_s_error():
    damaged = Damaged().stray_paragraph(after="2.1", before="2.2")
    assert [w.code for w in load_guide(damaged.text).warnings] == ["UNPLACED_TEXT"]
    with pytest.raises(GuideParseError) as e:
        load_guide(damaged.text, strict=True)
    (error,) = e.value.problems
    assert (error.line, error.direction) == (damaged.planted[0].line, "2.1")
    result = load_guide(damaged.text, strict=True, keep_going=True)
    assert [d.code for d in result.left_out] == ["2.1"]


def test_the_bundled_guide_has_no_findings_but_removed_artifacts():
    result = load_guide(Damaged().text)
    assert {n.level for n in result.notices} == {"info"}
    assert result.left_out == []


def test_findings_speak_chinese_and_english_from_the_catalogue():
    with pytest.raises(GuideParseError) as e:
        load_guide(_four_defects().text, source="damaged.txt")
    for f in e.value.findings:
        placed = dataclasses.replace(f, source=None)
        zh, en = placed.render("zh"), placed.render("en")
        # Quoted guide text is Chinese in both; everything else follows the language.
        assert not re.search(r"[A-Za-z]{2,}", zh), zh
        english = re.sub(r"“[^”]*”", "", en).replace(f.block or "“", "")
        assert re.search(r"\bline \d+\b", en) and not re.search(r"[\u4e00-\u9fff]", english), en
    assert "damaged.txt:" in e.value.message("zh")
    assert "\n" not in str(e.value)


def test_keep_going_with_no_clean_direction_refuses():
    codes = [d.code for d in load_guide(Damaged().text).guide.directions]
    damaged = Damaged()
    for code in codes:
        if code != "3.3":  # its counts are parts of 拟支持经费与项目数, no count line to drop
            damaged.drop_count(code)
    assert load_guide(damaged.text, keep_going=True).guide.directions[0].code == "3.3"
    damaged.relabel("3.3", "1.1")
    with pytest.raises(GuideParseError) as e:
        load_guide(damaged.text, keep_going=True)
    assert len(e.value.problems) == len(codes)
