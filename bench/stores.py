"""Benchmark: coopkg's SPARQL server against Oxigraph's own server and rdflib-endpoint.

    python bench/stores.py --proposals 20000        # also 1000, 100000
    python bench/stores.py --render bench/results/stores-20000.json   # the tables again

One run generates N stored proposals (bench/generate.py; reused when the file exists),
loads the same data into each system, and measures them one after the other on this
machine (never two at once):

- coopkg: `coopkg build --store DIR`, the proposals loaded into DIR (`coopkg load` when
  this checkout has it, else pyoxigraph's bulk loader: see systems.py), `coopkg serve`;
- Oxigraph server on disk: `oxigraph load` of the guide export and the proposals, then
  `oxigraph serve --location DIR --union-default-graph`;
- Oxigraph server in memory: `oxigraph serve` without a location, the same two files
  POSTed to its /store;
- rdflib-endpoint: an rdflib Dataset (default graph = union) parsed from the same files,
  served by rdflib-endpoint (bench/rdflib_server.py). It is slow: it has its own time
  budget, per-query timeout and repetition count, and the output says so.

For each system: load time; seconds from starting the server to its first correct answer;
every query of the mix (bench/mix.py) once to check answers, then `--reps` more times for
p50/p95 latency; throughput of the whole mix at 1 and at 4 concurrent clients (each client
runs the mix in its own shuffled order, again and again for `--duration-s`); peak RSS of the
server's whole process tree (psutil, children included, sampled every 0.2 s) per phase; for
coopkg and Oxigraph on disk, a restart (stop, start on the same store, first answer); for
coopkg and both Oxigraph servers, storing one more proposal with a Graph Store PUT while N
are stored, and whether the next query sees it. Answers are compared across systems;
disagreements are printed loudly. Targets are printed beside the measured ratios: a
benchmark reports, it does not assert.

Writes bench/results/stores-N.json (raw numbers) and .md (the tables printed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import psutil
import pyoxigraph as ox
from mix import Answer, Query, compare, describe_target, load_mix, normalise, own_triples
from systems import (
    BIN,
    Coopkg,
    CoopkgOverOxigraph,
    CoopkgOverVirtuoso,
    OxigraphDisk,
    OxigraphMemory,
    RdflibEndpoint,
    RssSampler,
    System,
    Virtuoso,
    Workspace,
    timed,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SYSTEMS: dict[str, type[System]] = {
    "rdflib-endpoint": RdflibEndpoint,  # first: the queries it completes are measured on all
    "oxigraph-disk": OxigraphDisk,
    "oxigraph-mem": OxigraphMemory,
    "coopkg": Coopkg,
    "virtuoso": Virtuoso,
    "coopkg-oxigraph": CoopkgOverOxigraph,
    "coopkg-virtuoso": CoopkgOverVirtuoso,
}
CK = "https://w3id.org/coopkg/ontology#"
GIB = 2**30

TARGETS = {
    "throughput_vs_oxigraph_disk": 0.8,   # coopkg ≥ 0.8 × Oxigraph server on disk (20k, 100k)
    "throughput_vs_rdflib": 25.0,         # coopkg ≥ 25 × rdflib-endpoint (20k, 100k)
    "throughput_vs_remote": 0.8,          # coopkg on a remote store ≥ 0.8 × that server
    "restart_s": 3.0,                     # first answer after restart ≤ 3 s
    "rss_bytes": 1 * GIB,                 # whole process tree ≤ 1 GiB at 100k
    "put_s": 0.100,                       # storing one proposal ≤ 100 ms at 100k, visible next
}


@dataclass
class Options:
    reps: int
    rdflib_reps: int
    duration_s: float
    query_timeout_s: float
    rdflib_query_timeout_s: float
    rdflib_budget_s: float
    puts: int
    put_timeout_s: float
    max_rss_bytes: int
    clients: tuple[int, ...] = (1, 4)


class Budget:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.t0 = time.perf_counter()

    def left(self) -> float:
        if self.seconds is None:
            return math.inf
        return self.seconds - (time.perf_counter() - self.t0)

    def spent(self) -> bool:
        return self.left() <= 0


# -- data ------------------------------------------------------------------------------------

def run(args: list[str], *, log: Path) -> float:
    t0 = time.perf_counter()
    with log.open("ab") as f:
        subprocess.run(args, check=True, stdout=f, stderr=subprocess.STDOUT)
    return time.perf_counter() - t0


def prepare_data(root: Path, n: int, *, regenerate: bool, extra: int) -> dict[str, Any]:
    """The guide export and the proposals every system loads. The guide is built and
    exported by this checkout on every run (seconds), so that the systems fed from the export
    hold what coopkg's own build writes; the proposals are generated once and reused."""
    root.mkdir(parents=True, exist_ok=True)
    logs = root / "logs"
    logs.mkdir(exist_ok=True)
    info: dict[str, Any] = {}
    guide_store = root / "guide-store"
    guide = root / "guide.nq"
    run([str(BIN / "coopkg"), "build", "--store", str(guide_store), "--quiet"],
        log=logs / "guide-build.log")
    run([str(BIN / "coopkg"), "export", "--store", str(guide_store), "--format", "nquads",
         "-o", str(guide)], log=logs / "guide-export.log")
    proposals = root / f"proposals-{n}.nq.gz"
    new_dir = root / "new"
    index = new_dir / "index.json"
    enough = index.exists() and len(json.loads(index.read_text(encoding="utf-8"))) >= extra
    if not proposals.exists() or not enough or regenerate:
        print(f"generating {n:,} proposals → {proposals}", file=sys.stderr, flush=True)
        sampler = RssSampler()
        sampler.start()
        info["generate_s"] = timed(
            [sys.executable, str(HERE / "generate.py"), "--proposals", str(n), "--out",
             str(proposals), "--store", str(guide_store), "--extra", str(extra),
             "--extra-dir", str(new_dir)], log=logs / "generate.log", sampler=sampler)
        sampler.close()
        info["generate_peak_rss_bytes"] = sampler.peaks.get("idle", 0)
    else:
        info["generate_s"] = None
        info["reused"] = True
    info.update(guide=str(guide), proposals=str(proposals),
                proposals_bytes=proposals.stat().st_size,
                guide_quads=sum(1 for _ in guide.open("rb")),
                new=json.loads((new_dir / "index.json").read_text(encoding="utf-8")),
                new_dir=str(new_dir))
    return info


