"""Linked data: every IRI coopkg mints under https://w3id.org/coopkg/ dereferences here at
the same path (…/guide/2021-1/direction/3.4 → /guide/2021-1/direction/3.4), answered
directly (200, Vary: Accept): HTML for a person, Turtle, JSON-LD, N-Triples or RDF/XML
for a machine; 404 for an IRI with no description. The ontology is served at its
namespace (/ontology) with documentation read from its Turtle (server.ontologydoc); the
dataset's VoID/DCAT description is at /dataset; the proposal JSON-LD context at
/context/proposal.jsonld.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, VOID, XSD

from coopkg.errors import NoSuchResource, NotAcceptable, NotFound
from coopkg.graph import provenance
from coopkg.i18n import N_
from coopkg.ontology import ontology_graph
from coopkg.results import plain
from coopkg.shapes.context import context
from coopkg.shapes.generate import code_key
from coopkg.views import embedded_jsonld
from coopkg.vocab import BASE, CK, GRAPHS

from ..choices import countries
from ..directionfacts import direction_fields, direction_money
from ..negotiation import choose
from ..ontologydoc import ontology_doc
from ..rdfio import serialise
from ..state import AppState, state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Linked data"])
_RDF = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
_OFFERED = ["text/html", *_RDF]
_PREFIXES = ("guide/", "partner/", "agency/", "agreement/", "programme/", "vocab/", "shapes/",
             "ontology/")
DATASET = URIRef(BASE + "dataset")


def _describe(app: AppState, iri: str) -> Graph:
    """The IRI's description in every graph (its triples, with the blank nodes they lead
    to), as the store's DESCRIBE gives it."""
    g = Graph()
    g.bind("ck", CK)
    g.bind("skos", SKOS)
    for t in app.store.construct("DESCRIBE ?x", bindings={"x": ox.NamedNode(iri)}):
        g.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return g


def _term(t: Any) -> Any:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value) if t.datatype else None)


_LABELS = f"""SELECT ?x ?label WHERE {{ {{ ?x <{SKOS.prefLabel}> ?label }}
                                    UNION {{ ?x <{RDFS.label}> ?label }} }}"""


def _labels(app: AppState, iris: set[str], lang: str) -> dict[str, str]:
    """A label per IRI, in `lang` where there is one (rdfs:label before skos:prefLabel)."""
    out: dict[str, str] = {}
    for iri in iris:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            continue
        found = [t for t in app.store.select(_LABELS, bindings={"x": node}).values("label")
                 if isinstance(t, ox.Literal)]
        best = next((t.value for t in found if t.language == lang), None)
        if best is None and found:
            best = found[0].value
        if best:
            out[iri] = best
    return out


