"""Building: named graphs per source, one transaction, idempotent, rebuilding one guide
replaces exactly its graphs, a guide that cannot be read or a build killed half-way
changes nothing."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.data import DEFAULT_GUIDE
from coopkg.errors import GuideParseError
from coopkg.graph import provenance
from coopkg.graph.build import _used
from coopkg.graph.inference import closure, premises
from coopkg.graph.locate import open_store
from coopkg.graph.store import Store
from coopkg.i18n import render
from coopkg.pipeline import build
from coopkg.vocab import GRAPHS

GUIDES = Path(__file__).parents[1] / "data" / "guides"
GUIDE_GRAPHS = {str(GRAPHS.ONTOLOGY), str(GRAPHS.REFERENCE), str(GRAPHS.PROVENANCE),
                str(GRAPHS.guide("2021-1")), str(GRAPHS.shapes("2021-1")),
                str(GRAPHS.search("2021-1")), str(GRAPHS.inferred("2021-1")),
                str(GRAPHS.inferred("ontology"))}


def _sizes(store: Store) -> dict[str, int]:
    return {name: store.graph_size(name) for name in store.graph_names()}


def _shape_of(store: Store, name: str) -> list[str]:
    """The graph's triples with blank node labels blanked out (they are renamed on every
    write): a multiset comparison that full isomorphism checking makes too slow for the
    shapes graph's thousands of blank nodes."""
    data = store.dumps("ntriples", graph=name).decode("utf-8")
    return sorted(re.sub(r"_:\S+", "_:b", line) for line in data.splitlines() if line)


def test_build_writes_one_named_graph_per_source(built_store):
    names = set(built_store.graph_names())
    assert names == GUIDE_GRAPHS
    assert all(built_store.graph_size(n) > 0 for n in names)


def test_every_graph_written_has_its_provenance(built_store):
    records = provenance.read_records(built_store)
    for name in GUIDE_GRAPHS - {str(GRAPHS.PROVENANCE)}:
        r = records[name]
        assert r.activity == "build" and r.time
        assert r.triples == built_store.graph_size(name), name
    assert records[str(GRAPHS.guide("2021-1"))].source == "2021-1.txt"


def test_building_twice_gives_the_same_dataset_and_reuses_the_closure(tmp_path):
    store = open_store(tmp_path / "store")
    build(store)
    first = {name: _shape_of(store, name) for name in store.graph_names()
             if name != str(GRAPHS.PROVENANCE)}
    said: list[str] = []
    build(store, progress=lambda m: said.append(render(m, "en")))
    assert any("closure is up to date" in m for m in said)
    assert not any("computing the OWL 2 RL closure" in m for m in said)
    for name, quads in first.items():
        assert _shape_of(store, name) == quads, name


def test_the_store_persists_across_reopening(tmp_path):
    store = open_store(tmp_path / "store")
    build(store)
    size = store.size()
    store.close()
    assert open_store(tmp_path / "store").size() == size


def test_rebuilding_one_guide_replaces_only_its_graphs(tmp_path):
    store = open_store(tmp_path / "store")
    build(store, [DEFAULT_GUIDE, GUIDES / "other-year.txt"])
    other = [str(GRAPHS.guide("2022-2")), str(GRAPHS.inferred("2022-2")),
             str(GRAPHS.shapes("2022-2"))]
    before = {g: _shape_of(store, g) for g in other}
    assert all(before.values())
    said: list[str] = []
    build(store, [GUIDES / "numbers-changed.txt"], progress=lambda m: said.append(render(m, "en")))  # also guide 2021-1
    assert {g: _shape_of(store, g) for g in other} == before
    assert not any("2022-2" in m for m in said)
    amount = store.select(
        "PREFIX ck: <https://w3id.org/coopkg/ontology#> SELECT ?a WHERE { GRAPH ?g { "
        "<https://w3id.org/coopkg/guide/2021-1/direction/1.2/budget> ck:amount ?a } }")
    assert [row["a"].value for row in amount] == ["8000000"]


def test_a_guide_that_cannot_be_read_leaves_the_store_unchanged(tmp_path):
    store = open_store(tmp_path / "store")
    build(store)
    before = _sizes(store)
    with pytest.raises(GuideParseError):
        build(store, [GUIDES / "renumbered.txt", GUIDES / "bad-number.txt"])
    assert _sizes(store) == before


