"""coopkg.sparqltext: keywords found outside strings, IRIs, comments and prefixed names."""

from __future__ import annotations

from coopkg.sparqltext import levels, nesting_depth, spans, tokens


def test_spans_say_where_each_token_starts():
    text = 'ASK { ?s <p> "a { b" } # WHERE {'
    for t in spans(text):
        assert text[t.start:t.start + len(t.value)] == t.value
    assert [v for k, v in tokens(text) if k == "word"] == ["ASK"]


def test_names_with_an_empty_prefix_are_not_keywords():
    words = [v for k, v in tokens("INSERT { ?s :where ?o } WHERE { ?s ex:with ?o }")
             if k == "word"]
    assert words == ["INSERT", ":where", "WHERE", "ex:with"]


def test_levels_give_matching_brackets_the_same_level():
    toks = spans("{ ( [ ] ) } x")
    assert levels(toks) == [0, 1, 2, 2, 1, 0, 0]
    assert nesting_depth("{ ( [ ] ) } x") == 3
    assert nesting_depth('ASK { "{{{{" }') == 1
    assert nesting_depth("ASK") == 0
