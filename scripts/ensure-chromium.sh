#!/usr/bin/env bash
# Make sure a headless Chromium is available for the browser tests (Debian's package:
# the tests drive it with Playwright's client, which does not download browsers), with
# CJK fonts so Chinese pages render with real glyphs.
set -euo pipefail
"$(dirname "$0")/apt-ensure.sh" chromium chromium
exec "$(dirname "$0")/ensure-fonts.sh"
