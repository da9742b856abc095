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

from coopkg.i18n import N_, Texts
from coopkg.vocab import CK, MODALITY, ROLE

from .rules.base import CN, Builder, Context, local, named
from .rules.fields import field_names, matches
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
              N_("ck:direction 须为指南中某个方向的 IRI"))


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
              N_("至少一家角色为 lead、国家为 CN 的参与单位"))
    one = b.at_most(1, b.has(CK.role, ROLE.lead))
    ctx.shape(g, ctx.iri(code, "lead", "single"), [one], rid=f"{code}/lead",
              severity=SH.Violation,
              zh=f"方向{code}：一个项目只有一家牵头申报单位（role 为 lead 的单位只能有一家；"
                 "其他中方单位为 participant）。",
              en=f"Direction {code}: a proposal has exactly one lead applicant (one "
                 "participant with role lead; other Chinese participants are participant).",
              scope="consortium")
    ctx.cover(code, f"{code}/lead", "single-lead", "must", "SHACL Core",
              N_("至多一家角色为 lead 的参与单位"))


def _partner(ctx: Context, code: str, d: Any, g: Graph) -> None:
    """A participant from the direction's partner. Where a group's member list is known
    incomplete (GEO), a foreign participant is all that can be required; each foreign
    participant whose country the list does not show is a warning naming it."""
    b, kg = Builder(g), ctx.kg
    partners = sorted(kg.objects(d, CK.partner), key=str)
    props, names, missing = [], [], []
    unconfirmed: list[str] = []
    for p in partners:
        countries = partner_countries(kg, p)
        names.append(local(p))
        if countries is None:
            missing.append(local(p))
            continue
        if not complete(kg, p):
            unconfirmed.append(local(p))
            props.append(b.at_least(1, b.lacks(CK.country, CN)))
            continue
        props.append(b.at_least(1, b.among(CK.country, countries)))
    label = "、".join(names)
    zh_names = {local(p): named(kg, p, "zh") for p in partners}

    def said(codes: list[str]) -> Texts:  # the partners as the graph names them
        return Texts((("zh", "、".join(zh_names[c] for c in codes)), ("en", ", ".join(codes))))

    group = any(len(partner_countries(kg, p) or []) > 1 for p in partners)
    if props:
        ctx.shape(g, ctx.iri(code, "partner"), props, rid=f"{code}/partner",
                  severity=SH.Violation,
                  zh=f"方向{code}：须有来自合作方（{label}）的参与单位"
                     + ("（至少一家外方单位）" if unconfirmed else "") + "。",
                  en=f"Direction {code}: a participant from the partner ({', '.join(names)}) is "
                     "required" + (" (a member of the group)" if group else "")
                     + (" (at least one foreign participant)" if unconfirmed else "") + ".",
                  scope="consortium")
        ctx.cover(code, f"{code}/partner", "partner-participant", "must", "SHACL Core",
                  N_("至少一家来自{partner}的参与单位（成员名单不完整：至少一家外方参与单位）",
                     partner=said(names)) if unconfirmed
                  else N_("至少一家来自{partner}的参与单位", partner=said(names)))
    if unconfirmed:
        allowed = sorted({c for p in partners for c in partner_countries(kg, p) or []}, key=str)
        listed = "、".join(unconfirmed)
        ctx.shape(g, ctx.iri(code, "partner", "members"),
                  [b.every(b.node(or_=[b.has(CK.country, CN), b.among(CK.country, allowed)]))],
                  rid=f"{code}/partner", severity=SH.Warning,
                  zh=f"方向{code}：无法确认该外方单位所在国家或组织是{listed}成员（随附的成员名单"
                     "不完整），请人工核实。",
                  en=f"Direction {code}: this foreign participant's country or organisation "
                     f"cannot be confirmed as a member of {', '.join(unconfirmed)} (the shipped "
                     "member list is incomplete): check by hand.", scope="consortium",
                  allowed=[local(c) for c in allowed])
        ctx.cover(code, f"{code}/partner", "partner-membership", "must", "SHACL Core",
                  N_("每个外方参与单位来自{partners}所列的成员（成员名单不完整：仅为警告）",
                     partners=said(unconfirmed)))
    if missing:
        manual_check(ctx, g, code, f"{code}/partner", "partner-participant", MODALITY.must,
                     None, N_("没有随附{partners}的成员名单", partners=said(missing)),
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
                  N_("requestedFunding ≤ 这个方向的拟支持经费"))
    # Separately funded parts: a proposal in a part's fields stays within that part.
    for part in sorted(kg.objects(d, CK.part), key=str):
        pb = kg.value(part, CK.budget)
        cap = kg.value(pb, CK.amount) if pb is not None else None
        names = field_names(kg, list(kg.objects(part, CK.field)))
        if cap is None or not names.names:
            continue
        n = int(str(kg.value(part, CK.number)))
        in_part = b.node(b.prop(CK.fieldName, qualifiedValueShape=matches(b, names),
                                qualifiedMinCount=1))
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
                  N_("属于第 {n} 部分领域的申报书，requestedFunding ≤ 该部分的经费", n=n))


def _fields(ctx: Context, code: str, d: Any, g: Graph) -> None:
    b = Builder(g)
    names = field_names(ctx.kg, list(ctx.kg.objects(d, CK.field)))
    if not names.names or names.unrestricted:
        return
    prop = b.prop(CK.fieldName, pattern=names.pattern(), flags=Literal("i"))
    sev = SH.Warning if names.open_ended else SH.Violation
    ctx.shape(g, ctx.iri(code, "field"), [prop], rid=f"{code}/field", severity=sev,
              zh=f"方向{code}：所选领域须为该方向所列领域方向之一（可写简称、指南原文、英文名称"
                 "或领域IRI）。",
              en=f"Direction {code}: each declared field must be one the direction lists "
                 "(its Chinese name, the text as the guide prints it, its English name in any "
                 "case, or its IRI).", allowed=names.shown)
    ctx.cover(code, f"{code}/field", "field", "must" if not names.open_ended else
              "in_principle", "SHACL Core",
              N_("所填领域属于这个方向的领域（简称、印出的名称或英文名，不分大小写，或 IRI）"
                 "（列表未穷尽：仅为警告）") if names.open_ended
              else N_("所填领域属于这个方向的领域（简称、印出的名称或英文名，不分大小写，或 IRI）"))


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
              "SHACL Core", N_("恰好一个属于这个方向的子方向"))


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
              N_("{lo}–{hi} 年，出自指南的通用条款", lo=lo, hi=hi))
