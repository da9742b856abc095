"""The guide's front matter: its title (programme, year, batch, status) and the headline
figures of its 领域和方向 paragraph (directions, partners, projects, budget, period)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from coopkg.errors import GuideParseError
from coopkg.i18n import N_

from .model import Headline
from .numbers import cn_int, parse_amount
from .text import Line, Notice, join

__all__ = ["parse_front"]

_PROGRAMME = re.compile(r"[“\"](.+?)[”\"]\s*重点专项")
_YEAR_BATCH = re.compile(r"(\d{4})\s*年度\s*(?:第([一二三四五六七八九十\d]+)批)?")
_DIRECTIONS = re.compile(r"(\d+)\s*个\s*指南方向")
_PARTNERS = re.compile(r"支持与\s*(\d+)\s*个\s*国家")
_PROJECTS = re.compile(r"项目(?:任务)?数\s*(\d+)\s*[项个]\s*(左右)?")
_BUDGET = re.compile(r"(?:国拨)?经费总概算\s*([\d.]+\s*[万亿]?元)")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_MISSING = {
    "directions": N_("总述没有写明方向数"),
    "partners": N_("总述没有写明合作方数"),
    "projects": N_("总述没有写明项目总数"),
    "budget": N_("总述没有写明经费总概算"),
}
_PERIOD = re.compile(r"实施周期(一般|原则上)?为\s*(\d+)\s*[～~\-—至]\s*(\d+)\s*年")


def parse_front(front: list[Line], *, source: str = ""
                ) -> tuple[dict[str, Any], Headline, list[Notice]]:
    """Title facts and the headline; a guide without programme or year is not of this genre."""
    notices: list[Notice] = []
    text = join([ln for ln in front if not _SECTION.match(ln.text)])
    title_lines = []
    for line in front:
        title_lines.append(line.text)
        if "指南" in line.text:
            break
    title = "".join(t for t in title_lines if t != "附件")
    programme = _PROGRAMME.search(text)
    year_batch = _YEAR_BATCH.search(text)
    if not programme or not year_batch:
        raise GuideParseError(
            N_("没有找到指南标题（第一个方向之前应有“…”重点专项和“YYYY年度第N批”）"),
            line=front[0].no if front else 1, source=source, finding="NO_TITLE")
    batch_text = year_batch.group(2) or "一"
    batch = int(batch_text) if batch_text.isdigit() else cn_int(batch_text)
    draft = "征求意见稿" in text[: len(title) + 20]
    meta = {
        "programme": programme.group(1),
        "year": int(year_batch.group(1)),
        "batch": batch,
        "draft": draft,
        "title": title + ("（征求意见稿）" if draft and "征求意见稿" not in title else ""),
    }

    headline = Headline()
    anchor = next((ln for ln in front if "指南方向" in ln.text), None)
    headline.line = anchor.no if anchor else None
    for pattern, attr in ((_DIRECTIONS, "directions"), (_PARTNERS, "partners")):
        m = pattern.search(text)
        if m:
            setattr(headline, attr, int(m.group(1)))
        else:
            notices.append(Notice("warning", headline.line, _MISSING[attr],
                                  code="HEADLINE_INCOMPLETE"))
    m = _PROJECTS.search(text)
    if m:
        headline.projects = int(m.group(1))
        headline.projects_approximate = bool(m.group(2))
    else:
        notices.append(Notice("warning", headline.line, _MISSING["projects"],
                              code="HEADLINE_INCOMPLETE"))
    m = _BUDGET.search(text)
    headline.budget = parse_amount(m.group(1)) if m else None
    if headline.budget is None:
        notices.append(Notice("warning", headline.line, _MISSING["budget"],
                              code="HEADLINE_INCOMPLETE"))
    m = _PERIOD.search(text)
    if m:
        headline.duration_min = Decimal(m.group(2))
        headline.duration_max = Decimal(m.group(3))
        headline.duration_modality = {"一般": "generally", "原则上": "in_principle"}.get(
            m.group(1) or "", "must")
    sentence = re.search(r"[^。]*指南方向[^。]*。(?:[^。]*实施周期[^。]*。)?", text)
    headline.text = sentence.group(0) if sentence else ""
    return meta, headline, notices
