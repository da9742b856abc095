"""Write the dataset: ontology, reference data, each guide (and its shapes), and their
OWL 2 RL closure, each in its own named graph of one store.

Callers hand over graphs that are already read and checked (see `coopkg.pipeline`), so a
guide that cannot be read never reaches this module. Writing again replaces exactly the
graphs written: other guides' graphs stay as they are; the closure is recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rdflib import Graph

from coopkg.vocab import GRAPHS

from .inference import closure
from .store import GraphStore

__all__ = ["guide_graph_names", "write_dataset"]

Progress = Callable[[str], None]


def guide_graph_names(store: GraphStore) -> list[str]:
    prefix = str(GRAPHS.guide(""))
    return [g for g in store.graph_names() if g.startswith(prefix)]


def write_dataset(store: GraphStore, *, ontology: Graph, reference: Graph,
                  graphs: Mapping[str, Graph], progress: Progress | None = None
                  ) -> dict[str, int]:
    """Replace the ontology, reference and given named graphs; recompute the closure.
    Returns the size of every graph written."""
    say = progress or (lambda _msg: None)
    sizes: dict[str, int] = {}
    say("writing ontology and reference graphs")
    sizes[str(GRAPHS.ONTOLOGY)] = store.replace_graph(str(GRAPHS.ONTOLOGY), ontology)
    sizes[str(GRAPHS.REFERENCE)] = store.replace_graph(str(GRAPHS.REFERENCE), reference)
    for name, g in graphs.items():
        say(f"writing {name} ({len(g)} triples)")
        sizes[name] = store.replace_graph(name, g)
    say("computing the OWL 2 RL closure")
    guides = store.rdflib_graph(*guide_graph_names(store))
    asserted = store.rdflib_graph(str(GRAPHS.ONTOLOGY)) + guides + _used(reference, guides)
    sizes[str(GRAPHS.INFERRED)] = store.replace_graph(str(GRAPHS.INFERRED), closure(asserted))
    store.flush()
    return sizes


def _used(reference: Graph, guides: Graph) -> Graph:
    """The reference entries the guides point to. The reference tables describe every
    ISO country; reasoning over the ~250 the guides never mention would multiply the
    closure's cost (owlrl iterates over every triple) and add only their class memberships."""
    subjects = set(reference.subjects())
    used = {o for o in guides.objects() if o in subjects}
    todo, out = list(used), Graph()
    seen: set = set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for t in reference.triples((s, None, None)):
            out.add(t)
            if t[2] not in seen and (t[2], None, None) in reference:
                todo.append(t[2])
    return out
