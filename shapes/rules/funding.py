"""Funding: an enterprise's matching funds at least equal to its government funding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib import Graph

from coopkg.i18n import N_
from coopkg.vocab import CK, ORG_TYPE

from .base import CN, SIDE, Builder, Context, Outcome, Rule, local

__all__ = ["RULES"]


def matching(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    ratio = kg.value(c, CK.minRatio)
    if ratio is None or Decimal(str(ratio)) != 1:
        return N_("只核查配套出资不少于政府资助的情形")
    side = local(kg.value(c, CK.side) or f"{SIDE}any")
    skip = [b.lacks(CK.organisationType, ORG_TYPE.enterprise),
            b.node(b.prop(CK.governmentFundingCNY, maxCount=0))]
    if side == "china":
        skip.append(b.lacks(CK.country, CN))
    elif side == "partner":
        skip.append(b.has(CK.country, CN))
    ok = b.node(b.prop(CK.matchingFundsCNY, minCount=1),
                b.prop(CK.governmentFundingCNY, lessThanOrEquals=CK.matchingFundsCNY))
    where = {"china": "Chinese ", "partner": "foreign "}.get(side, "")
    why = {"china": N_("每个中方企业的 matchingFunds ≥ 其 governmentFunding"),
           "partner": N_("每个外方企业的 matchingFunds ≥ 其 governmentFunding")}.get(
        side, N_("每个企业的 matchingFunds ≥ 其 governmentFunding"))
    return ([b.every(b.node(or_=[*skip, ok]))], "SHACL Core",
            why, "proposal",
            ("参与企业的配套出资须不少于其获得的政府资助。",
             f"every {where}enterprise must bring matching funds at least equal to its "
             "government funding."))


RULES: dict[str, Rule] = {"matching-funds": matching}
