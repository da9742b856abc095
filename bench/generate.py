"""Generate stored proposals for the store benchmark: gzip N-Quads, one named graph each.

    python bench/generate.py --proposals 20000 --out proposals-20000.nq.gz [--check]

Proposals are written in the project's own JSON form (docs/proposals.md) and turned into
RDF by the project's own reader (`coopkg.shapes.proposals.parse_proposals`), so they hold
exactly the triples `coopkg validate` and the Graph Store would hold, derived months and
yuan included. Each lands in the named graph `https://w3id.org/coopkg/graph/proposal/<id>`.

What is generated, from the bundled guide as the store holds it (not from a copy of it):
- every one of the 29 directions, the first 29 proposals one each, then in proportion to
  the number of projects a direction funds;
- a Chinese lead and 0–2 more Chinese participants, a foreign lead for each partner side
  and 0–2 more foreign participants, from countries that fit the direction (the partner
  itself; EU member states for 2.7, Arab states for 2.5, GEO members for 3.9, Belgium and
  South Africa for 3.0), with names in Chinese or English (bench/participants.py);
- types, roles, ownership, SME flags, funding and matching funds, periods, documents,
  Horizon 2020 data and clinical limits as the direction's requirement kinds ask, so the
  proposals conform (`--check` runs the project's validator over them and says how many do);
- research fields named by their zh (mostly) or en name, at any level of the direction's
  field tree, and a Chinese title made from one of them.

Deterministic: proposal i depends only on the seed and i (so the first 1,000 of a 20,000 run
are the 1,000 run), blank nodes are labelled per proposal, lines are sorted within each
graph and the gzip header carries no time. Memory stays bounded: proposals are read and
written a chunk at a time.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from participants import CN, FOREIGN, chinese_enterprise, foreign_name

from coopkg.graph.locate import open_store
from coopkg.graph.store import Store
from coopkg.loaders.reference import partners
from coopkg.pipeline import build, proposal_graph
from coopkg.shapes import load_validator
from coopkg.shapes.proposals import Proposal, parse_proposals
from coopkg.vocab import BASE, DOC_TYPE

__all__ = ["Direction", "Generator", "guide_directions", "nquads", "ntriples",
           "write_extra", "write_nquads"]

SEED = 2021
GUIDE = "2021-1"
CHUNK = 500
PROPOSAL_PREFIX = "urn:coopkg:proposal:bench-"

_Q_DIRECTIONS = """
PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?code ?budget ?projects ?min_years ?max_years
       (GROUP_CONCAT(DISTINCT ?partner; separator=" ") AS ?partners)
