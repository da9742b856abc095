"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (?graph=<iri> or ?default).

Reads are open; writes (PUT, POST, DELETE) need updates enabled and the bearer token, and
each is one transaction. A graph that holds proposals is validated first: if any has a
violation, or cannot be read, nothing is stored and the answer says why (422).
"""

from __future__ import annotations

import asyncio
import uuid
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from rdflib import Graph

from coopkg.errors import (
    GraphParameter,
    NoSuchGraph,
    NotAcceptable,
    ProposalsRejected,
    StoreError,
    UnsupportedMediaType,
    WriteFailed,
)
from coopkg.i18n import N_
from coopkg.pipeline import stored_proposals
from coopkg.shapes.proposals import parse_proposals
from coopkg.vocab import CK, GRAPHS

from ..bodies import content_type
from ..negotiation import choose
from ..openapi import describe
from ..rdfio import GRAPH_TYPES, parse_body
from ..state import AppState, state_of

__all__ = ["router"]

router = APIRouter(tags=["Graph Store"])
_TRIPLE_TYPES = [t for t in GRAPH_TYPES if t not in ("application/trig", "application/n-quads")]


NEW = "new"  # a POST to the store itself: a graph the server names


def _target(request: Request, *, post: bool = False) -> str | None:
    """The graph IRI (None for the default graph; NEW for a POST naming no graph)."""
    pairs = parse_qs(request.url.query, keep_blank_values=True)
    graphs, default = pairs.get("graph", []), "default" in pairs
    if post and not graphs and not default:
        return NEW
    if default == bool(graphs) or len(graphs) > 1:  # both, neither, or two graphs
        raise GraphParameter(N_("请指定且只指定一个图：?graph=<IRI> 或 ?default"))
    if graphs:
        try:
            ox.NamedNode(graphs[0])
        except ValueError:
            raise GraphParameter(N_("不是绝对 IRI：{iri}", iri=repr(graphs[0]))) from None
    return graphs[0] if graphs else None


_WHICH = ("graph", "default")


@router.api_route("/store", methods=["GET", "HEAD"], summary="Read a graph",
                  openapi_extra=describe(*_WHICH, "format"))
async def read(request: Request) -> Response:
    app = state_of(request)
    graph = _target(request)
    _must_hold(app, graph)
    media = choose(request.headers.get("accept"), _TRIPLE_TYPES,
                   fmt=request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(N_("图可以这些格式发送：{types}", types=", ".join(_TRIPLE_TYPES)))
    fmt = {"text/turtle": "turtle", "application/n-triples": "ntriples",
           "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml"}[media]
    body = await asyncio.to_thread(app.store.dumps, fmt, graph=graph)
    if request.method == "HEAD":
        return Response(status_code=200, media_type=media,
                        headers={"Content-Length": str(len(body)), "Vary": "Accept"})
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _must_hold(app: AppState, graph: str | None) -> None:
    if graph is not None and not app.has_graph(graph):
        raise NoSuchGraph(N_("存储中没有命名图 {graph}", graph=graph))


def _write_target(request: Request, *, post: bool = False) -> tuple[AppState, str | None]:
    """The app and graph of a write that may go ahead."""
    app = state_of(request)
    app.check_write(request)
    return app, _target(request, post=post)


async def _incoming(request: Request, ctype: str, base: str) -> Graph:
    """The RDF in the body: one document, or each part of a multipart/form-data upload
    (each read by its own media type, or its file name's extension). Relative IRIs
    resolve against `base`: the graph's own IRI, or the store's URL for the default."""
    if ctype != "multipart/form-data":
        read = partial(parse_body, base=base, charset=content_type(request)[1])
        return await asyncio.to_thread(read, await request.body(), ctype)
    form = await request.form()
    merged = Graph()
    for _, part in form.multi_items():
        if isinstance(part, str):
            continue
        kind = (part.content_type or "").split(";")[0].strip().lower()
        if kind not in GRAPH_TYPES:
            kind = _BY_SUFFIX.get(Path(part.filename or "").suffix.lower(), kind)
        if kind not in GRAPH_TYPES:
            raise UnsupportedMediaType(N_("{part} 部分：请发送 {types}",
                                          part=part.filename or "?",
                                          types=", ".join(GRAPH_TYPES)))
        merged += await asyncio.to_thread(partial(parse_body, base=base), await part.read(),
                                          kind)
    return merged


_BY_SUFFIX = {".ttl": "text/turtle", ".nt": "application/n-triples",
              ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
              ".owl": "application/rdf+xml"}


async def _write(request: Request, *, replace: bool) -> Response:
    app, graph = _write_target(request, post=not replace)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in GRAPH_TYPES and not (ctype == "multipart/form-data" and not replace):
        raise UnsupportedMediaType(
            N_("请发送 {types}", types=", ".join(GRAPH_TYPES)) if replace else
            N_("请发送 {types}（POST 也可用 multipart/form-data）",
               types=", ".join(GRAPH_TYPES)))
    created = graph == NEW
    if created:
        graph = f"{GRAPHS.POSTED}{uuid.uuid4()}"
    base = graph or str(request.url.replace(query="", fragment=""))
    incoming = await _incoming(request, ctype, base)
    await asyncio.to_thread(_validate_proposals, app, incoming, graph if replace else None)
    existed = graph is None or app.has_graph(graph)

    def write() -> None:
        # Each write is one transaction: a failed write leaves the graph as it was.
        with app.write_lock:
            if graph is not None and replace:
                app.store.replace_graphs({graph: incoming})
            elif graph is not None or not replace:
                app.store.add_graph(graph, incoming)
            else:
                triples = incoming.serialize(format="nt", encoding="utf-8").decode("utf-8")
                app.store.update(f"CLEAR SILENT DEFAULT ; INSERT DATA {{ {triples} }}")

    try:
        await asyncio.to_thread(write)
    except StoreError as e:
        raise WriteFailed(N_("没有写入任何内容：{reason}", reason=e.detail)) from None
    if created:  # Graph Store Protocol §5.5: the new graph's IRI in Location
        return Response(status_code=201, headers={"Location": str(graph)})
    return Response(status_code=204 if existed else 201)


def _validate_proposals(app: AppState, incoming: Graph, replacing: str | None = None
                        ) -> None:
    """Proposals in a graph being stored must conform, together with those already stored;
    otherwise nothing is stored (ProposalError, UnknownGuideError, ProposalsRejected)."""
    if not (set(incoming.subjects(CK.direction, None))):
        return
    proposals = parse_proposals(incoming.serialize(format="nt"), suffix=".nt",
                                source="request body")
    stored = stored_proposals(app.store, proposals,
                              exclude=[replacing] if replacing else ())
    results = []
    for gid in sorted({p.guide_id for p in proposals}):
        batch = [p for p in proposals if p.guide_id == gid]
        context = [p for p in stored if p.guide_id == gid and
                   p.id not in {q.id for q in batch}]
        results.extend(app.validator(gid).validate(batch + context)[:len(batch)])
    failed = [r.as_dict() for r in results if not r.conforms]
    if failed:
        raise ProposalsRejected(N_("{n} 份申报书不符合要求，没有写入任何内容", n=len(failed)),
                                results=failed)


@router.put("/store", summary="Replace a graph",
            openapi_extra=describe(*_WHICH, text=tuple(GRAPH_TYPES)))
async def put(request: Request) -> Response:
    return await _write(request, replace=True)


@router.post("/store", summary="Add to a graph",
             openapi_extra=describe(*_WHICH, text=tuple(GRAPH_TYPES)))
async def post(request: Request) -> Response:
    return await _write(request, replace=False)


@router.delete("/store", summary="Delete a graph", openapi_extra=describe(*_WHICH))
async def delete(request: Request) -> Response:
    app, graph = _write_target(request)
    _must_hold(app, graph)

    def drop() -> None:
        with app.write_lock:
            app.store.drop_graph(graph)

    await asyncio.to_thread(drop)
    return Response(status_code=204)
