"""The build, end to end: read guides, turn them into RDF, check them against the guide
shapes, generate their requirement shapes, and write everything to the store.

Everything is read and checked before the store is touched, so a guide that cannot be
read, or whose graph does not conform, leaves the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from coopkg.data import DEFAULT_GUIDE
from coopkg.errors import GuideError
from coopkg.graph.build import write_dataset
from coopkg.graph.store import GraphStore
from coopkg.loaders.guide import read_guide
from coopkg.loaders.rdf import guide_graph, reference_graph
from coopkg.loaders.text import Notice
from coopkg.ontology import ontology_graph
from coopkg.shapes.generate import ShapeSet, generate_shapes
from coopkg.shapes.guide_check import check_guide
from coopkg.vocab import GRAPHS, guide_iri

__all__ = ["BuildReport", "GuideReport", "build"]

Progress = Callable[[str], None]


@dataclass
class GuideReport:
    guide_id: str
    source: str
    graph: str
    triples: int
    directions: int
    shapes: ShapeSet | None = None
    notices: list[Notice] = field(default_factory=list)


@dataclass
class BuildReport:
    guides: list[GuideReport]
    graphs: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def build(store: GraphStore, guides: Sequence[str | Path] = (), *, strict: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Load `guides` (default: the bundled guide) into `store`."""
    say = progress or (lambda _msg: None)
    files = [Path(g) for g in guides] or [DEFAULT_GUIDE]
    ontology, reference = ontology_graph(), reference_graph()
    vocabulary = Graph()
    for t in ontology:
        vocabulary.add(t)
    for t in reference:
        vocabulary.add(t)
    graphs: dict[str, Graph] = {}
    reports: list[GuideReport] = []
    seen: dict[str, str] = {}
    for f in files:
        say(f"reading {f}")
        result = read_guide(f, strict=strict)
        gid = result.guide.guide_id
        if gid in seen:
            raise GuideError(f"{f} and {seen[gid]} are both guide {gid}")
        seen[gid] = str(f)
        g, label_notices = guide_graph(result.guide)
        say(f"checking guide {gid} against the guide shapes")
        problems = check_guide(g, vocabulary)
        if problems:
            shown = "; ".join(problems[:5]) + (f"; … {len(problems) - 5} more"
                                               if len(problems) > 5 else "")
            raise GuideError(f"{f}: guide {gid} does not conform to the guide shapes: {shown}")
        say(f"generating requirement shapes for guide {gid}")
        kg = vocabulary + g
        shapes = generate_shapes(kg, guide_iri(gid))
        graphs[str(GRAPHS.guide(gid))] = g
        graphs[str(GRAPHS.shapes(gid))] = shapes.standalone()
        reports.append(GuideReport(guide_id=gid, source=str(f), graph=str(GRAPHS.guide(gid)),
                                   triples=len(g), directions=len(result.guide.directions),
                                   shapes=shapes, notices=result.notices + label_notices))
    sizes = write_dataset(store, ontology=ontology, reference=reference, graphs=graphs,
                          progress=say)
    return BuildReport(guides=reports, graphs=sizes)
