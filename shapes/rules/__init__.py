"""One rule per kind of 其他要求 clause, one module per family of kinds:

    documents       required documents (submissions, agreements, endorsements, plans)
    leads           who may lead, who may only take part
    consortium      partners' types, sides, composition, "2+2", countries, registration
    period          duration and the window to run in
    funding         matching funds
    h2020           Horizon 2020 co-funding
    clinical        clinical limits
    fields          research fields and areas
    membership      group partners' members (EU, Arab states, GEO)
    encouragements  what the guide encourages (reported as sh:Info)
    manual          clauses a proposal's data cannot show (checked by hand)

`RULES` maps a requirement-kind slug (ontology/vocabularies.ttl) to its rule; a kind
without a rule is checked by hand.
"""

from __future__ import annotations

from coopkg.i18n import N_

from . import (
    clinical,
    consortium,
    documents,
    encouragements,
    fields,
    funding,
    h2020,
    leads,
    membership,
    period,
)
from .base import Covered, Rule

__all__ = ["RULES"]

RULES: dict[str, Rule] = {
    **documents.RULES, **leads.RULES, **consortium.RULES, **period.RULES, **funding.RULES,
    **h2020.RULES, **clinical.RULES, **fields.RULES, **membership.RULES, **encouragements.RULES,
    "single-subdirection": lambda ctx, c, d, g: Covered(N_("由隐含的子方向形状覆盖")),
}
