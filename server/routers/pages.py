"""Web pages for people: home, the directions table, the query UI (YASGUI, served from
this project), the validation form. Templates are Jinja2 under server/templates."""

from __future__ import annotations

import asyncio
import contextlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from coopkg.errors import UnknownGuideError
from coopkg.graph.store import Store
from coopkg.labels import Labels
from coopkg.queries import named, parameters, title

from ..state import state_of
from ..templating import lang_of, local, render_page

__all__ = ["STATIC", "labels", "lang_of", "local", "render", "router"]

router = APIRouter(tags=["Pages"], include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"


def render(name: str, request: Request, *, lang: str | None = None, **context: Any) -> str:
    """A page in the request's language (or `lang`): see server.templating. `term(scheme,
    notation)` names a vocabulary concept (or a partner, scheme "partner") by the graph's
    label, and `severity(s)` a SHACL severity."""
    lang = lang or lang_of(request)
    return render_page(name, request, lang=lang,
                       term=lambda scheme, n: labels(request).notation(scheme, n, lang),
                       severity=lambda s: labels(request).severity(s, lang), **context)


def labels(request: Request) -> Labels:
    """The graph's zh and en labels of its vocabularies and partners, read once per store
    generation and kept with the app (not in this module)."""
    store = state_of(request).store
    generation = store.generation()
    cached: tuple[int, Labels] | None = getattr(request.app.state, "coopkg_labels", None)
    if cached is None or cached[0] != generation:
        cached = (generation, Labels.read(store))
        request.app.state.coopkg_labels = cached
    return cached[1]


def _rows(store: Store, query: str, guide: str | None = None) -> list[dict[str, str]]:
    """A named query's rows as text; of one guide where given (its `guide` parameter)."""
    result = store.select(query, bindings={"guide": ox.Literal(guide)} if guide else None)
    return [{n: (t.value if isinstance(t := row.get(n), (ox.NamedNode, ox.Literal,
                                                          ox.BlankNode)) else "")
             for n in result.variables} for row in result]


def _shown_guide(request: Request) -> str | None:
    """The guide a page shows: the one asked for (?guide=, which must be in the store),
    else the newest; None for a store that holds no guide yet (the page is empty)."""
    app = state_of(request)
    asked = request.query_params.get("guide")
    if asked:
        return app.guide(asked)
    with contextlib.suppress(UnknownGuideError):
        return app.guide()
    return None


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    app = state_of(request)
    guide = await asyncio.to_thread(_shown_guide, request)
    totals = await asyncio.to_thread(_rows, app.store, named()["totals"].read_text("utf-8"),
                                     guide)
    partners = await asyncio.to_thread(_rows, app.store,
                                       named()["direction-partners"].read_text("utf-8"), guide)
    return HTMLResponse(render("home.html", request, totals=totals[0] if totals else {},
                               partners=sorted({p["partner"] for p in partners}),
                               graphs=app.store.graph_names(), guide=guide,
                               guides=await asyncio.to_thread(app.guides)))


@router.get("/directions", response_class=HTMLResponse)
async def directions(request: Request) -> HTMLResponse:
    app = state_of(request)
    guide = await asyncio.to_thread(_shown_guide, request)
    rows = await asyncio.to_thread(_rows, app.store, named()["directions"].read_text("utf-8"),
                                   guide)
    partners = await asyncio.to_thread(_rows, app.store,
                                       named()["direction-partners"].read_text("utf-8"), guide)
    by_code: dict[str, list[str]] = {}
    for p in partners:
        by_code.setdefault(p["code"], []).append(p["partner"])
    for r in rows:
        r["partners"] = by_code.get(r["code"], [])  # type: ignore[assignment]
        r["iri"] = f"/guide/{r['guide']}/direction/{r['code']}"
    return HTMLResponse(render("directions.html", request, rows=rows, guide=guide,
                               guides=await asyncio.to_thread(app.guides)))


@router.get("/query", response_class=HTMLResponse)
async def query_ui(request: Request) -> HTMLResponse:
    lang = lang_of(request)
    examples = []
    for name, path in named().items():
        text = path.read_text("utf-8")
        hints = dict(re.findall(r"^#\s*Parameters:\s*(\w+).*?—\s*(?:.*?e\.g\.\s*)?([^,(]*)",
                                text, re.M))
        examples.append({"name": name, "title": title(path, lang), "query": text,
                         "params": [{"name": n, "required": required,
                                     "hint": hints.get(n, "").strip()}
                                    for n, required in parameters(text).items()]})
    return HTMLResponse(render("query.html", request, examples=examples))


@router.get("/validate", response_class=HTMLResponse)
async def validate_form(request: Request) -> HTMLResponse:
    return HTMLResponse(render("validate.html", request, sample=_sample_proposal(),
                               guide=await asyncio.to_thread(_shown_guide, request) or ""))


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