WHERE {
  ?d a ck:Direction ; ck:code ?code ; ck:budget/ck:amount ?budget ; ck:partner ?p .
  ?p skos:notation ?partner .
  OPTIONAL { ?d ck:projectCount/ck:maxCount ?projects }
  OPTIONAL { ?d ck:guide/ck:typicalDuration ?typical }
  OPTIONAL { ?d ck:duration ?own }
  BIND(COALESCE(?own, ?typical) AS ?period)
  OPTIONAL { ?period ck:minYears ?min_years }
  OPTIONAL { ?period ck:maxYears ?max_years }
}
GROUP BY ?code ?budget ?projects ?min_years ?max_years
"""
_Q_KINDS = """
PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?code ?kind ?modality WHERE {
  ?d a ck:Direction ; ck:code ?code ; ck:requirement/ck:clause ?c .
  ?c ck:kind/skos:notation ?kind ; ck:modality/skos:notation ?modality .
}
"""
_Q_FIELDS = """
PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?code ?notation ?zh ?en WHERE {
  ?d a ck:Direction ; ck:code ?code ; ck:field ?top .
  ?f skos:broader* ?top ; skos:notation ?notation ; skos:prefLabel ?zh .
  FILTER(LANG(?zh) = "zh")
  OPTIONAL { ?f skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
}
ORDER BY ?code ?notation
"""
_Q_SUBDIRECTIONS = """
PREFIX ck: <https://w3id.org/coopkg/ontology#>
SELECT ?code (MAX(?n) AS ?count) WHERE {
  ?d a ck:Direction ; ck:code ?code ; ck:subDirection/ck:number ?n .
} GROUP BY ?code
"""

RESEARCH = ("university", "research_institute")
_MEDICAL = re.compile(r"医|健康|药|疫|病|抗生素|临床|卫生")


@dataclass
class Direction:
    """What the generator needs to know about one direction of the guide."""

    code: str
    budget: int
    projects: int
    min_years: int
    max_years: int
    partner: str  # the partner's notation: a country code, or EU / ARAB / GEO
    countries: list[str]  # countries a foreign participant may come from
    documents: list[str] = field(default_factory=list)  # document types its shapes ask for
    kinds: set[str] = field(default_factory=set)
    fields: list[tuple[str, str | None]] = field(default_factory=list)
    subdirections: int = 0

    @property
    def medical(self) -> bool:
        return any(_MEDICAL.search(zh) for zh, _ in self.fields)


def guide_directions(store: Store) -> dict[str, Direction]:
    """The directions of the bundled guide, read from a built store and its shapes."""
    validator = load_validator(store, GUIDE)
    allowed, documents = _from_shapes(validator)
    known = partners()
    out: dict[str, Direction] = {}
    for row in store.select(_Q_DIRECTIONS):
        code = row["code"].value
        notations = row["partners"].value.split()
        countries = [n for n in notations if n in known and known[n].kind == "country"]
        if len(countries) < len(notations):  # a group (EU, ARAB, GEO): its members
            countries = allowed.get(code) or countries
        out[code] = Direction(
            code=code, budget=int(float(row["budget"].value)),
            projects=int(row["projects"].value) if row.get("projects") else 1,
            min_years=int(row["min_years"].value) if row.get("min_years") else 1,
            max_years=int(row["max_years"].value) if row.get("max_years") else 3,
            partner=notations[0] if len(notations) == 1 else "+".join(notations),
            countries=sorted(set(countries)), documents=documents.get(code, []))
    for row in store.select(_Q_KINDS):
        out[row["code"].value].kinds.add(row["kind"].value)
    for row in store.select(_Q_FIELDS):
        out[row["code"].value].fields.append(
            (row["zh"].value, row["en"].value if row.get("en") else None))
    for row in store.select(_Q_SUBDIRECTIONS):
        out[row["code"].value].subdirections = int(row["count"].value)
    return dict(sorted(out.items(), key=lambda kv: tuple(int(x) for x in kv[0].split("."))))


def _from_shapes(validator: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What each direction's shapes name: the countries they accept as the partner (the
    members of a group), and the document types they ask for."""
    partner, doc = f"{BASE}partner/", str(DOC_TYPE)
    countries, documents = {}, {}
    for code, g in validator.shapes.by_direction.items():
        named = {str(o) for o in g.objects(None, None)}
        countries[code] = sorted(c for c in (s[len(partner):] for s in named
                                             if s.startswith(partner))
                                 if len(c) == 2 and c != "CN")
        documents[code] = sorted(s[len(doc):] for s in named if s.startswith(doc))
    return countries, documents


# EU partners weighted roughly by their share of Horizon 2020 participations.
_EU_WEIGHT = {"DE": 14, "FR": 11, "IT": 10, "ES": 10, "NL": 8, "BE": 6, "GB": 0, "SE": 4,
              "AT": 3, "DK": 3, "FI": 3, "PT": 3, "GR": 3, "IE": 2, "PL": 2}
_TITLES = ["{f}关键技术联合研究", "面向{f}的国际合作研究", "{f}联合研发与示范应用",
           "{f}领域新方法与新技术合作研究", "基于多源数据的{f}协同创新研究",
           "{f}核心技术攻关与联合实验验证"]
_RESEARCH_AREAS = ["生物多样性", "气候变化", "卫生"]


class Generator:
    """Proposal i of a benchmark dataset, as a JSON object of the project's proposal form."""

    def __init__(self, directions: dict[str, Direction], *, seed: int = SEED) -> None:
        self.directions = directions
        self.seed = seed
        self.codes = list(directions)
        weights = [max(d.projects, 1) for d in directions.values()]
        self._cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
        self._names = {p.code: p.name_en for p in partners().values()}

    def code_of(self, i: int, rng: random.Random) -> str:
        if i < len(self.codes):
            return self.codes[i]
        pick = rng.random() * self._cumulative[-1]
        return self.codes[bisect.bisect_right(self._cumulative, pick)]

    def proposal(self, i: int) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}:{i}")
        d = self.directions[self.code_of(i, rng)]
        pid = f"{PROPOSAL_PREFIX}{i:06d}"
        start = date(2021, rng.choice([7, 7, 7, 9, 10]), 1)
        months = 12 * rng.randint(max(d.min_years, 2), max(min(d.max_years, 3),
                                                            max(d.min_years, 2)))
        if d.min_years == d.max_years:
            months = 12 * d.max_years
        if "project-period" in d.kinds:  # 3.8: within 2021-2023
            start, months = date(2021, 7, 1), 24 if rng.random() < 0.5 else 30
        end = _add_months(start, months) - timedelta(days=1)
        requested = self._requested(d, rng)
        doc: dict[str, Any] = {
            "id": pid, "guide": GUIDE, "direction": d.code,
            "title": self._title(d, rng),
            "startDate": start.isoformat(), "endDate": end.isoformat(),
            "requestedFunding": {"amount": requested, "currency": "CNY"},
            "participants": self._participants(d, pid, requested, rng),
        }
        chosen = self._fields(d, rng)
        if chosen:
            doc["fields"] = chosen
        if "research-area-count" in d.kinds:
            doc["researchAreas"] = rng.sample(_RESEARCH_AREAS, rng.randint(2, 3))
        if d.subdirections:
            doc["subdirection"] = rng.randint(1, d.subdirections)
        docs = self._documents(d, rng)
        if docs:
            doc["documents"] = docs
        if "h2020-coapplication" in d.kinds:
            doc["h2020"] = {"callYear": rng.choice([2018, 2019, 2020]),
                            "projectId": str(870000 + i), "chineseParticipantListed": True}
        if {"no-new-patients", "no-clinical-research"} & d.kinds:
            doc["clinical"] = {"newPatientRecruitment": False,
                               "preclinicalOrClinical": "no-clinical-research" not in d.kinds
                               and rng.random() < 0.5}
        return doc

    # -- parts -----------------------------------------------------------------------
    def _requested(self, d: Direction, rng: random.Random) -> int:
        average = d.budget / max(d.projects, 1)
        amount = int(round(average * rng.uniform(0.5, 1.0), -4))
        return max(100_000, min(amount, d.budget))

    def _title(self, d: Direction, rng: random.Random) -> str:
        zh = rng.choice(d.fields)[0] if d.fields else "国际科技合作"
        zh = re.split(r"[（(，,、；;：:]", zh)[0][:24] or "国际科技合作"
        if zh == "领域不限":
            zh = rng.choice(["智能制造", "数字医疗", "现代农业", "清洁能源", "新材料"])
        return rng.choice(_TITLES).format(f=zh)

    def _fields(self, d: Direction, rng: random.Random) -> list[str]:
        if not d.fields:
            return []
        picked = rng.sample(d.fields, min(len(d.fields), rng.choice([1, 1, 2, 2, 3])))
        return [en if en and rng.random() < 0.2 else zh for zh, en in picked]

    def _documents(self, d: Direction, rng: random.Random) -> list[dict[str, str]]:
        types = list(d.documents)
        if not types and rng.random() < 0.4:  # not asked for, but often sent anyway
            types = [rng.choice(["partner_submission", "cooperation_agreement"])]
        return [{"type": t, "date": date(2021, rng.randint(2, 4), rng.randint(1, 28)).isoformat()}
                for t in types]

    def _participants(self, d: Direction, pid: str, requested: int,
                      rng: random.Random) -> list[dict[str, Any]]:
        kinds = d.kinds
        out: list[dict[str, Any]] = []
        # The Chinese side: a lead, then 0–2 more.
        if "lead-enterprise" in kinds and d.code != "3.3":  # 3.3: the Finnish side leads
            lead_type = "enterprise"
        elif {"lead-research-institution", "enterprise-not-lead"} & kinds:
            lead_type = rng.choice(RESEARCH)
        else:
            lead_type = self._cn_type(d, rng)
        cn_types = [lead_type] + [self._cn_type(d, rng) for _ in range(rng.choice([0, 1, 1, 2]))]
        if {"consortium-2plus2", "chinese-team-enterprise"} & kinds and "enterprise" not in \
                cn_types:
            cn_types.append("enterprise")
        if "consortium-2plus2" in kinds and not set(RESEARCH) & set(cn_types):
            cn_types.append(rng.choice(RESEARCH))
        for j, t in enumerate(cn_types):
            out.append(self._chinese(t, "lead" if j == 0 else "participant", requested, rng))
        # The foreign side(s): a lead for each partner country named, then 0–2 more.
        for country, kind, role in self._foreign_plan(d, rng):
            out.append(self._foreign(d, country, kind, role, rng))
        for k, p in enumerate(out, start=1):
            p["id"] = f"{pid}#participant-{k}"
        return out

    def _cn_type(self, d: Direction, rng: random.Random) -> str:
        choices = ["university"] * 5 + ["research_institute"] * 4 + ["enterprise"] * 2
        if d.medical:
            choices += ["hospital"] * 3
        if d.partner == "GEO":
            choices += ["government"]
        return rng.choice(choices)

    def _chinese(self, kind: str, role: str, requested: int,
                 rng: random.Random) -> dict[str, Any]:
        p: dict[str, Any] = {"country": "CN", "type": kind, "role": role}
        if kind == "enterprise":
            synthetic = rng.random() < 0.6
            p["name"] = chinese_enterprise(rng) if synthetic else rng.choice(CN["enterprise"])
            p["sme"] = synthetic and rng.random() < 0.7
            p["ownership"] = "private" if synthetic else rng.choice(["national", "private"])
            share = int(round(requested * rng.uniform(0.2, 0.5), -4))
            p["governmentFunding"] = {"amount": share, "currency": "CNY"}
            p["matchingFunds"] = {"amount": int(round(share * rng.uniform(1.0, 2.0), -4)),
                                  "currency": "CNY"}
        else:
            p["name"] = rng.choice(CN[kind])
            if kind in RESEARCH and rng.random() < 0.5:
                p["ownership"] = "national"
        return p

    def _foreign_plan(self, d: Direction, rng: random.Random) -> list[tuple[str, str, str]]:
        """(country, type, role) of each foreign participant."""
        kinds = d.kinds
        if d.partner == "EU":
            weights = [_EU_WEIGHT.get(c, 1) for c in d.countries]
            sides = [rng.choices(d.countries, weights)[0]]
        elif len(d.countries) > 1 and d.partner in ("ARAB", "GEO"):
            sides = [rng.choice(d.countries)]
        else:
            sides = list(d.countries)  # one country, or each of several (3.0: BE and ZA)
        plan: list[tuple[str, str, str]] = []
        for country in sides:
            if d.code == "1.6" or ("lead-enterprise" in kinds and d.code in ("1.9", "3.3")):
                lead = "enterprise"  # 1.6: Japanese enterprises only; 1.9, 3.3: foreign lead
            elif {"lead-research-institution", "enterprise-not-lead", "partner-type",
                  "established-cooperation"} & kinds:
                lead = rng.choice(RESEARCH)
            else:
                lead = self._foreign_type(d, rng)
            types = [lead] + [self._foreign_type(d, rng) for _ in range(rng.choice([0, 0, 1, 2]))]
            if "consortium-2plus2" in kinds:
                if "enterprise" not in types:
                    types.append("enterprise")
                if not set(RESEARCH) & set(types):
                    types.append(rng.choice(RESEARCH))
            if "partner-side-enterprise" in kinds and "enterprise" not in types:
                types.append("enterprise")
            if d.code == "1.6":
                types = ["enterprise"] * len(types)
            if "partner-type" in kinds and d.code in ("1.5", "2.5"):
                types = [t if t in RESEARCH or (d.code == "2.5" and t == "enterprise")
                         else rng.choice(RESEARCH) for t in types]
            for j, t in enumerate(types):
                # Further participants of an EU proposal may come from other member states.
                c = country
                if j and d.partner == "EU" and rng.random() < 0.5:
                    c = rng.choice(d.countries)
                plan.append((c, t, "partner_lead" if j == 0 else "participant"))
        return plan

    def _foreign_type(self, d: Direction, rng: random.Random) -> str:
        choices = ["university"] * 5 + ["research_institute"] * 3 + ["enterprise"] * 2
        if d.medical:
            choices += ["hospital"] * 2
        if d.partner == "GEO":
            choices += ["government"] * 2
        return rng.choice(choices)

    def _foreign(self, d: Direction, country: str, kind: str, role: str,
                 rng: random.Random) -> dict[str, Any]:
        name = foreign_name(rng, country, self._names.get(country, country), kind)
        p: dict[str, Any] = {"name": name, "country": country, "type": kind, "role": role}
        if d.code == "1.5":
            p["ownership"] = rng.choice(["national", "public"])
        if {"registration-age", "legal-entity"} & d.kinds:
            p["registeredOn"] = date(rng.randint(1950, 2015), rng.randint(1, 12), 1).isoformat()
            p["legalEntity"] = True
        if kind == "enterprise":
            listed = name in FOREIGN.get(country, {}).get("enterprise", [])
            p["sme"] = not listed and rng.random() < 0.5
            if "partner-side-enterprise" in d.kinds:
                share = rng.randint(10, 60) * 10_000
                p["governmentFunding"] = {"amount": share, "currency": "CNY"}
                p["matchingFunds"] = {"amount": share, "currency": "CNY"}
        return p


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, d.day)


