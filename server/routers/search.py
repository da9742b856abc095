"""Full-text search over what the guide prints, in Chinese and English (coopkg.graph.search,
answered by the store, so it works on every kind of store).

GET /search?q=… answers by Accept (or `?format=`): the HTML page (the search box, results
best first, the matched words marked in each snippet) or JSON, the same as `coopkg search
--format json`: `{"results": [{"iri", "direction", "label", "snippet", "score"}]}`, labels
and snippets in the request's language (`?lang=`). `?guide=` keeps one guide's directions.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from coopkg.errors import EmptySearch, NotAcceptable, SearchTooLong
from coopkg.graph.search import Hit, highlight, search
from coopkg.i18n import N_

from ..negotiation import choose
from ..state import state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Search"])
_OFFERED = ["text/html", "application/json"]


@router.get("/search", summary="Full-text search over what the guide prints (zh and en); "
            "?format=json for JSON")
async def search_page(request: Request, q: str = "", guide: str | None = None) -> Response:
    app = state_of(request)
    fmt = request.query_params.get("format")
    media = choose(request.headers.get("accept"), _OFFERED,
                   fmt="application/json" if fmt and fmt.lower() == "json" else fmt)
    if media is None:
        raise NotAcceptable(N_("答复可用的格式：{formats}", formats=", ".join(_OFFERED)))
    lang = lang_of(request)
    hits: list[Hit] | None = None
    error = ""
    if q.strip() or media == "application/json":
        try:
            hits = await asyncio.to_thread(search, app.store, q, lang=lang, guide=guide)
        except (EmptySearch, SearchTooLong) as e:
            if media == "application/json":
                raise
            error = e.message(lang)
    if media == "application/json":
        return JSONResponse({"results": [h.as_dict(lang) for h in hits or []]},
                            headers={"Vary": "Accept"})
    results = [{"hit": h, "label": h.label(lang), "pieces": highlight(h.snippet, q)}
               for h in hits or []]
    return HTMLResponse(pages.render("search.html", request, lang=lang, q=q, results=results,
                                     searched=hits is not None, error=error),
                        status_code=400 if error else 200, headers={"Vary": "Accept"})
