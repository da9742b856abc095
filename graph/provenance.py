"""Where each named graph came from, as PROV-O in the graph `graph/provenance`: for every
graph a write produced, its source, the activity (build, load, import) that wrote it,
when, how many triples it held, and for a closure the digest of its inputs (so a rebuild
with the same inputs reuses it).

The statements are written by the same transaction as the graphs they describe (the
`then` of `Store.replace_graphs`), so a graph without a record was written by something
else, or by a bulk load that did not finish.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox

from coopkg.vocab import CK, GRAPHS

from .store import Store

__all__ = ["GraphRecord", "digest_of", "forget", "read_records", "record"]

_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_VOID = "http://rdfs.org/ns/void#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ACTIVITY_LABELS = {"build": ("构建", "build"), "load": ("加载", "load"),
                    "import": ("导入申报", "proposal import"), "write": ("写入", "write")}


@dataclass(frozen=True)
class GraphRecord:
    graph: str
    triples: int | None
    source: str | None
    activity: str | None
    time: str | None
    digest: str | None


def _n(iri: str) -> str:
    return str(ox.NamedNode(iri))


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    if lang:
        return str(ox.Literal(value, language=lang))
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None))


def forget(graphs: list[str]) -> str:
    """SPARQL Update operations removing the records of `graphs`."""
    prov = _n(str(GRAPHS.PROVENANCE))
    ops = []
    for g in graphs:
        ops.append(f"DELETE {{ GRAPH {prov} {{ {_n(g)} ?p ?o . ?o ?q ?v }} }} WHERE {{ GRAPH "
                   f"{prov} {{ {_n(g)} ?p ?o OPTIONAL {{ ?o ?q ?v FILTER(isBlank(?o)) }} }} }}")
    return " ;\n".join(ops)


def record(activity: str, sizes: Mapping[str, int], *, source: str | None = None,
           digests: Mapping[str, str] | None = None) -> str:
    """SPARQL Update operations replacing the records of the graphs in `sizes`."""
    prov = _n(str(GRAPHS.PROVENANCE))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    zh, en = _ACTIVITY_LABELS.get(activity, (activity, activity))
    when = _lit(now, _XSD + "dateTime")
    tag = uuid.uuid4().hex[:12]  # blank node labels unique in any request this joins
    lines = []
    for i, (g, n) in enumerate(sizes.items()):
        node = f"_:a{tag}n{i}"
        lines.append(f"{_n(g)} a <{_PROV}Entity> ; <{_VOID}triples> "
                     f"{_lit(str(n), _XSD + 'integer')} ; <{_PROV}generatedAtTime> {when} ;"
                     f" <{_PROV}wasGeneratedBy> {node} .")
        lines.append(f"{node} a <{_PROV}Activity> ; <{_RDFS}label> {_lit(zh, lang='zh')}, "
                     f"{_lit(en, lang='en')} ; <{_PROV}endedAtTime> {when} .")
        if source:
            lines.append(f"{_n(g)} <{_DCT}source> {_lit(source)} .")
        if digests and g in digests:
            lines.append(f"{_n(g)} <{CK}inputDigest> {_lit(digests[g])} .")
    insert = f"INSERT DATA {{ GRAPH {prov} {{\n" + "\n".join(lines) + "\n} }"
    return forget(list(sizes)) + " ;\n" + insert if sizes else ""


def read_records(store: Store) -> dict[str, GraphRecord]:
    """The record of every graph that has one."""
    rows = store.select(f"""
        SELECT ?g ?n ?source ?label ?time ?digest WHERE {{ GRAPH <{GRAPHS.PROVENANCE}> {{
          ?g <{_PROV}wasGeneratedBy> ?a .
          OPTIONAL {{ ?g <{_VOID}triples> ?n }} OPTIONAL {{ ?g <{_DCT}source> ?source }}
          OPTIONAL {{ ?a <{_RDFS}label> ?label FILTER(lang(?label) = "en") }}
          OPTIONAL {{ ?g <{_PROV}generatedAtTime> ?time }}
          OPTIONAL {{ ?g <{CK}inputDigest> ?digest }} }} }}""")
    out: dict[str, GraphRecord] = {}
    for r in rows:
        def v(k: str, row: Mapping[str, object] = r) -> str | None:
            t = row.get(k)
            return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else None
        n = v("n")
        out[str(v("g"))] = GraphRecord(str(v("g")), int(n) if n and n.isdigit() else None,
                                       v("source"), v("label"), v("time"), v("digest"))
    return out


def digest_of(*graphs: object) -> str:
    """A digest of graphs' content that ignores blank node labels and triple order."""
    import hashlib
    import re

    lines: list[str] = []
    for g in graphs:
        data = g.serialize(format="nt", encoding="utf-8").decode("utf-8")  # type: ignore[attr-defined]
        lines.extend(re.sub(r"_:\S+", "_:b", line) for line in data.splitlines() if line)
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()
