"""The bundled guide, value by value, against an independent reading of it
(tests/data/expected/guide-2021-1.json), and free of PDF artifacts."""

from __future__ import annotations

import hashlib
import re

import pytest
from rdflib import Literal

from coopkg.data import DEFAULT_GUIDE
from coopkg.loaders.rdf import guide_graph
from coopkg.vocab import CK

SHIPPED_SHA256 = "8d1aea92a631d8e526417d7ad421e1f571534b7208c4a42aab792309290986fd"


def test_the_shipped_guide_is_the_extracted_text_unchanged():
    assert hashlib.sha256(DEFAULT_GUIDE.read_bytes()).hexdigest() == SHIPPED_SHA256


def test_guide_facts(guide_result):
    g = guide_result.guide
    assert (g.guide_id, g.year, g.batch, g.draft) == ("2021-1", 2021, 1, True)
    assert g.programme == "政府间国际科技创新合作"
    assert g.title == "“政府间国际科技创新合作”重点专项2021年度第一批项目申报指南（征求意见稿）"


def test_headline(guide_result, expected):
    h, want = guide_result.guide.headline, expected["headline"]
    assert (h.directions, h.partners, h.projects) == (
        want["directions"], want["partners"], want["projects"])
    assert h.projects_approximate
    assert h.budget.value == want["budget_cny"] and h.budget.currency == "CNY"
    assert (h.duration_min, h.duration_max, h.duration_modality) == (
        want["duration_min_years"], want["duration_max_years"], "generally")


def test_no_loader_warnings_on_the_shipped_guide(guide_result):
    assert guide_result.warnings == []


def _directions(expected):
    return [pytest.param(d, id=d["code"]) for d in expected_directions()]


def expected_directions():
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "expected" / "guide-2021-1.json"
    return json.loads(path.read_text(encoding="utf-8"))["directions"]


@pytest.fixture(scope="module")
def by_code(guide_result):
    return {d.code: d for d in guide_result.guide.directions}


def test_codes_in_order(guide_result):
    assert [d.code for d in guide_result.guide.directions] == [
        d["code"] for d in expected_directions()]


@pytest.mark.parametrize("want", [pytest.param(d, id=d["code"]) for d in expected_directions()])
def test_direction(by_code, want):
    d = by_code[want["code"]]
    assert d.title == want["title_zh"]
    assert d.partners == want["partners"]
    assert [(a.title, a.year) for a in d.agreements] == [
        (a["title_zh"], a["year"]) for a in want["agreements"]]
    if d.parts:
        assert [(p.count.max, p.budget.value) for p in d.parts] == [
            (p["projects_max"], p["budget_cny"]) for p in want["parts"]]
        assert sum(p.count.max for p in d.parts) == want["projects_max"]
        assert sum(p.budget.value for p in d.parts) == want["budget_cny"]
        assert all(p.budget.is_cap for p in d.parts) == want["budget_is_cap"]
    else:
        assert (d.count.min, d.count.max) == (want["projects_min"], want["projects_max"])
        assert d.budget.value == want["budget_cny"]
        assert d.budget.currency == "CNY"
        assert d.budget.is_cap == want["budget_is_cap"]
    assert [f.label for f in d.fields] == want["fields_top"]
    assert len(d.requirements) == want["requirement_count"]
    assert [r.modality for r in d.requirements] == want["requirement_modalities"]
    dur = want["duration"]
    assert (d.duration_min, d.duration_max, d.duration_modality) == (
        dur["min_years"], dur["max_years"], dur["modality"])


def test_geo_subdirections(by_code, expected):
    subs = by_code["3.9"].subdirections
    fields = {i + 1: f.label for i, f in enumerate(by_code["3.9"].fields)}
    assert [(s.number, fields[s.area[0]], s.title) for s in subs] == [
        (s["n"], s["area_zh"], s["title_zh"]) for s in expected["geo"]["subdirections"]]
    for want in expected["geo"]["indicators_sample"]:
        sub = subs[want["n"] - 1]
        matches = [i for i in sub.indicators if want["text_contains"] in i.text
                   and i.comparator == want["comparator"] and i.value == want["value"]]
        assert matches, want
        assert matches[0].unit == want["unit"]
    assert all(s.content and s.indicators for s in subs)


