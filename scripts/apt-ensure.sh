#!/usr/bin/env bash
# Make sure a command (or a file: an absolute path) is on this Debian machine, installing
# packages when it is not:
#   scripts/apt-ensure.sh [--no-recommends] COMMAND[,COMMAND…] PACKAGE…
# Idempotent and quiet; the ensure-* scripts say which commands and packages they need.
set -euo pipefail
extra=()
if [ "${1:-}" = "--no-recommends" ]; then extra=(--no-install-recommends); shift; fi
IFS=, read -r -a commands <<< "$1"
shift
present() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}
missing=0
for c in "${commands[@]}"; do
  present "$c" || missing=1
done
[ "$missing" -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "${commands[*]} missing and this user cannot install them (apt-get needs root)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${extra[@]}" "$@" >/dev/null
for c in "${commands[@]}"; do
  present "$c"
done
