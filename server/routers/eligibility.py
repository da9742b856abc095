"""Eligibility: may a consortium apply to each direction of a guide?

GET /eligible is a form to describe the consortium (organisations, countries, types, roles,
ownership, SME, registration, legal personality) that works without JavaScript; POST
/eligible takes the form, or the consortium as JSON (`{"participants": [...]}`, the keys of a
proposal's participants), and answers by Accept: JSON (`{"guide", "results": [{"direction",
"status", "findings", "missing"}]}`, open directions first) or the HTML page with the
form filled in and the answer below it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from coopkg.errors import ConsortiumError, NotAcceptable, ProposalError
from coopkg.i18n import N_
from coopkg.shapes.eligibility import Eligibility, eligibility, summary

from .. import forms
from ..choices import choices
from ..negotiation import choose
from ..openapi import describe
from ..state import state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Eligibility"])
_OFFERED = ["application/json", "text/html"]
_ROWS, _MAX_ROWS = 4, 40
_KEYS = ("name", "country", "type", "role", "ownership", "sme", "legalEntity", "registeredOn")


def _page(request: Request, *, lang: str, rows: list[dict[str, str]], guide: str,
          results: list[Eligibility] | None = None, errors: list[ProposalError] | None = None,
          status: int = 200) -> HTMLResponse:
    # The consortium as link parameters, so the proposal form opens with it filled in.
    given = [r for r in rows if forms.filled(r)]
    consortium = {f"p{i}.{k}": v for i, r in enumerate(given) for k, v in r.items() if v}
    return HTMLResponse(pages.render(
        "eligible.html", request, lang=lang, rows=rows, guide=guide, results=results,
        consortium=consortium,
        summary=summary(results, lang) if results is not None else "", errors=errors or [],
        **choices(request, lang)), status_code=status)


@router.get("/eligible", response_class=HTMLResponse, include_in_schema=False)
async def eligible_form(request: Request) -> HTMLResponse:
    raw = request.query_params.get("rows", "")
    count = min(max(int(raw), 1), _MAX_ROWS) if raw.isdigit() else _ROWS
    # Rows given in the link (p1.country=JP: "who may apply with Japan"), else the usual two.
    rows = forms.form_rows(request.query_params.multi_items(), _KEYS) or [
        {"country": "CN", "role": "lead"}, {"role": "partner_lead"}]
    count = min(max(count, len(rows)), _MAX_ROWS)
    rows += [{} for _ in range(count - len(rows))]
    guide = await asyncio.to_thread(state_of(request).guide, request.query_params.get("guide"))
    return _page(request, lang=lang_of(request), rows=rows[:count], guide=guide)


@router.post("/eligible", summary="Which directions a consortium may apply to",
             openapi_extra=describe("guide", "format", json={
                 "type": "object", "properties": {"participants": {
                     "type": "array", "items": {"type": "object"}}}}))
async def eligible(request: Request) -> Response:
    app = state_of(request)
    params = request.query_params
    media = choose(request.headers.get("accept"), _OFFERED, fmt=params.get("format"))
    if media is None:
        raise NotAcceptable(N_("答复可用的格式：{formats}", formats=", ".join(_OFFERED)))
    asked = params.get("guide")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    lang = lang_of(request)
    rows: list[dict[str, str]] = []
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        lang = lang_of(request, form)
        asked = str(form.get("guide") or asked or "") or None
        rows = forms.form_rows(form.multi_items(), _KEYS)
        consortium: Any = {"participants": [forms.participant(r, _KEYS) for r in rows
                                            if forms.filled(r)]}
        if form.get("action") == "add":  # another row, without JavaScript
            guide = await asyncio.to_thread(app.guide, asked)
            return _page(request, lang=lang, rows=[*rows, {}][:_MAX_ROWS], guide=guide)
        if not consortium["participants"]:
            consortium = {}
    else:
        try:
            consortium = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ConsortiumError(N_(
                "请求内容不是 JSON：第 {line} 行第 {column} 列：{why}", line=e.lineno,
                column=e.colno, why=e.msg) if isinstance(e, json.JSONDecodeError)
                else N_("请求内容不是 UTF-8 文本")) from None
        except RecursionError:  # the JSON reader recurses once per level of nesting
            raise ConsortiumError(N_("JSON 嵌套过深，无法读取")) from None
    named = consortium.get("guide") if isinstance(consortium, dict) else None
    guide = await asyncio.to_thread(app.guide, asked or (named if isinstance(named, str)
                                                         else None))
    try:
        validator = await asyncio.to_thread(app.validator, guide)
        results = await asyncio.to_thread(eligibility, validator, consortium, source="request")
    except ProposalError as e:
        if media == "text/html":
            return _page(request, lang=lang, rows=rows or [{}], guide=guide,
                         errors=e.problems, status=400)
        consortium_error = ConsortiumError(e.text, path=e.path, source=e.source)
        consortium_error.problems = e.problems
        raise consortium_error from None
    if media == "application/json":
        return JSONResponse({"guide": guide, "results": [r.as_dict() for r in results]})
    return _page(request, lang=lang, rows=[*rows, {}][:_MAX_ROWS], guide=guide,
                 results=results)
