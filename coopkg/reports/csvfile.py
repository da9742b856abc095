"""Validation reports as CSV (RFC 4180), detailed or summary.

The text starts with a byte order mark: spreadsheet programs then read the file as UTF-8
and show the Chinese; CSV readers that know UTF-8 (Python's `utf-8-sig`) skip it."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from coopkg.shapes.validate import Result

from . import tables

__all__ = ["detailed_csv", "summary_csv"]


def _write(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def detailed_csv(results: Sequence[Result], *, lang: str, severity: tables.Namer) -> str:
    """One row per finding."""
    return _write(*tables.detailed(results, lang, severity))


def summary_csv(results: Sequence[Result], *, lang: str, severity: tables.Namer) -> str:
    """One row per proposal."""
    return _write(*tables.summary(results, lang, severity))
