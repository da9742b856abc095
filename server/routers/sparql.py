"""SPARQL 1.1 Query and Update over HTTP (the SPARQL 1.1 Protocol) and the service
description.

GET /sparql?query=…, POST form-encoded (query= or update=), POST application/sparql-query,
POST application/sparql-update (also at /update). `default-graph-uri` and
`named-graph-uri` select the dataset of a query; without them the default graph is the
union of the named graphs. `using-graph-uri` and `using-named-graph-uri` select the
dataset of an update's WHERE clauses (server.updates). Relative IRIs resolve against the
endpoint's URL. Results by Accept (q-values honoured) or `format=`.
"""

from __future__ import annotations

import asyncio
import os

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from starlette.background import BackgroundTask

from coopkg import __version__
from coopkg.errors import (
    BadGraphIri,
    DoubledQuery,
    DoubledUpdate,
    MalformedQuery,
    MissingQuery,
    MissingUpdate,
    NotAcceptable,
    QueryRefused,
    QueryTooLong,
    StoreError,
    UnsupportedMediaType,
    UpdateError,
    UpdateRefused,
    UpdateViaGet,
)
from coopkg.graph.store import MEDIA_TYPES
from coopkg.i18n import N_
from coopkg.sparqltext import check_nesting

from ..bodies import content_type, form_pairs, query_pairs, utf8
from ..negotiation import choose
from ..openapi import describe
from ..policy import check_query, query_form
from ..state import state_of

__all__ = ["router", "service_description"]

router = APIRouter(tags=["SPARQL"])
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
_GRAPH_TYPES = ["text/turtle", "application/rdf+xml", "application/ld+json",
                "application/n-triples"]
SELECT_TYPES = [m for m, f in MEDIA_TYPES.items() if isinstance(f, ox.QueryResultsFormat)]
RDF_TYPES = [m for m, f in MEDIA_TYPES.items() if isinstance(f, ox.RdfFormat)]


# Media types clients send for a result that this endpoint writes as a standard type:
# generic JSON / XML for SPARQL results (SPARQLWrapper, Jena); XML and N3 for graphs (N3 is
# a superset of Turtle, so Turtle is a valid N3 answer).
_RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                   "application/xml": "application/sparql-results+xml",
                   "text/xml": "application/sparql-results+xml"}
_GRAPH_ALIASES = {"application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml",
                  "text/n3": "text/turtle", "text/rdf+n3": "text/turtle",
                  "application/x-turtle": "text/turtle"}
_GRAPH_FORMATS = {"xml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
                  "n3": "text/turtle", "rdf": "application/rdf+xml"}


def _choose(accept: str | None, form: str, fmt: str | None) -> str | None:
    """The media type of the answer, from Accept or `format=`, aliases included."""
    results = form in ("SELECT", "ASK")
    offered = SELECT_TYPES if results else RDF_TYPES
    aliases = _RESULT_ALIASES if results else _GRAPH_ALIASES
    if fmt and not results and fmt.lower() in _GRAPH_FORMATS:
        return _GRAPH_FORMATS[fmt.lower()]
    if fmt and fmt.lower() in aliases:
        return aliases[fmt.lower()]
    picked = choose(accept, [*offered, *aliases], fmt=fmt)
    return aliases.get(picked, picked) if picked else None


def _params(pairs: dict[str, list[str]]) -> tuple[list[str], list[str], str | None]:
    """The query's dataset (default-graph-uri, named-graph-uri) and `format=`."""
    formats = pairs.get("format") or []
    return (_graph_iris(pairs, "default-graph-uri"), _graph_iris(pairs, "named-graph-uri"),
            formats[0] if formats else None)


def _graph_iris(pairs: dict[str, list[str]], name: str) -> list[str]:
    """The values of a dataset parameter, each an absolute IRI (else 400)."""
    iris = pairs.get(name, [])
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise BadGraphIri(N_("{name} 不是绝对 IRI：{iri}", name=name, iri=repr(iri))
                              ) from None
    return iris


def _endpoint(request: Request) -> str:
    """The endpoint's URL: the base IRI of queries and updates that bring none (SPARQL
    1.1 Protocol: the service defines it, and it "MAY be the service endpoint")."""
    return str(request.url.replace(query="", fragment=""))