def _answer(request: Request, graph: Graph, iri: str, *, title: str | None = None) -> Response:
    media = choose(request.headers.get("accept"), _OFFERED,
                   fmt=request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(N_("可用的格式：{formats}", formats=", ".join(_OFFERED)))
    if media != "text/html":
        return Response(serialise(graph, media), media_type=media, headers={"Vary": "Accept"})
    app = state_of(request)
    lang = lang_of(request)
    objects = {str(o) for o in graph.objects() if isinstance(o, URIRef)}
    predicates = {str(p) for p in graph.predicates()}
    labels = _labels(app, objects | predicates | {iri}, lang)
    subject = URIRef(iri)
    rows: dict[str, list[Any]] = {}
    for p, o in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
        rows.setdefault(str(p), []).append(o)
    # A property and its standard alias naming the same values (dcterms:hasPart and
    # ck:hasDirection on a guide) are one entry, not the same list twice.
    grouped: dict[tuple[Any, ...], list[str]] = {}
    for prop, values in rows.items():
        grouped.setdefault(tuple(values), []).append(prop)
    entries = [(props, list(values)) for values, props in grouped.items()]
    names = {lng: str(o) for o in graph.objects(subject, RDFS.label)
             if isinstance(o, Literal) and (lng := o.language)}
    context_ = {"iri": iri, "rows": entries, "names": names, "graph": graph,
                "label_of": lambda t: labels.get(str(t)), "base": BASE,
                "title": title or names.get(lang) or names.get("zh") or iri}
    if (subject, RDF.type, CK.Direction) in graph:
        context_["direction"] = _direction_view(app, iri, lang)
        context_["jsonld"] = embedded_jsonld(app.store, iri)  # its schema.org view
    if (subject, RDF.type, CK.Requirement) in graph:
        context_["requirement"] = _requirement_view(app, iri, lang)
    if (subject, RDF.type, CK.Partner) in graph:
        context_["partner"] = _partner_view(app, iri)
    return HTMLResponse(pages.render("resource.html", request, lang=lang, **context_),
                        headers={"Vary": "Accept"})


def _direction_view(app: AppState, iri: str, lang: str) -> dict[str, Any]:
    """What a person wants from a direction page: money, agreements, fields, requirements
    with the shapes that enforce them. `iri` is a direction found in the store and `lang`
    zh or en; both are checked before they reach the query text."""
    assert lang in ("zh", "en")
    node = str(ox.NamedNode(iri))  # a valid IRI, written in SPARQL syntax
    q = f"""
    PREFIX ck: <{CK}> PREFIX rdfs: <{RDFS}> PREFIX skos: <{SKOS}>
    SELECT ?n ?text ?text_en ?modality ?kind ?kind_label ?shape ?how ?clause_modality ?ctext
    WHERE {{
      {node} ck:requirement ?r . ?r ck:number ?n ; ck:text ?text ; ck:modality ?m ;
        ck:clause ?c . ?m skos:notation ?modality . OPTIONAL {{ ?c ck:text ?ctext }}
      OPTIONAL {{ ?r ck:textTranslation ?text_en . FILTER(LANG(?text_en) = "{lang}") }}
      ?c ck:kind ?k ; ck:modality ?cm . ?k skos:notation ?kind .
      ?cm skos:notation ?clause_modality .
      OPTIONAL {{ ?k skos:prefLabel ?kind_label . FILTER(LANG(?kind_label) = "{lang}") }}
      OPTIONAL {{ ?shape ck:enforces ?c . ?shape a <http://www.w3.org/ns/shacl#NodeShape> .
                  OPTIONAL {{ ?shape ck:enforcement ?how }} }}
    }} ORDER BY ?n ?kind"""
    reqs: dict[int, dict[str, Any]] = {}
    for row in app.store.select(q):
        n = int(plain(row["n"]))
        item = reqs.setdefault(n, {"n": n, "text": plain(row["text"]),
                                   "text_en": plain(row.get("text_en")),
                                   "modality": plain(row["modality"]), "clauses": []})
        item["clauses"].append({
            "kind": plain(row["kind"]),
            "label": plain(row["kind_label"]) if row.get("kind_label") else plain(row["kind"]),
            "modality": plain(row["clause_modality"]),
            "shape": plain(row["shape"]) if row.get("shape") else None,
            "manual": bool(row.get("how")) and plain(row["how"]) == "manual",
            "text": plain(row["ctext"]) if row.get("ctext") else ""})
    fields = direction_fields(app.store, iri)
    money = direction_money(app.store, iri)
    return {"requirements": [reqs[k] for k in sorted(reqs)], "fields": fields,
            "money": money}


_OWNER = """PREFIX ck: <https://w3id.org/coopkg/ontology#>
SELECT ?r ?d ?code ?n WHERE { ?d ck:requirement ?r ; ck:code ?code . ?r ck:number ?n }"""


def _requirement_view(app: AppState, iri: str, lang: str) -> dict[str, Any]:
    """A requirement in words: its direction (linked), its number, strength and text, and
    each clause with its kind, strength, how it is checked and its own words."""
    for row in app.store.select(_OWNER, bindings={"r": ox.NamedNode(iri)}):
        direction = plain(row["d"])
        n = int(plain(row["n"]))
        view = _direction_view(app, direction, lang)
        item = next((r for r in view["requirements"] if r["n"] == n), None)
        return {"direction": direction, "code": plain(row["code"]), "item": item,
                "title": _labels(app, {direction}, lang).get(direction, plain(row["code"]))}
    return {}


_PARTNER = """PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?d ?code ?label ?stated ?max WHERE { ?d ck:partner ?p ; ck:code ?code .
  OPTIONAL { ?d rdfs:label ?label }
  OPTIONAL { ?d ck:budget/ck:statedText ?stated }
  OPTIONAL { ?d ck:projectCount/ck:maxCount ?max } }"""
_AGREEMENTS = """PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?p ?a ?label WHERE { ?a ck:party ?p . OPTIONAL { ?a rdfs:label ?label } }"""


def _partner_view(app: AppState, iri: str) -> dict[str, Any]:
    """A partner's directions (title, budget, projects) and agreements, and the link that
    asks who may apply with it (a country's code prefills the eligibility form)."""
    node = {"p": ox.NamedNode(iri)}
    directions: dict[str, dict[str, Any]] = {}
    for row in app.store.select(_PARTNER, bindings=node):
        d = directions.setdefault(plain(row["code"]), {
            "iri": plain(row["d"]), "code": plain(row["code"]), "names": {},
            "stated": plain(row["stated"]) if row.get("stated") else "",
            "max": plain(row["max"]) if row.get("max") else ""})
        label = row.get("label")
        if isinstance(label, ox.Literal) and label.language:
            d["names"][label.language] = label.value
    agreements: dict[str, dict[str, str]] = {}
    for row in app.store.select(_AGREEMENTS, bindings=node):
        label = row.get("label")
        names = agreements.setdefault(plain(row["a"]), {})
        if isinstance(label, ox.Literal):
            names[label.language or "zh"] = label.value
    code = iri.rsplit("/", 1)[-1]
    country = code in {c for c, _zh, _en in countries()}
    return {"directions": [directions[c] for c in sorted(directions, key=code_key)],
            "agreements": sorted(agreements.items(), key=lambda kv: kv[1].get("zh", kv[0])),
            "eligible": {"p0.country": "CN", "p0.role": "lead", "p1.country": code,
                         "p1.role": "partner_lead"} if country else {}}


@router.get("/ontology", summary="The ontology: HTML documentation or RDF")
async def ontology(request: Request) -> Response:
    media = choose(request.headers.get("accept"), _OFFERED,
                   fmt=request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(N_("可用的格式：{formats}", formats=", ".join(_OFFERED)))
    if media == "text/html":
        doc = await asyncio.to_thread(ontology_doc)
        names = {t.iri: t.names for t in (*doc.classes, *doc.object_properties,
                                          *doc.datatype_properties, *doc.datatypes)}
        return HTMLResponse(pages.render("ontology.html", request, doc=doc, names=names,
                                         ns=str(CK)), headers={"Vary": "Accept"})
    g = await asyncio.to_thread(ontology_graph)
    return Response(serialise(g, media), media_type=media, headers={"Vary": "Accept"})


@router.get("/context/proposal.jsonld", summary="The JSON-LD @context of the proposal form")
async def proposal_context(request: Request) -> Response:
    asked = request.query_params.get("guide")
    guide = asked if asked else await asyncio.to_thread(state_of(request).guide)
    return JSONResponse({"@context": context(guide)}, media_type="application/ld+json")


def dataset_description(app: AppState, base: str) -> Graph:
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, RDFS.label, Literal("政府间国际科技创新合作指南知识图谱", lang="zh")))
    g.add((d, RDFS.label, Literal("coopkg: China's intergovernmental S&T cooperation calls",
                                  lang="en")))
    g.add((d, DCTERMS.title, Literal("coopkg", lang="en")))
    g.add((d, DCTERMS.description, Literal(
        "Call directions, partners, agreements, research fields, budgets and requirements of "
        "MOST's intergovernmental S&T cooperation guides, with SHACL shapes for proposals.",
        lang="en")))
    g.add((d, DCTERMS.license, URIRef("https://www.apache.org/licenses/LICENSE-2.0")))
    g.add((d, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((d, VOID.uriSpace, Literal(BASE)))
    g.add((d, VOID.vocabulary, URIRef(str(CK).rstrip("#"))))
    g.add((d, VOID.triples, Literal(app.size(), datatype=XSD.integer)))
    service = URIRef(f"{base}/sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCAT.servesDataset, d))
    g.add((d, DCAT.distribution, URIRef(f"{base}/store?default")))
    dist = URIRef(f"{base}/store?default")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessURL, dist))
    g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/text/turtle")))
    records = provenance.read_records(app.store) \
        if app.store.has_graph(str(GRAPHS.PROVENANCE)) else {}
    proposals = 0
    for name in app.store.graph_names():
        if name.startswith(GRAPHS.PROPOSALS):  # thousands of small graphs: counted, below
            proposals += 1
            continue
        sub = URIRef(name)
        g.add((d, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(app.store.graph_size(name), datatype=XSD.integer)))
        if name.startswith(str(GRAPHS.guide(""))):
            g.add((sub, DCTERMS.source, URIRef(BASE + "guide/" + name.rsplit("/", 1)[-1])))
        r = records.get(name)
        if r is not None:  # where it came from, as PROV-O
            g.add((sub, RDF.type, PROV.Entity))
            if r.time:
                g.add((sub, PROV.generatedAtTime, Literal(r.time, datatype=XSD.dateTime)))
            if r.source and not name.startswith(str(GRAPHS.guide(""))):
                g.add((sub, DCTERMS.source, Literal(r.source)))
            if r.activity:
                act = BNode()
                g.add((sub, PROV.wasGeneratedBy, act))
                g.add((act, RDF.type, PROV.Activity))
                g.add((act, RDFS.label, Literal(r.activity, lang="en")))
    if proposals:
        sub = URIRef(GRAPHS.PROPOSALS)
        g.add((d, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, RDFS.label, Literal("已存储的项目申报书（每份一个命名图）", lang="zh")))
        g.add((sub, RDFS.label, Literal("stored proposals, one named graph each", lang="en")))
        g.add((sub, VOID.documents, Literal(proposals, datatype=XSD.integer)))
    return g


@router.get("/dataset", summary="VoID and DCAT description of the dataset")
async def dataset(request: Request) -> Response:
    app = state_of(request)
    base = str(request.base_url).rstrip("/")
    g = await asyncio.to_thread(dataset_description, app, base)
    return await asyncio.to_thread(_answer, request, g, str(DATASET))


@router.get("/graph/{rest:path}", include_in_schema=False)
async def graph_iri(rest: str) -> Response:
    return RedirectResponse(f"/store?graph={BASE}graph/{rest}", status_code=303)


@router.get("/{rest:path}", summary="Dereference an IRI minted under https://w3id.org/coopkg/")
async def resource(request: Request, rest: str) -> Response:
    if not rest.startswith(_PREFIXES):
        raise NotFound(N_("这里没有页面：/{path}", path=rest))
    app = state_of(request)
    iri = BASE + rest
    graph = await asyncio.to_thread(_describe, app, iri)
    if len(graph) == 0:
        raise NoSuchResource(N_("本数据集没有描述 {iri}", iri=iri))
    # Labels and the direction view read the store: off the event loop too.
    return await asyncio.to_thread(_answer, request, graph, iri)
