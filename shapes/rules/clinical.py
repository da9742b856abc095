"""Clinical limits (3.6, 3.7): no new patient recruitment, no preclinical or clinical
research."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef

from coopkg.i18n import N_
from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule, local

__all__ = ["RULES"]


def _not_true(prop: URIRef, zh: str, en: str) -> Rule:
    def rule(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
        b = Builder(g)
        shape = b.prop(b.path(CK.clinical, prop), in_=[Literal(False)])
        return ([shape], "SHACL Core",
                N_("clinical.{key} 不为 true", key=local(prop).split('#')[-1]), "proposal",
                (zh, en))
    return rule


RULES: dict[str, Rule] = {
    "no-new-patients": _not_true(CK.newPatientRecruitment, "不得新招募患者。",
                                 "the research may not recruit new patients."),
    "no-clinical-research": _not_true(CK.preclinicalOrClinical, "临床前和临床研究不予支持。",
                                      "preclinical and clinical research is not funded."),
}
