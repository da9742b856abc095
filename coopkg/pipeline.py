"""The build, end to end: read guides, turn them into RDF, check them against the guide
shapes, generate their requirement shapes, and write everything to the store.

Everything is read and checked before the store is touched, and then written in one
transaction, so a guide that cannot be read, or whose graph does not conform, or a build
stopped half-way, leaves the store exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.graph import ReadOnlyGraphAggregate

from coopkg.data import DEFAULT_GUIDE
from coopkg.errors import GuideError, GuideFinding, GuideParseError
from coopkg.graph.build import GuideGraphs, plan_closures, write_dataset
from coopkg.graph.inference import Reasoner
from coopkg.graph.search import index_graph
from coopkg.graph.store import Store
from coopkg.i18n import N_, Listing, Message
from coopkg.loaders.guide import LeftOut, LoadResult, read_guide
from coopkg.loaders.model import Direction, Headline
from coopkg.loaders.rdf import guide_graph, reference_graph
from coopkg.loaders.text import Notice
from coopkg.ontology import ontology_graph
from coopkg.results import plain
from coopkg.shapes.generate import ShapeSet, generate_shapes
from coopkg.shapes.guide_check import check_guide
from coopkg.shapes.proposals import Proposal
from coopkg.shapes.stored import to_graph
from coopkg.shapes.validate import Result
from coopkg.vocab import CK, GRAPHS, guide_iri

__all__ = ["BuildReport", "GuideReport", "ImportReport", "build", "import_proposals",
           "proposal_graph", "stored_proposals"]

Progress = Callable[[Message], None]  # what the build is doing, said in the reader's language


@dataclass
class GuideReport:
    guide_id: str
    source: str
    graph: str
    triples: int
    directions: int
    shapes: ShapeSet | None = None
    notices: list[Notice] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)  # with --keep-going
    headline: Headline | None = None
    projects_max: int = 0  # the stored directions' maximum project counts, added up
    budget_cny: Decimal = Decimal(0)  # the stored directions' budgets in yuan, added up


@dataclass
class BuildReport:
    guides: list[GuideReport]
    graphs: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def build(store: Store, guides: Sequence[str | Path] = (), *, strict: bool = False,
          keep_going: bool = False, progress: Progress | None = None) -> BuildReport:
    """Load `guides` (default: the bundled guide) into `store`.

    Every guide is read before anything is refused, so one `GuideParseError` names the
    findings of all of them. With `keep_going` a guide's directions that cannot be read
    are left out (each `GuideReport.left_out` says which and why) and the others stored."""
    say = progress or (lambda _msg: None)
    files = [Path(g) for g in guides] or [DEFAULT_GUIDE]
    with _no_cycle_collection(), Reasoner() as reasoner:  # it starts while guides are read
        ontology = ontology_graph()
        reasoner.prepare(ontology)
        reference = reference_graph()
        loaded: list[tuple[Path, LoadResult]] = []
        refused: list[GuideFinding] = []
        for f in files:
            say(N_("正在读取 {file}", file=str(f)))
            try:
                loaded.append((f, read_guide(f, strict=strict, keep_going=keep_going)))
            except GuideParseError as e:
                refused.extend(e.findings)
        if refused:  # said with the warnings of the guides that did load
            raise GuideParseError.of(refused + [w for _, r in loaded for w in r.warnings])
        read: dict[str, tuple[Path, Graph, LoadResult, list[Notice]]] = {}
        for f, result in loaded:
            gid = result.guide.guide_id
            if gid in read:
                raise GuideError(N_("{file} 和 {other} 是同一份指南 {guide}", file=str(f),
                                    other=str(read[gid][0]), guide=gid))
            g, label_notices = guide_graph(result.guide)
            read[gid] = (f, g, result, label_notices)
        closures = plan_closures(store, ontology=ontology, reference=reference,
                                 guides={gid: r[1] for gid, r in read.items()},
                                 reasoner=reasoner, progress=say)
        vocabulary = Graph()
        for t in ontology:
            vocabulary.add(t)
        for t in reference:
            vocabulary.add(t)
        graphs: dict[str, GuideGraphs] = {}
        reports: list[GuideReport] = []
        for gid, (f, g, result, label_notices) in read.items():
            say(N_("正在按指南规则检查指南 {guide}", guide=gid))
            problems = check_guide(g, vocabulary)
            if problems:
                more = [N_("……另有 {n} 处", n=len(problems) - 5)] if len(problems) > 5 else []
                shown = Listing((*problems[:5], *more))
                raise GuideError(N_("{file}：指南 {guide} 不符合指南的形状：{shown}",
                                    file=str(f), guide=gid, shown=shown))
            say(N_("正在为指南 {guide} 生成申报要求的形状", guide=gid))
            kg = ReadOnlyGraphAggregate([vocabulary, g])  # a view of both, not a copy
            shapes = generate_shapes(kg, guide_iri(gid))
            graphs[gid] = GuideGraphs(gid, g, to_graph(shapes), f.name, search=index_graph(g))
            reports.append(GuideReport(
                guide_id=gid, source=str(f), graph=str(GRAPHS.guide(gid)), triples=len(g),
                directions=len(result.guide.directions), shapes=shapes,
                notices=result.notices + label_notices, left_out=result.left_out,
                headline=result.guide.headline, **_sums(result.guide.directions)))
        sizes = write_dataset(store, ontology=ontology, reference=reference, guides=graphs,
                              closures=closures, progress=say)
    return BuildReport(guides=reports, graphs=sizes)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for the length of a build. A build makes millions of
    short-lived objects, and the collector, which runs every few hundred allocations and
    rescans the older generations as they grow, took a sixth of the bundled guide's build;
    what a build allocates is bounded by the guides it reads, and the cycles it leaves are
    collected once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sums(directions: Sequence[Direction]) -> dict[str, Any]:
    """What the given directions add up to, as `coopkg query totals` adds them: each
    direction's (or its parts') maximum project count, and budgets in yuan."""
    projects, budget = 0, Decimal(0)
    for d in directions:
        counts = [p.count for p in d.parts] or ([d.count] if d.count else [])
        amounts = [p.budget for p in d.parts] or ([d.budget] if d.budget else [])
        projects += sum(c.max or 0 for c in counts)
        budget += sum((a.value for a in amounts if a.currency == "CNY"), Decimal(0))
    return {"projects_max": projects, "budget_cny": budget}


def proposal_graph(proposal_id: str) -> str:
    """The named graph a stored proposal lives in: one per proposal, since an
    organisation's role and funding belong to that proposal."""
    from urllib.parse import quote

    return f"{GRAPHS.PROPOSALS}{quote(proposal_id, safe=':@!$&()*+,;=-._~')}"


