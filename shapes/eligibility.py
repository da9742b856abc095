"""The eligibility finder: for a consortium (participants only), which directions it may
apply to. It asks the same shapes the validator uses, keeping only those whose scope is
the consortium (ck:scope "consortium": leads, partners, organisation types, composition,
registration), so the rules exist once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from coopkg.errors import ProposalError

from .proposals import parse_proposals
from .validate import Finding, Validator

__all__ = ["Eligibility", "eligibility"]


@dataclass
class Eligibility:
    code: str
    titles: dict[str, str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not any(f.severity == "violation" for f in self.findings)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("zh", "")

    def as_dict(self) -> dict[str, Any]:
        return {"direction": self.code, "title_zh": self.titles.get("zh"),
                "title_en": self.titles.get("en"), "eligible": self.eligible,
                "findings": [f.__dict__ for f in self.findings
                             if f.severity != "info"]}


def eligibility(validator: Validator, consortium: dict[str, Any], *, source: str = ""
                ) -> list[Eligibility]:
    """Every direction, open ones first, each with the consortium-level findings."""
    participants = consortium.get("participants") if isinstance(consortium, dict) else None
    if not isinstance(participants, list) or not participants:
        raise ProposalError("at least one participant is needed", path="participants",
                            source=source)
    shapes = validator.shapes
    docs = [{"id": f"urn:coopkg:consortium:{code}", "direction": code,
             "guide": validator.guide_id, "participants": participants}
            for code in shapes.directions]
    proposals = parse_proposals(json.dumps(docs, ensure_ascii=False), source=source)
    results = validator.validate(proposals, filter_scope="consortium")
    rows = []
    for code, result in zip(shapes.directions, results, strict=True):
        rows.append(Eligibility(code=code, titles=shapes.titles.get(shapes.directions[code], {}),
                                findings=result.findings))
    rows.sort(key=lambda r: (not r.eligible, sum(f.severity == "violation"
                                                 for f in r.findings)))
    return rows
