"""Full-text search (coopkg.graph.search): terms, the index graph the build writes, and
searches over the built guide checked against an independent reading of its text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from coopkg.errors import EmptySearch, NoSearchIndex
from coopkg.graph.locate import open_store
from coopkg.graph.search import highlight, index_graph, normalise, search, snippet, terms
from coopkg.vocab import CK, GRAPHS, RDF, RDFS, SKOS, direction_iri

D = direction_iri("2021-1", "9.9")


def test_chinese_runs_give_their_characters_and_pairs_and_words_fold_case():
    assert terms("氢能燃料") == {"氢能", "能燃", "燃料", "氢", "能", "燃", "料"}
    assert terms("水") == {"水"}
    assert terms("Food Science，ＧＥＯ") == {"food", "science", "geo"}
    assert terms("5G通讯") == {"5g", "通讯", "通", "讯"}


def test_normalising_joins_a_chinese_word_broken_across_lines_and_keeps_positions():
    text = "电动汽车用可\n 再生能源 and  Hydrogen"
    norm, where = normalise(text)
    assert norm == "电动汽车用可再生能源 and hydrogen"
    assert text[where[norm.index("再")]] == "再"
    assert text[where[norm.index("hydrogen")]] == "H"


def test_the_index_covers_every_printed_text_with_its_direction():
    g = Graph()
    field, child, req = URIRef(f"{D}/field/1"), URIRef(f"{D}/field/1/1"), URIRef(f"{D}/r/1")
    g.add((D, RDF.type, CK.Direction))
    g.add((D, RDFS.label, Literal("中国和某国联合研究项目", lang="zh")))
    g.add((D, CK.field, field))
    g.add((field, RDF.type, CK.Field))
    g.add((field, SKOS.prefLabel, Literal("清洁技术", lang="zh")))
    g.add((field, SKOS.scopeNote, Literal("包括可再生能源", lang="zh")))
    g.add((child, RDF.type, CK.Field))
    g.add((child, SKOS.broader, field))
    g.add((child, SKOS.prefLabel, Literal("Fuel cells", lang="en")))
    g.add((D, CK.requirement, req))
    g.add((req, RDF.type, CK.Requirement))
    g.add((req, RDFS.label, Literal("方向9.9：其他要求第1条", lang="zh")))  # not printed
    g.add((req, CK.text, Literal("须由企业牵头", lang="zh")))
    index = index_graph(g)
    assert (field, CK.searchTerm, Literal("能源")) in index  # from the scope note
    assert (child, CK.searchTerm, Literal("fuel")) in index
    assert (req, CK.searchTerm, Literal("企业")) in index
    assert (req, CK.searchTerm, Literal("要求")) not in index  # its label is not printed
    assert {d for _, _, d in index.triples((None, CK.inDirection, None))} == {D}
    assert (child, CK.inDirection, D) in index  # through its broader field


def test_the_build_writes_the_index_in_its_own_graph(built_store):
    assert built_store.has_graph(str(GRAPHS.search("2021-1")))
    assert built_store.ask(
        "PREFIX ck: <https://w3id.org/coopkg/ontology#> ASK { ?x ck:searchTerm ?t }",
        bindings={"t": ox.Literal("氢能")})


def _codes(store, text: str) -> set[str]:
    return {h.direction for h in search(store, text)}


@pytest.mark.parametrize("word", ["氢能", "能源", "燃料电池", "观测", "清洁", "水"])
def test_a_chinese_word_finds_every_direction_printing_it(built_store, printed, word):
    want = {code for code, text in printed.items() if word in text}
    assert want  # the word is in the guide
    assert _codes(built_store, word) == want


def test_hydrogen_energy_is_found_in_exactly_the_directions_that_print_it(built_store, printed):
    assert _codes(built_store, "氢能") == {"1.9", "2.0", "2.7", "3.5"}
    assert {c for c, t in printed.items() if "氢能" in t} == {"1.9", "2.0", "2.7", "3.5"}


def test_a_two_character_word_is_found_inside_a_longer_run(built_store):
    hits = search(built_store, "再生")
    assert any("可再生能源" in h.snippet for h in hits)
    scope = [h for h in search(built_store, "能源") if h.iri.endswith("2.8/field/4")]
    assert scope and "可再生能源" in scope[0].snippet  # found in the scope note (包括…)


def test_english_is_case_insensitive_and_word_based(built_store):
    hits = search(built_store, "food science", lang="en")
    assert hits and all("food science" in h.snippet.lower() for h in hits[:1])
    assert hits[0].label("en") == "Food science"
    assert search(built_store, "FOOD SCIENCE") == search(built_store, "food science")
    assert not search(built_store, "scien")  # a word, not part of one


def test_every_word_must_be_found(built_store):
    both = {h.iri for h in search(built_store, "氢能 汽车")}
    assert both and both <= {h.iri for h in search(built_store, "氢能")}
    assert both <= {h.iri for h in search(built_store, "汽车")}
    assert not search(built_store, "氢能 antibiotic")


def test_requirements_and_geo_subdirections_are_searched_in_both_languages(built_store):
    assert "3.9" in {h.direction for h in search(built_store, "考核指标")} | {
        h.direction for h in search(built_store, "数据共享")}
    english = search(built_store, "lead applicant", lang="en")
    assert any("/requirement/" in h.iri for h in english)
    geo = search(built_store, "forest", lang="en")
    assert geo and all(h.direction == "3.9" for h in geo)
    assert any("/subdirection/" in h.iri for h in geo)


def test_titles_rank_above_body_text_and_snippets_show_the_match(built_store):
    hits = search(built_store, "能源")
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert all("能源" in h.snippet for h in hits)
    assert max(h.score for h in hits) > min(h.score for h in hits)


def test_results_keep_one_guide_on_request(built_store):
    assert search(built_store, "氢能", guide="2021-1")
    assert not search(built_store, "氢能", guide="1999-9")


def test_a_query_without_words_is_refused(built_store):
    with pytest.raises(EmptySearch):
        search(built_store, " ，。 ")


def test_a_store_without_the_index_says_so():
    with pytest.raises(NoSearchIndex):
        search(open_store(None), "氢能")


def test_snippets_cut_long_text_and_highlight_marks_each_match():
    text = "甲" * 80 + "氢能" + "乙" * 80
    cut = snippet(text, (80, 82))
    assert cut.startswith("…") and cut.endswith("…") and "氢能" in cut and len(cut) < 80
    assert highlight("Food science and FOOD", "food") == [
        ("Food", True), (" science and ", False), ("FOOD", True)]
    assert highlight("可再生能源", "能源") == [("可再生", False), ("能源", True)]

