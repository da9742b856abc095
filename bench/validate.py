"""Benchmark: validating generated proposals, batched by direction, against a baseline.

    python bench/validate.py [--proposals 1000] [--baseline 40] [--store DIR]

Generates proposals spread over all directions of the bundled guide (fixed seed), then
times two ways of validating them, side by side on this machine:

- coopkg: `Validator.validate(all proposals)` — one pySHACL run per direction, each with
  the common shapes plus that direction's shapes;
- baseline: a plain `pyshacl.validate(proposal, shacl_graph=<all shapes>)` per proposal,
  with the standalone shapes graph (every direction's shapes, SPARQL-targeted), run on the
  first `--baseline` proposals only, because it is slow; its rate is per proposal, so the
  two rates compare directly.

Prints proposals per second for both and their ratio. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import pyshacl

from coopkg.graph.locate import open_store
from coopkg.pipeline import build
from coopkg.shapes import load_validator
from coopkg.shapes.proposals import parse_proposals

TYPES = ["enterprise", "university", "research_institute", "hospital"]


def _members(validator, code):
    kg_partner = []
    for node in validator.shapes.by_direction[code].objects(None, None):
        s = str(node)
        if s.startswith("https://w3id.org/coopkg/partner/") and not s.endswith("/CN"):
            kg_partner.append(s.rsplit("/", 1)[-1])
    return sorted(set(kg_partner)) or ["DE"]


def generate(validator, n: int, seed: int = 2021) -> list[dict]:
    rng = random.Random(seed)
    codes = list(validator.shapes.directions)
    out = []
    for i in range(n):
        code = codes[i % len(codes)]
        partners = _members(validator, code)
        participants = [{"id": f"urn:bench:org:{i}:1", "country": "CN",
                         "type": rng.choice(TYPES), "role": "lead",
                         "governmentFunding": {"amount": 2_000_000, "currency": "CNY"},
                         "matchingFunds": {"amount": rng.choice([1_000_000, 2_000_000]),
                                           "currency": "CNY"}}]
        for j in range(rng.randint(1, 3)):
            participants.append({"country": rng.choice(partners), "type": rng.choice(TYPES),
                                 "role": "partner_lead" if j == 0 else "participant",
                                 "registeredOn": f"{rng.randint(1990, 2020)}-01-01",
                                 "legalEntity": rng.random() < 0.9})
        if rng.random() < 0.5:
            participants.append({"country": "CN", "type": rng.choice(TYPES)})
        start_year = 2021
        proposal = {
            "id": f"urn:bench:proposal:{i}", "direction": code,
            "startDate": f"{start_year}-07-01",
            "endDate": f"{start_year + rng.randint(1, 4)}-06-30",
            "requestedFunding": {"amount": rng.randint(5, 90) * 100_000, "currency": "CNY"},
            "participants": participants,
            "documents": [{"type": t} for t in rng.sample(
                ["partner_submission", "ip_agreement", "cooperation_agreement",
                 "english_application", "government_endorsement", "joint_lab_plan"],
                rng.randint(0, 4))],
        }
        if code == "3.9":
            proposal["subdirection"] = rng.randint(1, 16)
        if code == "2.7":
            proposal["h2020"] = {"callYear": rng.choice([2017, 2018, 2019, 2020]),
                                 "projectId": str(870000 + rng.randint(0, n)),
                                 "chineseParticipantListed": rng.random() < 0.9}
        out.append(proposal)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--proposals", type=int, default=1000)
    ap.add_argument("--baseline", type=int, default=40)
    ap.add_argument("--store", type=Path)
    args = ap.parse_args()

    store_dir = args.store or Path(tempfile.mkdtemp(prefix="coopkg-bench-"))
    store = open_store(store_dir)
    if store.size() == 0:
        build(store)
    validator = load_validator(store, "2021-1")
    docs = generate(validator, args.proposals)
    t0 = time.perf_counter()
    proposals = parse_proposals(json.dumps(docs, ensure_ascii=False), source="bench",
                                guide=validator.guide_id)
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = validator.validate(proposals, workers=os.cpu_count() or 1)
    t_ours = time.perf_counter() - t0
    violations = sum(not r.conforms for r in results)

    shapes = validator.shapes.standalone()
    sample = proposals[: args.baseline]
    t0 = time.perf_counter()
    for p in sample:
        pyshacl.validate(p.graph, shacl_graph=shapes, advanced=True, inference="none",
                         allow_infos=True, allow_warnings=True)
    t_base = time.perf_counter() - t0

    ours_rate = len(proposals) / t_ours
    base_rate = len(sample) / t_base
    print(f"proposals generated: {len(proposals)} over {len(validator.shapes.directions)} "
          f"directions ({violations} with a violation); reading took {t_read:.2f} s")
    print(f"coopkg   batched by direction: {len(proposals)} in {t_ours:.2f} s = "
          f"{ours_rate:,.0f} proposals/s")
    print(f"baseline pyshacl.validate one by one, all shapes: {len(sample)} in {t_base:.2f} s "
          f"= {base_rate:,.1f} proposals/s")
    print(f"ratio coopkg / baseline: {ours_rate / base_rate:,.1f}×")
    print(f"reading + validating: {len(proposals) / (t_ours + t_read):,.0f} proposals/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
