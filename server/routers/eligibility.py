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
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from coopkg.errors import CoopkgError, ProposalError
from coopkg.loaders.reference import partners
from coopkg.shapes.eligibility import Eligibility, eligibility, summary

from ..negotiation import choose
from ..problems import problem
from ..state import state_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Eligibility"])
_OFFERED = ["application/json", "text/html"]
_ROWS, _MAX_ROWS = 4, 40
_KEYS = ("name", "country", "type", "role", "ownership", "sme", "legalEntity", "registeredOn")
_BOOLEANS = {"true": True, "false": False}

# The choices of the form, each with its zh and en name ("" = not given).
TYPES = [("university", "高校", "University"), ("research_institute", "科研机构",
         "Research institute"), ("enterprise", "企业", "Enterprise"),
         ("hospital", "医院", "Hospital"), ("government", "政府机构", "Government body"),
         ("other", "其他", "Other")]
ROLES = [("", "未说明", "Not given"), ("lead", "中方牵头单位", "Chinese lead applicant"),
         ("partner_lead", "外方牵头单位", "Partner-side lead"),
         ("participant", "参与单位", "Participant")]
OWNERSHIPS = [("", "未说明", "Not given"), ("national", "国立", "National"),
              ("public", "公立", "Public"), ("private", "私立", "Private")]
YES_NO = [("", "未说明", "Not given"), ("true", "是", "Yes"), ("false", "否", "No")]


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str, str]]:
    """Every country code with its zh and en name, China and the guide's partners first."""
    rows = [(p.code, p.name_zh, p.name_en) for p in partners().values()
            if p.kind == "country" or p.code == "EU"]
    return sorted(rows, key=lambda r: (r[0] != "CN", r[0]))


def _lang(request: Request, form: Any = None) -> str:
    lang = (form.get("lang") if form is not None else None) or request.query_params.get("lang")
    return lang if lang in ("zh", "en") else "zh"


def _page(request: Request, *, lang: str, rows: list[dict[str, str]], guide: str,
          results: list[Eligibility] | None = None, errors: list[ProposalError] | None = None,
          status: int = 200) -> HTMLResponse:
    return HTMLResponse(pages.render(
        "eligible.html", request, lang=lang, rows=rows, guide=guide, results=results,
        summary=summary(results, lang) if results is not None else "", errors=errors or [],
        countries=_countries(), types=TYPES, roles=ROLES, ownerships=OWNERSHIPS,
        yes_no=YES_NO), status_code=status)


@router.get("/eligible", response_class=HTMLResponse, include_in_schema=False)
async def eligible_form(request: Request) -> HTMLResponse:
    raw = request.query_params.get("rows", "")
    count = min(max(int(raw), 1), _MAX_ROWS) if raw.isdigit() else _ROWS
    rows = [{"country": "CN", "role": "lead"}, {"role": "partner_lead"}]
    rows += [{} for _ in range(count - len(rows))]
    return _page(request, lang=_lang(request), rows=rows[:count],
                 guide=state_of(request).settings.guide)


@router.post("/eligible", summary="Which directions a consortium may apply to")
async def eligible(request: Request) -> Response:
    app = state_of(request)
    params = request.query_params
    media = choose(request.headers.get("accept"), _OFFERED, fmt=params.get("format"))
    if media is None:
        return problem(406, "NOT_ACCEPTABLE", "the answer is available as " +
                       ", ".join(_OFFERED))
    guide = params.get("guide") or app.settings.guide
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    lang = _lang(request)
    rows: list[dict[str, str]] = []
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        lang = _lang(request, form)
        guide = str(form.get("guide") or guide)
        rows = _form_rows(form)
        consortium: Any = {"participants": [_participant(r) for r in rows if _filled(r)]}
        if form.get("action") == "add":  # another row, without JavaScript
            return _page(request, lang=lang, rows=[*rows, {}][:_MAX_ROWS], guide=guide)
        if not consortium["participants"]:
            consortium = {}
    else:
        try:
            consortium = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            where = f" at line {e.lineno} column {e.colno}" if isinstance(
                e, json.JSONDecodeError) else ""
            return problem(400, "UNUSABLE_CONSORTIUM", f"the body is not JSON{where}")
    try:
        validator = await asyncio.to_thread(app.validator, guide)
        results = await asyncio.to_thread(eligibility, validator, consortium, source="request")
    except ProposalError as e:
        if media == "text/html":
            return _page(request, lang=lang, rows=rows or [{}], guide=guide,
                         errors=e.problems, status=400)
        return problem(400, "UNUSABLE_CONSORTIUM", str(e), path=e.path,
                       errors=[{"path": p.path, "detail": p.reason} for p in e.problems])
    except CoopkgError as e:
        return problem(404, "UNKNOWN_GUIDE", str(e))
    if media == "application/json":
        return JSONResponse({"guide": guide, "results": [r.as_dict() for r in results]})
    return _page(request, lang=lang, rows=[*rows, {}][:_MAX_ROWS], guide=guide,
                 results=results)


def _form_rows(form: Any) -> list[dict[str, str]]:
    """The participant rows of the form: fields named p<i>.<key>, in row order."""
    found: dict[int, dict[str, str]] = {}
    for name, value in form.multi_items():
        head, _, key = str(name).partition(".")
        if head.startswith("p") and head[1:].isdigit() and key in _KEYS:
            found.setdefault(int(head[1:]), {})[key] = str(value).strip()
    return [found[i] for i in sorted(found)]


def _filled(row: dict[str, str]) -> bool:
    return any(row.get(k) for k in ("name", "type")) or row.get("country", "") not in ("", "CN")


def _participant(row: dict[str, str]) -> dict[str, Any]:
    """A form row as a participant: what is not given stays out (it is not a "no")."""
    out: dict[str, Any] = {}
    for key in _KEYS:
        value = row.get(key, "")
        if not value:
            continue
        out[key] = _BOOLEANS.get(value, value) if key in ("sme", "legalEntity") else value
    return out
