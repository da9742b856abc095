"""Every named query runs against the built guide, has its header, and answers with the
guide's own values (checked against the independent reading in tests/data/expected)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopkg.queries import describe, named
from tests.conftest import printed_fields

COLUMNS = {
    "directions": ["code", "title_zh", "title_en", "projects_min", "projects_max", "budget_cny",
                   "budget_is_cap", "duration_min_years", "duration_max_years", "guide"],
    "direction-partners": ["code", "partner", "partner_name_en", "guide"],
    "agreements": ["code", "agreement_zh", "agreement_en", "year", "guide"],
    "fields": ["code", "field_zh", "field_en", "guide"],
    "requirements": ["code", "n", "modality", "kind", "text_zh", "guide"],
    "geo-subdirections": ["n", "area_zh", "title_zh", "indicator_zh", "comparator", "value",
                          "unit", "code", "guide"],
    "partner-budget": ["partner", "directions", "budget_cny", "guide"],
    "totals": ["directions", "partners", "projects_max_sum", "budget_cny_sum",
               "stated_directions", "stated_partners", "stated_projects", "stated_budget_cny",
               "guide"],
}


SAMPLE_PARAMS = {"fields-by-keyword": {"keyword": "能源"}, "search-term": {"term": "氢能"}}


@pytest.mark.parametrize("name", sorted(named()))
def test_every_named_query_has_a_header_and_returns_rows(named_rows, name):
    header = describe(named()[name])
    assert header and "Columns:" in header
    columns, rows = named_rows(name, **SAMPLE_PARAMS.get(name, {}))
    assert rows
    for column in columns:
        assert column in header.replace("\n", " ")


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_exactly_as_named(named_rows, name):
    columns, _ = named_rows(name)
    assert columns == COLUMNS[name]


def test_totals_reproduce_the_headline_and_show_the_budget_sum_beside_it(named_rows, expected):
    _, (row,) = named_rows("totals")
    want = expected["directions"]
    assert row == {
        "directions": 29, "partners": 19, "projects_max_sum": 266,
        "budget_cny_sum": sum(d["budget_cny"] for d in want),
        "stated_directions": 29, "stated_partners": 19, "stated_projects": 266,
        "stated_budget_cny": 820_000_000, "guide": "2021-1",
    }


def test_directions(named_rows, expected):
    _, rows = named_rows("directions")
    guide_period = (expected["headline"]["duration_min_years"],
                    expected["headline"]["duration_max_years"])
    assert [r["code"] for r in rows] == [d["code"] for d in expected["directions"]]
    for row, want in zip(rows, expected["directions"], strict=True):
        own = want["duration"]
        period = ((own["min_years"], own["max_years"])
                  if own["max_years"] is not None or own["min_years"] is not None
                  else guide_period)
        assert row["title_zh"] == want["title_zh"]
        assert row["title_en"] and row["title_en"] != row["title_zh"]
        assert (row["projects_min"], row["projects_max"]) == (
            want["projects_min"], want["projects_max"])
        assert (row["budget_cny"], row["budget_is_cap"]) == (
            want["budget_cny"], want["budget_is_cap"])
        assert (row["duration_min_years"], row["duration_max_years"]) == period, want["code"]


def test_direction_partners(named_rows, expected):
    _, rows = named_rows("direction-partners")
    got = {}
    for r in rows:
        got.setdefault(r["code"], set()).add(r["partner"])
        assert r["partner_name_en"]
    assert got == {d["code"]: set(d["partners"]) for d in expected["directions"]}


def test_agreements(named_rows, expected):
    _, rows = named_rows("agreements")
    got = sorted((r["code"], r["agreement_zh"], r["year"]) for r in rows)
    want = sorted((d["code"], a["title_zh"], a["year"]) for d in expected["directions"]
                  for a in d["agreements"])
    assert got == want
    assert all(r["agreement_en"] for r in rows)


def test_fields(named_rows, expected):
    _, rows = named_rows("fields")
    got: dict[str, list[str]] = {}
    for r in rows:
        got.setdefault(r["code"], []).append(r["field_zh"])
        assert r["field_en"]
    assert got == {d["code"]: d["fields_top"] for d in expected["directions"]}


def test_requirements(named_rows, expected):
    _, rows = named_rows("requirements")
    got: dict[str, list[tuple[int, str]]] = {}
    for r in rows:
        got.setdefault(r["code"], []).append((r["n"], r["modality"]))
        assert r["kind"] and r["text_zh"]
    want = {d["code"]: list(enumerate(d["requirement_modalities"], start=1))
            for d in expected["directions"]}
    assert got == want


def test_geo_subdirections(named_rows, expected):
    _, rows = named_rows("geo-subdirections")
    titles = {(r["n"], r["area_zh"], r["title_zh"]) for r in rows}
    assert titles == {(s["n"], s["area_zh"], s["title_zh"])
                      for s in expected["geo"]["subdirections"]}
    for want in expected["geo"]["indicators_sample"]:
        assert any(r["n"] == want["n"] and want["text_contains"] in r["indicator_zh"]
                   and r["comparator"] == want["comparator"]
                   and Decimal(str(r["value"])) == Decimal(str(want["value"]))
                   and r["unit"] == want["unit"] for r in rows), want


def test_partner_budget(named_rows, expected):
    _, rows = named_rows("partner-budget")
    want: dict[str, list[int]] = {}
    for d in expected["directions"]:
        for p in d["partners"]:
            want.setdefault(p, []).append(d["budget_cny"])
    assert {r["partner"]: (r["directions"], r["budget_cny"]) for r in rows} == {
        p: (len(v), sum(v)) for p, v in want.items()}


def test_fields_by_keyword_matches_zh_and_en_at_any_level(named_rows):
    _, zh = named_rows("fields-by-keyword", keyword="能源")
    _, en = named_rows("fields-by-keyword", keyword="ENERGY")
    assert ("2.7", "2.7/6.5", "新能源装备") in {(r["code"], r["field"], r["field_zh"]) for r in zh}
    assert {r["field"] for r in zh} & {r["field"] for r in en}


def test_fields_by_keyword_searches_what_the_guide_prints(named_rows, printed):
    """Not only the name: the whole printed item and its scope note (2.8's 清洁技术，包括
    环境、可再生能源或水处理相关的技术), exactly the directions whose 领域方向 print it."""
    _, rows = named_rows("fields-by-keyword", keyword="能源")
    want = {code for code, text in printed.items() if "能源" in printed_fields(text)}
    assert {r["code"] for r in rows} == want
    assert ("2.8", "2.8/4", "清洁技术") in {(r["code"], r["field"], r["field_zh"]) for r in rows}


def test_search_term_finds_the_directions_printing_a_word(named_rows, printed):
    _, rows = named_rows("search-term", term="氢能")
    assert {r["code"] for r in rows} == {code for code, text in printed.items() if "氢能" in text}
    _, pair = named_rows("search-term", term="hydrogen")
    assert {r["code"] for r in pair} == {r["code"] for r in rows}


def test_shared_agreements(named_rows):
    _, rows = named_rows("shared-agreements")
    assert {(r["directions"], tuple(sorted(r["codes"].split()))) for r in rows} == {
        (2, ("1.5", "1.6")), (2, ("1.7", "1.8")), (2, ("2.2", "2.3"))}


def test_directions_by_partner_and_by_requirement_kind(named_rows):
    _, rows = named_rows("directions-by-partner")
    assert [r["code"] for r in rows if r["partner"] == "DE"] == ["3.4", "3.5", "3.6", "3.7"]
    assert sorted(r["code"] for r in rows if r["partner"] == "ZA") == ["2.2", "2.3", "3.0"]
    _, kinds = named_rows("directions-by-requirement-kind")
    matching = {(r["code"], r["modality"]) for r in kinds if r["kind"] == "matching-funds"}
    assert ("3.4", "in_principle") in matching and ("3.1", "must") in matching


def test_member_lists_and_their_completeness_are_in_the_graph(built_store):
    """Every rule validation applies is readable with SPARQL: the EU's 27 members, GEO's
    shipped members and whether each list is complete."""
    rows = list(built_store.query("""
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX ck: <https://w3id.org/coopkg/ontology#>
        SELECT ?group (COUNT(DISTINCT ?m) AS ?n) ?complete WHERE {
          ?ms a org:Membership ; org:member ?m ; org:organization ?group .
          ?m org:memberOf ?group .
          ?group ck:memberListComplete ?complete .
        } GROUP BY ?group ?complete ORDER BY ?group"""))
    got = {r["group"].value.rsplit("/", 1)[-1]: (int(r["n"].value), r["complete"].value)
           for r in rows}
    assert got["EU"] == (27, "true")
    assert got["GEO"][1] == "false" and got["GEO"][0] > 70
