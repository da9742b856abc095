"""Build the dataset: ontology + reference data + each guide + their OWL 2 RL closure,
each in its own named graph, in one store.

Every guide is parsed before the store is touched, so a guide that cannot be read
leaves the store as it was. Building again replaces exactly the graphs it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from coopkg.data import DEFAULT_GUIDE
from coopkg.errors import GuideError
from coopkg.loaders.guide import LoadResult, read_guide
from coopkg.loaders.rdf import guide_graph, reference_graph
from coopkg.loaders.text import Notice
from coopkg.ontology import ontology_graph
from coopkg.vocab import GRAPHS

from .inference import closure
from .store import GraphStore

__all__ = ["BuildReport", "GuideReport", "build", "guide_graph_names"]

Progress = Callable[[str], None]


@dataclass
class GuideReport:
    guide_id: str
    source: str
    graph: str
    triples: int
    directions: int
    notices: list[Notice] = field(default_factory=list)


@dataclass
class BuildReport:
    guides: list[GuideReport]
    graphs: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def guide_graph_names(store: GraphStore) -> list[str]:
    prefix = str(GRAPHS.guide(""))
    return [g for g in store.graph_names() if g.startswith(prefix)]


def build(store: GraphStore, guides: Sequence[str | Path] = (), *, strict: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Load `guides` (default: the bundled guide) into `store` and recompute the closure."""
    say = progress or (lambda _msg: None)
    files = [Path(g) for g in guides] or [DEFAULT_GUIDE]
    loaded: list[tuple[LoadResult, Graph, list[Notice]]] = []
    for f in files:
        say(f"reading {f}")
        result = read_guide(f, strict=strict)
        g, label_notices = guide_graph(result.guide)
        loaded.append((result, g, label_notices))
    seen: dict[str, str] = {}
    for result, _, _ in loaded:
        gid = result.guide.guide_id
        if gid in seen:
            raise GuideError(f"{result.guide.source_name} and {seen[gid]} are both guide {gid}")
        seen[gid] = result.guide.source_name

    say("writing ontology and reference graphs")
    sizes: dict[str, int] = {}
    sizes[str(GRAPHS.ONTOLOGY)] = store.replace_graph(str(GRAPHS.ONTOLOGY), ontology_graph())
    sizes[str(GRAPHS.REFERENCE)] = store.replace_graph(str(GRAPHS.REFERENCE), reference_graph())
    reports = []
    for (result, g, label_notices), f in zip(loaded, files, strict=True):
        name = str(GRAPHS.guide(result.guide.guide_id))
        say(f"writing guide {result.guide.guide_id} ({len(g)} triples)")
        sizes[name] = store.replace_graph(name, g)
        reports.append(GuideReport(guide_id=result.guide.guide_id, source=str(f), graph=name,
                                   triples=sizes[name], directions=len(result.guide.directions),
                                   notices=result.notices + label_notices))
    say("computing the OWL 2 RL closure")
    asserted = store.rdflib_graph(str(GRAPHS.ONTOLOGY), str(GRAPHS.REFERENCE),
                                  *guide_graph_names(store))
    inferred = closure(asserted)
    sizes[str(GRAPHS.INFERRED)] = store.replace_graph(str(GRAPHS.INFERRED), inferred)
    store.flush()
    return BuildReport(guides=reports, graphs=sizes)
