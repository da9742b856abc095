"""Reading RDF request bodies safely and writing graphs in the negotiated syntax.

A body is UTF-8 (server.bodies); JSON-LD never fetches a remote context; RDF/XML with a
DTD is refused before a parser sees it (entities are never expanded or fetched); relative
IRIs resolve against the base the caller names, never the server's working directory.
What cannot be read raises coopkg.errors.InputError, with the parser's first line.
"""

from __future__ import annotations

import json

from rdflib import Graph
from rdflib.plugins.parsers.jsonld import to_rdf

from coopkg.errors import InputError
from coopkg.i18n import N_
from coopkg.inputs import check_context, refuse_dtd
from coopkg.shapes.context import CONTEXT_IRI

from .bodies import utf8

__all__ = ["GRAPH_TYPES", "parse_body", "serialise"]

# Media type → rdflib format, for single graphs (GSP) and CONSTRUCT-like answers.
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
    "application/rdf+xml": "xml", "application/trig": "trig", "application/n-quads": "nquads",
}


def parse_body(body: bytes, media_type: str, *, base: str, charset: str | None = None
               ) -> Graph:
    """The triples of a request body, relative IRIs resolved against `base`."""
    fmt = GRAPH_TYPES.get(media_type)
    if fmt is None:
        raise LookupError(media_type)
    text = utf8(body, charset=charset)
    g = Graph()
    try:
        if fmt == "json-ld":
            _jsonld(text, g, base)
            return g
        if fmt == "xml":
            refuse_dtd(text, "body")
        g.parse(data=text, format=fmt, publicID=base)
    except InputError:
        raise
    except RecursionError:  # rdflib's and json's readers recurse once per level of nesting
        raise InputError(N_("{media} 嵌套过深，无法读取", media=media_type)) from None
    except Exception as e:  # rdflib's parsers raise many types for bad syntax
        first = (str(e).strip().splitlines() or [type(e).__name__])[0][:200]
        raise InputError(N_("不是有效的 {syntax}：{why}", syntax=media_type, why=first)) from None
    return g


def _jsonld(text: str, g: Graph, base: str) -> None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(N_("不是 JSON：第 {line} 行第 {column} 列：{why}", line=e.lineno,
                            column=e.colno, why=e.msg)) from None
    if isinstance(doc, dict) and "@context" in doc:
        checked = check_context(doc["@context"], "body", own=CONTEXT_IRI)
        doc = {**doc, "@context": checked} if checked else {
            k: v for k, v in doc.items() if k != "@context"}
    to_rdf(doc, g, base=base)


def serialise(graph: Graph, media_type: str) -> bytes:
    return graph.serialize(format=GRAPH_TYPES[media_type], encoding="utf-8")
