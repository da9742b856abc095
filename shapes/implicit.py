"""Implicit requirements: what every proposal must meet although no 其他要求 item states it
— the direction is one of the guide's, a Chinese lead applicant, a participant from the
direction's partner, the direction's budget (and a part's, for proposals in its fields),
the declared fields among the direction's, one GEO sub-direction, and the guide's general
project period where the direction sets none."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import SH, XSD

from coopkg.vocab import CK, MODALITY, ROLE

from .rules.base import CN, Builder, Context, local
from .rules.fields import field_names
from .rules.manual import manual_check
from .rules.membership import complete, partner_countries
from .rules.period import months_between_years

__all__ = ["direction_exists", "implicit_shapes"]


def direction_exists(ctx: Context, g: Graph, directions: list[Any]) -> None:
    b = Builder(g)
    prop = b.prop(CK.direction, minCount=1, maxCount=1, in_=directions)
    ctx.shape(g, ctx.iri("guide", "direction"), [prop], rid="guide/direction",
              severity=SH.Violation,
              zh="申报方向须为本指南所列方向之一（如“3.4”）。",
              en="The direction must be one of this guide's directions (e.g. \"3.4\").")
    ctx.cover("guide", "guide/direction", "direction-exists", "must", "SHACL Core",
              "ck:direction must be one of the guide's direction IRIs")


def implicit_shapes(ctx: Context, code: str, d: Any, g: Graph) -> None:
    """The implicit requirements of direction `code` (node `d`), written into `g`."""
    _lead(ctx, code, g)
    _partner(ctx, code, d, g)
    _budget(ctx, code, d, g)
    _fields(ctx, code, d, g)
    _subdirection(ctx, code, d, g)
    _general_duration(ctx, code, d, g)


def _lead(ctx: Context, code: str, g: Graph) -> None:
    b = Builder(g)
    lead = b.at_least(1, b.has(CK.role, ROLE.lead), b.has(CK.country, CN))
    ctx.shape(g, ctx.iri(code, "lead"), [lead], rid=f"{code}/lead", severity=SH.Violation,
              zh=f"方向{code}：须有一家中方牵头申报单位（role 为 lead，国家为 CN）。",
              en=f"Direction {code}: a Chinese lead applicant is required (a participant "
                 "with role lead and country CN).", scope="consortium")
    ctx.cover(code, f"{code}/lead", "chinese-lead", "must", "SHACL Core",
              "≥1 participant with role lead and country CN")


def _partner(ctx: Context, code: str, d: Any, g: Graph) -> None:
    b, kg = Builder(g), ctx.kg
    partners = sorted(kg.objects(d, CK.partner), key=str)
    props, names, missing = [], [], []
    for p in partners:
        countries = partner_countries(kg, p)
        names.append(local(p))
        if countries is None:
            missing.append(local(p))
            continue
        cond = b.has(CK.country, countries[0]) if len(countries) == 1 else \
            b.among(CK.country, countries)
        props.append(b.at_least(1, cond))
    label = "、".join(names)
    partial = [local(p) for p in partners if not complete(kg, p)]
    if props:
        note_zh = f"（{'、'.join(partial)}成员名单不完整，请人工核实）" if partial else ""
        note_en = (f" (the shipped {', '.join(partial)} member list is incomplete: "
                   "check by hand)") if partial else ""
        group = any(len(partner_countries(kg, p) or []) > 1 for p in partners)
        ctx.shape(g, ctx.iri(code, "partner"), props, rid=f"{code}/partner",
                  severity=SH.Warning if partial else SH.Violation,
                  zh=f"方向{code}：须有来自合作方（{label}）的参与单位{note_zh}。",
                  en=f"Direction {code}: a participant from the partner ({label}) is "
                     "required" + (" (a member state of the group)" if group else "")
                     + note_en + ".", scope="consortium")
        ctx.cover(code, f"{code}/partner", "partner-participant", "must", "SHACL Core",
                  f"≥1 participant from {label}"
                  + (" (warning only: member list incomplete)" if partial else ""))
    if missing:
        manual_check(ctx, g, code, f"{code}/partner", "partner-participant", MODALITY.must,
                     None, f"no member list is shipped for {', '.join(missing)}",
                     zh=f"方向{code}：合作方成员资格需人工核查（{'、'.join(missing)}）。",
                     en=f"Direction {code}: membership of {', '.join(missing)} is checked "
                        "by hand (no member list is shipped).")


def _budget(ctx: Context, code: str, d: Any, g: Graph) -> None:
    b, kg = Builder(g), ctx.kg
    budget = kg.value(d, CK.budget)
    amount = kg.value(budget, CK.amount) if budget is not None else None
    if amount is not None and str(kg.value(budget, CK.currency)) == "CNY":
        prop = b.prop(CK.requestedCNY, maxInclusive=Literal(Decimal(str(amount)),
                                                          datatype=XSD.decimal))
        ctx.shape(g, ctx.iri(code, "budget"), [prop], rid=f"{code}/budget",
                  severity=SH.Violation,
                  zh=f"方向{code}：申请经费不得超过该方向拟支持经费 {Decimal(str(amount)):,} 元。",
                  en=f"Direction {code}: requested funding may not exceed the direction's "
                     f"budget of CNY {Decimal(str(amount)):,}.")
        ctx.cover(code, f"{code}/budget", "budget", "must", "SHACL Core",
                  "requestedFunding ≤ the direction's budget")
    # Separately funded parts: a proposal in a part's fields stays within that part.
    for part in sorted(kg.objects(d, CK.part), key=str):
        pb = kg.value(part, CK.budget)
        cap = kg.value(pb, CK.amount) if pb is not None else None
        names, _, _ = field_names(kg, list(kg.objects(part, CK.field)))
        if cap is None or not names:
            continue
        n = int(str(kg.value(part, CK.number)))
        in_part = b.node(b.prop(CK.fieldName, qualifiedValueShape=b.node(
            in_=[Literal(x) for x in sorted(names)]), qualifiedMinCount=1))
        within = b.node(b.prop(CK.requestedCNY, maxInclusive=Literal(
            Decimal(str(cap)), datatype=XSD.decimal)))
        amount_ = f"{Decimal(str(cap)):,}"
        ctx.shape(g, ctx.iri(code, "budget", "part", str(n)), [], rid=f"{code}/budget",
                  severity=SH.Violation,
                  zh=f"方向{code}：第{n}部分领域的项目申请经费不得超过该部分经费 {amount_} 元。",
                  en=f"Direction {code}: a proposal in the fields of part {n} may not "
                     f"request more than that part's budget of CNY {amount_}.",
                  node_constraints={"or_": [b.node(not_=in_part), within]})
        ctx.cover(code, f"{code}/budget", "budget", "must", "SHACL Core",
                  f"requestedFunding ≤ part {n}'s budget for proposals in its fields")


def _fields(ctx: Context, code: str, d: Any, g: Graph) -> None:
    b = Builder(g)
    names, open_ended, unrestricted = field_names(ctx.kg, list(ctx.kg.objects(d, CK.field)))
    if not names or unrestricted:
        return
    prop = b.prop(CK.fieldName, in_=[Literal(x) for x in sorted(names)])
    sev = SH.Warning if open_ended else SH.Violation
    ctx.shape(g, ctx.iri(code, "field"), [prop], rid=f"{code}/field", severity=sev,
              zh=f"方向{code}：所选领域须为该方向所列领域方向之一。",
              en=f"Direction {code}: each declared field must be one the direction "
                 "lists (its zh or en name).")
    ctx.cover(code, f"{code}/field", "field", "must" if not open_ended else "in_principle",
              "SHACL Core", "declared fields ∈ the direction's fields"
              + (" (open-ended list: warning)" if open_ended else ""))


def _subdirection(ctx: Context, code: str, d: Any, g: Graph) -> None:
    b, kg = Builder(g), ctx.kg
    subs = [int(str(kg.value(s, CK.number))) for s in kg.objects(d, CK.subDirection)]
    if not subs:
        return
    prop = b.prop(CK.subDirectionNumber, minCount=1, maxCount=1,
                  in_=[Literal(n) for n in sorted(subs)])
    ctx.shape(g, ctx.iri(code, "subdirection"), [prop], rid=f"{code}/subdirection",
              severity=SH.Violation,
              zh=f"方向{code}：须选择且只选择一个子方向（1–{max(subs)}）。",
              en=f"Direction {code}: exactly one sub-direction (1–{max(subs)}) must be "
                 "chosen.")
    ctx.cover(code, f"{code}/subdirection", "single-subdirection", "must",
              "SHACL Core", "exactly one subdirection among the direction's")


def _general_duration(ctx: Context, code: str, d: Any, g: Graph) -> None:
    """The guide's general project period, where the direction has no clause of its own."""
    kg = ctx.kg
    typical = kg.value(ctx.guide, CK.typicalDuration)
    if kg.value(d, CK.duration) is not None or typical is None:
        return
    lo, hi = kg.value(typical, CK.minYears), kg.value(typical, CK.maxYears)
    prop = months_between_years(Builder(g), lo, hi)
    ctx.shape(g, ctx.iri(code, "duration"), [prop], rid="guide/duration",
              severity=SH.Warning,
              zh=f"项目实施周期一般为{lo}～{hi}年（指南总体要求）。",
              en=f"Projects generally run {lo} to {hi} years (the guide's general "
                 "period).")
    ctx.cover(code, "guide/duration", "duration", "generally", "SHACL Core",
              f"{lo}–{hi} years from the guide's general clause")
