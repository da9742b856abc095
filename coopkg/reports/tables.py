"""The rows of a validation report, in the reader's language: one per finding (detailed)
or one per proposal (summary). The CSV and the PDF print the same rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coopkg.i18n import _
from coopkg.shapes.validate import Result

__all__ = ["SEVERITIES", "Namer", "detailed", "summary", "verdict"]

SEVERITIES = ("violation", "warning", "info")
Namer = Callable[[str], str]  # a severity ("violation") → its name in the report's language


def verdict(result: Result, lang: str) -> str:
    return _("符合要求", lang) if result.conforms else _("不符合要求", lang)


def detailed(results: Sequence[Result], lang: str, severity: Namer
             ) -> tuple[list[str], list[list[str]]]:
    """Header and rows: every finding of every proposal (a proposal without findings has
    one row saying so, so none goes missing)."""
    header = [_("申报书", lang), _("方向", lang), _("结论", lang), _("级别", lang),
              _("要求", lang), _("参与单位", lang), _("位置", lang), _("填写值", lang),
              _("允许值", lang), _("说明", lang)]
    sep = "、" if lang == "zh" else ", "
    rows: list[list[str]] = []
    for r in results:
        head = [r.proposal, r.direction or "", verdict(r, lang)]
        if not r.findings:
            rows.append([*head, "", "", "", "", "", "", _("没有发现问题。", lang)])
        for f in r.findings:
            rows.append([*head, severity(f.severity), f.requirement, f.participant or "",
                         f.participant_path or "",
                         f.value if f.value and f.value != f.focus else "", sep.join(f.allowed),
                         f.message(lang)])
    return header, rows


def summary(results: Sequence[Result], lang: str, severity: Namer
            ) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one per proposal, with its verdict and how many findings of each
    severity it has."""
    header = [_("申报书", lang), _("方向", lang), _("结论", lang),
              *(severity(s) for s in SEVERITIES)]
    rows = [[r.proposal, r.direction or "", verdict(r, lang),
             *(str(sum(f.severity == s for f in r.findings)) for s in SEVERITIES)]
            for r in results]
    return header, rows
