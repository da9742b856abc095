"""Query results for people: plain terms for tables, ASK answers, graphs as Turtle."""

from __future__ import annotations

import json

import pyoxigraph as ox

__all__ = ["plain", "render"]


def plain(term: object) -> str:
    """A term as a person reads it: IRIs and literals without quotes or datatypes."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term.value
    return str(term)


def render(result: bool | list[ox.Triple], fmt: str) -> str | bytes:
    """An ASK answer (true/false, or SPARQL JSON) or a graph (Turtle) for the CLI.
    SELECT results are written by the store's own serialisers."""
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result})
        return "true" if result else "false"
    return ox.serialize(result, format=ox.RdfFormat.TURTLE) or b""
