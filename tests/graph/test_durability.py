"""The embedded store after its writer is killed (SIGKILL) at the moments that matter: a
write committed to the database, its checkpoint not yet published, the caller not yet
told; half-way through rolling back an interrupted write; between renaming a checkpoint
into place and naming it current. The process kills itself there (a deterministic place,
not a timed guess), or the state it leaves is made by hand; the next writer must open the
store without repair, readers and writer must see the same data, and a write of several
steps (replace, `coopkg proposals import`) must be wholly absent. Kills sent from outside
to a running server are in tests/server/test_durability.py."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from coopkg.errors import StoreError
from coopkg.graph.embedded import EmbeddedStore
from coopkg.graph.locate import open_store
from coopkg.pipeline import proposal_graph

PROPOSALS = Path(__file__).parents[1] / "data" / "proposals"
EX = "https://example.org/"
TARGET, OTHER = EX + "graph/target", EX + "graph/other"

# Runs one write, or the CLI, in a process that SIGKILLs itself as soon as the write has
# committed and before the store publishes it (`EmbeddedStore._committed`); or opens a
# store left in the middle of a write, and is killed while rolling it back.
KILLED_ON_COMMIT = """
import os, signal, sys
from rdflib import Graph, Literal, URIRef
from coopkg.graph.embedded import EmbeddedStore
EmbeddedStore._committed = lambda self: os.kill(os.getpid(), signal.SIGKILL)
if sys.argv[1] == "rollback":  # killed half-way through linking the checkpoint back
    import shutil
    from coopkg.graph import embedded
    def half(source, target):
        target.mkdir(parents=True)
        files = sorted(source.iterdir(), key=lambda f: f.suffix in (".sst", ".blob"))
        for f in files[: len(files) - 2]:  # the manifest and all but two table files
            (os.link if f.suffix == ".sst" else shutil.copy2)(f, target / f.name)
        os.kill(os.getpid(), signal.SIGKILL)
    embedded._link_tree = half
    EmbeddedStore(sys.argv[2])
if sys.argv[1] == "cli":
    from coopkg.cli import main
    sys.argv = ["coopkg", *sys.argv[2:]]
    main()
store = EmbeddedStore(sys.argv[2])
new = Graph()
for i in range(50):
    new.add((URIRef(f"{sys.argv[3]}s{i}"), URIRef(f"{sys.argv[3]}p"), Literal(f"new {i}")))
kind, target = sys.argv[1], sys.argv[4]
if kind == "replace_graphs":
    store.replace_graphs({target: new})
elif kind == "add_graph":
    store.add_graph(target, new)
elif kind == "drop_graph":
    store.drop_graph(target)
else:
    store.update(f"INSERT DATA {{ GRAPH <{target}> {{ <{sys.argv[3]}s> <{sys.argv[3]}p> 1 }} }}")
