"""The project period: a duration in years (为2年, 不超过3年, 一般为2～3年), compared with the
whole months from the proposal's dates, and a window of calendar years to run in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal

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
    span = f"{lo}–{hi} years"
    if lo is not None and lo == hi:
        span = f"exactly {lo} years"
    elif lo is None:
        span = f"at most {hi} years"
    elif hi is None:
        span = f"at least {lo} years"
    return (props, "SHACL Core", f"duration {span} (whole months from the dates)",
            "proposal", (f"项目周期须符合要求（{span}）。", f"the project period must be {span}."))


def period(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    start, end = kg.value(c, CK.periodStart), kg.value(c, CK.periodEnd)
    if start is None:
        return None
    props = [b.prop(CK.startDate, minCount=1,
                    minInclusive=Literal(date(int(str(start)), 1, 1))),
             b.prop(CK.endDate, minCount=1, maxInclusive=Literal(date(int(str(end)), 12, 31)))]
    return (props, "SHACL Core", f"start and end within {start}–{end}", "proposal",
            (f"项目须在{start}–{end}年间执行。", f"the project must run within {start}–{end}."))


RULES: dict[str, Rule] = {"duration": duration, "project-period": period}
