"""The minimal SPARQL endpoint over HTTP: a real `coopkg serve` process, real clients."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

QUERY = ("PREFIX ck: <https://w3id.org/coopkg/ontology#> "
         "SELECT ?code WHERE { ?d ck:code ?code } ORDER BY ?code")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    store = tmp_path_factory.mktemp("serve") / "store"
    proc = subprocess.Popen([exe, "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(proc.stdout.read().decode() if proc.stdout else "server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_get_select_returns_sparql_json(server):
    r = httpx.get(f"{server}/sparql", params={"query": QUERY})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    codes = [b["code"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(codes) == 29 and "2.0" in codes and "3.0" in codes


def test_post_forms(server):
    form = httpx.post(f"{server}/sparql", data={"query": QUERY})
    direct = httpx.post(f"{server}/sparql", content=QUERY.encode(),
                        headers={"content-type": "application/sparql-query"})
    assert form.json() == direct.json()


def test_construct_is_turtle(server):
    q = ("CONSTRUCT { ?d <urn:code> ?c } WHERE { ?d <https://w3id.org/coopkg/ontology#code> ?c }")
    r = httpx.get(f"{server}/sparql", params={"query": q})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    from rdflib import Graph

    assert len(Graph().parse(data=r.text, format="turtle")) == 29


def test_malformed_query_is_400_with_a_reason(server):
    r = httpx.get(f"{server}/sparql", params={"query": "SELECT WHERE {"})
    assert r.status_code == 400
    assert r.json()["title"] == "MALFORMED_QUERY"


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert len(result["results"]["bindings"]) == 29
