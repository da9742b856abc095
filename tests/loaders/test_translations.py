"""English for every requirement: every 其他要求 item and every sub-direction text of the
built guide has one unofficial English translation from the shipped table, marked as such;
the table holds nothing else, translates the guide's exact Chinese, keeps its numbers and
links, and a text that changed gets no stale translation."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS

from coopkg.loaders.rdf import guide_graph
from coopkg.loaders.translations import translations
from coopkg.ontology import ontology_graph
from coopkg.vocab import CK, guide_iri

CJK = re.compile(r"[\u3400-\u9fff]")
TRANSLATED = {CK.text: CK.textTranslation, CK.researchContent: CK.researchContentTranslation,
              CK.indicatorText: CK.indicatorTextTranslation, CK.note: CK.noteTranslation}


@pytest.fixture(scope="module")
def graph(guide_result) -> Graph:
    return guide_graph(guide_result.guide)[0]


def _texts(g: Graph):
    """Every text the table must translate: each requirement's and sub-direction's."""
    for cls, props in ((CK.Requirement, [CK.text]),
                       (CK.SubDirection, [CK.researchContent, CK.indicatorText, CK.note])):
        for node in g.subjects(RDF.type, cls):
            for p in props:
                for zh in g.objects(node, p):
                    yield node, p, zh


def test_every_requirement_and_sub_direction_text_has_one_english_translation(graph):
    seen = 0
    for node, p, _zh in _texts(graph):
        seen += 1
        (en,) = list(graph.objects(node, TRANSLATED[p]))
        assert isinstance(en, Literal) and en.language == "en", (node, p)
        assert not CJK.search(en), (node, en)
    assert seen == 97 + 15 * 2 + 1


def test_the_table_translates_exactly_the_guide_texts(graph, guide_result):
    table = translations("2021-1")
    assert table.source == "translations/2021-1.tsv"
    want = set()
    for d in guide_result.guide.directions:
        for r in d.requirements:
            want.add((d.code, f"requirement/{r.number}", r.text))
        for sd in d.subdirections:
            want.add((d.code, f"subdirection/{sd.number}/content", sd.content))
            want.add((d.code, f"subdirection/{sd.number}/indicators", sd.indicators_text))
            want |= {(d.code, f"subdirection/{sd.number}/note/{i}", n)
                     for i, n in enumerate(sd.notes, start=1)}
    assert {(c, item, zh) for (c, item), (zh, _en) in table.rows.items()} == want


def test_numbers_and_links_survive_translation():
    # 1.1/1 writes USD 12.5 million for 1250万美元; numbering like "1." stays as is.
    for (code, item), (zh, en) in translations("2021-1").rows.items():
        if (code, item) == ("1.1", "requirement/1"):
            assert "12.5 million" in en and "2014" in en and "2015" in en
            continue
        for number in re.findall(r"\d+(?:\.\d+)?", zh):
            assert number in en, (code, item, number)
        for link in re.findall(r"https?://[\x21-\x7e]+?(?=[；。，）]|$)", zh):
            assert link in en, (code, item, link)


def test_translations_are_marked_unofficial(graph):
    onto = ontology_graph()
    for prop in TRANSLATED.values():
        assert (prop, RDFS.subPropertyOf, CK.unofficialTranslation) in onto
    (node,) = graph.objects(guide_iri("2021-1"), CK.translation)
    assert (node, RDF.type, CK.Translation) in graph
    assert graph.value(node, DCTERMS.source) == Literal("translations/2021-1.tsv")
    assert any("not issued" in str(c) for c in graph.objects(node, RDFS.comment))


def test_a_text_that_changed_gets_no_translation():
    table = translations("2021-1")
    zh, en = table.rows[("1.2", "requirement/1")]
    assert table.en("1.2", "requirement/1", zh) == en
    assert table.en("1.2", "requirement/1", zh + "。") is None
    assert translations("1999-9").rows == {}