async def _query(request: Request, query: str, default: list[str], named: list[str],
                 fmt: str | None) -> Response:
    app = state_of(request)
    size = len(query.encode("utf-8"))
    if size > app.settings.max_query_bytes:
        raise QueryTooLong(N_("查询有 {size} 字节，超过上限 {limit} 字节", size=size,
                              limit=app.settings.max_query_bytes))
    form = query_form(query)
    # Before any store sees it: a parser recursing once per level would overflow its
    # stack, and a remote store's server would die of it.
    check_nesting(query)
    if form is None:
        raise MalformedQuery(N_("不是 SPARQL 查询（没有 SELECT、ASK、CONSTRUCT 或 DESCRIBE）"))
    in_query = check_query(query, has_graph=app.has_graph,
                           services=app.settings.service_allowlist)
    if default or named:
        # The protocol's dataset takes precedence over FROM / FROM NAMED in the query
        # (SPARQL 1.1 Protocol §2.1.4); a graph the store does not hold is simply empty.
        in_query = []
    offered = SELECT_TYPES if form in ("SELECT", "ASK") else RDF_TYPES
    media = _choose(request.headers.get("accept"), form, fmt)
    if media is None:
        raise NotAcceptable(N_("{form} 查询的结果可以这些格式发送：{types}", form=form,
                               types=", ".join(offered)), offered=offered)
    # QueryTimeout, Overloaded, ClientGone (answered 499: nobody reads it; logged as such)
    answer = await app.executor.run({"query": query, "default_graphs": default,
                                     "named_graphs": named, "media_type": media,
                                     "dataset_in_query": bool(in_query),
                                     "base_iri": _endpoint(request)},
                                    gone=request.is_disconnected)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return FileResponse(answer.path, media_type=media + charset, headers={"Vary": "Accept"},
                        background=BackgroundTask(os.unlink, answer.path))


_DATASET = ("default-graph-uri", "named-graph-uri", "format")
_USING = ("using-graph-uri", "using-named-graph-uri")


@router.api_route("/sparql", methods=["GET", "HEAD"],
                  summary="SPARQL query (GET, HEAD); without a query: the service description",
                  openapi_extra=describe("query", *_DATASET))
async def sparql_get(request: Request) -> Response:
    pairs = query_pairs(request)
    queries = pairs.get("query", [])
    if len(queries) > 1:
        raise DoubledQuery(N_("query 参数只能给一次"))
    if "update" in pairs:
        raise UpdateViaGet(N_("更新须用 POST 发送（application/sparql-update，"
                              "或带 update= 的表单）"))
    default, named, fmt = _params(pairs)
    if not queries:
        media = choose(request.headers.get("accept"), [*_GRAPH_TYPES, "text/html"], fmt=fmt)
        if media == "text/html":
            return RedirectResponse("/query", status_code=303)
        if media is None:
            raise NotAcceptable(N_("服务描述可以这些格式发送：{types}",
                                   types=", ".join(_GRAPH_TYPES)))
        graph = service_description(request)
        return Response(_serialise(graph, media), media_type=media,
                        headers={"Vary": "Accept"})
    if not queries[0].strip():
        raise MissingQuery(N_("query 参数为空"))
    return await _query(request, queries[0], default, named, fmt)


@router.post("/sparql", summary="SPARQL query or update (POST)",
             openapi_extra=describe(*_DATASET, *_USING, text=(
                 "application/sparql-query", "application/sparql-update"),
                 form=("query", "update", *_DATASET, *_USING)))
async def sparql_post(request: Request) -> Response:
    ctype, charset = content_type(request)
    url_pairs = query_pairs(request)
    if ctype == "application/x-www-form-urlencoded":
        pairs = form_pairs(await request.body(), charset)
        if "update" in pairs:
            return await _form_update(request, pairs, url_pairs)
        queries = pairs.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            error = MissingQuery if len(queries) < 2 else DoubledQuery
            raise error(N_("请发送且只发送一个 query=（或 update=）参数"))
        default, named, fmt = _params(_merged(url_pairs, pairs))
        return await _query(request, queries[0], default, named, fmt)
    if ctype == "application/sparql-query":
        if "query" in url_pairs:
            raise DoubledQuery(N_("查询已在请求内容中，请不要再给 ?query="))
        default, named, fmt = _params(url_pairs)
        text = utf8(await request.body(), charset=charset)
        if not text.strip():
            raise MissingQuery(N_("请求内容为空"))
        return await _query(request, text, default, named, fmt)
    if ctype == "application/sparql-update":
        return await run_update(request, utf8(await request.body(), charset=charset),
                                url_pairs)
    raise UnsupportedMediaType(
        N_("请以 POST 发送 application/sparql-query、application/sparql-update，"
           "或带 query= / update= 的 application/x-www-form-urlencoded 表单"))


def _merged(url: dict[str, list[str]], form: dict[str, list[str]]) -> dict[str, list[str]]:
    """The URL's parameters with the form's beside them (a form names the operation)."""
    return {**url, **{k: v for k, v in form.items() if k not in ("query", "update")}}