def stored_proposals(store: Store, related_to: Sequence[Proposal], *,
                     exclude: Sequence[str] = ()) -> list[Proposal]:
    """The stored proposals that cross-proposal rules must see beside `related_to` (today:
    those naming the same Horizon 2020 project, one application per project), each read
    from its own graph — never the whole store, however many proposals it holds."""
    from coopkg.shapes.proposals import parse_proposals

    ids = {o for p in related_to for h in p.graph.objects(p.node, CK.h2020Project)
           for o in p.graph.objects(h, CK.projectId)}
    names: set[str] = set()
    query = (f"SELECT DISTINCT ?g ?id WHERE {{ GRAPH ?g {{ ?p <{CK.h2020Project}> ?h . "
             f"?h <{CK.projectId}> ?id }} }}")
    for value in ids:
        datatype = value.datatype if isinstance(value, Literal) else None
        term = ox.Literal(str(value), datatype=ox.NamedNode(str(datatype)) if datatype else None)
        names.update(plain(r["g"]) for r in store.select(query, bindings={"id": term}))
    names -= set(exclude) | {proposal_graph(p.id) for p in related_to}
    if not names:
        return []
    found = parse_proposals(store.read_graph(*sorted(names)).serialize(format="nt"),
                            suffix=".nt", source="store")
    incoming = {p.id for p in related_to}
    return [p for p in found if p.id not in incoming]


@dataclass
class ImportReport:
    stored: list[tuple[str, str]]  # (proposal id, graph)
    rejected: list[Result]
    unreadable: list[tuple[str, str]]  # (file, why)


def import_proposals(store: Store, files: Sequence[Path], *, workers: int = 1,
                     guide: str | None = None, progress: Progress | None = None
                     ) -> ImportReport:
    """Validate proposal files together with those already stored, and store the ones with
    no violation, each in its own named graph, in one transaction. A direction code in a
    proposal that names no guide is one of `guide`'s (default: the store's newest)."""
    from coopkg.errors import ProposalError
    from coopkg.graph import provenance
    from coopkg.guides import choose_guide
    from coopkg.shapes import load_validator
    from coopkg.shapes.proposals import read_proposal_files
    from coopkg.shapes.validate import validate_all

    say = progress or (lambda _msg: None)
    proposals: list[Proposal] = []
    unreadable: list[tuple[str, str]] = []
    chosen = choose_guide(store, guide)
    for f in files:
        try:
            proposals.extend(read_proposal_files([f], guide=chosen))
        except ProposalError as e:
            unreadable.append((str(f), str(e)))
    say(N_("正在验证 {n} 份申报书", n=len(proposals)))
    context = stored_proposals(store, proposals)
    validators: dict[str, Any] = {}

    def validator_for(gid: str) -> Any:
        if gid not in validators:
            validators[gid] = load_validator(store, gid)
        return validators[gid]

    results = validate_all(proposals + context, validator_for, workers=workers)
    by_id = {r.proposal: r for r in results}
    good = [p for p in proposals if by_id[p.id].conforms]
    rejected = [by_id[p.id] for p in proposals if not by_id[p.id].conforms]
    graphs = {proposal_graph(p.id): p.graph for p in good}
    if graphs:
        say(N_("正在存储 {n} 份申报书", n=len(graphs)))
        sizes = {g: len(x) for g, x in graphs.items()}
        store.replace_graphs(graphs, then=provenance.record("import", sizes))
    return ImportReport(stored=[(p.id, proposal_graph(p.id)) for p in good],
                        rejected=rejected, unreadable=unreadable)
