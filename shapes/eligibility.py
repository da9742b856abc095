"""The eligibility finder: for a consortium (participants only), whether it may apply to
each direction — `eligible`, `not_eligible` (with the requirements it fails) or
`needs_information` (with the facts to supply). A fact that was not given is never a "no".

It asks the same shapes the validator uses, keeping only those whose scope is the
consortium (ck:scope "consortium": leads, partners, organisation types, composition,
registration), so the rules exist once. Three runs, each one pySHACL run per direction:

1. the consortium as given, where a fact not given counts as absent;
2. where that fails, the consortium completed with the most favourable value of every
   fact not given (a role for a lead no one holds, an early registration date, a legal
   entity, an SME, and each ownership in turn): if a completion passes, the direction
   needs information, otherwise it is not open (what fails even then is a real "no");
3. for a direction that needs information, the passing completion less one filled fact
   at a time: the facts whose absence fails a requirement are the ones to supply.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coopkg.errors import ProposalError
from coopkg.i18n import N_, _

from .generate import code_key
from .proposals import parse_proposals
from .validate import Finding, Result, Validator

__all__ = ["Eligibility", "Missing", "eligibility", "summary"]

ELIGIBLE, NEEDS_INFORMATION, NOT_ELIGIBLE = "eligible", "needs_information", "not_eligible"
_ORDER = {ELIGIBLE: 0, NEEDS_INFORMATION: 1, NOT_ELIGIBLE: 2}
_STATUS = {ELIGIBLE: N_("可以申报"), NEEDS_INFORMATION: N_("需补充信息"),
           NOT_ELIGIBLE: N_("不符合申报条件")}
# The participant facts a consortium may leave out, and what they are called.
_FACTS = {"role": N_("角色"), "ownership": N_("所有制"), "registeredOn": N_("注册日期"),
          "legalEntity": N_("是否具有独立法人资格"), "sme": N_("是否为中小企业")}
_FAVOURABLE: dict[str, Any] = {"legalEntity": True, "registeredOn": "1900-01-01", "sme": True}
_OWNERSHIPS = ("national", "public", "private")
_CONSORTIUM_KEYS = {"participants", "guide", "name"}


@dataclass
class Missing:
    """A fact to supply: which participant, which key, and the requirements it decides."""

    participant: str
    path: str
    key: str
    requirements: list[str] = field(default_factory=list)

    def message(self, lang: str) -> str:
        return _("请补充{participant}的{fact}（{path}），用于判断{requirements}", lang,
                 participant=self.participant, fact=_FACTS[self.key].render(lang),
                 path=self.path,
                 requirements=("、" if lang == "zh" else ", ").join(self.requirements))

    def as_dict(self) -> dict[str, Any]:
        return {"participant": self.participant, "path": self.path, "key": self.key,
                "requirements": self.requirements, "message_zh": self.message("zh"),
                "message_en": self.message("en")}


@dataclass
class Eligibility:
    code: str
    titles: dict[str, str]
    status: str = ELIGIBLE
    findings: list[Finding] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return self.status == ELIGIBLE

    @property
    def fails(self) -> list[str]:
        """The requirements a not-eligible consortium fails."""
        return list(dict.fromkeys(f.requirement for f in self.findings
                                  if f.severity == "violation"))

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("zh", "")

    def status_label(self, lang: str) -> str:
        return _STATUS[self.status].render(lang)

    def as_dict(self) -> dict[str, Any]:
        return {"direction": self.code, "status": self.status,
                "title_zh": self.titles.get("zh"), "title_en": self.titles.get("en"),
                "findings": [f.__dict__ for f in self.findings],
                "missing": [m.as_dict() for m in self.missing]}


def summary(rows: Sequence[Eligibility], lang: str) -> str:
    """One line: how many directions are open, need information, are not open."""
    n = {s: sum(r.status == s for r in rows) for s in _ORDER}
    return _("共 {total} 个方向：可以申报 {open} 个，需补充信息 {info} 个，不符合申报条件 "
             "{closed} 个。", lang, total=len(rows), open=n[ELIGIBLE],
             info=n[NEEDS_INFORMATION], closed=n[NOT_ELIGIBLE])


Fact = tuple[int, str]  # (participant index, key)


def eligibility(validator: Validator, consortium: dict[str, Any], *, source: str = ""
                ) -> list[Eligibility]:
    """Every direction, open ones first, then those needing information, then the rest."""
    participants = _participants(consortium, source)
    shapes = validator.shapes
    codes = list(shapes.directions)
    # The consortium is read once as it is, so its input errors name the right paths.
    parse_proposals(json.dumps(_doc("urn:coopkg:consortium", codes[0], validator.guide_id,
                                    participants), ensure_ascii=False), source=source)
    variants = _completions(participants)

    first = _run(validator, {(code, k): parts for code in codes
                             for k, (parts, _) in enumerate([(participants, []), *variants])},
                 source)
    rows: dict[str, Eligibility] = {}
    chosen: dict[str, int] = {}
    for code in codes:
        row = rows[code] = Eligibility(code, shapes.titles.get(shapes.directions[code], {}))
        runs = [first[(code, k)] for k in range(len(variants) + 1)]
        if not _violations(runs[0]):
            row.findings = _shown(runs[0])
            continue
        passing = [k for k in range(1, len(runs)) if not _violations(runs[k])]
        if passing:
            row.status = NEEDS_INFORMATION
            chosen[code] = passing[0]
            row.findings = _shown(runs[passing[0]])
            continue
        row.status = NOT_ELIGIBLE
        best = min(runs, key=lambda r: len(_violations(r)))
        row.findings = _shown(best)

    # Which of the filled facts a needing direction cannot do without.
    jobs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for code, k in chosen.items():
        parts, filled = variants[k - 1]
        for j, fact in enumerate(filled):
            jobs[(code, j)] = _without(parts, fact, participants)
    second = _run(validator, jobs, source) if jobs else {}
    for code, k in chosen.items():
        _, filled = variants[k - 1]
        needed = []
        for j, (i, key) in enumerate(filled):
            fails = [f.requirement for f in _violations(second[(code, j)])]
            if fails:
                needed.append(_missing(participants, i, key, fails))
        rows[code].missing = needed or [_missing(participants, i, key, [])
                                        for i, key in filled]

    out = list(rows.values())
    out.sort(key=lambda r: (_ORDER[r.status], len(r.fails), code_key(r.code)))
    return out


def _participants(consortium: Any, source: str) -> list[dict[str, Any]]:
    if not isinstance(consortium, dict):
        raise ProposalError(N_("合作团队须是一个 JSON 对象：{example}",
                               example='{"participants": [...]}'), source=source)
    unknown = sorted(set(consortium) - _CONSORTIUM_KEYS)
    if unknown:
        raise ProposalError(N_("未知的键（可用的键：{known}）",
                               known=", ".join(sorted(_CONSORTIUM_KEYS))),
                            path=unknown[0], source=source)
    participants = consortium.get("participants")
    if not isinstance(participants, list) or not participants:
        raise ProposalError(N_("至少需要一家参与单位"), path="participants",
                            source=source)
    return participants


def _doc(pid: str, code: str, guide: str, participants: list[Any]) -> dict[str, Any]:
    # Each participant keeps its place: ids are minted from the proposal id and position.
    return {"id": pid, "direction": code, "guide": guide, "participants": [
        {k: v for k, v in p.items() if k != "id"} if isinstance(p, dict) else p
        for p in participants]}


def _completions(participants: list[dict[str, Any]]
                 ) -> list[tuple[list[dict[str, Any]], list[Fact]]]:
    """The consortium with every fact not given filled favourably, once per ownership
    where some participant's ownership is not given; [] when nothing is missing."""
    parts = [dict(p) for p in participants]
    filled: list[Fact] = []
    for i, p in enumerate(parts):
        for key, value in _FAVOURABLE.items():
            if key not in p:
                p[key] = value
                filled.append((i, key))
    roles = {p.get("role") for p in parts}
    for role, chinese in (("lead", True), ("partner_lead", False)):
        if role in roles:
            continue
        for i, p in enumerate(parts):
            if "role" not in p and (p.get("country") == "CN") == chinese:
                p["role"] = role
                filled.append((i, "role"))
                break
    unknown = [i for i, p in enumerate(parts) if "ownership" not in p]
    if not unknown:
        return [(parts, filled)] if filled else []
    out = []
    for ownership in _OWNERSHIPS:
        variant = [dict(p) for p in parts]
        for i in unknown:
            variant[i]["ownership"] = ownership
        out.append((variant, [*filled, *((i, "ownership") for i in unknown)]))
    return out


