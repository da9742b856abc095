"""The choices the forms offer (countries, organisation types, roles, ownership, yes/no,
document types), named in the reader's language: vocabulary concepts by the graph's
labels, countries by the reference table's names. A fact not given is "" (never a "no")."""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request

from coopkg.i18n import _
from coopkg.loaders.reference import partners

from .forms import DOCUMENT_TYPES
from .routers import pages

__all__ = ["OWNERSHIPS", "ROLES", "TYPES", "choices", "countries"]

# The choices of the forms, in this order.
TYPES = ["university", "research_institute", "enterprise", "hospital", "government", "other"]
ROLES = ["lead", "partner_lead", "participant"]
OWNERSHIPS = ["national", "public", "private"]


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, str, str]]:
    """Every country code (and the EU) with its zh and en name, China first, then by code."""
    rows = [(p.code, p.name_zh, p.name_en) for p in partners().values()
            if p.kind == "country" or p.code == "EU"]
    return sorted(rows, key=lambda r: (r[0] != "CN", r[0]))


def choices(request: Request, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The forms' choices in `lang`, as (value, name) pairs."""
    vocab = pages.labels(request)
    not_given = [("", _("未说明", lang))]
    return {"countries": [(code, zh if lang == "zh" else en) for code, zh, en in countries()],
            "types": vocab.choices("organisation-type", lang, TYPES),
            "roles": not_given + vocab.choices("role", lang, ROLES),
            "ownerships": not_given + vocab.choices("ownership", lang, OWNERSHIPS),
            "yes_no": [*not_given, ("true", _("是", lang)), ("false", _("否", lang))],
            "documents": vocab.choices("document-type", lang, list(DOCUMENT_TYPES))}
