"""Documents a proposal must attach (对方提交, 知识产权协议, 合作协议, 政府支持函, 联合实验室
建设方案, 英文申请书): at least one document of a required or accepted type."""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from coopkg.i18n import N_, Texts
from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule, local, named, values

__all__ = ["RULES"]


def document(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg = ctx.kg
    if kg.value(c, CK.preApplicationExempt) is not None:
        return N_("预申报时不要求；项目选定后由合作方提交")
    docs = values(kg, c, CK.requiredDocument) + values(kg, c, CK.acceptedDocument)
    if not docs:
        return None
    b = Builder(g)
    prop = b.at_least(1, b.among(CK.documentType, docs), path=CK.document)
    names = "或".join(f"“{named(kg, x, 'zh')}”" for x in docs)
    return ([prop], "SHACL Core", N_("类型为 {types} 的文件", types=Texts((
                ("zh", names), ("en", ", ".join(local(x) for x in docs))))),
            "proposal", (f"须附{names}。", "a document is required: "
                                          + " or ".join(named(kg, x, "en") for x in docs) + "."))


RULES: dict[str, Rule] = {kind: document for kind in (
    "bilateral-submission", "ip-agreement", "cooperation-agreement", "government-endorsement",
    "joint-lab-plan", "english-application")}
