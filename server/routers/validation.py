"""The validation API at /validate, modelled on the ITB SHACL validator: a proposal (or a
JSON list of them) in the body, never fetched from a URL; a validation type per guide
(?guide=2021-1); the report by Accept: the JSON of `coopkg validate --format json`, the
SHACL validation report as Turtle or JSON-LD, an HTML page, or a report to download: CSV
detailed (text/csv, ?format=csv), CSV summary (?format=csv-summary) or PDF
(application/pdf, ?format=pdf); ?lang=zh|en."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile

from coopkg.errors import BadLang, EmptyBody, NotAcceptable, ProposalError, UnsupportedMediaType
from coopkg.i18n import N_, lang_or_default
from coopkg.shapes.proposals import parse_proposals
from coopkg.shapes.validate import report_all, validate_all

from ..downloads import report_file
from ..negotiation import choose
from ..openapi import describe
from ..rdfio import GRAPH_TYPES
from ..state import state_of
from ..templating import lang_of
from . import pages

__all__ = ["router"]

router = APIRouter(tags=["Validation"])
_OFFERED = ["application/json", "text/turtle", "application/ld+json", "text/html",
            "text/csv", "application/pdf"]
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
# What a proposal may be sent as ("": no Content-Type, the reader tells JSON from Turtle).
_READ = ("application/json", *GRAPH_TYPES, *_FORMS, "")


@router.post("/validate", summary="Validate proposals against a guide's requirements",
             openapi_extra=describe("guide", "lang", "format", text=tuple(GRAPH_TYPES),
                                    json={"type": "object"}))
async def validate(request: Request) -> Response:
    app = state_of(request)
    params = request.query_params
    if params.get("lang") and lang_or_default(params["lang"]) is None:
        raise BadLang(N_("语言只能是 zh 或 en"))
    lang = lang_of(request)
    guide = params.get("guide")
    fmt = params.get("format")
    summary = fmt == "csv-summary"
    media = choose(request.headers.get("accept"), _OFFERED, fmt="csv" if summary else fmt)
    if media is None:
        raise NotAcceptable(N_("报告可用的格式：{formats}", formats=", ".join(_OFFERED)))
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in _READ:
        raise UnsupportedMediaType(N_("申报书可以这些格式发送：{types}",
                                      types=", ".join(t for t in _READ if t)))
    body = await request.body()
    if ctype in _FORMS:
        form = await request.form()
        upload = form.get("file")
        text = form.get("proposal") or ""
        if isinstance(upload, UploadFile):
            body = await upload.read()
            ctype = ""
            name = upload.filename or ""
            suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        else:
            body = str(text).encode("utf-8")
            suffix = ""
        lang = lang_of(request, form)
        guide = str(form.get("guide") or guide or "") or None
    else:
        suffix = ""
    if not body.strip():
        raise EmptyBody(N_("请在请求内容中发送申报书（JSON、JSON-LD 或 RDF）"))
    rdf = media in ("text/turtle", "application/ld+json")
    # A direction code in a proposal that names no guide is one of this guide's.
    chosen = await asyncio.to_thread(app.guide, guide)
    try:
        proposals = await asyncio.to_thread(parse_proposals, body, source="request",
                                            media_type=ctype, suffix=suffix, guide=chosen)
        if rdf:
            report, _ = await asyncio.to_thread(report_all, proposals, app.validator)
        else:
            results = await asyncio.to_thread(validate_all, proposals, app.validator)
    except ProposalError as e:
        if media == "text/html":  # the form: a part of the page saying what to fix
            return HTMLResponse(pages.render("input-errors.html", request, lang=lang,
                                             errors=e.problems), status_code=400)
        raise
    if rdf:
        fmt = "turtle" if media == "text/turtle" else "json-ld"
        return Response(report.serialize(format=fmt, encoding="utf-8"), media_type=media)
    if media == "application/json":
        return JSONResponse({"results": [r.as_dict() for r in results]})
    if media in ("text/csv", "application/pdf"):
        kind = "pdf" if media == "application/pdf" else "csv-summary" if summary else "csv"
        guide = guide or ", ".join(sorted({p.guide_id for p in proposals}))
        return await report_file(request, results, kind, lang=lang, guide=guide)
    return HTMLResponse(pages.render("report.html", request, results=results, lang=lang))
