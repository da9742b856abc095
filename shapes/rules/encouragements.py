"""Encouragements (鼓励, 优先): industry–academia cooperation, SMEs, enterprises, several
teams. Their modality makes them sh:Info: a proposal without them still conforms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import BNode, Graph, Literal

from coopkg.i18n import N_, Message
from coopkg.vocab import CK, ORG_TYPE

from .base import CN, RESEARCH, Builder, Context, Outcome, Rule

__all__ = ["RULES"]


def _encouraged(*conditions: Callable[[Builder], BNode], why: Message, zh: str, en: str
                ) -> Rule:
    def rule(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
        b = Builder(g)
        return ([fn(b) for fn in conditions], "SHACL Core", why, "consortium", (zh, en))
    return rule


RULES: dict[str, Rule] = {
    "industry-academia": _encouraged(
        lambda b: b.at_least(1, b.has(CK.organisationType, ORG_TYPE.enterprise)),
        lambda b: b.at_least(1, b.among(CK.organisationType, list(RESEARCH))),
        why=N_("至少一个企业和至少一个高校或科研机构"),
        zh="鼓励产学研结合（企业与高校或科研机构共同参与）。",
        en="industry–academia cooperation is encouraged (an enterprise with a university or "
           "research institute)."),
    "sme": _encouraged(lambda b: b.at_least(1, b.has(CK.sme, Literal(True))),
                       why=N_("至少一家中小企业参与"), zh="鼓励中小企业参与。",
                       en="SME participation is encouraged."),
    "enterprise-participation": _encouraged(
        lambda b: b.at_least(1, b.has(CK.organisationType, ORG_TYPE.enterprise)),
        why=N_("至少一家企业参与"), zh="鼓励企业参与。",
        en="enterprise participation is encouraged."),
    "multi-team": _encouraged(lambda b: b.at_least(2, b.has(CK.country, CN)),
                              why=N_("至少两家中方参与单位"), zh="鼓励多个团队联合申报。",
                              en="joint applications by several teams are encouraged."),
}
