"""Load on a real `coopkg serve`: many clients at once doing what its users do.

    python bench/load.py [--duration-s 60] [--clients 32] [--json OUT] [--store DIR]

The server is started by this script (bench/serving.py) on a store of its own: a new one,
built from the bundled guide when it starts, or a copy of `--store`. Then `--clients`
clients, each with its own connection, send requests one after another for `--duration-s`,
each taking the four kinds in turn (so every kind gets the same share of requests) and,
within a kind, the next request of its own shuffled list:

- named: the project's named queries (`queries/*.rq`, parameters bound as
  bench/queries/named.json says) sent as the query page sends them, GET /sparql?query=…;
  and the named views, GET /views/<name> as Turtle or JSON-LD;
- sparql: the analyst queries of bench/queries/*.rq, POSTed as `application/sparql-query`
  or form-encoded, asking for every result format the endpoint writes (SPARQL JSON, XML,
  CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML);
- validate: the proposals of tests/data/proposals (conforming and breaking ones), POSTed
  to /validate as JSON, the report asked for as JSON or Turtle, in zh or en;
- page: the HTML pages (home, directions, a direction, the query, validation, proposal and
  eligibility forms, the ontology), each in zh and in en.

Reported: requests, throughput, p50/p95/p99 latency (nearest rank) per kind and overall;
every error (a status other than 200, or no answer) with its status and body; the peak RSS
of the server's whole process tree (psutil, the process and all its descendants, sampled
every 0.2 s). The server's query queue is made as long as there are clients, since each may
wait on a query at once (with the default the excess is refused with 503, by design). The
load averages before and after are recorded, and `--note` says what else ran on the
machine: numbers from a shared machine are slower than the server can do.
Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from mix import load_mix
from serving import start, stop
from systems import RssSampler

from coopkg.queries import named

HERE = Path(__file__).resolve().parent
PROPOSALS = HERE.parent / "tests" / "data" / "proposals"
KINDS = ("named", "sparql", "validate", "page")
SELECT_ACCEPT = ["application/sparql-results+json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values"]
GRAPH_ACCEPT = ["text/turtle", "application/n-triples", "application/ld+json",
                "application/rdf+xml"]
PAGES = ["/", "/directions", "/guide/2021-1/direction/3.4", "/query", "/validate",
         "/proposal", "/eligible", "/ontology"]


@dataclass(frozen=True)
class Call:
    """One request of the mix: what it is called in the report, and how it is sent."""
    label: str
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def named_calls() -> list[Call]:
    calls = []
    for q in load_mix(named_only=True):
        calls.append(Call(q.name, "GET", "/sparql", {"query": q.text}, {"Accept": q.accept}))
    for view in named("views"):
        for accept in ("text/turtle", "application/ld+json"):
            calls.append(Call(f"views/{view} {accept}", "GET", f"/views/{view}",
                              headers={"Accept": accept}))
    return calls


def sparql_calls() -> list[Call]:
    calls = []
    for k, q in enumerate(q for q in load_mix() if not q.name.startswith("named/")):
        accepts = SELECT_ACCEPT if q.form in ("SELECT", "ASK") else GRAPH_ACCEPT
        for j, accept in enumerate(accepts):
            if (k + j) % 2:
                body, ctype = q.text.encode(), "application/sparql-query"
            else:
                body = urlencode({"query": q.text}).encode()
                ctype = "application/x-www-form-urlencoded"
            calls.append(Call(f"{q.name} {ctype.split('/')[1]} → {accept}", "POST", "/sparql",
                              headers={"Accept": accept, "Content-Type": ctype}, body=body))
    return calls


def validate_calls() -> list[Call]:
    manifest = json.loads((PROPOSALS / "manifest.json").read_text("utf-8"))
    calls = []
    for k, case in enumerate(manifest["cases"]):
        accept = "text/turtle" if k % 4 == 3 else "application/json"
        lang = "en" if k % 2 else "zh"
        calls.append(Call(f"{case['file']} → {accept}", "POST", "/validate", {"lang": lang},
                          {"Accept": accept, "Content-Type": "application/json"},
                          (PROPOSALS / case["file"]).read_bytes()))
    return calls


def page_calls() -> list[Call]:
    return [Call(f"{page} ({lang})", "GET", page, {"lang": lang},
                 {"Accept": "text/html", "Accept-Language": lang})
            for page in PAGES for lang in ("zh", "en")]


def pct(values: list[float], p: float) -> float | None:
    """The p-th percentile, nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[dict[str, Any]] = field(default_factory=list)