# -- RDF -----------------------------------------------------------------------------------

def local_id(proposal_id: str) -> str:
    """`bench-000123` for `urn:coopkg:proposal:bench-000123`."""
    return proposal_id.rsplit(":", 1)[-1]


def _labelled(p: Proposal, index: int) -> list[ox.Triple]:
    """The proposal's triples, blank nodes labelled from the proposal's index and their
    own content (what points to them, what they say), so the output does not depend on
    rdflib's random ids or triple order."""
    data = p.graph.serialize(format="nt", encoding="utf-8")
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    signature: dict[str, list[str]] = {}
    for t in triples:
        for node, text in ((t.subject, f"{t.predicate} {_plain(t.object)}"),
                           (t.object, f"^{_plain(t.subject)} {t.predicate}")):
            if isinstance(node, ox.BlankNode):
                signature.setdefault(node.value, []).append(text)
    order = sorted(signature, key=lambda b: sorted(signature[b]))
    labels = {b: ox.BlankNode(f"p{index}b{k}") for k, b in enumerate(order)}

    def term(t: Any) -> Any:
        return labels[t.value] if isinstance(t, ox.BlankNode) else t

    return [ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]


def nquads(p: Proposal, index: int) -> bytes:
    """The proposal's graph as sorted N-Quads in its own named graph."""
    graph = ox.NamedNode(proposal_graph(p.id))  # as coopkg proposals import names it
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _labelled(p, index)]
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return b"".join(sorted(text.splitlines(keepends=True)))


