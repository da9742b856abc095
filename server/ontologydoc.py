"""The ontology as a page for people: its title, IRI and version, then every class and
property of the coopkg namespace with its zh and en names, its definition, and where it
sits (superclasses; a property's domain and range), each at its own anchor (/ontology#Country).
Read from the ontology's own Turtle, so the page and the RDF at /ontology agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from coopkg.ontology import ontology_graph
from coopkg.vocab import CK

__all__ = ["ONTOLOGY", "OntologyDoc", "Term", "ontology_doc"]

ONTOLOGY = URIRef(str(CK).rstrip("#"))


@dataclass
class Term:
    iri: str
    local: str
    names: dict[str, str]
    comment: str
    parents: list[str] = field(default_factory=list)  # superclasses or superproperties
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)


@dataclass
class OntologyDoc:
    iri: str
    titles: dict[str, str]
    description: str
    version: str
    classes: list[Term]
    object_properties: list[Term]
    datatype_properties: list[Term]
    datatypes: list[Term] = field(default_factory=list)  # coopkg's own (ISO code types)


def _names(g: Graph, node: URIRef) -> dict[str, str]:
    return {o.language or "en": str(o) for o in g.objects(node, RDFS.label)
            if isinstance(o, Literal)}


def _terms(g: Graph, kind: URIRef, parent: URIRef) -> list[Term]:
    out = []
    for s in set(g.subjects(RDF.type, kind)):
        if not (isinstance(s, URIRef) and str(s).startswith(str(CK))):
            continue
        out.append(Term(
            iri=str(s), local=str(s)[len(str(CK)):], names=_names(g, s),
            comment=str(g.value(s, RDFS.comment) or ""),
            parents=sorted(str(o) for o in g.objects(s, parent) if isinstance(o, URIRef)),
            domain=sorted(str(o) for o in g.objects(s, RDFS.domain) if isinstance(o, URIRef)),
            range=sorted(str(o) for o in g.objects(s, RDFS.range) if isinstance(o, URIRef))))
    return sorted(out, key=lambda t: t.local.lower())


@lru_cache(maxsize=1)
def ontology_doc() -> OntologyDoc:
    g = ontology_graph()
    titles = {o.language or "en": str(o) for o in g.objects(ONTOLOGY, DCTERMS.title)
              if isinstance(o, Literal)}
    return OntologyDoc(
        iri=str(ONTOLOGY), titles=titles,
        description=str(g.value(ONTOLOGY, DCTERMS.description) or ""),
        version=str(g.value(ONTOLOGY, OWL.versionInfo) or ""),
        classes=_terms(g, OWL.Class, RDFS.subClassOf),
        object_properties=_terms(g, OWL.ObjectProperty, RDFS.subPropertyOf),
        datatype_properties=_terms(g, OWL.DatatypeProperty, RDFS.subPropertyOf),
        datatypes=_terms(g, RDFS.Datatype, RDFS.subClassOf))
