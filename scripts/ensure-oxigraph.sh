#!/usr/bin/env bash
# Make sure the Oxigraph server binary (`oxigraph serve`, from the PyPI package `oxigraph`,
# part of the test extra) is in the virtualenv the tests run from.
set -euo pipefail
VENV="${VENV:-.venv}"
if [ -x "$VENV/bin/oxigraph" ]; then
  exit 0
fi
"$VENV/bin/python" -m pip install --quiet 'oxigraph>=0.5'
"$VENV/bin/oxigraph" --version >/dev/null