async def client(k: int, base: str, mix: dict[str, list[Call]], until: float,
                 tally: Tally, timeout_s: float) -> None:
    rng = random.Random(k)
    order = {kind: rng.sample(calls, len(calls)) for kind, calls in mix.items()}
    turn = rng.randrange(len(KINDS))
    async with httpx.AsyncClient(base_url=base, timeout=timeout_s) as http:
        n = 0
        while time.monotonic() < until:
            kind = KINDS[(turn + n) % len(KINDS)]
            call = order[kind][(n // len(KINDS)) % len(order[kind])]
            n += 1
            t0 = time.perf_counter()
            try:
                r = await http.request(call.method, call.path, params=call.params,
                                       headers=call.headers, content=call.body)
            except httpx.HTTPError as e:
                tally.errors.append({"kind": kind, "request": call.label, "status": None,
                                     "body": f"{type(e).__name__}: {e}"})
                continue
            elapsed = time.perf_counter() - t0
            if r.status_code != 200:
                tally.errors.append({"kind": kind, "request": call.label,
                                     "status": r.status_code, "body": r.text[:2000]})
                continue
            tally.times[kind].append(elapsed)


async def drive(base: str, mix: dict[str, list[Call]], *, clients: int, duration_s: float,
                timeout_s: float) -> tuple[Tally, float]:
    tally = Tally()
    t0 = time.monotonic()
    await asyncio.gather(*(client(k, base, mix, t0 + duration_s, tally, timeout_s)
                           for k in range(clients)))
    return tally, time.monotonic() - t0


def summary(times: list[float], wall_s: float, errors: int) -> dict[str, Any]:
    ms = [t * 1000 for t in times]
    return {"requests": len(times), "errors": errors,
            "throughput_rps": round(len(times) / wall_s, 2) if wall_s else None,
            "p50_ms": _round(pct(ms, 50)), "p95_ms": _round(pct(ms, 95)),
            "p99_ms": _round(pct(ms, 99))}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    mix = {"named": named_calls(), "sparql": sparql_calls(), "validate": validate_calls(),
           "page": page_calls()}
    work = Path(tempfile.mkdtemp(prefix="coopkg-load-"))
    store = work / "store"
    if args.store:
        shutil.copytree(args.store, store)
    load_before = os.getloadavg()
    sampler = RssSampler()
    sampler.start()
    t0 = time.monotonic()
    # Every client may be waiting on a query at once: with the default queue (16) the
    # server would shed the excess with 503 + Retry-After, by design, not by fault.
    server_env = {"COOPKG_QUERY_QUEUE": str(max(16, args.clients))}
    proc, base = start(store, **server_env)
    started_s = time.monotonic() - t0
    try:
        sampler.watch(proc.pid)
        sampler.phase = "load"
        tally, wall_s = asyncio.run(drive(base, mix, clients=args.clients,
                                          duration_s=args.duration_s,
                                          timeout_s=args.timeout_s))
        sampler.phase = "idle"
    finally:
        stop(proc)
        sampler.close()
        shutil.rmtree(work, ignore_errors=True)
    by_kind = {kind: summary(tally.times[kind], wall_s,
                             sum(1 for e in tally.errors if e["kind"] == kind))
               for kind in KINDS}
    everything = [t for kind in KINDS for t in tally.times[kind]]
    return {
        "options": {"duration_s": args.duration_s, "clients": args.clients,
                    "timeout_s": args.timeout_s, "store": str(args.store or "new"),
                    "server_env": server_env},
        "mix": {kind: len(calls) for kind, calls in mix.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                    "note": args.note},
        "start_s": round(started_s, 1),
        "wall_s": round(wall_s, 1),
        "kinds": by_kind,
        "overall": summary(everything, wall_s, len(tally.errors)),
        "peak_rss_bytes": sampler.peaks.get("load"),
        "errors": tally.errors,
    }


def markdown(report: dict[str, Any]) -> str:
    o = report["options"]
    m = report["machine"]
    lines = [f"# coopkg serve under load: {o['clients']} clients for {o['duration_s']:g} s", ""]
    if m.get("note"):
        lines += [f"**Machine:** {m['note']}", ""]
    lines += [f"{m['cpus']} CPUs, load average before {m['load_average_before']}, after "
              f"{m['load_average_after']}; the server started in {report['start_s']} s"
              f"{' (building its store)' if o['store'] == 'new' else ''}; the run took "
              f"{report['wall_s']} s.", "",
              "| kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for name, row in [*report["kinds"].items(), ("overall", report["overall"])]:
        cells = [row["requests"], row["throughput_rps"], row["p50_ms"], row["p95_ms"],
                 row["p99_ms"], row["errors"]]
        lines.append(f"| {name} | " + " | ".join("–" if c is None else str(c) for c in cells)
                     + " |")
    rss = report["peak_rss_bytes"]
    lines += ["", f"Peak RSS of the server's process tree: "
              f"{rss / 2**20:.0f} MiB." if rss else "Peak RSS: not sampled."]
    if report["errors"]:  # each is in the JSON; here, alike ones counted together
        alike = Counter((e["kind"], e["status"], e["body"][:300]) for e in report["errors"])
        lines += ["", "## Errors", ""]
        lines += [f"- {n} × {kind}: {status} {body!r}"
                  for (kind, status, body), n in alike.most_common()]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration-s", type=float, default=60.0)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--json", type=Path, metavar="OUT",
                    help="write the report as JSON to OUT and as Markdown beside it (.md)")
    ap.add_argument("--store", type=Path,
                    help="a built store to copy and serve (default: a new one, built on start)")
    ap.add_argument("--timeout-s", type=float, default=300.0,
                    help="how long a client waits for one answer")
    ap.add_argument("--note", default="",
                    help="what else ran on the machine, kept in the report")
    args = ap.parse_args()
    report = run(args)
    text = markdown(report)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
        args.json.with_suffix(".md").write_text(text, "utf-8")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
