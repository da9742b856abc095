"""Membership: who counts as the partner side when the partner is a group (the EU for 2.7,
the Arab states for 2.5, GEO for 3.9), and the GEO-membership clause.

A group's members are read from the graph the shapes are generated from: the countries a
direction lists for a cooperation mechanism (ck:memberCountry) and the shipped member lists
(org:memberOf, from data/reference/memberships.csv by way of the reference graph), whose
completeness is stated on the group (ck:memberListComplete). A list known to be incomplete
(GEO) cannot prove that a country is not a member, so it only ever yields warnings.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import ORG, RDF

from coopkg.i18n import N_
from coopkg.vocab import CK

from .base import CN, Builder, Context, Covered, Outcome, Rule, foreign

__all__ = ["RULES", "complete", "members", "partner_countries", "partner_side"]


def members(kg: Graph, group: Any) -> list[Any]:
    """The members of `group` the graph knows: listed by a guide or by a member list."""
    found = set(kg.objects(group, CK.memberCountry)) | set(kg.subjects(ORG.memberOf, group))
    return sorted(found, key=str)


def complete(kg: Graph, group: Any) -> bool:
    """Whether the members the graph knows are all of them: as the group's member list
    states, and true for a list a guide gives (the guide's list is the rule)."""
    stated = kg.value(group, CK.memberListComplete)
    return stated is None or stated == Literal(True)


def partner_countries(kg: Graph, partner: Any) -> list[Any] | None:
    """The countries a participant may come from to count for `partner` (never China:
    the Chinese side does not make up the partner side, even where China is a member), or
    None when nobody can say."""
    listed = members(kg, partner)
    if listed:
        return [m for m in listed if m != CN]
    kinds = set(kg.objects(partner, RDF.type))
    if CK.Country in kinds or not kinds:
        return [partner]
    return None


def partner_side(kg: Graph, d: Any, b: Builder) -> BNode:
    """A participant of the partner side: from the direction's partner countries where
    their list is known and complete, else any participant outside China."""
    countries: list[Any] = []
    for p in kg.objects(d, CK.partner):
        listed = partner_countries(kg, p)
        if listed is None or not complete(kg, p):
            return b.lacks(CK.country, CN)
        countries.extend(listed)
    if not countries:
        return b.lacks(CK.country, CN)
    return b.among(CK.country, sorted(set(countries), key=str))


def geo_members(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    groups = [p for p in sorted(ctx.kg.objects(d, CK.partner), key=str)
              if members(ctx.kg, p)]
    if not groups:
        return N_("图中没有这个方向合作方的成员名单")
    if not all(complete(ctx.kg, p) for p in groups):
        return Covered(N_("由这个方向合作方的形状覆盖：至少一家外方参与单位（违规），"
                          "并对不完整的 GEO 成员名单中找不到的每个外方参与单位给出警告"))
    b = Builder(g)
    countries = sorted({m for p in groups for m in members(ctx.kg, p)}, key=str)
    return ([foreign(b, b.among(CK.country, countries))], "SHACL Core",
            N_("每个外方参与单位来自 GEO 成员"), "consortium",
            ("国际合作团队须来自GEO成员国或参加组织。",
             "every foreign participant must come from a GEO member."))


RULES: dict[str, Rule] = {"geo-membership": geo_members}
