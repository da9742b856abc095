"""Query workers over HTTP: no copy of the data, a killed or crashed worker is replaced,
deep nesting is refused before it reaches the engine, overload is answered with 503."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from .conftest import start_server, stop_server


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids = (task / "children").read_text().split()
        out.extend(int(k) for k in kids)
    return out


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("executor") / "store"
    proc, base = start_server(store, COOPKG_QUERY_TIMEOUT_S="6", COOPKG_QUERY_WORKERS="2",
                              COOPKG_QUERY_QUEUE="1")
    yield proc, base
    stop_server(proc)


ASK = {"query": "ASK { ?s ?p ?o }"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_workers_hold_no_copy_of_the_data(served):
    proc, base = served
    assert httpx.get(f"{base}/sparql", params=ASK).status_code == 200
    workers = _children(proc.pid)
    assert len(workers) >= 2
    # A worker that loaded the dataset would hold tens of MiB more than one that reads
    # it from disk; each stays near the size of an idle Python with the libraries.
    assert all(_rss_kib(w) < 150_000 for w in workers), [_rss_kib(w) for w in workers]


def test_a_killed_worker_is_replaced_and_the_next_query_answered(served):
    proc, base = served
    outcome: dict[str, object] = {}

    def run() -> None:
        r = httpx.post(f"{base}/sparql", data={"query": RUNAWAY}, timeout=60)
        outcome["status"], outcome["title"] = r.status_code, r.json().get("title")

    t = threading.Thread(target=run)
    t.start()
    time.sleep(1.5)
    for w in _children(proc.pid):
        os.kill(w, signal.SIGKILL)  # every worker, the busy one and the idle one
    t.join(timeout=60)
    assert outcome == {"status": 500, "title": "QUERY_CRASHED"}
    for _ in range(3):
        r = httpx.get(f"{base}/sparql", params=ASK,
                      headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200 and r.json()["boolean"] is True


def test_deep_nesting_is_refused_with_a_reason(served):
    _, base = served
    deep = "SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }"
    for lang, says in (("en", "nest"), ("zh", "嵌套")):  # in the request's language
        r = httpx.post(f"{base}/sparql", content=deep.encode(), timeout=60,
                       headers={"Content-Type": "application/sparql-query",
                                "Accept-Language": lang})
        assert r.status_code == 400 and says in r.json()["detail"]
    assert httpx.get(f"{base}/sparql", params=ASK).status_code == 200


def test_past_the_queue_clients_are_told_to_retry(served):
    _, base = served
    answers: list[tuple[int, str, str | None]] = []

    def run() -> None:
        r = httpx.post(f"{base}/sparql", data={"query": RUNAWAY}, timeout=60)
        answers.append((r.status_code, r.json()["title"], r.headers.get("retry-after")))

    threads = [threading.Thread(target=run) for _ in range(5)]
    for t in threads:
        t.start()
        time.sleep(0.2)
    for t in threads:
        t.join(timeout=120)
    # two run and one waits, each until its deadline; the other two are told to come back
    titles = sorted(t for _, t, _ in answers)
    assert titles == ["OVERLOADED"] * 2 + ["QUERY_TIMEOUT"] * 3
    assert all(status == 503 and retry for status, _, retry in answers)


def test_a_client_that_leaves_has_its_query_stopped(served):
    proc, base = served
    httpx.get(f"{base}/sparql", params=ASK)
    before = set(_children(proc.pid))
    with pytest.raises(httpx.TimeoutException):
        httpx.post(f"{base}/sparql", data={"query": RUNAWAY}, timeout=1.0)
    deadline = time.monotonic() + 4  # well before the 6 s query deadline
    while time.monotonic() < deadline and set(_children(proc.pid)) >= before:
        time.sleep(0.2)
    after = set(_children(proc.pid))
    assert before - after, "the worker running the abandoned query was not ended"
    assert httpx.get(f"{base}/sparql", params=ASK).status_code == 200


def test_a_chunked_body_over_the_limit_is_refused(served):
    _, base = served

    def chunks():
        for _ in range(400):
            yield b"# " + b"x" * 20_000 + b"\n"  # 8 MB with no Content-Length

    r = httpx.post(f"{base}/sparql", content=chunks(),
                   headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert r.status_code == 413 and r.json()["title"] == "BODY_TOO_LARGE"
    assert httpx.get(f"{base}/sparql", params=ASK).status_code == 200
