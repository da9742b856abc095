"""Validation reports to download, as the EU test-bed validator offers them: CSV detailed
(one row per finding) and summary (one row per proposal), and PDF with real Chinese
glyphs (Noto Sans CJK embedded).

    tables    the rows both formats print, in the reader's language
    csvfile   the CSV files
    pdf       the PDF
    fonts     finding the CJK font (a clear error where it is not installed)

Severities are named by a function the caller passes (the graph's labels, `coopkg.labels`),
never by the catalogue: they are terms of the model.
"""

from __future__ import annotations

from .csvfile import detailed_csv, summary_csv
from .pdf import pdf_report

__all__ = ["detailed_csv", "pdf_report", "summary_csv"]