def ntriples(p: Proposal, index: int) -> bytes:
    """The proposal's graph as sorted N-Triples (the body of a Graph Store PUT)."""
    text = ox.serialize(_labelled(p, index), format=ox.RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(text.splitlines(keepends=True)))


def write_extra(gen: Generator, start: int, count: int, directory: Path) -> list[dict[str, str]]:
    """Proposals start..start+count-1, not in the stored set, one N-Triples file each, for
    storing through the Graph Store protocol; returns an index of them (also index.json)."""
    directory.mkdir(parents=True, exist_ok=True)
    index = []
    for k, p in enumerate(read_chunk(gen, start, start + count)):
        path = directory / f"{local_id(p.id)}.nt"
        path.write_bytes(ntriples(p, start + k))
        index.append({"proposal": p.id, "graph": proposal_graph(p.id),
                      "direction": p.code or "", "file": path.name})
    (directory / "index.json").write_text(json.dumps(index, indent=2), encoding="utf-8")
    return index


def _plain(t: Any) -> str:
    return "_" if isinstance(t, ox.BlankNode) else str(t)


def read_chunk(gen: Generator, start: int, stop: int) -> list[Proposal]:
    docs = [gen.proposal(i) for i in range(start, stop)]
    return parse_proposals(json.dumps(docs, ensure_ascii=False), source=f"bench[{start}:{stop}]")


