"""Query workers: separate processes that hold an in-memory copy of the dataset and answer
one query at a time, so a query past its deadline is stopped by ending its process.

The main process sends ("load", nquads) after every write and ("query", request) for each
query; a worker answers ("ok", media_type, body, truncated) or ("error", code, message).
Results are serialised here, with the row limit applied as rows are read.
"""

from __future__ import annotations

import json
from multiprocessing.connection import Connection
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox

__all__ = ["RDF_TYPES", "SELECT_TYPES", "serve_forever"]

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


def _json_term(t: Any) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{escape(t.language)}">{escape(t.value)}</literal>'
        if t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f'<literal datatype="{escape(t.datatype.value)}">{escape(t.value)}</literal>'
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_cell(t: Any) -> str:
    if t is None:
        return ""
    value = t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else (
        f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t))
    if any(c in value for c in ',"\n\r'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def _tsv_cell(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t).replace("\t", "\\t").replace("\n", "\\n")


def serialize_select(result: ox.QuerySolutions, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    names = [v.value for v in result.variables]
    rows: list[list[Any]] = []
    truncated = False
    for row in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append([row[n] for n in names])
    if fmt == "json":
        body = {"head": {"vars": names}, "results": {"bindings": [
            {n: _json_term(t) for n, t in zip(names, r, strict=True) if t is not None}
            for r in rows]}}
        return json.dumps(body, ensure_ascii=False).encode(), truncated
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
                 "<head>" + "".join(f'<variable name="{escape(n)}"/>' for n in names) + "</head>",
                 "<results>"]
        for r in rows:
            parts.append("<result>" + "".join(
                f'<binding name="{escape(n)}">{_xml_term(t)}</binding>'
                for n, t in zip(names, r, strict=True) if t is not None) + "</result>")
        parts.append("</results></sparql>")
        return "\n".join(parts).encode(), truncated
    if fmt == "csv":
        lines = [",".join(names)] + [",".join(_csv_cell(t) for t in r) for r in rows]
        return ("\r\n".join(lines) + "\r\n").encode(), truncated
    lines = ["\t".join(f"?{n}" for n in names)] + ["\t".join(_tsv_cell(t) for t in r)
                                                     for r in rows]
    return ("\n".join(lines) + "\n").encode(), truncated


def serialize_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    return ("true\n" if value else "false\n").encode()


def _answer(store: ox.Store, req: dict[str, Any]) -> tuple:
    kwargs: dict[str, Any] = {}
    if req.get("dataset_in_query"):
        pass  # FROM / FROM NAMED in the query define the dataset
    elif req.get("default_graphs"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req["default_graphs"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if req.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graphs"]]
    try:
        result = store.query(req["query"], **kwargs)
    except SyntaxError as e:
        return ("error", 400, f"malformed query: {e}")
    except (OSError, RuntimeError, ValueError) as e:
        return ("error", 400, f"query failed: {e}")
    media = req["media_type"]
    try:
        if isinstance(result, ox.QuerySolutions):
            body, truncated = serialize_select(result, SELECT_TYPES[media], req["max_rows"])
            return ("ok", media, body, truncated)
        if isinstance(result, ox.QueryBoolean):
            return ("ok", media, serialize_boolean(bool(result), SELECT_TYPES[media]), False)
        triples: list[Any] = []
        truncated = False
        for t in result:
            if len(triples) >= req["max_rows"]:
                truncated = True
                break
            triples.append(t)
        fmt = RDF_TYPES[media]
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            data = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                    for t in triples]
        else:
            data = triples
        return ("ok", media, ox.serialize(data, format=fmt) or b"", truncated)
    except (OSError, RuntimeError, ValueError) as e:
        return ("error", 500, f"could not serialise the result: {e}")


def serve_forever(conn: Connection) -> None:
    """The worker's loop (the target of each worker process)."""
    store = ox.Store()
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message[0] == "load":
            store = ox.Store()
            if message[1]:
                store.load(message[1], format=ox.RdfFormat.N_QUADS)
            conn.send(("loaded", len(store)))
        elif message[0] == "query":
            conn.send(_answer(store, message[1]))
        elif message[0] == "stop":
            return
