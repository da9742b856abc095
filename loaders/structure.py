"""Cut a guide into its parts: title lines, preamble with the headline figures, and one
run of labelled blocks per direction (合作协议, 外交承诺, 领域方向, 拟支持项目数,
共拟支持经费, 其他要求).

This is the only place that knows the layout of the genre; the block parsers
see only their own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coopkg.i18n import N_

from .text import Line, Notice, normalise_spaces

__all__ = ["BLOCKS", "RawDirection", "Segmented", "segment"]

# Block label → the block it opens. Labels vary across guides (拟支持经费, 共拟支持经费,
# 拟支持总经费, and 3.3's combined 拟支持经费与项目数).
BLOCKS: dict[str, str] = {
    "合作协议": "agreements",
    "外交承诺": "commitment",
    "领域方向": "fields",
    "拟支持项目数": "count",
    "拟支持经费": "budget",
    "共拟支持经费": "budget",
    "拟支持总经费": "budget",
    "共拟支持总经费": "budget",
    "拟支持经费与项目数": "budget_and_count",
    "拟支持项目数与经费": "budget_and_count",
    "共拟支持经费与项目数": "budget_and_count",
    "其他要求": "requirements",
}
_LABEL = re.compile(r"^(" + "|".join(sorted(BLOCKS, key=len, reverse=True)) + r")[：:](.*)$")
_HEADER = re.compile(r"^(\d{1,2}\.\d{1,2})(?![\d.])\s*(.+)$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、\s*\S")
_HEADER_LOOKAHEAD = 3  # title continuation lines allowed before the first block label


@dataclass
class RawDirection:
    code: str
    title: str
    line: int
    blocks: dict[str, list[Line]] = field(default_factory=dict)
    block_lines: dict[str, int] = field(default_factory=dict)
    findings: list[Notice] = field(default_factory=list)  # about this direction's text


@dataclass
class Segmented:
    front: list[Line]
    directions: list[RawDirection]
    tail: list[Line]
    notices: list[Notice]


def _header_at(lines: list[Line], i: int) -> tuple[str, str, int] | None:
    """A direction header at line i: code, title (with continuation lines), next index."""
    m = _HEADER.match(lines[i].text)
    if not m or not re.search(r"[\u4e00-\u9fff]", m.group(2)):
        return None
    title = m.group(2)
    for j in range(i + 1, min(i + 1 + _HEADER_LOOKAHEAD, len(lines))):
        if _LABEL.match(lines[j].text):
            return m.group(1), normalise_spaces(title), j
        if _HEADER.match(lines[j].text):
            return None
        title += lines[j].text
    return None


def segment(lines: list[Line], *, source: str = "") -> Segmented:
    """Group lines into front matter, directions with their blocks, and trailing text.

    What breaks the layout is noted, never raised, so one run names every defect: a
    direction whose code was already used, or which repeats a block, carries an error."""
    front: list[Line] = []
    directions: list[RawDirection] = []
    tail: list[Line] = []
    notices: list[Notice] = []
    seen: dict[str, int] = {}
    current: RawDirection | None = None
    block: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        header = _header_at(lines, i)
        if header:
            code, title, nxt = header
            current = RawDirection(code=code, title=title, line=line.no)
            if code in seen:
                current.findings.append(Notice(
                    "error", line.no, N_("方向编号 {code} 出现了两次（第一次在第 {first} 行）",
                                         code=code, first=seen[code]),
                    code, "DUPLICATE_DIRECTION"))
            seen.setdefault(code, line.no)
            directions.append(current)
            block = None
            i = nxt
            continue
        if current is None:
            front.append(line)
            i += 1
            continue
        if _SECTION.match(line.text) and block is not None:
            # A new numbered section (三、…) ends the run of directions.
            tail = lines[i:]
            break
        label = _LABEL.match(line.text)
        if label:
            block = BLOCKS[label.group(1)]
            if block in current.blocks:
                current.findings.append(Notice(
                    "error", line.no, N_("{label}出现了两次（第一次在第 {first} 行）",
                                         label=label.group(1),
                                         first=current.block_lines[block]),
                    current.code, "DUPLICATE_BLOCK", label.group(1)))
                block = f"{block}#{line.no}"  # its lines go with it, read by nobody
            current.blocks[block] = []
            current.block_lines[block] = line.no
            rest = label.group(2).strip()
            if rest:
                current.blocks[block].append(Line(line.no, rest))
        elif block is None:
            current.findings.append(Notice(
                "warning", line.no, N_("方向的第一个栏目之前的文字无法归位：“{text}”",
                                       text=line.text),
                current.code, "TEXT_BEFORE_BLOCKS"))
        else:
            current.blocks[block].append(line)
        i += 1
    for line in tail:
        notices.append(Notice("warning", line.no,
                              N_("各方向之后的文字未建模：“{text}”", text=line.text),
                              code="TEXT_AFTER_DIRECTIONS"))
    return Segmented(front=front, directions=directions, tail=tail, notices=notices)
