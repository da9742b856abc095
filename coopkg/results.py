"""Query results for people and programs: a table, CSV, TSV or SPARQL JSON."""

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


def render(result: object, fmt: str) -> str | bytes:
    """Serialise a query result; `table` gives a list of rows for the CLI to draw."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result)})
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE) or b""
    assert isinstance(result, ox.QuerySolutions)
    formats = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
    return result.serialize(format=formats[fmt]) or b""
