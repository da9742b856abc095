"""`coopkg diff`: copies of the bundled guide made by small named edits; the diff finds
exactly the edits made and nothing else, whatever the directions' codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from coopkg.cli import main
from coopkg.data import DEFAULT_GUIDE
from coopkg.diff import diff, directions, guide_from
from coopkg.i18n import _
from coopkg.vocab import CK
from tests import edits

_IRI, _GRAPH = guide_from(str(DEFAULT_GUIDE), lambda: None)
CODES = [d.code for d in directions(_GRAPH, _IRI)]
TITLE_24 = "中国和埃及政府间联合研究项目"

# name → (edits, codes renumbered, removed, added, changes per code of A)
CASES: dict[str, tuple[list[edits.Edit], dict[str, str], list[str], list[str],
                       dict[str, list[dict[str, object]]]]] = {
    "unchanged": ([], {}, [], [], {}),
    "renumbered": ([edits.renumber("1.3", "4.1")], {"1.3": "4.1"}, [], [], {}),
    "removed-and-added": (
        [edits.remove("2.3"), edits.add_copy("1.2", "4.0", "新西兰", "挪威")],
        {}, ["2.3"], ["4.0"], {}),
    "numbers-changed": (
        [edits.budget("1.2", "500 万元", "800 万元"), edits.count("1.2", "3 个", "5 个")],
        {}, [], [], {"1.2": [{"what": "projects_min", "a": 3, "b": 5},
                             {"what": "projects_max", "a": 3, "b": 5},
                             {"what": "budget_cny", "a": 5_000_000, "b": 8_000_000}]}),
    "title-changed": (
        [edits.retitle("2.4", "联合研究项目", "科技创新合作项目")], {}, [], [],
        {"2.4": [{"what": "title", "a": TITLE_24, "b": "中国和埃及政府间科技创新合作项目"}]}),
    "all-at-once": (
        [edits.renumber("1.3", "4.1"), edits.remove("2.3"),
         edits.add_copy("1.2", "4.0", "新西兰", "挪威"),
         edits.budget("1.2", "500 万元", "800 万元"),
         edits.retitle("2.4", "联合研究项目", "科技创新合作项目")],
        {"1.3": "4.1"}, ["2.3"], ["4.0"],
        {"1.2": [{"what": "budget_cny", "a": 5_000_000, "b": 8_000_000}],
         "2.4": [{"what": "title", "a": TITLE_24, "b": "中国和埃及政府间科技创新合作项目"}]}),
}


def _expected(renumbered: dict[str, str], removed: list[str], added: list[str],
              changes: dict[str, list[dict[str, object]]]) -> dict[str, object]:
    return {"removed": removed, "added": added,
            "matched": [{"a": c, "b": renumbered.get(c, c), "changes": changes.get(c, [])}
                        for c in CODES if c not in removed]}


def _run(*args: str) -> str:
    done = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("edited")
    out = {}
    for name, (made, *_rest) in CASES.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(edits.apply(*made), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_diff_finds_exactly_the_edits_made(copies, name):
    _made, renumbered, removed, added, changes = CASES[name]
    got = json.loads(_run("diff", str(DEFAULT_GUIDE), str(copies[name]), "--format", "json"))
    assert got == _expected(renumbered, removed, added, changes)


def test_the_diff_runs_both_ways(copies):
    b_iri, b = guide_from(str(copies["all-at-once"]), lambda: None)
    a_iri, a = guide_from(str(DEFAULT_GUIDE), lambda: None)
    back = diff(b, a, a_iri=b_iri, b_iri=a_iri).as_dict()
    assert (back["removed"], back["added"]) == (["4.0"], ["2.3"])
    moved = [m for m in back["matched"] if m["a"] != m["b"]]
    assert moved == [{"a": "4.1", "b": "1.3", "changes": []}]
    budget = next(m for m in back["matched"] if m["a"] == "1.2")["changes"]
    assert budget == [{"what": "budget_cny", "a": 8_000_000, "b": 5_000_000}]


def test_the_turtle_change_set_reads_with_sparql(copies):
    text = _run("diff", str(DEFAULT_GUIDE), str(copies["all-at-once"]), "--format", "turtle")
    g = Graph().parse(data=text, format="turtle")
    rows = g.query("""
        PREFIX ck: <https://w3id.org/coopkg/ontology#>
        SELECT ?from ?to ?aspect ?before ?after WHERE {
          ?diff a ck:GuideDiff ; ck:directionMatch ?m .
          ?m ck:fromCode ?from ; ck:toCode ?to ; ck:change ?c .
          ?c ck:aspect ?aspect ; ck:valueBefore ?before ; ck:valueAfter ?after .
        } ORDER BY ?from""")
    assert [(str(r[0]), str(r[1]), str(r[2]), r[3].toPython(), r[4].toPython())
            for r in rows] == [
        ("1.2", "1.2", "budget_cny", 5_000_000, 8_000_000),
        ("2.4", "2.4", "title", TITLE_24, "中国和埃及政府间科技创新合作项目")]
    removed = {str(o).rsplit("/", 1)[1] for o in g.objects(None, CK.removedDirection)}
    assert removed == {"2.3"}
    revised = g.query("""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?b ?a WHERE { ?b prov:wasRevisionOf ?a }""")
    assert [(str(b).rsplit("/", 1)[1], str(a).rsplit("/", 1)[1]) for b, a in revised] == [
        ("4.1", "1.3")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_speaks_the_catalogues_language(copies, lang):
    out = _run("--lang", lang, "diff", str(DEFAULT_GUIDE), str(copies["all-at-once"]))
    for word in ("删除", "新增", "改编号", "变更"):
        assert _(word, lang) in out
    assert _("删除 {removed} 个方向，新增 {added} 个，对应 {matched} 个（其中 {changed} 个有变更）",
             lang, removed=1, added=1, matched=len(CODES) - 1, changed=2) in out


def test_a_guide_that_is_neither_a_file_nor_in_the_store_is_exit_2(tmp_path):
    done = CliRunner().invoke(main, ["diff", str(DEFAULT_GUIDE), "1999-9", "--store",
                                     str(tmp_path / "none")])
    assert done.exit_code == 2
    assert "Traceback" not in done.output
