"""The proposal form at /proposal: a proposal a person fills in, no JSON written by hand.

GET shows the form (?direction=3.4 opens it at that direction; p<i>.<key> parameters fill
participant rows, as the eligibility page's link does); picking a direction shows its
partners, fields as choices, budget, period and documents. POST takes the form and does
what its button says: `check` answers the page with the report below the form, `add` adds
a participant row, `refresh` shows the chosen direction, `load` fills the form from an
uploaded proposal JSON, `json` answers the proposal as JSON (a file to keep, and what the
page's script sends to the validation API as the user types), `pdf`, `csv` and
`csv-summary` answer the report as a file. Everything works without JavaScript; the
script only spares the reloads.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile

from coopkg.errors import CoopkgError, ProposalError
from coopkg.i18n import N_
from coopkg.shapes.proposals import parse_proposals
from coopkg.shapes.validate import Result, validate_all

from .. import forms
from ..choices import choices
from ..directionfacts import directions, facts
from ..downloads import KINDS, report_file
from ..problems import problem
from ..state import state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Proposal form"], include_in_schema=False)
_MAX_ROWS = 40


def _default_rows(partner: str = "") -> list[dict[str, str]]:
    return [{"country": "CN", "role": "lead"}, {"country": partner, "role": "partner_lead"}, {}]


async def _page(request: Request, values: dict[str, Any], *, lang: str,
                results: list[Result] | None = None,
                errors: list[ProposalError] | None = None, status: int = 200) -> HTMLResponse:
    store = state_of(request).store
    guide = await asyncio.to_thread(state_of(request).guide, values.get("guide") or None)
    values["guide"] = guide
    listing = await asyncio.to_thread(directions, store, guide)
    code = values.get("direction") or ""
    chosen = await asyncio.to_thread(facts, store, guide, code) if code else None
    if not values.get("rows"):
        one = chosen.partners[0]["code"] if chosen and len(chosen.partners) == 1 else ""
        values["rows"] = _default_rows(one)
    return HTMLResponse(pages.render(
        "proposal.html", request, lang=lang, values=values, directions=listing,
        facts=chosen, results=results, errors=errors or [], **choices(request, lang)),
        status_code=status)


def _values(form: Any) -> dict[str, Any]:
    """What the form holds, to show it again as it was filled in."""
    values: dict[str, Any] = {k: str(v) for k, v in form.multi_items()
                              if not isinstance(v, UploadFile)
                              and k not in ("fields", "researchAreas")}
    values["fields"] = [str(v) for v in form.getlist("fields")]
    values["researchAreas"] = [str(v) for v in form.getlist("researchAreas")]
    values["rows"] = forms.form_rows(form.multi_items())
    return values


@router.get("/proposal", response_class=HTMLResponse)
async def proposal_form(request: Request) -> HTMLResponse:
    params = request.query_params
    values: dict[str, Any] = {"direction": params.get("direction", ""),
                              "guide": params.get("guide", "")}
    rows = forms.form_rows(params.multi_items())
    if rows:
        values["rows"] = [*rows, {}][:_MAX_ROWS]
    return await _page(request, values, lang=lang_of(request))


@router.post("/proposal")
async def proposal_post(request: Request) -> Response:
    form = await request.form()
    lang = lang_of(request, form)
    action = str(form.get("action") or "check")
    values = _values(form)
    if action == "add":
        values["rows"] = [*values["rows"], {}][:_MAX_ROWS]
        return await _page(request, values, lang=lang)
    if action == "refresh":
        return await _page(request, values, lang=lang)
    if action == "load":
        return await _load(request, form, values, lang)
    proposal = forms.proposal(form)
    if action == "json":
        return JSONResponse(proposal, headers={
            "Content-Disposition": 'attachment; filename="proposal.json"'})
    app = state_of(request)
    try:
        parsed = await asyncio.to_thread(
            parse_proposals, json.dumps(proposal, ensure_ascii=False), source="form",
            media_type="application/json",
            guide=await asyncio.to_thread(app.guide, values.get("guide") or None))
        results = await asyncio.to_thread(validate_all, parsed, app.validator)
    except ProposalError as e:
        return await _page(request, values, lang=lang, errors=e.problems, status=400)
    except CoopkgError as e:
        return problem(404, "UNKNOWN_GUIDE", e.detail)
    if action in KINDS:
        return await report_file(request, results, action, lang=lang,
                                 guide=parsed[0].guide_id if parsed else "")
    return await _page(request, values, lang=lang, results=results)


async def _load(request: Request, form: Any, values: dict[str, Any], lang: str
                ) -> HTMLResponse:
    """The form filled from an uploaded proposal JSON (the first, for a list)."""
    upload = form.get("upload")
    data: Any = None
    problem_: ProposalError | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            data = json.loads((await upload.read()).decode("utf-8-sig"))
        except json.JSONDecodeError as e:
            problem_ = ProposalError(N_("上传的文件不是 JSON：第 {line} 行第 {column} 列：{why}",
                                        line=e.lineno, column=e.colno, why=e.msg),
                                     source=upload.filename)
        except UnicodeDecodeError:
            problem_ = ProposalError(N_("上传的文件不是 UTF-8 文本"), source=upload.filename)
    else:
        problem_ = ProposalError(N_("请先选择要载入的 JSON 文件"))
    if isinstance(data, list) and data:
        data = data[0]
    if problem_ is None and not isinstance(data, dict):
        problem_ = ProposalError(N_("上传的文件不是一份申报书（JSON 对象）"),
                                 source=getattr(upload, "filename", None))
    if problem_ is not None:
        return await _page(request, values, lang=lang, errors=[problem_], status=400)
    loaded = forms.proposal_fields(data)
    loaded["guide"] = loaded.get("guide") or values.get("guide", "")
    loaded["rows"] = [*loaded["rows"], {}][:_MAX_ROWS]
    return await _page(request, loaded, lang=lang)
