#!/usr/bin/env bash
# Make sure Virtuoso 7 (Debian's virtuoso-opensource: virtuoso-t and isql-vt) is installed
# for the tests that run the remote store against it. The tests start their own server on
# free ports with a temporary database; nothing here starts or configures a service.
set -euo pipefail
if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "virtuoso-t is missing and this user cannot install it (apt-get needs root)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
# The package may start its own service where an init system runs; the tests do not use it.
command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null
