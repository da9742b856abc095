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
from coopkg.i18n import N_, _
from coopkg.loaders.reference import partners
from coopkg.shapes.eligibility import Eligibility, eligibility, summary

from ..negotiation import choose
from ..problems import problem
from ..state import state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Eligibility"])
_OFFERED = ["application/json", "text/html"]
_ROWS, _MAX_ROWS = 4, 40
_KEYS = ("name", "country", "type", "role", "ownership", "sme", "legalEntity", "registeredOn")
_BOOLEANS = {"true": True, "false": False}

# The choices of the form, in this order; their names are the graph's labels.
TYPES = ["university", "research_institute", "enterprise", "hospital", "government", "other"]
ROLES = ["lead", "partner_lead", "participant"]
OWNERSHIPS = ["national", "public", "private"]


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str, str]]:
    """Every country code with its zh and en name, China first, then by code."""
    rows = [(p.code, p.name_zh, p.name_en) for p in partners().values()
            if p.kind == "country" or p.code == "EU"]
    return sorted(rows, key=lambda r: (r[0] != "CN", r[0]))


def _choices(request: Request, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The form's choices in `lang`: vocabulary concepts named by the graph's labels; a
    fact not given is "" (never a "no")."""
    vocab = pages.labels(request)
    not_given = [("", _("未说明", lang))]
    return {"countries": [(code, zh if lang == "zh" else en)
                          for code, zh, en in _countries()],
            "types": vocab.choices("organisation-type", lang, TYPES),
            "roles": not_given + vocab.choices("role", lang, ROLES),
            "ownerships": not_given + vocab.choices("ownership", lang, OWNERSHIPS),
            "yes_no": [*not_given, ("true", _("是", lang)), ("false", _("否", lang))]}


def _page(request: Request, *, lang: str, rows: list[dict[str, str]], guide: str,
          results: list[Eligibility] | None = None, errors: list[ProposalError] | None = None,
          status: int = 200) -> HTMLResponse:
    return HTMLResponse(pages.render(
        "eligible.html", request, lang=lang, rows=rows, guide=guide, results=results,
        summary=summary(results, lang) if results is not None else "", errors=errors or [],
        **_choices(request, lang)), status_code=status)


@router.get("/eligible", response_class=HTMLResponse, include_in_schema=False)
async def eligible_form(request: Request) -> HTMLResponse:
    raw = request.query_params.get("rows", "")
    count = min(max(int(raw), 1), _MAX_ROWS) if raw.isdigit() else _ROWS
    rows = [{"country": "CN", "role": "lead"}, {"role": "partner_lead"}]
    rows += [{} for _ in range(count - len(rows))]
    return _page(request, lang=lang_of(request), rows=rows[:count],
                 guide=state_of(request).settings.guide)


@router.post("/eligible", summary="Which directions a consortium may apply to")
async def eligible(request: Request) -> Response:
    app = state_of(request)
    params = request.query_params
    media = choose(request.headers.get("accept"), _OFFERED, fmt=params.get("format"))
    if media is None:
        return problem(406, "NOT_ACCEPTABLE", N_("答复可用的格式：{formats}",
                                                 formats=", ".join(_OFFERED)))
    guide = params.get("guide") or app.settings.guide
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    lang = lang_of(request)
    rows: list[dict[str, str]] = []
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        lang = lang_of(request, form)
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
            return problem(400, "UNUSABLE_CONSORTIUM", N_(
                "请求内容不是 JSON：第 {line} 行第 {column} 列：{why}", line=e.lineno,
                column=e.colno, why=e.msg) if isinstance(e, json.JSONDecodeError)
                else N_("请求内容不是 UTF-8 文本"))
    try:
        validator = await asyncio.to_thread(app.validator, guide)
        results = await asyncio.to_thread(eligibility, validator, consortium, source="request")
    except ProposalError as e:
        if media == "text/html":
            return _page(request, lang=lang, rows=rows or [{}], guide=guide,
                         errors=e.problems, status=400)
        return problem(400, "UNUSABLE_CONSORTIUM", e.text, path=e.path,
                       errors=[{"path": p.path, "detail": p.text} for p in e.problems])
    except CoopkgError as e:
        return problem(404, "UNKNOWN_GUIDE", e.detail)
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
