"""The 合作协议 block: the documents a direction rests on, and the 外交承诺 block.

Documents are usually quoted in 《…》 and may carry a year in parentheses after the
closing bracket ("（2009年）", "（2002）") and a short name ("（简称：…）"); a few are
named without brackets ("科技部国际合作司与日本驻华大使馆外交换文").
"""

from __future__ import annotations

import re

from .model import Agreement, Commitment
from .text import Line, join

__all__ = ["AGREEMENT_KINDS", "agreement_kind", "parse_agreements", "parse_commitment"]

# Title ending → kind, most specific first. The kinds are the SKOS concepts of
# ontology/vocabularies.ttl (agreement-kind scheme).
AGREEMENT_KINDS: list[tuple[str, str]] = [
    (r"修正案$", "amendment"),
    (r"议定书$", "protocol"),
    (r"执行协议$|实施安排$|执行安排$", "implementing-arrangement"),
    (r"谅解备忘录$|备忘录$", "mou"),
    (r"会议纪要$|纪要$", "minutes"),
    (r"联合意向声明$|意向声明$", "joint-declaration-of-intent"),
    (r"联合声明$|声明$|宣言$", "joint-statement"),
    (r"换文$", "exchange-of-notes"),
    (r"路线图|路线图安排", "roadmap"),
    (r"成果清单$|共识与成果$|成果$", "outcome-document"),
    (r"协定$|协议书?$", "agreement"),
    (r"指南$", "guidelines"),
    (r"战略规划|执行计划|旗舰计划|计划$|规划$", "plan"),
]

_BRACKETED = re.compile(r"《([^》]+)》((?:\s*（[^（）]*）)*)")
_YEAR = re.compile(r"^（\s*(\d{4})\s*年?\s*）$")
_SHORT = re.compile(r"^（\s*简称[：:]?\s*(.+?)\s*）$")
_SEPARATORS = re.compile(r"^[、，,；;。及和与以及\s]+|[、，,；;。及和\s]+$")


def agreement_kind(title: str) -> str:
    for pattern, kind in AGREEMENT_KINDS:
        if re.search(pattern, title):
            return kind
    return "other"


def _annotations(text: str) -> list[str]:
    return re.findall(r"（[^（）]*）", text)


def parse_agreements(lines: list[Line]) -> tuple[list[Agreement], str]:
    """Every document named in the block, in order, each with its year and short names."""
    text = join(lines)
    first = lines[0].no if lines else None
    found: list[Agreement] = []
    pos = 0
    for m in _BRACKETED.finditer(text):
        _unbracketed(text[pos:m.start()], found, first)
        title = m.group(1).strip()
        year, shorts = None, []
        for ann in _annotations(m.group(2)):
            if (y := _YEAR.match(ann)):
                year = int(y.group(1))
            elif (s := _SHORT.match(ann)):
                shorts.append(s.group(1))
        found.append(Agreement(title=title, year=year, kind=agreement_kind(title),
                               short_names=shorts, line=first))
        pos = m.end()
    _unbracketed(text[pos:], found, first)
    return found, text


def _unbracketed(gap: str, found: list[Agreement], line: int | None) -> None:
    """A document named without 《》 between the bracketed ones, e.g. an exchange of notes."""
    gap = _SEPARATORS.sub("", gap.strip())
    if gap and re.search(r"[\u4e00-\u9fff]{4,}", gap):
        found.append(Agreement(title=gap, year=None, kind=agreement_kind(gap), bracketed=False,
                               line=line))


def parse_commitment(lines: list[Line]) -> Commitment:
    text = join(lines)
    quoted = re.search(r"“([^”]+)”", text)
    return Commitment(text=text, initiative=quoted.group(1) if quoted else None,
                      line=lines[0].no if lines else None)
