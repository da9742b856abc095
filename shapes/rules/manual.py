"""Manual checks: a clause a proposal's data cannot show becomes a shape that reports one
sh:Info result on every proposal, a reminder a person must check it; it is never dropped."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import SH, SKOS

from coopkg.i18n import N_, Message, Texts
from coopkg.vocab import CK

from .base import Builder, Context, local

__all__ = ["manual_check", "why_manual"]


def manual_check(ctx: Context, g: Graph, code: str, rid: str, kind: str, modality: Any,
                 clause: Any, why: Message | Texts, *, zh: str, en: str, text: str = ""
                 ) -> None:
    b = Builder(g)
    iri = ctx.iri(code, *rid.split("/")[1:], "manual", kind)
    # Always reports one result per proposal: a reminder a person must check.
    ctx.shape(g, iri, [], rid=rid, severity=SH.Info, zh=zh, en=en, enforces=clause,
              text_zh=text, node_constraints={"not_": b.node(**{"class": CK.Proposal})})
    g.add((iri, CK.enforcement, Literal("manual")))
    ctx.cover(code, rid, kind, local(modality), "manual", why, text)


def why_manual(kg: Graph, kind: Any) -> Message | Texts:
    """Why a kind of clause is checked by hand: the kind's scope note in the vocabulary, in
    zh and en."""
    notes = tuple((o.language or "", str(o).rstrip("。.")) for o in kg.objects(kind, SKOS.scopeNote)
                  if isinstance(o, Literal) and o.language in ("zh", "en"))
    return Texts(tuple(sorted(notes, key=lambda n: n[0] != "zh"))) if notes \
        else N_("申报书的数据无法表明这一点")