def test_arab_member_states(by_code, expected):
    lists = [c for r in by_code["2.5"].requirements for c in r.clauses
             if c.kind == "partner-country-list"]
    assert lists[0].params["countries"] == expected["arab_states"]


def test_distinct_agreements(guide_result, expected):
    titles = {a.title for d in guide_result.guide.directions for a in d.agreements}
    assert len(titles) == expected["agreements_distinct"]


def test_us_contribution_kept_as_its_own_amount(by_code):
    (clause,) = [c for c in by_code["1.1"].requirements[0].clauses
                 if c.kind == "government-commitment"]
    amount = clause.params["amount"]
    assert (amount.value, amount.currency, amount.qualifier) == (12_500_000, "USD", "min")


def test_project_count_breakdowns(by_code):
    assert by_code["1.7"].count.breakdown == [("生物科技领域", 1, 1), ("信息通信领域", 1, 1)]
    assert by_code["3.2"].count.breakdown == [("抗击新冠肺炎疫情相关项目", None, 7)]


_ARTIFACTS = [
    re.compile(r"—\s*\d+\s*—"),                   # page numbers
    re.compile(r"antpedia"),                      # an unrelated URL line
    re.compile(r"[\u4e00-\u9fff]\s+|\s+[\u4e00-\u9fff]"),  # stray spaces next to Chinese
    re.compile(r"[\r\n\t]"),                      # broken lines
    re.compile(r"https?://\S*\s"),                # a URL cut by a space
    re.compile(r"what-work-program(?!me)"),       # a URL cut at a line break
]


def test_no_pdf_artifacts_leak_into_any_literal(guide_result):
    g, _ = guide_graph(guide_result.guide)
    # (the shipped translations are not the PDF's text: a URL is followed by "; " there)
    ours = {CK.textTranslation, CK.researchContentTranslation, CK.indicatorTextTranslation,
            CK.noteTranslation}
    literals = {str(o) for _, p, o in g if isinstance(o, Literal) and p not in ours}
    assert len(literals) > 1000
    for text in literals:
        for pattern in _ARTIFACTS:
            assert not pattern.search(text), (pattern.pattern, text)


def test_urls_are_repaired_across_line_breaks(by_code):
    text = by_code["2.7"].requirements[6].text
    for url in ("https://ec.europa.eu/programmes/horizon2020/en/what-work-programme",
                "http://ec.europa.eu/research/participants/data/ref/h2020/other/hi/"
                "h2020_localsupp_china_en.pdf",
                "https://eeas.europa.eu/sites/eeas/files/questions_answers_on_eu-china_co-"
                "funding_mechanism_for_research_and_innovation_cooperation_0.pdf"):
        assert text.count(url) == 1


def test_every_entity_has_zh_and_en_labels(guide_result):
    from rdflib import RDF, RDFS

    g, notices = guide_graph(guide_result.guide)
    assert notices == []
    for s in set(g.subjects(RDF.type, None)):
        langs = {o.language for o in g.objects(s, RDFS.label)}
        assert {"zh", "en"} <= langs, s


def test_agencies_named_in_titles_agreements_and_requirements(by_code):
    assert by_code["1.5"].agencies == ["MOST-CN", "MOST-DIC", "JP-EMB-CN"]
    assert "ES-CDTI" in by_code["2.8"].agencies
    assert by_code["3.7"].agencies == ["MOST-CN", "DE-BMBF"]
    assert "GEO-SEC" in by_code["3.9"].agencies
    # 科技部门 (any S&T department) is not 科技部 (MOST).
    assert by_code["3.0"].agencies == []
