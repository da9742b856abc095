"""The 拟支持项目数 and 经费 blocks: how many projects, how much money.

Counts: "1个", "不超过 10个", "5-8个", "2个（生物科技领域 1个，信息通信领域 1个）",
"15个（其中抗击新冠肺炎疫情相关项目 7个以内）". Budgets: "不超过 4500万元",
"500 万元人民币". The combined 拟支持经费与项目数 block states separately funded parts,
each "…领域拟支持不超过 5个项目，总经费不超过 2500万人民币".
"""

from __future__ import annotations

import re

from coopkg.errors import GuideParseError
from coopkg.i18n import N_

from .fields import split_top
from .model import Count, Part
from .numbers import Amount, parse_amount
from .text import Line, join

__all__ = ["parse_budget", "parse_count", "parse_parts"]

_RANGE = re.compile(r"(不超过|不多于|最多|至少|不少于)?(\d+)(?:\s*[-－—～~至]\s*(\d+))?\s*[个项]")
_BREAKDOWN = re.compile(r"([^，,；;（）]+?)(\d+)\s*[个项](以内|以下)?")


def _count(text: str) -> Count | None:
    m = _RANGE.search(text)
    if not m:
        return None
    qual, a, b = m.group(1), int(m.group(2)), m.group(3)
    if b is not None:
        lo, hi = a, int(b)
    elif qual in ("不超过", "不多于", "最多"):
        lo, hi = None, a
    elif qual in ("至少", "不少于"):
        lo, hi = a, None
    else:
        lo = hi = a
    count = Count(min=lo, max=hi, text=text)
    rest = text[m.end():]
    paren = re.match(r"\s*（(.*)）", rest)
    if paren:
        for part in split_top(paren.group(1), "，,；;"):
            bm = _BREAKDOWN.search(part)
            if bm:
                label = re.sub(r"^其中", "", bm.group(1)).strip()
                n = int(bm.group(2))
                count.breakdown.append((label, None if bm.group(3) else n, n))
    return count


def parse_count(lines: list[Line], *, direction: str, source: str = "") -> Count:
    text = join(lines).rstrip("。")
    count = _count(text)
    if count is None:
        raise GuideParseError(N_("项目数无法读取：“{text}”", text=text),
                              line=lines[0].no if lines else None, direction=direction,
                              block="拟支持项目数", source=source, finding="UNREADABLE_COUNT")
    return count


def parse_budget(lines: list[Line], *, direction: str, source: str = "") -> Amount:
    text = join(lines).rstrip("。")
    amount = parse_amount(text)
    if amount is None:
        raise GuideParseError(N_("经费无法读取：“{text}”", text=text),
                              line=lines[0].no if lines else None, direction=direction,
                              block="拟支持经费", source=source, finding="UNREADABLE_BUDGET")
    return amount


def parse_parts(lines: list[Line], *, direction: str, source: str = "") -> list[Part]:
    """Separately funded parts of one direction, each with its fields, count and budget."""
    text = join(lines)
    parts: list[Part] = []
    for n, piece in enumerate(split_top(text.rstrip("。"), "；;。"), start=1):
        m = re.match(r"(.+?)(?:拟共|拟|共)+支持", piece)
        fields_text = m.group(1) if m else ""
        labels = split_top(fields_text, "、")
        count = _count(piece)
        money = re.search(r"(?:总)?经费(.*)$", piece)
        budget = parse_amount(money.group(1)) if money else None
        if count is None or budget is None:
            what = (N_("第 {n} 部分没有写明项目数：“{text}”", n=n, text=piece) if count is None
                    else N_("第 {n} 部分没有写明经费：“{text}”", n=n, text=piece))
            raise GuideParseError(
                what, line=lines[0].no if lines else None, direction=direction,
                block="拟支持经费与项目数", source=source, finding="UNREADABLE_PART")
        parts.append(Part(number=n, fields_text=fields_text, field_labels=labels, count=count,
                          budget=budget, text=piece))
    if not parts:
        raise GuideParseError(N_("没有找到分别资助的部分"), line=lines[0].no if lines else None,
                              direction=direction, block="拟支持经费与项目数", source=source,
                              finding="NO_PARTS")
    return parts
