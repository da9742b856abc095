#!/usr/bin/env bash
# Make sure Virtuoso 7 (Debian's virtuoso-opensource: virtuoso-t and isql-vt) is installed
# for the tests that run the remote store against it. The tests start their own server on
# free ports with a temporary database; nothing here starts or configures a service.
set -euo pipefail
exec "$(dirname "$0")/apt-ensure.sh" --no-recommends virtuoso-t,isql-vt virtuoso-opensource
