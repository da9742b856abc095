"""The coopkg ontology (OWL 2 RL, Turtle): classes and properties, the SKOS vocabularies
(modalities, requirement kinds, agreement kinds, …), and alignments to standard
vocabularies. The Turtle files are the model; this module only finds and reads them."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

__all__ = ["FILES", "ontology_graph"]

_HERE = Path(__file__).resolve().parent
FILES = ("coopkg.ttl", "vocabularies.ttl", "alignments.ttl", "labels.ttl")


def ontology_graph() -> Graph:
    """All ontology files as one graph."""
    g = Graph()
    for name in FILES:
        p = _HERE / name
        if p.exists():
            g.parse(p, format="turtle")
    return g
