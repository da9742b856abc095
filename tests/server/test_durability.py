"""A real `coopkg serve` on the embedded store, killed with SIGKILL in the middle of writes
and started again on the same store: it opens without repair, every write it acknowledged
is there exactly, and the write it was doing is wholly there or wholly absent.

- a Graph Store PUT of tens of MB replacing a graph, killed while its body is still
  arriving (sent in chunks, slowly), and killed after the whole body arrived, while the
  store is writing it (the journal's marker, `<store>/writing`, is on disk);
- PUTs of proposals from several clients at once, killed in the middle of the batch.

The moment a write is committed but not yet published is tested deterministically, in one
process, by tests/graph/test_durability.py."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from coopkg.pipeline import proposal_graph
from coopkg.shapes.proposals import parse_proposals
from coopkg.vocab import GRAPHS

from .conftest import TOKEN, start_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PROPOSALS = Path(__file__).parents[1] / "data" / "proposals"
EX = "https://example.org/durable/"
BIG, SMALL = EX + "big", [EX + "small/1", EX + "small/2"]
LINES, CHUNK_LINES = 20_000, 500
FILLER = "长" * 340  # 1 kB of UTF-8 per literal: the big body is about 20 MB


def _serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    return start_server(store, COOPKG_UPDATE_ENABLED="true", COOPKG_UPDATE_TOKEN=TOKEN,
                        COOPKG_MAX_BODY_BYTES="100000000", COOPKG_LOG_REQUESTS="false")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _lines(version: str, n: int) -> Iterator[bytes]:
    for i in range(n):
        yield f'<{EX}s{i}> <{EX}p> "{version} {i} {FILLER}" .\n'.encode()


def _put(base: str, graph: str, body: bytes | Iterator[bytes],
         ctype: str = "application/n-triples") -> httpx.Response:
    return httpx.put(f"{base}/store", params={"graph": graph}, content=body,
                     headers={**AUTH, "Content-Type": ctype}, timeout=300)


def _stored(base: str, graph: str) -> Graph | None:
    """The graph as the server's /store reads it (the writer's view), None if absent."""
    r = httpx.get(f"{base}/store", params={"graph": graph},
                  headers={"Accept": "application/n-triples"}, timeout=120)
    if r.status_code == 404:
        return None
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="nt")


def _counted(base: str, graph: str) -> int:
    """The graph's size as /sparql counts it (a query worker's view, over a checkpoint)."""
    r = httpx.post(f"{base}/sparql", content=f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                   "{ ?s ?p ?o } }", headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"},
                   timeout=120)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def _lines_of(body: bytes) -> set[tuple[str, str, str]]:
    return {(str(t.subject), str(t.predicate), str(t.object))
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}


def _as_sent(g: Graph | None) -> set[tuple[str, str, str]] | None:
    if g is None:
        return None
    return _lines_of(g.serialize(format="nt", encoding="utf-8"))


def _reopened_cleanly(store: Path) -> None:
    """Opened without repair: nothing of an interrupted write is left lying about."""
    assert not (store / "writing").exists()
    assert not list(store.glob("db.rolled-back-*"))


def test_a_large_put_killed_mid_body_or_mid_write_is_wholly_absent_or_present(
        built_store_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built_store_dir, store)
    proc, base = _serve(store)
    old = b"".join(_lines("old", 50))
    new = b"".join(_lines("new", LINES))
    acknowledged = {BIG: _lines_of(old)}
    try:
        assert _put(base, BIG, old).status_code == 201
        for i, name in enumerate(SMALL):
            body = b"".join(_lines(f"small {i}", 10))
            assert _put(base, name, body).status_code == 201
            acknowledged[name] = _lines_of(body)

        # 1. Killed while the body is arriving: a third of it sent, slowly, in chunks.
        def slow() -> Iterator[bytes]:
            for k in range(0, LINES, CHUNK_LINES):
                if k == LINES // CHUNK_LINES // 3 * CHUNK_LINES:
                    _kill(proc)
                yield new[k * len(new) // LINES:(k + CHUNK_LINES) * len(new) // LINES]
                time.sleep(0.01)

        with pytest.raises(httpx.TransportError):
            _put(base, BIG, slow())
        proc, base = _serve(store)
        _reopened_cleanly(store)
        for name, triples in acknowledged.items():
            assert _as_sent(_stored(base, name)) == triples
            assert _counted(base, name) == len(triples)

        # 2. Killed after the whole body arrived, while the store writes it.
        answer: list[object] = []
        put = threading.Thread(target=lambda: answer.append(_try_put(base, BIG, new)))
        marker = store / "writing"
        put.start()
        while put.is_alive() and not marker.exists():
            time.sleep(0.001)
        seen = marker.exists()
        _kill(proc)
        put.join(timeout=60)
        assert seen, f"the write ended before it could be interrupted: {answer}"
        proc, base = _serve(store)
        _reopened_cleanly(store)
        now = _as_sent(_stored(base, BIG))
        if isinstance(answer[0], httpx.Response):  # acknowledged just before the kill
            assert answer[0].status_code == 204 and now == _lines_of(new)
        assert now in (acknowledged[BIG], _lines_of(new))  # old or new, never a mixture
        assert _counted(base, BIG) == len(now or ())
        for name in SMALL:
            assert _as_sent(_stored(base, name)) == acknowledged[name]
    finally:
        _kill(proc)


def _try_put(base: str, graph: str, body: bytes) -> httpx.Response | httpx.TransportError:
    try:
        return _put(base, graph, body)
    except httpx.TransportError as e:
        return e


def _proposals(copies: int) -> dict[str, bytes]:
    """Conforming proposals, each as the N-Triples a client PUTs to its graph: the bundled
    fixtures' `ok.json`, several copies of each under new ids (not 2.7's, whose Horizon 2020
    project may be applied for once)."""
    docs = []
    for ok in sorted(PROPOSALS.glob("*/ok.json")):
        if ok.parent.name == "2.7":
            continue
        doc = json.loads(ok.read_text("utf-8"))
        for k in range(copies):
            docs.append({**doc, "id": f"urn:example:proposal:durable-{ok.parent.name}-{k}"})
    parsed = parse_proposals(json.dumps(docs, ensure_ascii=False), source="durable",
                             guide="2021-1")
    return {proposal_graph(p.id): p.graph.serialize(format="nt", encoding="utf-8")
            for p in parsed}


def test_proposal_puts_killed_in_a_batch_keep_every_acknowledged_one(
        built_store_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built_store_dir, store)
    bodies = _proposals(copies=3)
    names = list(bodies)
    proc, base = _serve(store)
    acknowledged: list[str] = []
    failed: list[str] = []
    refused: list[tuple[str, int, str]] = []
    clients = 4

    def client(c: int) -> None:
        for name in names[c::clients]:
            try:
                r = _put(base, name, bodies[name])
            except httpx.TransportError:
                failed.append(name)
                return
            if r.status_code in (201, 204):
                acknowledged.append(name)
            else:
                refused.append((name, r.status_code, r.text[:300]))

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    try:
        for t in threads:
            t.start()
        while len(acknowledged) < 10 and any(t.is_alive() for t in threads):
            time.sleep(0.01)
        marker, deadline = store / "writing", time.monotonic() + 3
        while not marker.exists() and time.monotonic() < deadline:  # best: mid-write
            time.sleep(0.001)
        _kill(proc)
        for t in threads:
            t.join(timeout=60)
        assert not refused
        assert len(failed) <= clients  # each client stops at its first unanswered PUT
        assert 10 <= len(acknowledged) < len(names)  # killed in the middle of the batch
        proc, base = _serve(store)
        _reopened_cleanly(store)
        sent = {n: Graph().parse(data=bodies[n].decode("utf-8"), format="nt") for n in names}
        for name in acknowledged:
            stored = _stored(base, name)
            assert stored is not None and isomorphic(stored, sent[name]), name
            assert _counted(base, name) == len(sent[name])
        graphs = httpx.post(f"{base}/sparql", content=(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(STRSTARTS(STR(?g), \"{GRAPHS.PROPOSALS}\")) }}"),
            headers={"Content-Type": "application/sparql-query",
                     "Accept": "application/sparql-results+json"}, timeout=120).json()
        present = {b["g"]["value"] for b in graphs["results"]["bindings"]}
        assert set(acknowledged) <= present <= set(names)
        for name in present - set(acknowledged):  # in flight when killed: all or nothing
            stored = _stored(base, name)
            assert stored is not None and isomorphic(stored, sent[name]), name
    finally:
        _kill(proc)
