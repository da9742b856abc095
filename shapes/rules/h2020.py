"""Horizon 2020 co-funding (2.7): the call years, the Chinese applicant listed among the
project's participants, and one Chinese application per Horizon 2020 project."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import SH, XSD

from coopkg.i18n import N_
from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule, values

__all__ = ["RULES"]


def call_years(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    years = values(ctx.kg, c, CK.callYear)
    if not years:
        return None
    prop = b.prop(b.path(CK.h2020Project, CK.callYear), minCount=1,
                  in_=[Literal(str(y), datatype=XSD.gYear) for y in years])
    ys = ", ".join(str(y) for y in years)
    return ([prop], "SHACL Core", N_("h2020.callYear 为 {years} 之一", years=ys), "proposal",
            (f"须为与欧方共同申请的地平线2020项目（{ys}年度指南）。",
             f"the proposal must co-apply to a Horizon 2020 call of {ys}."))


def listed(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    prop = b.prop(b.path(CK.h2020Project, CK.chineseParticipantListed), minCount=1,
                  hasValue=Literal(True))
    return ([prop], "SHACL Core", N_("h2020.chineseParticipantListed 为 true"), "proposal",
            ("中方单位须列入地平线2020项目participants名单。",
             "the Chinese applicant must be listed among the Horizon 2020 project's "
             "participants."))


def single(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    has_id = b.prop(b.path(CK.h2020Project, CK.projectId), minCount=1)
    # The proposals that share this proposal's Horizon 2020 project id (itself included),
    # reached by walking to the id and back: SHACL Core can count them.
    back_to_id, back_to_project = BNode(), BNode()
    g.add((back_to_id, SH.inversePath, CK.projectId))
    g.add((back_to_project, SH.inversePath, CK.h2020Project))
    sharing = b.prop(b.path(CK.h2020Project, CK.projectId, back_to_id, back_to_project),
                     maxCount=1)
    return ([has_id, sharing], "SHACL Core",
            N_("每个地平线2020项目只有一份中方申请，在一起验证的申报书（一批，或存储中的）之间核查"),
            "proposal",
            ("同一地平线2020项目只支持一份中方申请。",
             "only one Chinese application per Horizon 2020 project."))


RULES: dict[str, Rule] = {
    "h2020-coapplication": call_years,
    "h2020-participant": listed,
    "h2020-single-application": single,
}