def _without(parts: list[dict[str, Any]], fact: Fact, given: list[dict[str, Any]]
             ) -> list[dict[str, Any]]:
    """The completion with one filled fact taken back out."""
    i, key = fact
    out = [dict(p) for p in parts]
    if key in given[i]:
        out[i][key] = given[i][key]
    else:
        out[i].pop(key, None)
    return out


def _run(validator: Validator, jobs: dict[tuple[str, int], list[dict[str, Any]]],
         source: str) -> dict[tuple[str, int], Result]:
    """Validate every (direction, variant) consortium in one batch: one pySHACL run per
    direction."""
    keys = list(jobs)
    docs = [_doc(f"urn:coopkg:consortium:{code}:{k}", code, validator.guide_id, jobs[(code, k)])
            for code, k in keys]
    proposals = parse_proposals(json.dumps(docs, ensure_ascii=False), source=source)
    results = validator.validate(proposals, filter_scope="consortium")
    return dict(zip(keys, results, strict=True))


def _violations(result: Result) -> list[Finding]:
    return [f for f in result.findings if f.severity == "violation"]


def _shown(result: Result) -> list[Finding]:
    """Findings worth showing (no infos), each said once."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for f in result.findings:
        key = (f.requirement, f.severity, f.message_en)
        if f.severity != "info" and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _missing(participants: list[dict[str, Any]], i: int, key: str, fails: list[str]
             ) -> Missing:
    p = participants[i]
    name = p.get("name") if isinstance(p.get("name"), str) else None
    return Missing(participant=name or f"participants[{i}]", path=f"participants[{i}].{key}",
                   key=key, requirements=list(dict.fromkeys(fails)))

