"""SHACL shapes: guide shapes the loaded graph must conform to (guide-shapes.ttl), and
requirement shapes generated from a guide's Requirement nodes to validate proposals.

    load_validator(store, guide_id) → Validator.validate(proposals) → [Result]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopkg.errors import CoopkgError
from coopkg.vocab import GRAPHS, guide_iri

if TYPE_CHECKING:
    from coopkg.graph.store import GraphStore

    from .validate import Validator

__all__ = ["load_validator"]


def load_validator(store: GraphStore, guide_id: str) -> Validator:
    """A validator for proposals to guide `guide_id`, from the graphs in `store`."""
    from .generate import generate_shapes
    from .validate import Validator

    name = str(GRAPHS.guide(guide_id))
    if name not in store.graph_names():
        have = [g.rsplit("/", 1)[-1] for g in store.graph_names()
                if g.startswith(str(GRAPHS.guide("")))]
        raise CoopkgError(f"guide {guide_id} is not in the store (it has: "
                          f"{', '.join(have) or 'none'}); build it first")
    kg = store.rdflib_graph(str(GRAPHS.ONTOLOGY), str(GRAPHS.REFERENCE), name)
    return Validator(generate_shapes(kg, guide_iri(guide_id)))
