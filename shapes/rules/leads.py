"""Leads and roles: who may lead (an enterprise, a research institution) and who may not
(an enterprise that may only take part)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rdflib import BNode, Graph, URIRef

from coopkg.i18n import N_, Texts
from coopkg.vocab import CK, ORG_TYPE, ROLE

from .base import RESEARCH, Builder, Context, Outcome, Rule, local, values

__all__ = ["RULES"]


def _side_roles(kg: Graph, c: Any) -> list[URIRef]:
    side = local(kg.value(c, CK.side) or "china")
    return {"china": [ROLE.lead], "partner": [ROLE.partner_lead]}.get(
        side, [ROLE.lead, ROLE.partner_lead])


def _leads_are(ctx: Context, c: Any, g: Graph, types: Sequence[URIRef], *,
               negate: bool = False) -> list[BNode]:
    """For each lead role the clause concerns: every participant in that role is (or, with
    `negate`, is not) of one of `types`."""
    b = Builder(g)
    props = []
    for role in _side_roles(ctx.kg, c) if not negate else [ROLE.lead, ROLE.partner_lead]:
        if negate:
            ok = b.node(not_=b.among(CK.organisationType, types))
        else:
            ok = b.among(CK.organisationType, types)
        props.append(b.every(b.node(or_=[b.lacks(CK.role, role), ok])))
    return props


def _listed(roles: str) -> Texts:
    return Texts((("zh", roles.replace(", ", "、")), ("en", roles)))


def lead_enterprise(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    roles = ", ".join(local(r) for r in _side_roles(ctx.kg, c))
    return (_leads_are(ctx, c, g, [ORG_TYPE.enterprise]), "SHACL Core",
            N_("角色为 {roles} 的参与单位是企业", roles=_listed(roles)), "consortium",
            ("牵头单位须为企业。", f"the participant with role {roles} must be an enterprise."))


def lead_research(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    types = values(ctx.kg, c, CK.allowedType) or list(RESEARCH)
    roles = ", ".join(local(r) for r in _side_roles(ctx.kg, c))
    return (_leads_are(ctx, c, g, types), "SHACL Core",
            N_("角色为 {roles} 的参与单位是高校或科研机构", roles=_listed(roles)),
            "consortium", ("牵头单位须为科研机构或高校。",
                           f"the participant with role {roles} must be a university or "
                           "research institute."))


def not_lead(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    return (_leads_are(ctx, c, g, [ORG_TYPE.enterprise], negate=True), "SHACL Core",
            N_("牵头单位和外方牵头单位都不是企业"), "consortium",
            ("企业仅可作为参与单位，不得牵头。", "an enterprise may only participate, not lead."))


RULES: dict[str, Rule] = {
    "lead-enterprise": lead_enterprise,
    "lead-research-institution": lead_research,
    "enterprise-not-lead": not_lead,
}
