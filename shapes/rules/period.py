"""The project period: a duration in years (为2年, 不超过3年, 一般为2～3年), compared with the
whole months from the proposal's dates, and a window of calendar years to run in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal

from coopkg.i18n import N_
from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule

__all__ = ["RULES", "months_between_years"]


def months_between_years(b: Builder, lo: Any, hi: Any) -> BNode:
    """A property shape: ck:durationMonths within `lo`–`hi` years (either may be None)."""
    return b.prop(
        CK.durationMonths,
        minInclusive=Literal(int(Decimal(str(lo)) * 12)) if lo is not None else None,
        maxInclusive=Literal(int(Decimal(str(hi)) * 12)) if hi is not None else None)


def duration(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    lo, hi = kg.value(c, CK.minYears), kg.value(c, CK.maxYears)
    if lo is None and hi is None:
        return None
    props = [months_between_years(b, lo, hi)]
    span = N_("{lo}–{hi} 年", lo=lo, hi=hi)
    if lo is not None and lo == hi:
        span = N_("恰好 {n} 年", n=lo)
    elif lo is None:
        span = N_("至多 {n} 年", n=hi)
    elif hi is None:
        span = N_("至少 {n} 年", n=lo)
    return (props, "SHACL Core", N_("周期 {span}（按日期计的整月数）", span=span),
            "proposal", (f"项目周期须符合要求（{span.render('zh')}）。",
                         f"the project period must be {span.render('en')}."))


def period(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    start, end = kg.value(c, CK.periodStart), kg.value(c, CK.periodEnd)
    if start is None:
        return None
    props = [b.prop(CK.startDate, minCount=1,
                    minInclusive=Literal(date(int(str(start)), 1, 1))),
             b.prop(CK.endDate, minCount=1, maxInclusive=Literal(date(int(str(end)), 12, 31)))]
    return (props, "SHACL Core", N_("起止日期在 {start}–{end} 年之内", start=start, end=end),
            "proposal",
            (f"项目须在{start}–{end}年间执行。", f"the project must run within {start}–{end}."))


RULES: dict[str, Rule] = {"duration": duration, "project-period": period}