def test_a_build_killed_at_any_moment_leaves_the_previous_dataset(tmp_path):
    """Kill `coopkg build` of a different guide at several moments of its run; the store
    always holds either the old dataset or the new one, never a mixture."""
    store_dir = tmp_path / "store"
    store = open_store(store_dir)
    build(store)
    old = _sizes(store)
    store.close()
    exe = [sys.executable, "-m", "coopkg.cli"]
    outcomes = set()
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        proc = subprocess.Popen([*exe, "build", "--store", str(store_dir), "--guide",
                                 str(GUIDES / "numbers-changed.txt"), "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reopened = open_store(store_dir)
        now = _sizes(reopened)
        amount = reopened.select(
            "SELECT ?a WHERE { <https://w3id.org/coopkg/guide/2021-1/direction/1.2/budget> "
            "<https://w3id.org/coopkg/ontology#amount> ?a }")
        value = [r["a"].value for r in amount]
        if value == ["8000000"]:
            outcomes.add("new")
        else:
            assert now == old, f"killed after {delay} s: a half-written store"
            outcomes.add("old")
        reopened.close()
        if "new" in outcomes:
            break
    assert "old" in outcomes  # at least one kill landed before the commit


def test_the_closure_holds_what_the_alignments_imply(built_store):
    inferred = GRAPHS.inferred("2021-1")
    assert built_store.ask(
        f"ASK {{ GRAPH <{inferred}> {{ <https://w3id.org/coopkg/guide/2021-1/direction/3.4/"
        "budget> a <https://schema.org/MonetaryAmount> ; <https://schema.org/value> ?v } }")
    # Inferred and asserted triples are kept apart.
    assert not built_store.ask(
        f"ASK {{ GRAPH <{GRAPHS.guide('2021-1')}> {{ ?s a <https://schema.org/MonetaryAmount> }} }}")


def test_reasoning_over_the_premises_adds_what_reasoning_over_everything_adds(built_store):
    ontology = built_store.read_graph(str(GRAPHS.ONTOLOGY))
    guide = built_store.read_graph(str(GRAPHS.guide("2021-1")))
    reference = built_store.read_graph(str(GRAPHS.REFERENCE))
    asserted = ontology + guide + _used(reference, guide)
    assert len(premises(asserted)) < len(asserted) * 0.7

    import owlrl
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL

    work = Graph()
    for t in asserted:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    everything = {t for t in work if t not in asserted and not isinstance(t[0], Literal)
                  and not (t[1] == OWL.sameAs and t[0] == t[2])}
    assert set(closure(asserted)) == everything
    # and what the build stores — the ontology's closure beside what the guide adds
    # beyond it — is that same closure
    stored = (built_store.read_graph(str(GRAPHS.inferred("ontology")))
              + built_store.read_graph(str(GRAPHS.inferred("2021-1"))))
    assert set(stored) == everything


def test_iri_scheme_is_stable_and_readable(built_store):
    assert built_store.ask(
        "ASK { <https://w3id.org/coopkg/guide/2021-1/direction/3.4> "
        "<https://w3id.org/coopkg/ontology#requirement> "
        "<https://w3id.org/coopkg/guide/2021-1/direction/3.4/requirement/2> }")


def test_the_arab_states_mechanism_has_the_22_listed_members(built_store):
    rows = built_store.select(
        "SELECT ?m WHERE { <https://w3id.org/coopkg/partner/ARAB> "
        "<https://w3id.org/coopkg/ontology#memberCountry> ?m }")
    assert len(rows) == 22
    assert "https://w3id.org/coopkg/partner/KM" in {r["m"].value for r in rows}


def test_terms_round_trip_exactly(tmp_path):
    store = open_store(tmp_path / "store")
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"),
           Literal("中国—日本 \"合作\"\n第二行", lang="zh")))
    store.replace_graphs({"https://example.org/g": g})
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert rows.values("o") == [ox.Literal("中国—日本 \"合作\"\n第二行", language="zh")]


def test_a_write_that_fails_half_way_is_rolled_back(tmp_path):
    from rdflib import Graph, Literal, URIRef

    from coopkg.errors import StoreError

    store = open_store(tmp_path / "store")
    g = Graph()
    g.add((URIRef("https://e.org/a"), URIRef("https://e.org/p"), Literal("old")))
    store.replace_graphs({"https://e.org/g1": g})
    before = _sizes(store)
    new = Graph()
    new.add((URIRef("https://e.org/b"), URIRef("https://e.org/p"), Literal("new")))
    with pytest.raises(StoreError):  # the graphs are written, then the update fails
        store.replace_graphs({"https://e.org/g1": new, "https://e.org/g2": new},
                             then="INSERT DATA { <https://e.org/x> <https://e.org/p> }")
    assert _sizes(store) == before
    assert store.ask('ASK { <https://e.org/a> ?p "old" }')
    store.close()
    assert _sizes(open_store(tmp_path / "store")) == before
