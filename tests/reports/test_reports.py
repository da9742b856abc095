"""Validation reports to download: CSV detailed and summary say the same as the findings,
and the PDF draws Chinese with Noto Sans CJK (rendered to an image: real glyphs, not the
empty boxes a font without Chinese would draw)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from coopkg.errors import ReportError
from coopkg.reports import detailed_csv, pdf_report, summary_csv
from coopkg.reports import fonts as fonts_module
from coopkg.reports.fonts import cjk_font
from coopkg.shapes import load_validator
from coopkg.shapes.proposals import read_proposal_files
from coopkg.shapes.validate import validate_all

PROPOSALS = Path(__file__).parents[1] / "data" / "proposals" / "3.4"
NAMES = {"zh": {"violation": "不符合", "warning": "警告", "info": "提示"},
         "en": {"violation": "violation", "warning": "warning", "info": "info"}}


@pytest.fixture(scope="module")
def results(built_store):
    files = [PROPOSALS / "ok.json", PROPOSALS / "break-3.4-2-consortium-2plus2.json"]
    validator = load_validator(built_store, "2021-1")
    return validate_all(read_proposal_files(files, guide="2021-1"), lambda _g: validator)


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # spreadsheets then read it as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_summary_csv_has_one_row_per_proposal_with_counts(results):
    rows = _rows(summary_csv(results, lang="zh", severity=NAMES["zh"].get))
    assert rows[0] == ["申报书", "方向", "结论", "不符合", "警告", "提示"]
    by_id = {r[0]: r for r in rows[1:]}
    ok = by_id["urn:example:proposal:3.4-ok"]
    bad = by_id["urn:example:proposal:3.4-break-3.4-2-consortium-2plus2"]
    assert ok[2] == "符合要求" and ok[3] == "0"
    assert bad[2] == "不符合要求" and int(bad[3]) >= 1
    assert len(rows) == 3


def test_detailed_csv_has_every_finding_in_the_readers_language(results):
    rows = _rows(detailed_csv(results, lang="en", severity=NAMES["en"].get))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Proposal", "Direction", "Verdict", "Severity", "Requirement"]
    assert len(body) == sum(len(r.findings) or 1 for r in results)
    violations = [r for r in body if r[3] == "violation"]
    assert violations and all(r[2] == "does not conform" for r in violations)
    assert any(r[4] == "3.4/2" and "enterprise" in r[-1] for r in violations)


def _page_image(pdf: bytes, page: int = 0):
    return pdfium.PdfDocument(pdf)[page].render(scale=2).to_pil().convert("L")


def test_the_pdf_embeds_noto_cjk_and_its_text_is_the_chinese(results):
    pdf = pdf_report(results, lang="zh", severity=NAMES["zh"].get, guide="2021-1")
    assert pdf.startswith(b"%PDF")
    # the embedded fonts' PostScript names (a subset: six letters and +)
    assert re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansCJKSC", pdf)
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "申报书校验报告" in text and "不符合要求" in text and "3.4/2" in text


def test_chinese_is_drawn_with_real_glyphs_not_boxes(results):
    """Two reports that differ only in two Chinese characters of a column heading (提示,
    说明): with real glyphs the pixels differ; a font without them draws the same empty
    boxes for both."""
    one = pdf_report(results[:1], lang="zh", severity=NAMES["zh"].get, guide="2021-1")
    two = pdf_report(results[:1], lang="zh", severity={"violation": "不符合", "warning": "警告",
                                                        "info": "说明"}.get, guide="2021-1")
    a, b = _page_image(one), _page_image(two)
    box = (0, 0, a.width, a.height // 3)
    top_a, top_b = a.crop(box).tobytes(), b.crop(box).tobytes()
    assert sum(1 for p in top_a if p < 128) > 2000  # the title and tables are drawn at all
    assert top_a != top_b


def test_a_missing_font_is_a_clear_error(monkeypatch, tmp_path, results):
    monkeypatch.setattr(fonts_module, "_NOTO", tmp_path)
    monkeypatch.delenv(fonts_module.ENV, raising=False)
    with pytest.raises(ReportError) as e:
        pdf_report(results, lang="en", severity=NAMES["en"].get)
    assert "fonts-noto-cjk" in e.value.message("en") and "COOPKG_CJK_FONT" in e.value.message("en")
    assert "fonts-noto-cjk" in e.value.message("zh") and "字体" in e.value.message("zh")
    monkeypatch.setenv(fonts_module.ENV, str(tmp_path / "nothing.ttf"))
    with pytest.raises(ReportError, match=r"nothing\.ttf"):
        cjk_font()


def test_the_collection_font_chosen_is_simplified_chinese():
    font = cjk_font()
    assert font.path.name.startswith("NotoSansCJK") and font.index == 2
