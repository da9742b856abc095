"""Sub-directions (GEO 3.9's fifteen): items of the 领域方向 outline that carry
研究内容 (research content) and 考核指标 (assessment indicators).

Each indicator clause becomes one AssessmentIndicator per quantity it states:
"年度数据服务量不少于一万景" → measure 年度数据服务量, ≥, 10000, 景.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .fields import Item, split_top
from .model import Indicator, SubDirection
from .numbers import CN_NUMERAL, parse_number
from .text import Line, join

__all__ = ["parse_indicators", "parse_subdirections"]

_CONTENT = re.compile(r"^研究内容[：:]\s*(.*)$")
_TARGETS = re.compile(r"^考核指标[：:]\s*(.*)$")
_NUM = rf"(\d+(?:\.\d+)?|{CN_NUMERAL})"
_UNIT = r"(人次|km2|平方公里|%|[个套项份次种类景期米天年人所家篇件台])?"
# (pattern, comparator); each pattern has groups (number, unit), in that order.
_QUANTITIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:不少于|不低于|至少)\s*{_NUM}\s*{_UNIT}"), ">="),
    (re.compile(rf"≥\s*{_NUM}\s*{_UNIT}"), ">="),
    (re.compile(rf"≤\s*{_NUM}\s*{_UNIT}"), "<="),
    (re.compile(rf"(?:大于|超过)\s*{_NUM}\s*{_UNIT}"), ">"),
    (re.compile(rf"(?:不超过|不多于)\s*{_NUM}\s*{_UNIT}"), "<="),
    # 优于 a resolution: finer, i.e. a smaller number.
    (re.compile(rf"优于\s*{_NUM}\s*{_UNIT}"), "<"),
    (re.compile(rf"{_NUM}\s*{_UNIT}以上"), ">="),
    (re.compile(rf"{_NUM}\s*{_UNIT}以内"), "<="),
    (re.compile(r"(?<![\d.])((?:\d+)|[一两二三四五六七八九十]+)\s*(套|个|项|份|次|种|期|类)(?!以上|以内)"), "="),
]
_NOTE = re.compile(r"鼓励|优先支持")


def parse_indicators(text: str) -> tuple[list[Indicator], list[str]]:
    """Indicators of one 考核指标 paragraph, and the sentences that are notes (该项目鼓励…)."""
    indicators: list[Indicator] = []
    notes: list[str] = []
    for sentence in split_top(text, "。"):
        if _NOTE.search(sentence):
            notes.append(sentence + "。")
            continue
        for clause in split_top(sentence, "，；;"):
            found = _quantities(clause)
            if not found:
                indicators.append(Indicator(text=clause, measure=clause, comparator=None,
                                            value=None, unit=None))
            indicators.extend(found)
    return indicators, notes


def _quantities(clause: str) -> list[Indicator]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, Decimal, str | None]] = []  # start, end, cmp, value, unit
    for rx, comparator in _QUANTITIES:
        for m in rx.finditer(clause):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            try:
                value = parse_number(m.group(1))
            except ValueError:
                continue
            if comparator == "=" and re.match(r"年|月|日", clause[m.end():m.end() + 1]):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), comparator, Decimal(value), m.group(2) or None))
    found.sort(key=lambda f: f[0])
    out: list[Indicator] = []
    for i, (start, end, comparator, value, unit) in enumerate(found):
        lo = found[i - 1][1] if i else 0
        hi = found[i + 1][0] if i + 1 < len(found) else len(clause)
        out.append(Indicator(text=clause, measure=_measure(clause[lo:start], clause[end:hi]),
                             comparator=comparator, value=value, unit=unit))
    return out


_VERB = r"(建立|形成|研制|开展|提交|发布|构建|开发|完成|覆盖|研究|针对|进行|在|为|对)"


def _measure(before: str, after: str) -> str:
    """What is counted: the words before the quantity, unless they only lead up to it
    ("开展不少于…", "在三个以上…"); then the words after it."""
    before = re.sub(rf"^(和|及|并|、)|{_VERB}$", "", before.strip()).strip("的 ")
    stripped = re.sub(rf"^{_VERB}", "", before)
    before = stripped if len(stripped) >= 3 else before
    after = re.sub(r"^(以上|以内)?的?", "", after.strip())
    after = re.sub(r"(和|及|并|、)$", "", after).strip()
    if len(before) >= 2 and not re.search(rf"{_VERB}$", before):
        return before
    return after or before


def parse_subdirections(areas: list[Item]) -> list[SubDirection]:
    """Sub-directions under their areas, numbered as printed."""
    out: list[SubDirection] = []
    for a, area in enumerate(areas, start=1):
        items = area.children if area.kind == "area" else [area]
        for item in items:
            title_lines: list[Line] = []
            content: list[Line] = []
            targets: list[Line] = []
            bucket = title_lines
            for line in item.lines:
                if (m := _CONTENT.match(line.text)):
                    bucket = content
                    line = Line(line.no, m.group(1))
                elif (m := _TARGETS.match(line.text)):
                    bucket = targets
                    line = Line(line.no, m.group(1))
                if line.text:
                    bucket.append(line)
            if not content and not targets:
                continue
            indicators_text = join(targets)
            indicators, notes = parse_indicators(indicators_text)
            out.append(SubDirection(
                number=item.number, title=join(title_lines).rstrip("。；"),
                area=(a,) if area.kind == "area" else None, content=join(content),
                indicators_text=indicators_text, indicators=indicators, notes=notes,
                line=item.line))
    return out
