"""Exports round-trip: what is written parses back to the same triples."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from coopkg.vocab import GRAPHS


@pytest.mark.parametrize("fmt,rdflib_format", [
    ("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml"),
])
def test_one_graph_round_trips(built_store, fmt, rdflib_format):
    name = str(GRAPHS.guide("2021-1"))
    data = built_store.dumps(fmt, graph=name)
    parsed = Graph().parse(data=data, format=rdflib_format)
    original = built_store.read_graph(name)
    assert len(parsed) == len(original) > 5000
    assert isomorphic(parsed, original)


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nquads", "nquads"),
                                               ("jsonld", "json-ld")])
def test_the_dataset_round_trips_with_its_named_graphs(built_store, fmt, rdflib_format):
    data = built_store.dumps(fmt)
    ds = Dataset()
    ds.parse(data=data, format=rdflib_format)
    sizes = {str(g.identifier): len(g) for g in ds.graphs() if len(g)}
    for name in built_store.graph_names():
        assert sizes[name] == built_store.graph_size(name)


def test_unknown_graph_or_format_is_a_clear_error(built_store):
    from coopkg.errors import StoreError

    with pytest.raises(StoreError, match="no graph named"):
        built_store.dumps("turtle", graph="https://example.org/nothing")
    with pytest.raises(StoreError, match="unknown format"):
        built_store.dumps("yaml")
