"""The consortium: who the partners are and what each side must include — organisation
types and ownership, a Chinese or foreign enterprise, participants per country, the
"2+2" model, the listed countries, registration age and legal personality."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import Graph, Literal

from coopkg.i18n import N_, Texts
from coopkg.vocab import CK, ORG_TYPE

from .base import CN, RESEARCH, Builder, Context, Outcome, Prop, Rule, foreign, local, named, values
from .membership import partner_side

__all__ = ["RULES"]


def partner_type(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    types = values(kg, c, CK.allowedType)
    own = values(kg, c, CK.allowedOwnership)
    excluded = values(kg, c, CK.excludedType)
    registered = kg.value(c, CK.registeredIn)
    parts, zh, en = [], [], []
    if types:
        parts.append(b.prop(CK.organisationType, minCount=1, in_=types))
        zh.append("类型限" + "、".join(named(kg, t, "zh") for t in types))
        en.append("of type " + " or ".join(named(kg, t, "en") for t in types))
    if own:
        parts.append(b.prop(CK.ownership, minCount=1, in_=own))
        zh.append("所有制限" + "、".join(named(kg, o, "zh") for o in own))
        en.append("with " + " or ".join(named(kg, o, "en") for o in own) + " ownership")
    for t in excluded:
        parts.append(b.prop(CK.organisationType, not_=b.node(in_=[t])))
    if registered is not None:
        parts.append(b.prop(CK.country, hasValue=registered))
        zh.append(f"须在{named(kg, registered, 'zh')}注册")
        en.append(f"registered in {named(kg, registered, 'en')}")
    if not parts:
        return None
    return ([foreign(b, b.node(*parts))], "SHACL Core",
            N_("每个外方参与单位{conditions}", conditions=Texts((("zh", "，".join(zh)),
                                                              ("en", ", ".join(en))))),
            "consortium", ("外方合作单位" + "，".join(zh) + "。",
                           "every foreign participant must be " + ", ".join(en) + "."))


def chinese_enterprise(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    prop = b.at_least(1, b.has(CK.country, CN), b.has(CK.organisationType, ORG_TYPE.enterprise))
    return ([prop], "SHACL Core", N_("中方至少一家企业参与"), "consortium",
            ("中方团队中须至少有一家企业。", "the Chinese team must include an enterprise."))


def partner_enterprise(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    prop = b.at_least(1, partner_side(ctx.kg, d, b),
                      b.has(CK.organisationType, ORG_TYPE.enterprise))
    return ([prop], "SHACL Core", N_("外方至少一家企业参与"), "consortium",
            ("外方须至少包括一家企业。", "the foreign side must include an enterprise."))


def composition(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    countries = values(kg, c, CK.country)
    if countries:
        n = int(kg.value(c, CK.minPerCountry) or 1)
        every = "、".join(named(kg, x, "zh") for x in countries)
        every_en = ", ".join(named(kg, x, "en") for x in countries)
        props: list[Prop] = [(b.at_least(n, b.has(CK.country, x)),
                              f"缺少来自{named(kg, x, 'zh')}的参与单位（须由{every}各至少{n}家单位"
                              "共同申报）。",
                              f"no participant from {named(kg, x, 'en')} (at least {n} from each"
                              f" of {every_en}).") for x in countries]
        codes = "、".join(local(x) for x in countries)
        return (props, "SHACL Core", N_("{codes} 各至少 {n} 家参与单位", n=n, codes=codes),
                "consortium",
                (f"须由{every}各至少{n}家单位共同申报。",
                 f"at least {n} participant from each of {every_en}."))
    if kg.value(c, CK.minPerSide) is not None:
        sides: list[Prop] = [
            (b.at_least(1, b.has(CK.country, CN)),
             "缺少中方单位（须至少包括一家中方单位和一家外方单位）。",
             "no Chinese participant (at least one Chinese and one foreign participant)."),
            (b.at_least(1, partner_side(kg, d, b)),
             "缺少外方单位（须至少包括一家中方单位和一家外方单位）。",
             "no foreign participant (at least one Chinese and one foreign participant).")]
        return (sides, "SHACL Core", N_("至少一家中方和一家外方参与单位"), "consortium",
                ("须至少包括一家中方单位和一家外方单位。",
                 "at least one Chinese and one foreign participant."))
    return None


def two_plus_two(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    props: list[Prop] = []
    model_zh = "（“2+2”模式要求中外双方各至少有一个科研机构或高校和一个企业）。"
    model_en = (" (the \"2+2\" model needs at least one research institute or university and "
                "one enterprise on each side).")
    for side, side_zh, side_en in ((b.has(CK.country, CN), "中方", "the Chinese side"),
                                   (partner_side(ctx.kg, d, b), "外方", "the partner side")):
        props.append((b.at_least(1, side, b.among(CK.organisationType, list(RESEARCH))),
                      f"{side_zh}缺少科研机构或高校" + model_zh,
                      f"{side_en} lacks a research institute or university" + model_en))
        props.append((b.at_least(1, side, b.has(CK.organisationType, ORG_TYPE.enterprise)),
                      f"{side_zh}缺少企业" + model_zh, f"{side_en} lacks an enterprise" + model_en))
    return (props, "SHACL Core",
            N_("双方各至少一个科研机构或高校和一个企业"),
            "consortium", ("中外双方须各至少有一个科研机构和一个企业（“2+2”）。",
                           "each side needs at least one research institute or university and "
                           "one enterprise (the \"2+2\" model)."))


def country_list(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    countries = values(ctx.kg, c, CK.country)
    if not countries:
        return None
    return ([foreign(b, b.among(CK.country, countries))], "SHACL Core",
            N_("每个外方参与单位来自所列的 {n} 个国家", n=len(countries)),
            "consortium", ("外方合作单位须来自所列国家。",
                           f"every foreign participant must come from the {len(countries)} "
                           "listed countries."))


def registration(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    years = kg.value(c, CK.minYears)
    if years is None:
        return None
    cutoff = date(ctx.year - int(Decimal(str(years))), 1, 1)
    cond = b.node(b.prop(CK.registeredOn, minCount=1, maxInclusive=Literal(cutoff)))
    return ([foreign(b, cond)], "SHACL Core",
            N_("每个外方参与单位于 {cutoff} 或之前注册", cutoff=str(cutoff)), "consortium",
            (f"外方合作单位须于{cutoff}前注册（{years}年以上）。",
             f"every foreign participant must have been registered by {cutoff} "
             f"({years} years before 1 January {ctx.year})."))


def legal_entity(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    b = Builder(g)
    return ([foreign(b, b.has(CK.legalEntity, Literal(True)))], "SHACL Core",
            N_("每个外方参与单位都是独立法人"), "consortium",
            ("外方合作单位须具有独立法人资格。", "every foreign participant must be an "
                                                "independent legal entity."))


RULES: dict[str, Rule] = {
    "partner-type": partner_type,
    "chinese-team-enterprise": chinese_enterprise,
    "partner-side-enterprise": partner_enterprise,
    "consortium-composition": composition,
    "consortium-2plus2": two_plus_two,
    "partner-country-list": country_list,
    "registration-age": registration,
    "legal-entity": legal_entity,
}
