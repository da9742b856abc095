import pytest

from coopkg.loaders.requirements import modality_of, parse_requirements
from coopkg.loaders.text import Line

CODES = {"比利时": "BE", "南非": "ZA", "中国": "CN", "阿联酋": "AE", "埃及": "EG"}


def _parse(*texts: str):
    lines = [Line(i, t) for i, t in enumerate(texts, start=1)]
    return parse_requirements(lines, direction="9.9", country_codes=CODES)


@pytest.mark.parametrize("text,modality", [
    ("项目合作双方须分别向本国的项目征集部门提交申报材料", "must"),
    ("项目执行期原则上不超过2年", "in_principle"),
    ("项目实施周期一般为3年", "generally"),
    ("鼓励中小企业申报", "encouraged"),
    ("优先支持列入工作计划的中方团队", "encouraged"),
    ("旨在支持中方参与优先领域内的计划", None),
    ("鼓励应对新冠疫情", "encouraged"),
    ("中奥双方的合作单位投入力量要基本平衡", "must"),
])
def test_modality_words(text, modality):
    assert modality_of(text) == modality


def test_one_item_with_mixed_strengths_keeps_each_clause_s_own():
    reqs, notices = _parse(
        "1）鼓励中小企业申报；",
        "2）为鼓励产学研结合，中德合作项目需采取“2+2”合作模式，即中德双方至少一个科研机构和一个",
        "企业，且原则上企业应提供至少与政府资助等额的配套出资；")
    assert not notices
    assert [r.number for r in reqs] == [1, 2]
    clauses = {c.kind: c for c in reqs[1].clauses}
    assert clauses["consortium-2plus2"].modality == "must"
    assert clauses["matching-funds"].modality == "in_principle"
    assert clauses["matching-funds"].params["minRatio"] == 1
    assert reqs[1].modality == "must"


def test_unnumbered_paragraph_splits_into_distinct_requirements():
    reqs, _ = _parse("项目实施周期原则上不超过 2年；项目合作双方须分别向本国的项目征集部门提交申报材料，单方申报项目无效。")
    assert [(r.number, r.modality, r.clauses[0].kind) for r in reqs] == [
        (1, "in_principle", "duration"), (2, "must", "bilateral-submission")]
    assert reqs[0].clauses[0].params == {"maxYears": 2}


def test_duration_strength_comes_from_the_words_stating_the_length():
    reqs, _ = _parse("1）项目执行期为 2021-2023年，原则上不超过 3年；")
    period, length = reqs[0].clauses
    assert (period.kind, period.modality) == ("project-period", "must")
    assert period.params == {"periodStart": 2021, "periodEnd": 2023}
    assert (length.kind, length.modality) == ("duration", "in_principle")
    assert length.params == {"maxYears": 3}


def test_country_list_and_composition_parameters():
    reqs, _ = _parse(
        "1）合作国应为阿拉伯国家（包括阿联酋、埃及）。",
        "2）每个项目须由中国、比利时、南非至少各 1家合作单位共同申报。")
    assert reqs[0].clauses[0].params["countries"] == ["AE", "EG"]
    comp = {c.kind: c for c in reqs[1].clauses}["consortium-composition"]
    assert comp.params == {"countries": ["CN", "BE", "ZA"], "minPerCountry": 1}


def test_text_after_the_last_item_that_belongs_to_none_is_reported():
    reqs, notices = _parse(
        "1）项目合作双方需分别向本国的项目征集部门提交申报材料，单方申报项目无",
        "效。",
        "更多精彩内容请关注本网站。")
    assert len(reqs) == 1 and "更多精彩" not in reqs[0].text
    assert [(n.level, n.line) for n in notices] == [("warning", 3)]


def test_a_list_item_opened_with_a_colon_keeps_its_paragraphs():
    reqs, notices = _parse("1）请查询工作方案：", "https://example.org/x；", "联系邮箱：a@b.c。")
    assert not notices
    assert reqs[0].text == "请查询工作方案：https://example.org/x；联系邮箱：a@b.c。"


def _partner_sides(text: str, *codes: str) -> str:
    from coopkg.loaders.reference import partners
    from coopkg.loaders.requirements import Context, read_sides, side_forms

    from_table = partners()
    ctx = Context(country_codes={}, sides=side_forms(from_table["CN"],
                                                     [from_table[c] for c in codes]))
    return read_sides(text, ctx)


@pytest.mark.parametrize(("codes", "text", "read"), [
    (("JP",), "日方合作单位限国立大学，中方团队", "外方合作单位限国立大学，我方团队"),
    (("EU",), "与其欧方合作伙伴共同申请", "与其外方合作伙伴共同申请"),
    (("ZA",), "南非方和中国方各派一名", "南外方和中我方各派一名"),
    # Only the direction's own partners have sides; 方法, 方面 are words.
    (("DE",), "日方合作单位", "日方合作单位"),
    (("NZ", "SG"), "新方法和新方面", "新方法和新方面"),
    (("ZA",), "南方和北方", "外方和北方"),
    (("TG",), "双方、单方、各方", "双方、单方、各方"),
])
def test_sides_are_read_from_the_partners_reference_names(codes, text, read):
    assert _partner_sides(text, *codes) == read


@pytest.mark.parametrize(("text", "kind"), [
    ("应通过协商确定一家单位牵头提交一份中方申请书。", "h2020-single-application"),
    ("中方合作团队中至少有一家企业参与。", "chinese-team-enterprise"),
    ("项目参与方须至少包括一家中方单位和一家外方单位。", "consortium-composition"),
])
def test_the_home_side_is_read_by_its_short_form(text, kind):
    reqs, _ = _parse(f"1）{text}")
    assert kind in {c.kind for c in reqs[0].clauses}
