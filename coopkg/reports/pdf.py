"""A validation report as PDF (fpdf2): the summary table, then each proposal's verdict and
findings, in the reader's language, drawn with Noto Sans CJK so Chinese shows as Chinese
(the font's glyphs are embedded, subset to the characters used)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace

from coopkg.i18n import _
from coopkg.shapes.validate import Result

from . import tables
from .fonts import cjk_font

__all__ = ["pdf_report"]

_FAMILY = "cjk"
_HEADINGS = FontFace(emphasis="BOLD", fill_color=(230, 235, 242))
_COLOURS = {"violation": (176, 0, 32), "warning": (150, 90, 0), "info": (60, 60, 60)}


def _document() -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    regular, bold = cjk_font(), cjk_font(bold=True)
    pdf.add_font(_FAMILY, "", str(regular.path), collection_font_number=regular.index)
    pdf.add_font(_FAMILY, "B", str(bold.path), collection_font_number=bold.index)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    return pdf


def pdf_report(results: Sequence[Result], *, lang: str, severity: tables.Namer,
               guide: str = "", today: dt.date | None = None) -> bytes:
    """The report as PDF bytes; ReportError (coopkg.reports.fonts) without the CJK font."""
    pdf = _document()
    pdf.set_title(_("申报书校验报告", lang))
    pdf.set_creator("coopkg")
    pdf.set_font(_FAMILY, "B", 16)
    pdf.cell(0, 10, _("申报书校验报告", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, "", 9)
    day = (today or dt.date.today()).isoformat()
    pdf.cell(0, 6, _("指南 {guide} · {n} 份申报书 · {date}", lang, guide=guide or "—",
                     n=len(results), date=day), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    header, rows = tables.summary(results, lang, severity)
    _table(pdf, header, rows, widths=(70, 14, 28, 18, 18, 18))
    for r in results:
        pdf.ln(4)
        pdf.set_font(_FAMILY, "B", 11)
        pdf.set_text_color(*((0, 110, 50) if r.conforms else _COLOURS["violation"]))
        pdf.multi_cell(0, 6, f"{r.proposal} [{r.direction or '?'}] — "
                             f"{tables.verdict(r, lang)}",
                       new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(_FAMILY, "", 9)
        if not r.findings:
            pdf.cell(0, 6, _("没有发现问题。", lang), new_x="LMARGIN", new_y="NEXT")
            continue
        _table(pdf, [_("级别", lang), _("要求", lang), _("说明", lang)],
               [[severity(f.severity), f.requirement, f.message(lang)] for f in r.findings],
               widths=(18, 32, 130))
    return bytes(pdf.output())


def _table(pdf: FPDF, header: list[str], rows: list[list[str]], *,
           widths: tuple[int, ...]) -> None:
    pdf.set_font(_FAMILY, "", 8.5)
    with pdf.table(col_widths=widths, headings_style=_HEADINGS, text_align="LEFT",
                   line_height=4.6, wrapmode=WrapMode.CHAR, padding=1.2) as table:
        for row in [header, *rows]:
            cells = table.row()
            for text in row:
                cells.cell(text)
