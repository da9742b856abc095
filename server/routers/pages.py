"""Web pages for people: home, the directions table, the query UI (YASGUI, served from
this project), the validation form. Templates are Jinja2 under server/templates."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from coopkg.graph.store import Store
from coopkg.queries import describe, named
from coopkg.vocab import BASE

from ..state import state_of

__all__ = ["STATIC", "render", "router"]

router = APIRouter(tags=["Pages"], include_in_schema=False)
_HERE = Path(__file__).resolve().parent.parent
STATIC = _HERE / "static"
_ENV = Environment(loader=FileSystemLoader(str(_HERE / "templates")),
                   autoescape=select_autoescape(["html"]))


def local(iri: object) -> str:
    """A minted IRI as a link on this server (so browsing works offline and locally)."""
    s = str(iri)
    if s.startswith(BASE):
        rest = s[len(BASE):]
        return "/" + rest if not rest.startswith("ontology#") else "/ontology#" + rest[9:]
    return s


_ENV.filters["local"] = local


def render(name: str, request: Request, **context: Any) -> str:
    lang = context.pop("lang", None) or request.query_params.get("lang") or "zh"
    return _ENV.get_template(name).render(request=request, lang=lang if lang in ("zh", "en")
                                          else "zh", **context)


def _rows(store: Store, query: str) -> list[dict[str, str]]:
    result = store.select(query)
    return [{n: (t.value if isinstance(t := row.get(n), (ox.NamedNode, ox.Literal,
                                                          ox.BlankNode)) else "")
             for n in result.variables} for row in result]


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    app = state_of(request)
    totals = await asyncio.to_thread(_rows, app.store, named()["totals"].read_text("utf-8"))
    return HTMLResponse(render("home.html", request, totals=totals[0] if totals else {},
                               graphs=app.store.graph_names()))


@router.get("/directions", response_class=HTMLResponse)
async def directions(request: Request) -> HTMLResponse:
    app = state_of(request)
    rows = await asyncio.to_thread(_rows, app.store, named()["directions"].read_text("utf-8"))
    partners = await asyncio.to_thread(_rows, app.store,
                                       named()["direction-partners"].read_text("utf-8"))
    by_code: dict[str, list[str]] = {}
    for p in partners:
        by_code.setdefault(p["code"], []).append(p["partner"])
    for r in rows:
        r["partners"] = " ".join(by_code.get(r["code"], []))
        r["iri"] = f"/guide/{app.settings.guide}/direction/{r['code']}"
    return HTMLResponse(render("directions.html", request, rows=rows))


@router.get("/query", response_class=HTMLResponse)
async def query_ui(request: Request) -> HTMLResponse:
    examples = [{"name": name, "comment": describe(path).splitlines()[0],
                 "query": path.read_text("utf-8")} for name, path in named().items()]
    return HTMLResponse(render("query.html", request, examples=examples))


@router.get("/validate", response_class=HTMLResponse)
async def validate_form(request: Request) -> HTMLResponse:
    return HTMLResponse(render("validate.html", request, sample=_sample_proposal(),
                               guide=state_of(request).settings.guide))


@lru_cache(maxsize=1)
def _sample_proposal() -> str:
    """The first worked example of docs/proposals.md, read once (empty where the docs are
    not installed)."""
    example = Path(__file__).resolve().parents[2] / "docs" / "proposals.md"
    if not example.exists():
        return ""
    text = example.read_text("utf-8")
    start = text.find("```json", text.find("### A bilateral"))
    return text[start + 7: text.find("```", start + 7)].strip() if start > 0 else ""


