#!/usr/bin/env bash
# Make sure Debian's Noto CJK fonts are installed: the PDF reports embed Noto Sans CJK SC
# so Chinese is drawn with real glyphs (coopkg.reports.fonts looks for this file).
set -euo pipefail
exec "$(dirname "$0")/apt-ensure.sh" /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
  fonts-noto-cjk
