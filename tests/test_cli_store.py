"""The store commands (load, graphs, drop, proposals import) and read commands run beside
a process that holds the store, as a user runs them: real subprocesses."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import start_server, stop_server
from tests.test_cli import coopkg

DATA = Path(__file__).parent / "data"
PROPOSALS = DATA / "proposals"


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store"
    done = coopkg("build", "--store", str(path), "-q")
    assert done.returncode == 0, done.stderr
    return path


def _graphs(store: Path) -> dict[str, dict]:
    done = coopkg("graphs", "--store", str(store), "--format", "json")
    assert done.returncode == 0, done.stderr
    return {r["graph"]: r for r in json.loads(done.stdout)}


def test_load_a_gzipped_file_into_a_named_graph_then_drop_it(store, tmp_path):
    ttl = tmp_path / "sample.ttl.gz"
    with gzip.open(ttl, "wt", encoding="utf-8") as f:
        f.write('@prefix ex: <https://example.org/> .\n'
                'ex:p1 ex:title "量子计算合作"@zh, "quantum computing"@en ; ex:n 3 .\n')
    done = coopkg("load", str(ttl), "--graph", "samples/demo", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "3 quads" in done.stderr
    name = "https://w3id.org/coopkg/graph/samples/demo"
    row = _graphs(store)[name]
    assert (row["triples"], row["source"], row["activity"]) == (3, "sample.ttl.gz", "load")
    asked = coopkg("query", 'ASK { ?s ?p "量子计算合作"@zh }', "--store", str(store))
    assert asked.stdout.strip() == "true"
    done = coopkg("drop", "--graph", name, "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert name not in _graphs(store)
    again = coopkg("drop", "--graph", name, "--store", str(store))
    assert again.returncode == 2 and "no graph" in again.stderr


def test_quads_keep_their_graphs_and_bad_input_says_where(store, tmp_path):
    nq = tmp_path / "two.nq"
    nq.write_text('<https://e.org/a> <https://e.org/p> "1" <https://e.org/g1> .\n'
                  '<https://e.org/b> <https://e.org/p> "2" <https://e.org/g2> .\n', "utf-8")
    assert coopkg("load", str(nq), "--store", str(store)).returncode == 0
    assert {"https://e.org/g1", "https://e.org/g2"} <= set(_graphs(store))
    triples = tmp_path / "t.nt"
    triples.write_text('<https://e.org/a> <https://e.org/p> "1" .\n', "utf-8")
    done = coopkg("load", str(triples), "--store", str(store))
    assert done.returncode == 2 and "--graph" in done.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://e.org/a> <https://e.org/p> \"unterminated .\n", "utf-8")
    done = coopkg("load", str(broken), "--graph", "x", "--store", str(store))
    assert done.returncode == 2 and "broken.ttl" in done.stderr
    assert "Traceback" not in done.stderr


def test_proposals_import_stores_the_valid_and_lists_the_rejected(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PROPOSALS / "1.3" / "ok.json", folder / "ok.json")
    shutil.copy(PROPOSALS / "1.3" / "break-1.3-1-lead-enterprise.json", folder / "bad.json")
    (folder / "junk.json").write_text("{not json", "utf-8")
    done = coopkg("proposals", "import", str(folder), "--store", str(store), "--format",
                  "json")
    assert done.returncode == 2, done.stderr  # one file could not be read
    report = json.loads(done.stdout)
    assert len(report["stored"]) == 1 and len(report["rejected"]) == 1
    assert report["unreadable"][0]["file"].endswith("junk.json")
    assert any(f["requirement"] == "1.3/1" for f in report["rejected"][0]["findings"])
    graph = report["stored"][0]["graph"]
    assert _graphs(store)[graph]["activity"] == "proposal import"
    # the stored proposal validates from its own graph, as before
    exported = coopkg("export", "--graph", graph, "--format", "turtle", "--store", str(store))
    assert exported.returncode == 0 and "participant" in exported.stdout


def test_two_read_commands_at_once_and_beside_a_build(store):
    procs = [subprocess.Popen([shutil.which("coopkg", path=str(Path(sys.executable).parent)),
                               "query", "totals", "--store", str(store), "--format", "csv"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    build = subprocess.Popen([shutil.which("coopkg", path=str(Path(sys.executable).parent)),
                              "build", "--store", str(store), "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "822500000" in out and "LOCK" not in err
    assert build.wait(timeout=300) == 0


def test_the_cli_works_beside_a_running_server(store, tmp_path):
    proc, base = start_server(store)
    try:
        done = coopkg("query", "totals", "--store", str(store), "--format", "csv")
        assert done.returncode == 0, done.stderr
        assert "822500000" in done.stdout
        for args in (["export", "--graph", "guide/2021-1", "-o", str(tmp_path / "g.ttl"),
                      "--format", "turtle"], ["requirements", "--format", "tsv"],
                     ["validate", str(PROPOSALS / "1.3" / "ok.json")], ["graphs"]):
            done = coopkg(*args, "--store", str(store))
            assert done.returncode == 0, (args, done.stderr)
            assert "LOCK" not in done.stderr
        # a write while it serves says in one line what to do
        done = coopkg("build", "--store", str(store))
        assert done.returncode == 2
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "coopkg serve" in lines[0] and base in lines[0]
        assert "LOCK" not in done.stderr and "Traceback" not in done.stderr
    finally:
        stop_server(proc)


def test_a_write_through_the_server_is_seen_by_the_cli(store):
    proc, base = start_server(store, COOPKG_UPDATE_ENABLED="true", COOPKG_UPDATE_TOKEN="t0k")
    try:
        r = httpx.post(f"{base}/update", headers={"Authorization": "Bearer t0k",
                                                 "Content-Type": "application/sparql-update"},
                       content='INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/s> '
                               '<https://e.org/p> "写入" } }')
        assert r.status_code == 204, r.text
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done = coopkg("query", 'ASK { ?s ?p "写入" }', "--store", str(store))
            if done.stdout.strip() == "true":
                break
        assert done.stdout.strip() == "true"
        r = httpx.get(f"{base}/sparql", params={"query": 'ASK { ?s ?p "写入" }'},
                      headers={"Accept": "application/sparql-results+json"})
        assert r.json()["boolean"] is True
    finally:
        stop_server(proc)


def test_a_write_refused_beside_the_server_goes_through_it_as_the_message_says(store,
                                                                                tmp_path):
    import os

    proc, base = start_server(store, COOPKG_UPDATE_ENABLED="true", COOPKG_UPDATE_TOKEN="t0k")
    try:
        ttl = tmp_path / "extra.ttl"
        ttl.write_text('<https://e.org/a> <https://e.org/p> "经由服务器" .\n', "utf-8")
        refused = coopkg("load", str(ttl), "--graph", "samples/x", "--store", str(store))
        assert refused.returncode == 2 and f"--store {base}" in refused.stderr
        exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
        done = subprocess.run([exe, "load", str(ttl), "--graph", "samples/x", "--store", base],
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "COOPKG_STORE_TOKEN": "t0k"})
        assert done.returncode == 0, done.stderr
        r = httpx.get(f"{base}/sparql", params={"query": 'ASK { ?s ?p "经由服务器" }'},
                      headers={"Accept": "application/sparql-results+json"})
        assert r.json()["boolean"] is True
    finally:
        stop_server(proc)


def test_the_installed_command_leaves_the_store_closed_and_keeps_exit_codes(store, tmp_path):
    """`coopkg` as installed ends without tearing the interpreter down once it has closed
    the stores it opened: the store is left as a closed one (no write under way, no reader
    directory, the lock free for the next writer) and every exit code and message is kept."""
    again = coopkg("build", "--store", str(store), "-q")  # takes the lock the first released
    assert again.returncode == 0, again.stderr
    assert not (store / "writing").exists()
    totals = coopkg("query", "totals", "--store", str(store), "--format", "json")
    assert totals.returncode == 0, totals.stderr
    row = json.loads(totals.stdout)["results"]["bindings"][0]
    assert row["directions"]["value"] == "29"
    unknown = coopkg("query", "nosuchquery", "--store", str(store))
    assert unknown.returncode == 2 and "nosuchquery" in unknown.stderr
    refused = coopkg("validate", str(PROPOSALS / "does-not-exist.json"), "--store", str(store))
    assert refused.returncode == 2 and refused.stderr.strip()
    assert list((store / "readers").iterdir()) == []
