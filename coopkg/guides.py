"""The guides a store holds, and which one a command or a page uses when none is named.

A store may hold guides of several years and batches, drafts for comments beside final
texts, each under its own IRI (`guide/<id>`). Where nothing names a guide, the newest one
the store holds is used: the latest year, then the latest batch, then the final text over
the draft. So with one guide stored, that guide is the default, and no guide id is written
into the code as a default.

    guides = stored_guides(store)          → [StoredGuide("2021-1", 2021, 1, False, …), …]
    choose_guide(store, None)              → the newest guide's id
    choose_guide(store, "2021-1")          → "2021-1", or UnknownGuideError
"""

from __future__ import annotations

from dataclasses import dataclass

from coopkg.errors import UnknownGuideError
from coopkg.graph.store import Store
from coopkg.vocab import CK, GRAPHS

__all__ = ["StoredGuide", "choose_guide", "stored_guides"]

_QUERY = f"""
SELECT ?g ?id ?year ?batch ?status ?title WHERE {{
  GRAPH ?graph {{
    ?g a <{CK.Guide}> ; <{CK.guideId}> ?id .
    OPTIONAL {{ ?g <{CK.year}> ?year }}
    OPTIONAL {{ ?g <{CK.batch}> ?batch }}
    OPTIONAL {{ ?g <{CK.status}> ?status }}
    OPTIONAL {{ ?g <http://purl.org/dc/terms/title> ?title }}
  }}
  FILTER(STRSTARTS(STR(?graph), "{GRAPHS.guide("")}"))
}}"""


@dataclass(frozen=True, order=True)
class StoredGuide:
    """A guide in the store, ordered oldest first (year, batch, draft before final)."""

    year: int
    batch: int
    final: bool
    guide_id: str
    iri: str
    title: str


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def stored_guides(store: Store) -> list[StoredGuide]:
    """Every guide the store holds (each in its own graph), oldest first."""
    found: dict[str, StoredGuide] = {}
    for row in store.select(_QUERY):
        values = {k: getattr(v, "value", None) for k, v in row.items()}
        gid = str(values["id"])
        found[gid] = StoredGuide(
            year=_int(values.get("year")), batch=_int(values.get("batch")),
            final=str(values.get("status") or "").endswith("/final"), guide_id=gid,
            iri=str(values["g"]), title=str(values.get("title") or ""))
    return sorted(found.values())


def choose_guide(store: Store, requested: str | None = None, *,
                 guides: list[StoredGuide] | None = None) -> str:
    """The guide to use: `requested` where given (it must be in the store), else the newest
    guide the store holds. UnknownGuideError where there is none to use. `guides`: the
    store's guides when the caller has read them already."""
    guides = stored_guides(store) if guides is None else guides
    ids = [g.guide_id for g in guides]
    if requested:
        if requested not in ids:
            raise UnknownGuideError(requested, store.location, ids)
        return requested
    if not guides:
        raise UnknownGuideError("—", store.location, ids)
    return guides[-1].guide_id