"""


def _killed_on_commit(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-c", KILLED_ON_COMMIT, *args],
                          capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]


def _triples(store: EmbeddedStore, name: str) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in store.read_graph(name)}


def _opened_cleanly(path: Path) -> None:
    """Nothing of an interrupted write or rollback is left beside the database."""
    assert not (path / "writing").exists()
    assert not list(path.glob("db.*"))


def _old() -> Graph:
    g = Graph()
    for i in range(20):
        g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"old {i}")))
    return g


NEW = {(f"{EX}s{i}", f"{EX}p", f"new {i}") for i in range(50)}  # what the script writes


@pytest.mark.parametrize(("kind", "outcome"), [
    ("replace_graphs", "old"),  # two steps under the journal: rolled back
    ("add_graph", "old+new"),  # one transaction, committed: kept, and published on opening
    ("drop_graph", "none"),
    ("update", "old+one"),
])
def test_a_write_killed_after_its_commit_is_seen_alike_by_writer_and_readers(
        tmp_path: Path, kind: str, outcome: str) -> None:
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs({TARGET: _old(), OTHER: _old()})
    old, other = _triples(store, TARGET), _triples(store, OTHER)
    store.close()

    _killed_on_commit(kind, str(path), EX, TARGET)

    writer = EmbeddedStore(path)  # opens without repair
    _opened_cleanly(path)
    now = _triples(writer, TARGET)
    assert now == {"old": old, "old+new": old | NEW, "none": set(),
                   "old+one": old | {(f"{EX}s", f"{EX}p", "1")}}[outcome]
    assert _triples(writer, OTHER) == other
    reader = EmbeddedStore.open_reader(path)
    # A reader opening the checkpoint of the last write *published* would miss the one
    # committed after it, which the writer sees, at the same generation number.
    assert _triples(reader, TARGET) == now
    assert reader.graph_names() == writer.graph_names()
    assert reader.generation() == writer.generation()
    reader.close()
    writer.close()


def test_proposals_import_killed_in_its_write_stores_none_then_all(
        built_store_dir: Path, tmp_path: Path) -> None:
    """`coopkg proposals import` writes every accepted proposal in one transaction (not
    one by one): killed in it, none is stored; run again, all are."""
    store_dir = tmp_path / "store"
    shutil.copytree(built_store_dir, store_dir)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    ids = []
    for code in ("1.1", "2.1", "3.4"):
        doc = json.loads((PROPOSALS / code / "ok.json").read_text("utf-8"))
        ids.append(doc["id"])
        (incoming / f"{code}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    before = open_store(store_dir, mode="read")
    graphs_before = before.graph_names()
    before.close()

    _killed_on_commit("cli", "proposals", "import", str(incoming), "--store", str(store_dir))

    after = open_store(store_dir)
    assert after.graph_names() == graphs_before
    after.close()
    done = subprocess.run([sys.executable, "-m", "coopkg.cli", "proposals", "import",
                           str(incoming), "--store", str(store_dir)],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    reader = open_store(store_dir, mode="read")
    assert {proposal_graph(i) for i in ids} <= set(reader.graph_names())
    for i in ids:
        assert reader.ask(f"ASK {{ GRAPH <{proposal_graph(i)}> {{ ?p ?x ?y }} }}")
    reader.close()


def test_a_rollback_killed_half_way_is_done_again_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs({TARGET: _old(), OTHER: _old()})
    old = _triples(store, TARGET)
    store.close()
    _killed_on_commit("replace_graphs", str(path), EX, TARGET)  # leaves a write to undo
    assert (path / "writing").exists()

    _killed_on_commit("rollback", str(path))

    writer = EmbeddedStore(path)  # a half-linked database: "Corruption: … No such file"
    _opened_cleanly(path)
    assert _triples(writer, TARGET) == old
    writer.close()
    reader = EmbeddedStore.open_reader(path)
    assert _triples(reader, TARGET) == old
    reader.close()


def test_a_database_damaged_outside_a_write_is_a_store_error(tmp_path: Path) -> None:
    """Not repaired (no write was under way to undo), but said in one line, not a trace."""
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs({TARGET: _old()})
    store.close()
    tables = list((path / "db").glob("*.sst"))
    assert tables
    for table in tables:
        table.unlink()
    with pytest.raises(StoreError, match="cannot open the store"):
        EmbeddedStore(path)


def test_a_checkpoint_never_named_current_does_not_block_the_next(tmp_path: Path) -> None:
    """A writer killed between renaming its checkpoint into place and pointing `current` at
    it leaves a checkpoint nobody reads, under the name the next one takes."""
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs({TARGET: _old()})
    generation = store.generation()
    store.close()
    snapshots = path / "snapshots"
    current = (snapshots / "current").read_text("utf-8")
    shutil.copytree(snapshots / current, snapshots / f"{generation + 1:012d}")

    writer = EmbeddedStore(path)  # renaming onto it: "Directory not empty", at every write
    writer.add_graph(OTHER, _old())
    assert writer.generation() > generation + 1
    reader = EmbeddedStore.open_reader(path)
    assert _triples(reader, OTHER) == _triples(writer, OTHER) != set()
    reader.close()
    writer.close()


def test_older_checkpoints_are_gone_once_the_store_is_closed(tmp_path: Path) -> None:
    """A write does not wait for older checkpoints to be removed; closing the store does."""
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    for i in range(4):
        store.replace_graphs({TARGET: _old(), OTHER: _old()} if i % 2 else {TARGET: _old()})
    store.close()
    snapshots = path / "snapshots"
    current = (snapshots / "current").read_text("utf-8")
    assert sorted(p.name for p in snapshots.iterdir()) == sorted(["current", current])
    reader = EmbeddedStore.open_reader(path)
    assert _triples(reader, TARGET) == _triples(reader, OTHER) != set()
    reader.close()


@pytest.mark.parametrize("others", [3, 12_000])  # a few quads left alone, or many
def test_a_large_replace_keeps_every_graph_it_does_not_name(tmp_path: Path,
                                                             others: int) -> None:
    """A write of many quads that replaces nearly all the store holds clears the store and
    writes back what it leaves alone; with more left alone it removes graph by graph. Either
    way the other graphs — named by an IRI or a blank node, and the default graph — stay."""
    import pyoxigraph as ox

    store = EmbeddedStore(tmp_path / "store")
    big = Graph()
    for i in range(12_000):
        big.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    store.replace_graphs({TARGET: big})
    other = Graph()
    for i in range(others):
        other.add((URIRef(f"{EX}o{i}"), URIRef(f"{EX}p"), Literal(f"other {i}")))
    store.add_graph(OTHER, other)
    store.add_graph(None, _old())
    # SPARQL cannot name a graph by a blank node; RDF datasets, and so the store, can.
    store._store.add(ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.BlankNode(),
                             ox.BlankNode()))
    def unnamed() -> set[ox.Quad]:  # the default graph, and the graph named by a blank node
        return {q for q in store._store.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.NamedNode)}

    before = unnamed()
    assert len(before) == 21 and any(isinstance(q.graph_name, ox.BlankNode) for q in before)

    store.replace_graphs({TARGET: big})  # the same graph again, as a rebuild writes it
    assert store.graph_size(TARGET) == 12_000
    assert store.graph_size(OTHER) == others
    assert unnamed() == before
    store.close()
    reader = EmbeddedStore.open_reader(tmp_path / "store")
    assert reader.graph_size(OTHER) == others and reader.graph_size(TARGET) == 12_000
    reader.close()
