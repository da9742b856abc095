"""A guide's shapes as the store keeps them, and back.

The build stores each guide's shapes in `graph/shapes/<id>` as one standalone SHACL graph
(each direction's shapes targeted by a SPARQL target at that direction's proposals), with
`ck:appliesTo` naming the direction of each such shape and one `ck:CoverageEntry` per
clause saying how it is enforced. The validator and the eligibility finder read that graph
(`shape_set`), so what validation enforces is exactly what a SPARQL user sees, on any store.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from coopkg.errors import UnknownGuideError
from coopkg.i18n import LANGS, Texts
from coopkg.vocab import BASE, CK, GRAPHS, KIND, MODALITY

from .generate import Coverage, ShapeSet, code_key

__all__ = ["shape_set", "to_graph"]


def to_graph(shapes: ShapeSet) -> Graph:
    """The graph stored for `shapes`."""
    out = shapes.standalone()
    out.bind("skos", SKOS)
    for code, g in shapes.by_direction.items():
        for root in set(g.subjects(SH.targetClass, CK.Proposal)):
            out.add((root, CK.appliesTo, shapes.directions[code]))
    for i, c in enumerate(shapes.coverage):
        node = URIRef(f"{BASE}shapes/{shapes.guide_id}/coverage/{i + 1}")
        out.add((node, RDF.type, CK.CoverageEntry))
        out.add((node, CK.position, Literal(i + 1)))
        if c.code in shapes.directions:
            out.add((node, CK.appliesTo, shapes.directions[c.code]))
        out.add((node, SKOS.notation, Literal(c.code)))  # the direction code (or 'guide')
        out.add((node, CK.requirementId, Literal(c.requirement_id)))
        out.add((node, CK.kind, KIND[c.kind]))
        out.add((node, CK.modality, MODALITY[c.modality]))
        out.add((node, CK.enforcement, Literal(c.method)))
        for lang in LANGS:
            out.add((node, RDFS.comment, Literal(c.why_in(lang), lang=lang)))
        if c.text_zh:
            out.add((node, CK.text, Literal(c.text_zh, lang="zh")))
    return out


def _said(stored: Graph, node: Any) -> Texts:
    """A coverage entry's why, in the languages of the catalogue as the graph has them."""
    said = {c.language: str(c) for c in stored.objects(node, RDFS.comment)
            if isinstance(c, Literal)}
    return Texts(tuple((lang, said[lang]) for lang in LANGS if lang in said))


def _local(term: Any) -> str:
    return str(term).rsplit("/", 1)[-1]


def _reach(g: Graph, roots: set[Any], subjects: set[Any]) -> set[Any]:
    seen: set[Any] = set()
    todo = list(roots)
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        todo.extend(o for o in g.objects(n, None) if o in subjects and o not in seen)
    return seen


def from_graph(stored: Graph, guide_id: str, directions: dict[str, Any],
               titles: dict[URIRef, dict[str, str]]) -> ShapeSet:
    """The ShapeSet the validator works with, from the stored graph."""
    coverage_nodes = set(stored.subjects(RDF.type, CK.CoverageEntry))
    subjects = set(stored.subjects()) - coverage_nodes
    by_direction: dict[str, Graph] = {code: Graph() for code in directions}
    taken: set[Any] = set()
    for code in directions:
        roots = {s for s in stored.subjects(CK.appliesTo, directions[code])
                 if s not in coverage_nodes}
        targets = {t for r in roots for t in stored.objects(r, SH.target)}
        nodes = _reach(stored, roots, subjects) - targets
        taken |= nodes | targets
        g = by_direction[code]
        for n in nodes:
            for s, p, o in stored.triples((n, None, None)):
                if p == CK.appliesTo:
                    continue
                if p == SH.target and o in targets:
                    g.add((s, SH.targetClass, CK.Proposal))
                    continue
                g.add((s, p, o))
    common = Graph()
    for s, p, o in stored:
        if s not in taken and s not in coverage_nodes:
            common.add((s, p, o))
    entries = sorted(coverage_nodes, key=lambda n: int(str(stored.value(n, CK.position) or 0)))
    coverage = [Coverage(str(stored.value(n, SKOS.notation)),
                         str(stored.value(n, CK.requirementId)),
                         _local(stored.value(n, CK.kind)), _local(stored.value(n, CK.modality)),
                         str(stored.value(n, CK.enforcement)),
                         _said(stored, n),
                         str(stored.value(n, CK.text) or "")) for n in entries]
    return ShapeSet(guide_id, common, by_direction, directions, coverage, titles)


def shape_set(store: Any, guide_id: str) -> ShapeSet:
    """The shapes of guide `guide_id` as stored in `store` (a `coopkg.graph.store.Store`)."""
    name = str(GRAPHS.shapes(guide_id))
    if not store.has_graph(name):
        have = sorted(g.rsplit("/", 1)[-1] for g in store.graph_names()
                      if g.startswith(str(GRAPHS.shapes(""))))
        raise UnknownGuideError(guide_id, str(store.location), have)
    rows = store.select(f"""
        SELECT ?d ?code ?label ?pref WHERE {{ GRAPH <{GRAPHS.guide(guide_id)}> {{
          <{BASE}guide/{guide_id}> <{CK.hasDirection}> ?d . ?d <{CK.code}> ?code .
          OPTIONAL {{ ?d <{RDFS.label}> ?label }} OPTIONAL {{ ?d <{SKOS.prefLabel}> ?pref }}
        }} }}""")
    directions: dict[str, Any] = {}
    titles: dict[URIRef, dict[str, str]] = {}
    for r in rows:
        d = URIRef(r["d"].value)
        directions[r["code"].value] = d
        for key in ("pref", "label"):  # as the generator names them: prefLabel first
            label = r.get(key)
            if isinstance(label, ox.Literal) and label.language:
                titles.setdefault(d, {}).setdefault(label.language, label.value)
    ordered = dict(sorted(directions.items(), key=lambda kv: code_key(kv[0])))
    return from_graph(store.read_graph(name), guide_id, ordered, titles)