def chunks(gen: Generator, n: int, size: int = CHUNK) -> Iterator[tuple[int, list[Proposal]]]:
    for start in range(0, n, size):
        yield start, read_chunk(gen, start, min(n, start + size))


def write_nquads(gen: Generator, n: int, out: Path, *, check: Any = None,
                 progress: bool = True) -> dict[str, Any]:
    """Write proposals 0..n-1 to `out` (gzip N-Quads); returns counts. `check`, a validator,
    also validates every chunk (slow) and counts the proposals that conform."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    quads = 0
    by_direction: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    conforming = 0
    t0 = time.perf_counter()
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                              compresslevel=6) as gz:
        for start, proposals in chunks(gen, n):
            for k, p in enumerate(proposals):
                data = nquads(p, start + k)
                quads += data.count(b"\n")
                by_direction[p.code or "?"] += 1
                gz.write(data)
            if check is not None:
                for r in check.validate(proposals, workers=os.cpu_count() or 1):
                    conforming += r.conforms
                    for f in r.findings:
                        if f.severity == "violation":
                            failing[f.requirement] += 1
            done = start + len(proposals)
            if progress and (done % 5000 == 0 or done == n):
                rate = done / (time.perf_counter() - t0)
                print(f"  {done:,} / {n:,} proposals, {quads:,} quads ({rate:,.0f}/s)",
                      file=sys.stderr, flush=True)
    tmp.replace(out)
    summary: dict[str, Any] = {"proposals": n, "quads": quads,
                               "directions": len(by_direction),
                               "seconds": round(time.perf_counter() - t0, 2)}
    if check is not None:
        summary["conforming"] = conforming
        summary["violations_by_requirement"] = dict(failing.most_common())
    return summary


def guide_store(path: Path | None = None) -> Store:
    """A store holding the bundled guide: the one at `path`, else built in memory."""
    store = open_store(path)
    if store.is_empty():
        build(store)
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--proposals", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True, help="gzip N-Quads file to write")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--store", type=Path,
                    help="a store built by `coopkg build` (default: build one in memory)")
    ap.add_argument("--check", action="store_true",
                    help="also validate every proposal with the project's validator")
    ap.add_argument("--extra", type=int, default=0, metavar="K",
                    help="also write the next K proposals, one N-Triples file each, to "
                         "--extra-dir (to store through the Graph Store protocol)")
    ap.add_argument("--extra-dir", type=Path)
    args = ap.parse_args()
    store = guide_store(args.store)
    gen = Generator(guide_directions(store), seed=args.seed)
    validator = load_validator(store, GUIDE) if args.check else None
    summary = write_nquads(gen, args.proposals, args.out, check=validator)
    if args.extra:
        extra_dir = args.extra_dir or args.out.parent / "new"
        summary["extra"] = write_extra(gen, args.proposals, args.extra, extra_dir)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
