"""The OWL 2 RL closure of ontology, reference data and a guide, computed with owlrl.

Only what the rules add is stored (in its own named graph), so asserted and inferred
triples stay apart and a rebuild can drop the inference without touching the data.
External vocabularies are not part of the closure: their axioms (FRAPO's functional
properties, EURIO's cardinalities) would merge distinct nodes; see ontology/alignments.ttl.

owlrl's cost grows with every triple it is given, so it is given only triples an OWL 2 RL
rule can use as a premise (`premises`): schema statements, class memberships, and triples
whose property some axiom mentions. A triple of any other property (a label, a text, an
amount) matches no rule body, so leaving it out changes nothing the rules add; the tests
check this against the closure of everything.
"""

from __future__ import annotations

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

__all__ = ["closure", "premises"]

# Axioms that make a property take part in rules (as subject of these predicates) …
_AXIOM_SUBJECT = {RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.equivalentProperty,
                  OWL.inverseOf, OWL.propertyDisjointWith, OWL.propertyChainAxiom}
# … or as their object (restrictions, chains and keys reach properties through lists) …
_AXIOM_OBJECT = {RDFS.subPropertyOf, OWL.equivalentProperty, OWL.inverseOf, OWL.onProperty,
                 RDF.first}
# … or by being a property of one of these kinds.
_PROPERTY_KINDS = {OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                   OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.TransitiveProperty,
                   OWL.IrreflexiveProperty, OWL.ReflexiveProperty}
_SCHEMA_NS = (str(RDF), str(RDFS), str(OWL))
_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
                OWL.deprecated, OWL.priorVersion}


def premises(asserted: Graph) -> Graph:
    """The triples of `asserted` that some OWL 2 RL rule can use."""
    active: set[URIRef] = set()
    for s, p, o in asserted:
        if p in _AXIOM_SUBJECT and isinstance(s, URIRef):
            active.add(s)
        if p in _AXIOM_OBJECT and isinstance(o, URIRef):
            active.add(o)
        if p == RDF.type and o in _PROPERTY_KINDS and isinstance(s, URIRef):
            active.add(s)
    out = Graph()
    for t in asserted:
        p = t[1]
        if p in active or (str(p).startswith(_SCHEMA_NS) and p not in _ANNOTATIONS) \
                or p == OWL.sameAs:
            out.add(t)
    return out


def closure(asserted: Graph) -> Graph:
    """Triples the OWL 2 RL rules add to `asserted` (axiomatic noise left out)."""
    work = premises(asserted)
    given = set(work)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    added = Graph()
    for s, p, o in work:
        if (s, p, o) in given or (s, p, o) in asserted:
            continue
        # owlrl restates literals as typed copies and asserts x sameAs x; neither is news.
        if isinstance(s, Literal) or (p == OWL.sameAs and s == o):
            continue
        added.add((s, p, o))
    return added
