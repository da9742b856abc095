"""Damaged copies of the bundled guide, made by small named edits, each recording the
finding it plants (code, line, direction) so a test can say what one run must report.

Every edit replaces a line and never adds or removes one: the extraction leaves a blank
line after each line of text, so a deleted line becomes blank and a stray paragraph takes
the place of a blank line. Line numbers therefore stay those of the bundled file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coopkg.data import DEFAULT_GUIDE

__all__ = ["Damaged", "Planted"]

_LINES = DEFAULT_GUIDE.read_text("utf-8").split("\n")


@dataclass(frozen=True)
class Planted:
    """A finding a damaged copy must give: its code, level, 1-based line and direction."""

    code: str
    level: str
    line: int
    direction: str | None


@dataclass
class Damaged:
    """The bundled guide's lines with the edits made so far and what they planted."""

    lines: list[str] = field(default_factory=lambda: list(_LINES))
    planted: list[Planted] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def write(self, path: Path) -> Path:
        path.write_text(self.text, encoding="utf-8")
        return path

    def heading(self, code: str) -> int:
        """The line number of direction `code`'s (first) heading."""
        rx = re.compile(rf"^\s*{re.escape(code)}(?![\d.])\s*[\u4e00-\u9fff]")
        return next(i + 1 for i, t in enumerate(self.lines) if rx.match(t))

    def label(self, code: str, labels: tuple[str, ...]) -> int:
        """The line number of the first line of direction `code` opening with a label."""
        start = self.heading(code)
        for i in range(start, len(self.lines)):
            if self.lines[i].strip().startswith(labels):
                return i + 1
        raise LookupError(f"{code} has no line opening with {labels}")

    def garble_budget(self, code: str) -> Damaged:
        """The budget's number becomes 若干 ("some"): unreadable."""
        no = self.label(code, ("共拟支持经费", "拟支持经费", "拟支持总经费", "共拟支持总经费"))
        self.lines[no - 1] = re.sub(r"\d+(?:\.\d+)?", "若干", self.lines[no - 1])
        self.planted.append(Planted("UNREADABLE_BUDGET", "error", no, code))
        return self

    def drop_count(self, code: str) -> Damaged:
        """The 拟支持项目数 line is deleted: the direction (at its heading) has no count."""
        self.lines[self.label(code, ("拟支持项目数",)) - 1] = ""
        self.planted.append(Planted("NO_COUNT", "error", self.heading(code), code))
        return self

    def relabel(self, code: str, as_code: str) -> Damaged:
        """Direction `code`'s heading says `as_code`, a code an earlier direction has."""
        no = self.heading(code)
        self.lines[no - 1] = self.lines[no - 1].replace(code, as_code, 1)
        self.planted.append(Planted("DUPLICATE_DIRECTION", "error", no, as_code))
        return self

    def stray_paragraph(self, after: str, before: str,
                        text: str = "更多精彩内容请关注本网站微信公众号。") -> Damaged:
        """An unrelated paragraph between the end of `after` and the heading of `before`."""
        no = self.heading(before) - 1
        assert not self.lines[no - 1].strip(), "the line before a heading is blank"
        self.lines[no - 1] = text
        self.planted.append(Planted("UNPLACED_TEXT", "warning", no, after))
        return self

    def rename(self, old: str, new: str, *, first: int, last: int) -> Damaged:
        """Every `old` in lines `first`…`last` becomes `new` (a direction rewritten for
        another partner); plants nothing."""
        for i in range(first - 1, last):
            self.lines[i] = self.lines[i].replace(old, new)
        return self