# -- measuring one system ---------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    """The p-th percentile, nearest rank (p95 of 5 samples is their maximum)."""
    ordered = sorted(values)
    k = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[k]


def timed_ask(system: System, q: Query, timeout: float) -> tuple[int, bytes, str, float]:
    t0 = time.perf_counter()
    status, body, ctype = system.ask(q.text, q.accept, timeout=timeout)
    return status, body, ctype, time.perf_counter() - t0


def throughput(system: System, queries: list[Query], clients: int, *, duration_s: float,
               timeout: float, max_passes: int | None = None) -> dict[str, Any]:
    """Queries per second with `clients` concurrent clients, each running the whole list in
    its own shuffled order, pass after pass, until `duration_s` has passed (whole passes)."""
    url = system.query_url
    t0 = time.perf_counter()

    def client(k: int) -> tuple[int, int, int]:
        rng = random.Random(k)
        done = errors = passes = 0
        # A server that answers one query at a time makes each client wait for the others.
        with httpx.Client(timeout=httpx.Timeout(timeout * clients, connect=10.0)) as http:
            while True:
                order = list(queries)
                rng.shuffle(order)
                for q in order:
                    try:
                        r = http.post(url, **system.query_request(q.text, q.accept))
                        ok = r.status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    done += ok
                    errors += not ok
                passes += 1
                if time.perf_counter() - t0 >= duration_s or (max_passes and passes >= max_passes):
                    return done, errors, passes

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - t0
    done = sum(r[0] for r in results)
    return {"clients": clients, "queries": done, "errors": sum(r[1] for r in results),
            "passes": sum(r[2] for r in results), "seconds": round(elapsed, 3),
            "qps": done / elapsed if elapsed else 0.0, "mix_size": len(queries)}


