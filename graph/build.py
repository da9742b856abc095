"""Write the dataset: ontology, reference data, each guide, its shapes, its search index
and its OWL 2 RL closure, each in its own named graph, all in ONE transaction.

Callers hand over graphs that are already read and checked (see `coopkg.pipeline`), so a
guide that cannot be read never reaches this module. Everything, the closure included, is
computed before the store is written, and the write is a single `replace_graphs`: a build
stopped at any moment leaves the previous dataset as it was. Writing again replaces exactly
the graphs written: other guides' graphs, closures and stored proposals stay as they are.
The ontology's closure is kept in its own graph (`graph/inferred/ontology`) and each
guide's holds what the guide adds beyond it; each is recomputed only when its inputs
changed (their digest is recorded with the closure's provenance). `plan_closures` starts
that work in the reasoner's own process, so the caller checks the guide and generates its
shapes meanwhile; `write_dataset` waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph

from coopkg.i18n import N_, Message
from coopkg.vocab import BASE, GRAPHS

from . import provenance
from .inference import Reasoner
from .store import Store

__all__ = ["Closures", "GuideGraphs", "plan_closures", "write_dataset"]

Progress = Callable[[Message], None]
_LEGACY = [BASE + "graph/inferred"]  # one closure for all guides, as earlier versions kept it
_TBOX = str(GRAPHS.inferred("ontology"))


@dataclass
class GuideGraphs:
    """What a build writes for one guide."""

    guide_id: str
    guide: Graph
    shapes: Graph
    source: str
    search: Graph | None = None  # its full-text index (coopkg.graph.search)


@dataclass
class Closures:
    """The OWL 2 RL closures of a build: those stored and still up to date (`keep`), and
    those being computed (`computed()` waits for them), with the digest of each one's
    inputs."""

    digests: dict[str, str]
    keep: list[str] = field(default_factory=list)
    computed: Callable[[], dict[str, Graph]] = dict


def plan_closures(store: Store, *, ontology: Graph, reference: Graph,
                  guides: Mapping[str, Graph], reasoner: Reasoner,
                  progress: Progress | None = None) -> Closures:
    """Decide which closures are out of date and start computing them. The ontology's
    closure has its own graph and changes only with the ontology; each guide's holds what
    the guide adds beyond it. A closure is recomputed only when the digest of its inputs
    differs from the one recorded with its provenance."""
    say = progress or (lambda _msg: None)
    records = provenance.read_records(store) if store.has_graph(str(GRAPHS.PROVENANCE)) \
        else {}

    def up_to_date(name: str) -> bool:
        stored = records.get(name)
        return stored is not None and stored.digest == digests[name] and store.has_graph(name)

    digests = {_TBOX: provenance.digest_of(ontology)}
    keep = [_TBOX] if up_to_date(_TBOX) else []
    todo: dict[str, Graph] = {}
    for gid, guide in guides.items():
        name = str(GRAPHS.inferred(gid))
        used = _used(reference, guide)
        digests[name] = provenance.digest_of(ontology, guide, used)
        if keep and up_to_date(name):
            say(N_("指南 {guide}：其 OWL 2 RL 闭包是最新的", guide=gid))
            keep.append(name)
        else:
            say(N_("指南 {guide}：正在计算 OWL 2 RL 闭包", guide=gid))
            todo[name] = guide + used
    if not todo and keep:
        return Closures(digests, keep)
    if not keep:
        say(N_("正在计算本体的 OWL 2 RL 闭包"))
    pending = reasoner.closures(ontology, list(todo.values()))

    def computed() -> dict[str, Graph]:
        tbox, added = pending()
        out = dict(zip(todo, added, strict=True))
        if _TBOX not in keep:
            out[_TBOX] = tbox
        return out

    return Closures(digests, keep, computed)


def write_dataset(store: Store, *, ontology: Graph, reference: Graph,
                  guides: Mapping[str, GuideGraphs], closures: Closures | None = None,
                  progress: Progress | None = None) -> dict[str, int]:
    """Replace the ontology, reference and the given guides' graphs (guide, shapes, search
    index, closure) in one transaction. Returns the size of every graph written."""
    say = progress or (lambda _msg: None)
    if closures is None:
        closures = plan_closures(store, ontology=ontology, reference=reference,
                                 guides={gid: gg.guide for gid, gg in guides.items()},
                                 reasoner=Reasoner(parallel=False), progress=say)
    graphs: dict[str, Graph] = {str(GRAPHS.ONTOLOGY): ontology,
                                str(GRAPHS.REFERENCE): reference}
    sources = {str(GRAPHS.ONTOLOGY): "ontology/*.ttl", str(GRAPHS.REFERENCE): "data/reference",
               _TBOX: "ontology/*.ttl"}
    for gid, gg in guides.items():
        graphs[str(GRAPHS.guide(gid))] = gg.guide
        graphs[str(GRAPHS.shapes(gid))] = gg.shapes
        if gg.search is not None:
            graphs[str(GRAPHS.search(gid))] = gg.search
        for graph_name in (GRAPHS.guide(gid), GRAPHS.shapes(gid), GRAPHS.inferred(gid),
                           GRAPHS.search(gid)):
            sources[str(graph_name)] = gg.source
    graphs.update(closures.computed())
    say(N_("正在写入数据集（一个事务）"))
    drop = [g for g in _LEGACY if store.has_graph(g)]
    sizes = {name: len(g) for name, g in graphs.items()}
    digests = closures.digests
    then = " ;\n".join(
        provenance.record("build", {n: sizes[n]}, source=sources.get(n),
                          digests={n: digests[n]} if n in digests else None)
        for n in graphs)
    written = store.replace_graphs(graphs, drop=drop, then=then)
    for kept in closures.keep:
        written[kept] = store.graph_size(kept)
    return written


def _used(reference: Graph, guide: Graph) -> Graph:
    """The reference entries a guide points to. The reference tables describe every ISO
    country; reasoning over the ~250 the guide never mentions would multiply the
    closure's cost and add only their class memberships."""
    subjects = set(reference.subjects())
    todo, out = [o for o in set(guide.objects()) if o in subjects], Graph()
    seen: set[object] = set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for t in reference.triples((s, None, None)):
            out.add(t)
            if t[2] not in seen and t[2] in subjects:
                todo.append(t[2])
    return out
