"""The font a PDF report draws Chinese with: Noto Sans CJK SC, as Debian's fonts-noto-cjk
installs it (`scripts/ensure-fonts.sh`), or the file COOPKG_CJK_FONT names. A PDF
without it would show empty boxes for every Chinese character, so a missing font is an
error that says what to install, never a silent fallback."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coopkg.errors import ReportError
from coopkg.i18n import N_

__all__ = ["ENV", "Font", "cjk_font"]

ENV = "COOPKG_CJK_FONT"
_NOTO = Path("/usr/share/fonts/opentype/noto")
_FAMILY = "Noto Sans CJK SC"  # simplified Chinese forms, in a collection of five scripts


@dataclass(frozen=True)
class Font:
    """A font file, and which font of a collection (.ttc) to use."""

    path: Path
    index: int = 0


def cjk_font(*, bold: bool = False) -> Font:
    """The CJK font (its bold where installed, else the regular one); ReportError naming
    the package to install where there is none."""
    configured = os.environ.get(ENV)
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ReportError(N_("{env} 指定的字体文件不存在：{path}", env=ENV, path=path))
        return _font(path)
    weights = ("Bold", "Regular") if bold else ("Regular",)
    for weight in weights:
        path = _NOTO / f"NotoSansCJK-{weight}.ttc"
        if path.is_file():
            return _font(path)
    raise ReportError(N_("找不到生成 PDF 所需的中文字体（{path}）：请安装 Debian 软件包 "
                         "fonts-noto-cjk（scripts/ensure-fonts.sh），或以 {env} 指定字体文件",
                         path=_NOTO / "NotoSansCJK-Regular.ttc", env=ENV))


@cache
def _font(path: Path) -> Font:
    """`path`, with the index of Noto Sans CJK SC where it is a collection."""
    if path.suffix.lower() != ".ttc":
        return Font(path)
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    for i, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == _FAMILY:
            return Font(path, i)
    return Font(path)
