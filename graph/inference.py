"""The OWL 2 RL closure of ontology, reference data and guides, computed with owlrl.

Only what the rules add is stored (in its own named graph), so asserted and inferred
triples stay apart and a rebuild can drop the inference without touching the data.
External vocabularies are not part of the closure: their axioms (FRAPO's functional
properties, EURIO's cardinalities) would merge distinct nodes; see ontology/alignments.ttl.
"""

from __future__ import annotations

import owlrl
from rdflib import Graph, Literal

__all__ = ["closure"]


def closure(asserted: Graph) -> Graph:
    """Triples the OWL 2 RL rules add to `asserted` (axiomatic noise left out)."""
    work = Graph()
    for t in asserted:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    added = Graph()
    for s, p, o in work:
        if (s, p, o) in asserted:
            continue
        # owlrl restates literals as typed copies and asserts x sameAs x; neither is news.
        if isinstance(s, Literal) or (str(p).endswith("#sameAs") and s == o):
            continue
        added.add((s, p, o))
    return added