def measure(name: str, ws: Workspace, mix: list[Query], opts: Options, data: dict[str, Any],
            *, subset: list[str] | None) -> tuple[dict[str, Any], dict[str, Answer]]:
    slow = name == "rdflib-endpoint"
    timeout = opts.rdflib_query_timeout_s if slow else opts.query_timeout_s
    reps = opts.rdflib_reps if slow else opts.reps
    budget = Budget(opts.rdflib_budget_s if slow else None)
    sampler = RssSampler(limit_bytes=opts.max_rss_bytes)
    sampler.start()
    system = SYSTEMS[name](ws, sampler)
    out: dict[str, Any] = {
        "name": name, "label": system.label, "query_timeout_s": timeout, "reps": reps,
        "budget_s": budget.seconds, "timings": {}, "queries": {}, "throughput": {},
        "errors": [], "notes": system.notes, "loadavg_before": os.getloadavg()}
    answers: dict[str, Answer] = {}
    print(f"\n== {system.label}", file=sys.stderr, flush=True)
    try:
        out["timings"] = system.prepare()
        print(f"   loaded: {_fmt_timings(out['timings'])}", file=sys.stderr, flush=True)

        # Every query once: answers to compare, and the first (cold) latency.
        sampler.phase = "queries"
        for q in mix:
            if budget.spent():
                out["queries"][q.name] = {"status": "skipped: time budget spent"}
                continue
            try:
                status, body, ctype, secs = timed_ask(system, q, timeout)
            except httpx.TimeoutException:
                out["queries"][q.name] = {"status": f"timeout after {timeout:g} s"}
                print(f"   {q.name}: TIMEOUT after {timeout:g} s", file=sys.stderr, flush=True)
                if slow:  # it still computes on its event loop: start it again, reloading
                    if budget.left() < out["timings"].get("load_s", 0) * 1.2:
                        out["errors"].append("time budget too short to reload after a timeout")
                        break
                    sampler.phase = "reload"
                    out["timings"].setdefault("reloads_s", []).append(system.restart())
                    sampler.phase = "queries"
                continue
            entry: dict[str, Any] = {"first_s": secs}
            if status != 200:
                entry["status"] = f"HTTP {status}: {body[:200].decode(errors='replace')}"
            else:
                try:
                    answers[q.name] = normalise(q, body, ctype)
                    entry["status"] = "ok"
                    entry["size"] = answers[q.name].size
                    if answers[q.name].note:
                        entry["note"] = answers[q.name].note
                except (ValueError, SyntaxError) as e:
                    entry["status"] = f"unreadable answer ({ctype}): {str(e)[:160]}"
            out["queries"][q.name] = entry
        answered = [q for q in mix if q.name in answers]
        print(f"   answered {len(answered)} of {len(mix)} queries", file=sys.stderr, flush=True)

        # Latency: each answered query `reps` more times, one after the other.
        for q in list(answered):
            entry = out["queries"][q.name]
            times = []
            for _ in range(reps):
                if budget.left() < 2 * entry["first_s"]:
                    break
                try:
                    status, _, _, secs = timed_ask(system, q, timeout)
                except httpx.TimeoutException:
                    # Answered once, but not again in time: too close to the limit to time
                    # throughput with; rdflib-endpoint is still busy with it, so restart it.
                    entry["status"] = f"ok once, then timeout after {timeout:g} s"
                    answered.remove(q)
                    if slow:
                        sampler.phase = "reload"
                        out["timings"].setdefault("reloads_s", []).append(system.restart())
                        sampler.phase = "queries"
                    break
                if status == 200:
                    times.append(secs)
            entry["times_s"] = times
            if times:
                entry["p50_s"] = pct(times, 50)
                entry["p95_s"] = pct(times, 95)

        # Throughput of the whole mix (what this system answered), at 1 and 4 clients, and
        # on the subset rdflib-endpoint answered when that is smaller.
        sampler.phase = "throughput"
        sets = {"mix": answered}
        if subset is not None and len(subset) < len(mix):
            sets["rdflib_subset"] = [q for q in answered if q.name in subset]
        for key, queries in sets.items():
            if not queries:
                continue
            for clients in opts.clients:
                one_pass = sum(out["queries"][q.name].get("p50_s", timeout) for q in queries)
                if budget.left() < one_pass * clients * 1.5:
                    out["throughput"][f"{key}@{clients}"] = {"skipped": "time budget spent"}
                    continue
                out["throughput"][f"{key}@{clients}"] = throughput(
                    system, queries, clients, duration_s=0 if slow else opts.duration_s,
                    timeout=timeout, max_passes=1 if slow else None)
                t = out["throughput"][f"{key}@{clients}"]
                print(f"   throughput {key} @{clients}: {t['qps']:.2f} q/s "
                      f"({t['queries']} queries, {t['errors']} errors)", file=sys.stderr,
                      flush=True)
        out["complete_mix"] = len(answered) == len(mix)
        out["throughput_queries"] = [q.name for q in answered]

        if system.supports_restart:
            sampler.phase = "restart"
            out["timings"]["restart_s"] = system.restart()
            print(f"   restart → first answer {out['timings']['restart_s']:.2f} s",
                  file=sys.stderr, flush=True)
        if system.supports_put:
            sampler.phase = "put"
            out["puts"] = store_one(system, data, opts)
    except Exception as e:  # a benchmark reports what broke, then measures the next system
        out["errors"].append(f"{type(e).__name__}: {e}")
        print(f"   ERROR: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
    finally:
        system.close()
        sampler.close()
        sampler.join(timeout=2)
        out["rss_peak_bytes"] = dict(sampler.peaks)
        if sampler.over_limit:
            out["errors"].append(f"RSS limit: {sampler.over_limit}")
        out["loadavg_after"] = os.getloadavg()
    return out, answers


def store_one(system: System, data: dict[str, Any], opts: Options) -> list[dict[str, Any]]:
    """PUT the next proposals, one at a time, each followed at once by a query for it."""
    out = []
    budget = Budget(opts.put_timeout_s)
    for item in data["new"][: opts.puts]:
        if budget.spent():
            break
        body = (Path(data["new_dir"]) / item["file"]).read_bytes()
        try:
            status, secs, text = system.put(item["graph"], body, timeout=opts.put_timeout_s)
        except httpx.TimeoutException:
            out.append({"proposal": item["proposal"], "status": "timeout",
                        "put_s": opts.put_timeout_s})
            break
        probe = (f"ASK {{ GRAPH <{item['graph']}> {{ <{item['proposal']}> a <{CK}Proposal> }} "
                 f"<{item['proposal']}> <{CK}direction> ?d }}")
        t0 = time.perf_counter()
        seen_status, seen_body, _ = system.ask(probe, "application/sparql-results+json",
                                               timeout=opts.put_timeout_s)
        seen_s = time.perf_counter() - t0
        visible = seen_status == 200 and json.loads(seen_body).get("boolean") is True
        out.append({"proposal": item["proposal"], "direction": item["direction"],
                    "status": status, "put_s": secs, "next_query_s": seen_s,
                    "visible": visible, **({"body": text} if status >= 300 else {})})
        print(f"   PUT one proposal ({item['direction']}): HTTP {status} in {secs * 1000:.0f} ms;"
              f" next query {'sees' if visible else 'does NOT see'} it ({seen_s * 1000:.0f} ms)",
              file=sys.stderr, flush=True)
    return out


# -- comparing answers --------------------------------------------------------------------------

def agreement(mix: list[Query], answers: dict[str, dict[str, Answer]], guide: Path
              ) -> list[dict[str, str]]:
    """Every query's answer on every system against the reference (Oxigraph on disk when it
    answered, else the first system that did)."""
    store = ox.Store()
    store.load(path=str(guide), format=ox.RdfFormat.N_QUADS)
    problems = []
    order = ["oxigraph-disk", "oxigraph-mem", "coopkg", "rdflib-endpoint"]
    for q in mix:
        have = [s for s in order if q.name in answers.get(s, {})]
        if not have:
            continue
        ref_name = have[0]
        reference = answers[ref_name][q.name]
        expected = None
        if q.form == "DESCRIBE":
            target = describe_target(q)
            expected = own_triples(store, target) if target else set()
        for s in have:
            if s == ref_name and q.form != "DESCRIBE":
                continue
            diff = compare(q, reference, answers[s][q.name], expected)
            if diff:
                problems.append({"query": q.name, "system": s, "reference": ref_name,
                                 "difference": diff})
    return problems


# -- reporting ----------------------------------------------------------------------------------

def _fmt_timings(t: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.2f} s" for k, v in t.items() if isinstance(v, float))


def _ms(x: float | None) -> str:
    return "–" if x is None else (f"{x * 1000:.1f}" if x < 10 else f"{x * 1000:,.0f}")


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _mib(x: int | None) -> str:
    return "–" if not x else f"{x / 2**20:,.0f}"


def _qps(t: dict[str, Any] | None) -> float | None:
    return t.get("qps") if t and "qps" in t else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _serving_peak(r: dict[str, Any]) -> int:
    peaks = r.get("rss_peak_bytes", {})
    return max(peaks.get(p, 0) for p in ("start", "queries", "throughput", "restart"))


# (system, baseline): coopkg against each other system, coopkg in front of a remote store
# against that store's own server, and Virtuoso against Oxigraph on disk.
PAIRS = [("coopkg", "oxigraph-disk"), ("coopkg", "oxigraph-mem"),
         ("coopkg", "rdflib-endpoint"), ("coopkg-oxigraph", "oxigraph-disk"),
         ("coopkg-virtuoso", "virtuoso"), ("virtuoso", "oxigraph-disk")]


def pair_key(mine: str, other: str) -> str:
    """How a ratio is keyed in the report (coopkg's own by the other system alone, as
    earlier reports have them)."""
    return other if mine == "coopkg" else f"{mine} ÷ {other}"


def ratios(report: dict[str, Any]) -> dict[str, Any]:
    by = {r["name"]: r for r in report["systems"]}
    out: dict[str, Any] = {}
    for mine, other in PAIRS:
        c, o = by.get(mine), by.get(other)
        if c is None or o is None:
            continue
        row: dict[str, Any] = {}
        # Throughput on the same queries: the whole mix when both answered all of it; against
        # rdflib-endpoint when it did not, the queries it answered (coopkg ran those too).
        if c.get("complete_mix") and o.get("complete_mix"):
            mine_key, theirs_key, row["throughput_on"] = "mix", "mix", "whole mix"
        elif other == "rdflib-endpoint":
            mine_key, theirs_key = "rdflib_subset", "mix"
            row["throughput_on"] = "the queries rdflib-endpoint answered"
        else:
            mine_key = theirs_key = ""
            row["throughput_on"] = "not comparable: a system did not answer the whole mix"
        for clients in (1, 4):
            row[f"throughput@{clients}"] = _ratio(
                _qps(c["throughput"].get(f"{mine_key}@{clients}")),
                _qps(o["throughput"].get(f"{theirs_key}@{clients}")))
        common = [q for q, e in c["queries"].items()
                  if "p50_s" in e and "p50_s" in o["queries"].get(q, {})]
        if common:
            row["p50_geomean"] = math.exp(statistics.fmean(
                math.log(c["queries"][q]["p50_s"] / o["queries"][q]["p50_s"]) for q in common))
            row["p50_queries"] = len(common)
        ct, ot = c.get("timings", {}), o.get("timings", {})
        ready = ("build_s", "load_s", "optimize_s", "start_s", "backing_load_s")
        row["ready"] = _ratio(sum(v for k, v in ct.items() if k in ready),
                              sum(v for k, v in ot.items() if k in ready))
        row["rss"] = _ratio(_serving_peak(c), _serving_peak(o))
        out[pair_key(mine, other)] = row
    return out


def markdown(report: dict[str, Any]) -> str:
    n = report["proposals"]
    systems = report["systems"]
    lines = [f"### {n:,} stored proposals ({report['data']['quads_total']:,} quads)", ""]
    m = report["machine"]
    lines += [f"{m['cpus']} CPUs, {m['memory_gib']:.0f} GiB, {m['platform']}; load average "
              f"before the run {m['loadavg'][0]:.2f}; {report['started']}; coopkg "
              f"{report['coopkg_commit']}", ""]
    lines += ["| system | load (s) | start → first answer (s) | restart → first answer (s) | "
              "queries answered | throughput 1 client (q/s) | throughput 4 clients (q/s) | "
              "peak RSS serving (MiB) | peak RSS loading (MiB) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in systems:
        t = r.get("timings", {})
        parts = {k: v for k, v in t.items()
                 if k in ("build_s", "load_s", "optimize_s", "backing_load_s")}
        load = sum(parts.values())
        answered = sum(1 for e in r["queries"].values() if e.get("status") == "ok")
        peaks = r.get("rss_peak_bytes", {})
        loading = max(peaks.get("build", 0), peaks.get("load", 0))
        lines.append(
            f"| {r['label']} | {_s(load) if t else '–'}"
            + (" (" + " + ".join(f"{k[:-2]} {_s(v)}" for k, v in parts.items()) + ")"
               if len(parts) > 1 else "")
            + f" | {_s(t.get('start_s'))} | {_s(t.get('restart_s'))} | {answered} / "
            f"{len(r['queries'])} | {_fmt_qps(r, 1)} | {_fmt_qps(r, 4)} | "
            f"{_mib(_serving_peak(r))} | {_mib(loading)} |")
    notes = [f"- {r['label']}: " + "; ".join(r["notes"] + r["errors"])
             for r in systems if r["notes"] or r["errors"]]
    if all("loadavg_before" in r for r in systems):
        notes.append("- 1-minute load average when each system started → when it ended (a "
                     "figure far above the CPU count means other work shared the machine, "
                     "and ratios between systems measured at different loads mislead): "
                     + "; ".join(f"{r['name']} {r['loadavg_before'][0]:.1f} → "
                                 f"{r['loadavg_after'][0]:.1f}" for r in systems))
    if any(r["name"] == "rdflib-endpoint" for r in systems):
        notes.append("- rdflib-endpoint: load is from starting its process to its first "
                     "answer (it parses the files at start).")
    notes += [f"- {r['label']}, {q}: {e['note']}" for r in systems
              for q, e in r["queries"].items() if e.get("note")]
    slow = [r for r in systems if r["name"] == "rdflib-endpoint"]
    if slow:
        r = slow[0]
        notes.append(f"- rdflib-endpoint ran with a {r['budget_s']:g} s budget, a "
                     f"{r['query_timeout_s']:g} s timeout per query (a timed-out server is "
                     f"restarted, reloading its data), {r['reps']} repetitions per query and "
                     "one pass of the mix per client for throughput.")
    lines += ["", *notes, ""]

    # per-query latency
    names = report["mix"]
    head = " | ".join(f"{r['name']} p50 / p95 (ms)" for r in systems)
    lines += [f"| query | {head} |", "|---|" + "---:|" * len(systems)]
    for q in names:
        cells = []
        for r in systems:
            e = r["queries"].get(q, {})
            if "p50_s" in e:
                cells.append(f"{_ms(e['p50_s'])} / {_ms(e['p95_s'])}")
            elif e.get("status", "").startswith("ok once"):
                cells.append(f"{_ms(e.get('first_s'))} once, then timeout")
            elif e.get("status", "ok") != "ok":
                cells.append(e["status"].split(":")[0][:24])
            else:
                cells.append(f"{_ms(e.get('first_s'))} (once)")
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    lines.append("")

    # store one proposal
    put_rows = [(r, p) for r in systems for p in r.get("puts", [])]
    if put_rows:
        lines += ["| system | proposal (direction) | PUT status | PUT (ms) | next query (ms) | "
                  "next query sees it |", "|---|---|---:|---:|---:|---|"]
        for r, p in put_rows:
            lines.append(f"| {r['name']} | {p['proposal'].rsplit(':', 1)[-1]} "
                         f"({p.get('direction', '')}) | {p['status']} | {_ms(p['put_s'])} | "
                         f"{_ms(p.get('next_query_s'))} | "
                         f"{'yes' if p.get('visible') else 'no'} |")
        lines.append("")

    # answers
    dis = report["disagreements"]
    if dis:
        lines += [f"**{len(dis)} DISAGREEMENTS between systems:**", ""]
        lines += [f"- {d['query']} on {d['system']} (against {d['reference']}): "
                  f"{d['difference']}" for d in dis]
    else:
        lines += ["Answers: every query answered by more than one system gave the same "
                  "result on each (DESCRIBE: non-empty and holding the direction's own "
                  "triples)."]
    lines.append("")

    # ratios and targets
    rs = report["ratios"]
    if rs:
        lines += ["Ratios system ÷ baseline (coopkg's own: coopkg ÷ the system named): "
                  "throughput above 1 means the system answers more queries per second; "
                  "latency, load → ready and RSS above 1 mean it takes longer or holds more. "
                  "coopkg in front of a remote store is compared with that store's own "
                  "server; its RSS counts both.", "",
                  "| system ÷ baseline | throughput 1 client | throughput 4 clients | "
                  "measured on | p50 latency (geometric mean over queries) | load → ready | "
                  "peak RSS serving |",
                  "|---|---:|---:|---|---:|---:|---:|"]
        for other, row in rs.items():
            lines.append(f"| {other} | {_x(row.get('throughput@1'))} | "
                         f"{_x(row.get('throughput@4'))} | {row.get('throughput_on', '')} | "
                         f"{_x(row.get('p50_geomean'))} over {row.get('p50_queries', 0)} "
                         f"queries | {_x(row.get('ready'))} | {_x(row.get('rss'))} |")
        lines.append("")
    lines += targets(report)
    return "\n".join(lines) + "\n"


def _x(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}×"


def _fmt_qps(r: dict[str, Any], clients: int) -> str:
    t = r["throughput"].get(f"mix@{clients}")
    if not t:
        return "–"
    if "skipped" in t:
        return "skipped (budget)"
    mark = "" if r.get("complete_mix") else f" ({t['mix_size']} queries)"
    return f"{t['qps']:.2f}{mark}"


def targets(report: dict[str, Any]) -> list[str]:
    by = {r["name"]: r for r in report["systems"]}
    c = by.get("coopkg")
    if c is None:
        return []
    rs = report["ratios"]
    n = report["proposals"]
    rows = []

    def verdict(value: float | None, target: float, *, at_least: bool) -> str:
        if value is None:
            return "not measured"
        ok = value >= target if at_least else value <= target
        if ok:
            return "met"
        return (f"missed by {(target / value if at_least else value / target):.1f}×"
                if value else "missed")

    for clients in (1, 4):
        v = rs.get("oxigraph-disk", {}).get(f"throughput@{clients}")
        rows.append((f"throughput, {clients} client{'s' if clients > 1 else ''}, ≥ 0.8 × "
                     "Oxigraph server on disk (20k, 100k)", _x(v),
                     verdict(v, TARGETS["throughput_vs_oxigraph_disk"], at_least=True)))
    for clients in (1, 4):
        v = rs.get("rdflib-endpoint", {}).get(f"throughput@{clients}")
        rows.append((f"throughput, {clients} client{'s' if clients > 1 else ''}, ≥ 25 × "
                     "rdflib-endpoint (20k, 100k)", _x(v),
                     verdict(v, TARGETS["throughput_vs_rdflib"], at_least=True)))
    for pair, what in (("coopkg-oxigraph ÷ oxigraph-disk", "an Oxigraph server"),
                       ("coopkg-virtuoso ÷ virtuoso", "Virtuoso")):
        for clients in (1, 4):
            v = rs.get(pair, {}).get(f"throughput@{clients}")
            if v is not None:
                rows.append((f"on a remote store, throughput, {clients} client"
                             f"{'s' if clients > 1 else ''}, ≥ 0.8 × {what}'s own", _x(v),
                             verdict(v, TARGETS["throughput_vs_remote"], at_least=True)))
    restart = c.get("timings", {}).get("restart_s")
    rows.append(("restart: first answer ≤ 3 s", f"{_s(restart)} s",
                 verdict(restart, TARGETS["restart_s"], at_least=False)))
    peak = _serving_peak(c)
    put_peak = c.get("rss_peak_bytes", {}).get("put", 0)
    rows.append(("whole process tree ≤ 1 GiB RSS (100k), serving queries",
                 f"{peak / GIB:.2f} GiB" if peak else "–",
                 verdict(peak / GIB if peak else None, 1.0, at_least=False)))
    rows.append(("… and while storing one proposal", f"{put_peak / GIB:.2f} GiB" if put_peak
                 else "–", verdict(put_peak / GIB if put_peak else None, 1.0, at_least=False)))
    puts = [p for p in c.get("puts", []) if isinstance(p.get("status"), int)]
    if puts:
        # The first after a start may wait for the shapes being read; the rest show what a
        # write costs. Both are reported, each against the target.
        times = [p["put_s"] for p in puts]
        middle = pct(times[1:] or times, 50)
        ok = all(p["status"] in (200, 201, 204) for p in puts)
        rows.append((f"storing one proposal ≤ 100 ms (100k), median of {len(times[1:]) or 1}",
                     f"{_ms(middle)} ms" + ("" if ok else " (refused)"),
                     verdict(middle, TARGETS["put_s"], at_least=False)))
        rows.append(("… the slowest, and the first after a start",
                     f"{_ms(max(times))} ms, {_ms(times[0])} ms",
                     verdict(max(times), TARGETS["put_s"], at_least=False)))
        seen = all(p.get("visible") for p in puts)
        rows.append(("… visible to the next query", "yes" if seen else "NO",
                     "met" if seen else "missed"))
    else:
        failed = c.get("puts")
        rows.append(("storing one proposal ≤ 100 ms (100k)",
                     failed[0]["status"] if failed else "not measured", "missed" if failed
                     else "not measured"))
    out = [f"Targets (measured at {n:,} proposals; a target names the sizes it is set for):",
           "", "| target | coopkg | |", "|---|---:|---|"]
    out += [f"| {a} | {b} | {v} |" for a, b, v in rows]
    return [*out, ""]


# -- main ---------------------------------------------------------------------------------------

def coopkg_commit() -> str:
    try:
        r = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, check=True)
        branch = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--abbrev-ref", "HEAD"],
                                capture_output=True, text=True, check=True)
        return f"{branch.stdout.strip()} {r.stdout.strip()}"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[1:]))
    ap.add_argument("--proposals", type=int, default=1000)
    ap.add_argument("--workdir", type=Path,
                    help="data and stores (default .coopkg/bench/<N> in the checkout)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help="comma-separated, of: " + ", ".join(SYSTEMS))
    ap.add_argument("--reps", type=int, default=5, help="timed repetitions per query")
    ap.add_argument("--duration-s", type=float, default=20.0,
                    help="how long each throughput measurement runs (whole passes)")
    ap.add_argument("--clients", default="1,4",
                    help="the throughput runs, by number of concurrent clients (none: '')")
    ap.add_argument("--query-timeout-s", type=float, default=300.0)
    ap.add_argument("--rdflib-reps", type=int, default=2)
    ap.add_argument("--rdflib-query-timeout-s", type=float, default=120.0)
    ap.add_argument("--rdflib-budget-s", type=float, default=3600.0,
                    help="time allowed for rdflib-endpoint's whole run, loading included")
    ap.add_argument("--puts", type=int, default=12, help="proposals stored one by one")
    ap.add_argument("--put-timeout-s", type=float, default=1800.0)
    ap.add_argument("--max-rss-gib", type=float, default=16.0,
                    help="stop a system whose process tree grows past this")
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--out", type=Path, help="JSON report (default bench/results/stores-N.json)")
    ap.add_argument("--render", type=Path, metavar="JSON",
                    help="print the tables of an earlier report and exit")
    args = ap.parse_args()

    # Ended with SIGTERM, the run still stops the servers it started (through `finally`).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.render:
        print(markdown(json.loads(args.render.read_text(encoding="utf-8"))))
        return 0
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in names if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system {unknown[0]!r}")
    names = [s for s in SYSTEMS if s in names]
    n = args.proposals
    root = (args.workdir or REPO / ".coopkg" / "bench" / str(n)).resolve()
    opts = Options(reps=args.reps, rdflib_reps=args.rdflib_reps, duration_s=args.duration_s,
                   query_timeout_s=args.query_timeout_s,
                   rdflib_query_timeout_s=args.rdflib_query_timeout_s,
                   rdflib_budget_s=args.rdflib_budget_s, puts=args.puts,
                   put_timeout_s=args.put_timeout_s,
                   max_rss_bytes=int(args.max_rss_gib * GIB),
                   clients=tuple(int(c) for c in args.clients.split(",") if c.strip()))
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    data = prepare_data(root, n, regenerate=args.regenerate, extra=max(args.puts, 1))
    ws = Workspace(root=root, guide=Path(data["guide"]), proposals=Path(data["proposals"]),
                   query_timeout_s=opts.query_timeout_s)
    mix = load_mix()
    report: dict[str, Any] = {
        "proposals": n, "started": started, "coopkg_commit": coopkg_commit(),
        "machine": {"cpus": os.cpu_count(), "memory_gib": psutil.virtual_memory().total / GIB,
                    "platform": f"{platform.system()} {platform.machine()}, Python "
                                f"{platform.python_version()}", "loadavg": os.getloadavg()},
        "options": vars(opts), "data": data, "mix": [q.name for q in mix],
        "systems": [], "targets": TARGETS}
    all_answers: dict[str, dict[str, Answer]] = {}
    subset: list[str] | None = None
    for name in names:
        result, answers = measure(name, ws, mix, opts, data, subset=subset)
        report["systems"].append(result)
        all_answers[name] = answers
        if name == "rdflib-endpoint":
            subset = result.get("throughput_queries", list(answers))
    report["data"]["quads_total"] = _quads(ws)
    report["disagreements"] = agreement(mix, all_answers, ws.guide)
    report["ratios"] = ratios(report)
    out = args.out or HERE / "results" / f"stores-{n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    text = markdown(report)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    if report["disagreements"]:
        print(f"!!! {len(report['disagreements'])} DISAGREEMENT(S) between systems: see above "
              "!!!", file=sys.stderr)
    print(f"wrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    return 0


def _quads(ws: Workspace) -> int:
    import gzip

    with gzip.open(ws.proposals, "rb") as f:
        proposals = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return proposals + sum(1 for _ in ws.guide.open("rb"))


if __name__ == "__main__":
    sys.exit(main())
