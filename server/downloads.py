"""Validation reports as files to download (CSV detailed or summary, PDF), answered with a
Content-Disposition so a browser saves them; the validation API and the proposal form
both answer with these."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from fastapi import Request
from fastapi.responses import Response

from coopkg.reports import detailed_csv, pdf_report, summary_csv
from coopkg.shapes.validate import Result

from .routers import pages

__all__ = ["KINDS", "MEDIA", "report_file"]

# format= value → the media type of the file
MEDIA = {"csv": "text/csv", "csv-summary": "text/csv", "pdf": "application/pdf"}
KINDS = tuple(MEDIA)


async def report_file(request: Request, results: Sequence[Result], kind: str, *, lang: str,
                      guide: str) -> Response:
    """The report of `results` as `kind` (csv, csv-summary or pdf)."""
    vocab = pages.labels(request)

    def severity(s: str) -> str:
        return vocab.severity(s, lang)

    name = f"coopkg-report-{guide or 'proposals'}"
    if kind == "pdf":
        # ReportError (503 PDF_UNAVAILABLE) when no font for Chinese is installed
        body: bytes = await asyncio.to_thread(pdf_report, results, lang=lang,
                                              severity=severity, guide=guide)
        filename = f"{name}.pdf"
    else:
        write = summary_csv if kind == "csv-summary" else detailed_csv
        body = write(results, lang=lang, severity=severity).encode("utf-8")
        filename = f"{name}-{'summary' if kind == 'csv-summary' else 'detailed'}.csv"
    media = MEDIA[kind] + ("; charset=utf-8" if kind != "pdf" else "")
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Language": "zh-CN" if lang == "zh" else "en"})