async def _form_update(request: Request, pairs: dict[str, list[str]],
                       url_pairs: dict[str, list[str]]) -> Response:
    updates = pairs.get("update", [])
    if len(updates) > 1:
        raise DoubledUpdate(N_("update 参数只能给一次"))
    if not updates or not updates[0].strip():
        raise MissingUpdate(N_("请发送且只发送一个 update= 参数"))
    return await run_update(request, updates[0], _merged(url_pairs, pairs))


@router.options("/sparql", summary="What /sparql allows", status_code=204)
async def sparql_options() -> Response:
    return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})


@router.post("/update", summary="SPARQL update (POST)",
             openapi_extra=describe(*_USING, text=("application/sparql-update",),
                                    form=("update", *_USING)))
async def update_post(request: Request) -> Response:
    ctype, charset = content_type(request)
    url_pairs = query_pairs(request)
    if ctype == "application/x-www-form-urlencoded":
        return await _form_update(request, form_pairs(await request.body(), charset),
                                  url_pairs)
    if ctype == "application/sparql-update":
        return await run_update(request, utf8(await request.body(), charset=charset),
                                url_pairs)
    raise UnsupportedMediaType(N_("请以 POST 发送 application/sparql-update，或带 update= 的表单"))


async def run_update(request: Request, text: str, pairs: dict[str, list[str]]) -> Response:
    """One SPARQL Update request, with the dataset its parameters name (see
    graph.updates) and the endpoint as its base IRI, as one transaction."""
    app = state_of(request)
    app.check_write(request)
    check_nesting(text, what="update")
    try:
        check_query(text, has_graph=app.has_graph, services=())
    except QueryRefused as e:
        raise UpdateRefused(e.detail) from None
    using = _graph_iris(pairs, "using-graph-uri")
    using_named = _graph_iris(pairs, "using-named-graph-uri")
    base = _endpoint(request)

    def write() -> None:
        with app.write_lock:
            app.store.update(text, base_iri=base, using=using, using_named=using_named)

    try:
        await asyncio.to_thread(write)
    except StoreError as e:
        raise UpdateError(e.detail) from None
    return Response(status_code=204)


def service_description(request: Request) -> Graph:
    """The SPARQL 1.1 Service Description of this endpoint."""
    app = state_of(request)
    base = str(request.base_url).rstrip("/")
    g = Graph()
    g.bind("sd", SD)
    svc = URIRef(f"{base}/sparql")

    def sd(name: str) -> URIRef:
        return URIRef(SD + name)

    g.add((svc, RDF.type, sd("Service")))
    g.add((svc, RDFS.label, Literal("coopkg SPARQL endpoint", lang="en")))
    g.add((svc, RDFS.label, Literal("coopkg SPARQL 查询端点", lang="zh")))
    g.add((svc, sd("endpoint"), svc))
    g.add((svc, sd("supportedLanguage"), sd("SPARQL11Query")))
    if app.settings.update_enabled:
        g.add((svc, sd("supportedLanguage"), sd("SPARQL11Update")))
    g.add((svc, sd("feature"), sd("UnionDefaultGraph")))
    if app.settings.service_allowlist:
        g.add((svc, sd("feature"), sd("BasicFederatedQuery")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG",
                 "N-Quads"):
        g.add((svc, sd("resultFormat"), URIRef(FORMATS + name)))
    dataset = BNode()
    g.add((svc, sd("defaultDataset"), dataset))
    g.add((dataset, RDF.type, sd("Dataset")))
    g.add((dataset, URIRef("http://purl.org/dc/terms/source"),
           URIRef("https://w3id.org/coopkg/dataset")))
    default = BNode()
    g.add((dataset, sd("defaultGraph"), default))
    g.add((default, RDF.type, sd("Graph")))
    g.add((default, RDFS.comment, Literal("各命名图的并集。", lang="zh")))
    g.add((default, RDFS.comment, Literal("The union of the named graphs.", lang="en")))
    for name in app.store.graph_names():
        ng = BNode()
        g.add((dataset, sd("namedGraph"), ng))
        g.add((ng, RDF.type, sd("NamedGraph")))
        g.add((ng, sd("name"), URIRef(name)))
    g.add((svc, URIRef("http://purl.org/dc/terms/hasVersion"), Literal(__version__)))
    return g


def _serialise(graph: Graph, media: str) -> bytes:
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml",
           "application/ld+json": "json-ld", "application/n-triples": "nt",
           "application/trig": "trig", "application/n-quads": "nquads"}[media]
    return graph.serialize(format=fmt, encoding="utf-8")
