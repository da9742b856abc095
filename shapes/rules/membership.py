"""Membership: who counts as the partner side when the partner is a group (the EU for 2.7,
the Arab states for 2.5, GEO for 3.9), and the GEO-membership clause.

A group's members come from the guide (ck:memberCountry, the countries a direction lists)
or from the shipped member lists. A list known to be incomplete (GEO) cannot prove that a
country is not a member, so it only ever yields warnings.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from coopkg.data import path as data_path
from coopkg.vocab import BASE, CK

from .base import CN, Builder, Context, Outcome, Rule, foreign, local

__all__ = ["RULES", "complete", "partner_countries", "partner_side"]


@lru_cache(maxsize=1)
def _memberships() -> tuple[dict[str, list[str]], frozenset[str]]:
    out: dict[str, list[str]] = {}
    incomplete: set[str] = set()
    p = data_path("reference", "memberships.csv")
    if p.exists():
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.setdefault(row["group"], []).append(row["member"])
    q = data_path("reference", "membership-lists.csv")
    if q.exists():
        with q.open(encoding="utf-8", newline="") as f:
            incomplete = {r["group"] for r in csv.DictReader(f) if r["complete"] != "true"}
    return out, frozenset(incomplete)


def complete(kg: Graph, partner: Any) -> bool:
    """Whether the member list of `partner` is complete (a country missing from it is not a
    member)."""
    return local(partner) not in _memberships()[1]


def partner_countries(kg: Graph, partner: Any) -> list[Any] | None:
    """The countries a participant may come from to count for `partner` (never China:
    the Chinese side does not make up the partner side, even where China is a member), or
    None when nobody can say."""
    code = local(partner)
    members = list(kg.objects(partner, CK.memberCountry))
    shipped = _memberships()[0]
    if not members and code in shipped:
        members = [URIRef(f"{BASE}partner/{m}") for m in shipped[code]]
    if members:
        return sorted((m for m in members if m != CN), key=str)
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
    geo = URIRef(f"{BASE}partner/GEO")
    members = _memberships()[0].get("GEO")
    if not members:
        return "no GEO member list is shipped"
    if not complete(ctx.kg, geo):
        return ("the shipped GEO member list is incomplete, so a country missing from it may "
                "still be a member; 3.9/partner warns instead")
    b = Builder(g)
    countries = [URIRef(f"{BASE}partner/{m}") for m in members]
    return ([foreign(b, b.among(CK.country, countries))], "SHACL Core",
            "every foreign participant from a GEO member", "consortium",
            ("国际合作团队须来自GEO成员国或参加组织。",
             "every foreign participant must come from a GEO member."))


RULES: dict[str, Rule] = {"geo-membership": geo_members}
