"""The benchmark's query mix, and how answers from different systems are compared.

The mix is every named query of the project (`coopkg.queries.named()`, as installed; a
parameter is bound from `bench/queries/named.json` as a VALUES block at the start of the
WHERE clause, so every system runs the same text) followed by the analyst queries in
`bench/queries/*.rq`. Everything runs over the union default graph.

Answers are compared after normalising them:
- SELECT: a multiset of rows; in each row a blank node is just "a blank node", a number is
  its value to 9 significant digits whatever its datatype (integer, decimal, double), a
  boolean is its value, a plain literal and an xsd:string are the same, a language tag is
  lower case. Row order is ignored (ORDER BY ties may come out in either order), and so is
  the order of the items in a GROUP_CONCAT column named in named.json ("unordered").
- ASK: the boolean.
- CONSTRUCT: the set of triples, terms normalised as above.
- DESCRIBE: systems may legitimately return more or less around the resource, so an
  answer only has to be non-empty and contain the resource's own triples (every triple
  with it as subject, read from the guide export; blank-node objects count as any blank
  node).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopkg.queries import named
from coopkg.server.policy import query_form

__all__ = ["Answer", "Query", "compare", "describe_target", "load_mix", "normalise"]

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

SELECT_TYPE = "application/sparql-results+json"
GRAPH_TYPE = "application/n-triples"


@dataclass(frozen=True)
class Query:
    name: str  # "named/<name>" for the project's queries, else the file's stem
    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    unordered: tuple[str, ...] = ()  # GROUP_CONCAT columns, compared as sorted items

    @property
    def accept(self) -> str:
        return SELECT_TYPE if self.form in ("SELECT", "ASK") else GRAPH_TYPE


def _literal(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def bind(text: str, values: dict[str, str]) -> str:
    """`text` with each variable fixed by a VALUES block opening its first WHERE clause."""
    if not values:
        return text
    block = " ".join(f"VALUES ?{k} {{ {_literal(v)} }}" for k, v in values.items())
    m = _WHERE.search(text)
    if m is None:
        raise ValueError("no WHERE clause to bind parameters in")
    return f"{text[:m.end()]}\n  {block}\n{text[m.end():]}"


def form_of(text: str) -> str:
    form = query_form(text)
    if form is None:
        raise ValueError("cannot tell the query form")
    return form


def load_mix(*, named_only: bool = False) -> list[Query]:
    settings = json.loads((QUERIES / "named.json").read_text(encoding="utf-8"))
    out = []
    for name, path in named().items():
        how = settings.get(name, {})
        text = bind(path.read_text(encoding="utf-8"), how.get("bind", {}))
        out.append(Query(f"named/{name}", text, form_of(text), tuple(how.get("unordered", ()))))
    if not named_only:
        for path in sorted(QUERIES.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            out.append(Query(path.stem, text, form_of(text)))
    return out


# -- normalising -------------------------------------------------------------------------

def _number(value: str) -> str:
    try:
        d = Decimal(value.strip())
    except InvalidOperation:
        return value
    if not d.is_finite():
        return str(d)
    if d == 0:
        return "0"
    # 9 significant digits, but never fewer than the integer part (sums of yuan are exact)
    d = d.quantize(Decimal(1).scaleb(min(d.adjusted() - 8, 0)))
    return format(d.normalize(), "f")


def _json_term(t: dict[str, Any]) -> tuple[str, ...]:
    kind = t.get("type")
    value = t.get("value", "")
    if kind == "uri":
        return ("uri", value)
    if kind == "bnode":
        return ("bnode",)
    lang = t.get("xml:lang")
    if lang:
        return ("lang", value, lang.lower())
    datatype = t.get("datatype")
    if datatype in _NUMERIC:
        return ("number", _number(value))
    if datatype == XSD + "boolean":
        return ("boolean", str(value.strip() in ("true", "1")).lower())
    if datatype and datatype != XSD + "string":
        return ("typed", value, datatype)
    return ("string", value)


def _ox_term(t: Any) -> tuple[str, ...]:
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return ("bnode",)
    out: dict[str, Any] = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    else:
        out["datatype"] = t.datatype.value
    return _json_term(out)


@dataclass
class Answer:
    """A normalised answer: rows (SELECT), a boolean (ASK) or triples (graphs)."""

    form: str
    rows: Counter[tuple[Any, ...]] | None = None
    boolean: bool | None = None
    triples: set[tuple[Any, ...]] | None = None
    variables: tuple[str, ...] = ()
    note: str = ""  # something odd about how the answer came (its media type)

    @property
    def size(self) -> int:
        if self.rows is not None:
            return sum(self.rows.values())
        if self.triples is not None:
            return len(self.triples)
        return 1


_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES,
                  "text/turtle": ox.RdfFormat.TURTLE,
                  "application/rdf+xml": ox.RdfFormat.RDF_XML,
                  "application/n-quads": ox.RdfFormat.N_QUADS}


def normalise(query: Query, body: bytes, content_type: str = "") -> Answer:
    """The answer in `body`, normalised. A graph comes as N-Triples (asked for); another RDF
    syntax is read when its media type says so, and RDF/XML sent under a SPARQL results media
    type is read as RDF/XML with a note."""
    if query.form in ("SELECT", "ASK"):
        doc = json.loads(body)
        if "boolean" in doc:
            return Answer(query.form, boolean=bool(doc["boolean"]))
        variables = tuple(doc.get("head", {}).get("vars", []))
        rows: Counter[tuple[Any, ...]] = Counter()
        for b in doc["results"]["bindings"]:
            row = {k: _json_term(v) for k, v in b.items()}
            for k in query.unordered:
                if k in row and len(row[k]) == 2:
                    row[k] = (row[k][0], " ".join(sorted(row[k][1].split())))
            rows[tuple(sorted(row.items()))] += 1
        return Answer(query.form, rows=rows, variables=variables)
    media = content_type.split(";")[0].strip().lower()
    fmt = _GRAPH_FORMATS.get(media, ox.RdfFormat.N_TRIPLES)
    note = "" if media in ("", GRAPH_TYPE) else f"a graph sent as {media}"
    if media not in _GRAPH_FORMATS and body.lstrip()[:5] == b"<?xml" and b"rdf:RDF" in body[:2000]:
        fmt = ox.RdfFormat.RDF_XML
        note = f"RDF/XML sent as {media} (asked for {GRAPH_TYPE})"
    triples = {(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
               for t in ox.parse(body, format=fmt)}
    return Answer(query.form, triples=triples, note=note)


def describe_target(query: Query) -> str | None:
    m = re.search(r"DESCRIBE\s*<([^>]+)>", query.text, re.IGNORECASE)
    return m.group(1) if m else None


def own_triples(guide: ox.Store, iri: str) -> set[tuple[Any, ...]]:
    """The triples with `iri` as subject in `guide` (any graph), normalised."""
    node = ox.NamedNode(iri)
    return {(_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object))
            for q in guide.quads_for_pattern(node, None, None, None)}


def compare(query: Query, reference: Answer, other: Answer,
            expected_describe: set[tuple[Any, ...]] | None = None) -> str | None:
    """None when `other` agrees with `reference`, else what differs (one line)."""
    if query.form == "DESCRIBE":
        assert other.triples is not None
        if not other.triples:
            return "DESCRIBE returned nothing"
        missing = (expected_describe or set()) - other.triples
        if missing:
            sample = sorted(missing)[0]
            return f"DESCRIBE lacks {len(missing)} of the resource's own triples, e.g. {sample}"
        return None
    if query.form == "ASK" or reference.boolean is not None:
        if reference.boolean != other.boolean:
            return f"ASK: {reference.boolean} against {other.boolean}"
        return None
    if reference.triples is not None:
        assert other.triples is not None
        if reference.triples == other.triples:
            return None
        only_ref = len(reference.triples - other.triples)
        only_other = len(other.triples - reference.triples)
        return (f"graphs differ: {only_ref} triples only in the reference, {only_other} only "
                "here")
    assert reference.rows is not None and other.rows is not None
    if reference.rows == other.rows:
        return None
    only_ref = reference.rows - other.rows
    only_other = other.rows - reference.rows
    sample = next(iter(only_ref or only_other))
    return (f"rows differ: {sum(reference.rows.values())} against {sum(other.rows.values())}; "
            f"{sum(only_ref.values())} only in the reference, {sum(only_other.values())} only "
            f"here, e.g. {dict(sample)}")
