"""Write the dataset: ontology, reference data, each guide, its shapes and its OWL 2 RL
closure, each in its own named graph, all in ONE transaction.

Callers hand over graphs that are already read and checked (see `coopkg.pipeline`), so a
guide that cannot be read never reaches this module. Everything, the closure included, is
computed before the store is written, and the write is a single `replace_graphs`: a build
stopped at any moment leaves the previous dataset as it was. Writing again replaces exactly
the graphs written: other guides' graphs, closures and stored proposals stay as they are.
The ontology's closure is kept in its own graph (`graph/inferred/ontology`) and each
guide's holds what the guide adds beyond it; each is recomputed only when its inputs
changed (their digest is recorded with the closure's provenance).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rdflib import Graph

from coopkg.vocab import BASE, GRAPHS

from . import provenance
from .inference import closure
from .store import Store

__all__ = ["GuideGraphs", "write_dataset"]

Progress = Callable[[str], None]
_LEGACY = [BASE + "graph/inferred"]  # one closure for all guides, as earlier versions kept it


@dataclass
class GuideGraphs:
    """What a build writes for one guide."""

    guide_id: str
    guide: Graph
    shapes: Graph
    source: str


def write_dataset(store: Store, *, ontology: Graph, reference: Graph,
                  guides: Mapping[str, GuideGraphs], progress: Progress | None = None
                  ) -> dict[str, int]:
    """Replace the ontology, reference and the given guides' graphs (guide, shapes,
    closure) in one transaction. Returns the size of every graph written."""
    say = progress or (lambda _msg: None)
    records = provenance.read_records(store) if store.has_graph(str(GRAPHS.PROVENANCE)) \
        else {}
    graphs: dict[str, Graph] = {str(GRAPHS.ONTOLOGY): ontology,
                                str(GRAPHS.REFERENCE): reference}
    sources = {str(GRAPHS.ONTOLOGY): "ontology/*.ttl", str(GRAPHS.REFERENCE): "data/reference"}
    digests: dict[str, str] = {}
    keep: list[str] = []
    # The ontology's own closure first: it changes only with the ontology, and reasoning
    # over a guide with it already closed takes a fraction of the time.
    tbox_name = str(GRAPHS.inferred("ontology"))
    digests[tbox_name] = provenance.digest_of(ontology)
    stored_tbox = records.get(tbox_name)
    if stored_tbox is not None and stored_tbox.digest == digests[tbox_name] \
            and store.has_graph(tbox_name):
        tbox = store.read_graph(tbox_name)
        keep.append(tbox_name)
    else:
        say("computing the OWL 2 RL closure of the ontology")
        tbox = graphs[tbox_name] = closure(ontology)
        sources[tbox_name] = "ontology/*.ttl"
    for gid, gg in guides.items():
        graphs[str(GRAPHS.guide(gid))] = gg.guide
        graphs[str(GRAPHS.shapes(gid))] = gg.shapes
        sources[str(GRAPHS.guide(gid))] = sources[str(GRAPHS.shapes(gid))] = gg.source
        name = str(GRAPHS.inferred(gid))
        used = _used(reference, gg.guide)
        digest = provenance.digest_of(ontology, gg.guide, used)
        digests[name] = digest
        stored = records.get(name)
        if stored is not None and stored.digest == digest and store.has_graph(name) \
                and tbox_name in keep:
            say(f"guide {gid}: its OWL 2 RL closure is up to date")
            keep.append(name)
            continue
        say(f"guide {gid}: computing the OWL 2 RL closure")
        inputs = ontology + gg.guide + used + tbox
        graphs[name] = closure(inputs)  # what the guide adds beyond the ontology's closure
        sources[name] = gg.source
    say("writing the dataset (one transaction)")
    drop = [g for g in _LEGACY if store.has_graph(g)]
    sizes = {name: len(g) for name, g in graphs.items()}
    then = " ;\n".join(
        provenance.record("build", {n: sizes[n]}, source=sources.get(n),
                          digests={n: digests[n]} if n in digests else None)
        for n in graphs)
    written = store.replace_graphs(graphs, drop=drop, then=then)
    for name in keep:
        written[name] = store.graph_size(name)
    return written


def _used(reference: Graph, guide: Graph) -> Graph:
    """The reference entries a guide points to. The reference tables describe every ISO
    country; reasoning over the ~250 the guide never mentions would multiply the
    closure's cost and add only their class memberships."""
    subjects = set(reference.subjects())
    todo, out = [o for o in set(guide.objects()) if o in subjects], Graph()
    seen: set = set()
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
