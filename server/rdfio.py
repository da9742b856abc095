"""Reading RDF request bodies safely (JSON-LD never fetches a remote context) and writing
graphs in the negotiated syntax."""

from __future__ import annotations

import json

from rdflib import Graph
from rdflib.plugins.parsers.jsonld import to_rdf

from coopkg.errors import ProposalError
from coopkg.shapes.proposals import check_context, refuse_dtd

__all__ = ["GRAPH_TYPES", "parse_body", "serialise"]

# Media type → rdflib format, for single graphs (GSP) and CONSTRUCT-like answers.
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
    "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads",
}


def parse_body(body: bytes, media_type: str, *, base: str) -> Graph:
    """The triples of a request body, relative IRIs resolved against `base` (never the
    server's working directory, rdflib's default); ValueError with a reason when it
    cannot be read."""
    fmt = GRAPH_TYPES.get(media_type)
    if fmt is None:
        raise LookupError(media_type)
    text = body.decode("utf-8")
    g = Graph()
    if fmt == "json-ld":
        doc = json.loads(text)
        try:
            if isinstance(doc, dict) and "@context" in doc:
                checked = check_context(doc["@context"], "body")
                doc = {**doc, "@context": checked} if checked else {
                    k: v for k, v in doc.items() if k != "@context"}
        except ProposalError as e:
            raise ValueError(str(e)) from None
        to_rdf(doc, g, base=base)
        return g
    if fmt == "xml":
        try:
            refuse_dtd(text, "body")
        except ProposalError as e:
            raise ValueError(str(e)) from None
    g.parse(data=text, format=fmt, publicID=base)
    return g


def serialise(graph: Graph, media_type: str) -> bytes:
    return graph.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
