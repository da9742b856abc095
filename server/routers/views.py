"""The dataset in other vocabularies (coopkg.views): `/views` lists the named views,
`/views/{name}` answers one by `Accept` (or `?format=`): Turtle, JSON-LD, N-Triples or
RDF/XML. A view that takes a direction answers for one with `?direction=3.4` (its code, in
`?guide=`, by default the server's guide) or the direction's IRI. Views run like any query:
in a worker process, with the deadline, written by the store's own serialiser.
"""

from __future__ import annotations

import asyncio
import os

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask

from coopkg.errors import NoSuchDirection, NoSuchView, NotAcceptable, ViewTakesNoDirection
from coopkg.i18n import N_
from coopkg.queries import title
from coopkg.views import names, path, takes_direction
from coopkg.vocab import BASE, CK, direction_iri

from ..negotiation import choose
from ..state import state_of
from ..templating import lang_of

__all__ = ["router"]

router = APIRouter(tags=["Views"])
_OFFERED = ["text/turtle", "application/ld+json", "application/n-triples",
            "application/rdf+xml"]
_IS_DIRECTION = f"ASK {{ ?d a <{CK.Direction}> }}"


@router.get("/views", summary="The named views: the dataset in schema.org, EURIO, DCAT terms")
async def list_views(request: Request) -> Response:
    lang = lang_of(request)
    return JSONResponse({"views": [
        {"name": n, "title": title(path(n), lang), "url": f"/views/{n}",
         "takes_direction": takes_direction(n), "formats": _OFFERED} for n in names()]})


@router.get("/views/{name}", summary="One view of the dataset, as Turtle, JSON-LD, N-Triples "
            "or RDF/XML; ?direction= for one direction")
async def view(request: Request, name: str, direction: str | None = None,
               guide: str | None = None) -> Response:
    app = state_of(request)
    if name not in names():
        raise NoSuchView(N_("没有名为 {name} 的视图（可用的视图：{names}）",
                            name=name, names=", ".join(names())))
    media = choose(request.headers.get("accept"), _OFFERED,
                   fmt=request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(N_("可用的格式：{formats}", formats=", ".join(_OFFERED)))
    bindings: dict[str, str] = {}
    if direction:
        if not takes_direction(name):
            raise ViewTakesNoDirection(N_("视图 {name} 不能按方向选取", name=name))
        iri = direction if direction.startswith(BASE) else direction_iri(
            await asyncio.to_thread(app.guide) if guide is None else guide, direction)
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            node = None
        if node is None or not await asyncio.to_thread(app.store.ask, _IS_DIRECTION,
                                                       bindings={"d": node}):
            raise NoSuchDirection(N_("本数据集没有方向 {direction}", direction=direction))
        bindings["direction"] = iri
    text = path(name).read_text(encoding="utf-8")
    # QueryTimeout, Overloaded, ClientGone and the store's errors: the app's one handler
    answer = await app.executor.run({"query": text, "media_type": media,
                                     "iri_bindings": bindings}, gone=request.is_disconnected)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return FileResponse(answer.path, media_type=media + charset, headers={"Vary": "Accept"},
                        background=BackgroundTask(os.unlink, answer.path))
