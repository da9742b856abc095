#!/usr/bin/env bash
# Re-vendor the YASGUI SPARQL query UI into server/static/vendor/yasgui/.
#
# The server serves these files itself, so the query page needs no CDN at run
# time. Run this only to refresh the vendored copy (it needs npm and access to
# the npm registry); commit the result.
#
#   scripts/vendor-assets.sh                      # pinned version below
#   YASGUI_VERSION=4.2.28 scripts/vendor-assets.sh
set -euo pipefail

YASGUI_VERSION="${YASGUI_VERSION:-4.2.28}"
PKG="@triply/yasgui"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/server/static/vendor/yasgui"

command -v npm >/dev/null || { echo "error: npm not found" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/coopkg-vendor.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "Installing $PKG@$YASGUI_VERSION into $tmp ..."
(
  cd "$tmp"
  npm init -y >/dev/null
  # --ignore-scripts: we only copy prebuilt files; no install hooks are needed.
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    "$PKG@$YASGUI_VERSION" >/dev/null
)

src="$tmp/node_modules/$PKG"
installed="$(node -p "require('$src/package.json').version")"
if [[ "$installed" != "$YASGUI_VERSION" ]]; then
  echo "error: expected $PKG $YASGUI_VERSION, npm installed $installed" >&2
  exit 1
fi

# The UMD bundle already contains Yasqe, Yasr, CodeMirror, jQuery, DataTables,
# etc.; the CSS contains the Yasqe/Yasr/CodeMirror styles. Nothing else is
# needed at run time. Deliberately not copied: build/yasgui.min.js.map (~4 MB,
# devtools only) and static/yasgui.polyfill.min.js (IE11 polyfills).
files=(
  "build/yasgui.min.js"
  "build/yasgui.min.css"
  "build/yasgui.min.js.LICENSE.txt"   # third-party notices for the bundle
  "LICENSE.txt"                       # YASGUI's own MIT licence
)
for f in "${files[@]}"; do
  [[ -f "$src/$f" ]] || { echo "error: $PKG $installed has no $f" >&2; exit 1; }
done

rm -rf "$dest"
mkdir -p "$dest"
for f in "${files[@]}"; do
  cp "$src/$f" "$dest/$(basename "$f")"
done
echo "$installed" > "$dest/VERSION"
(
  cd "$dest"
  sha256sum yasgui.min.js yasgui.min.css yasgui.min.js.LICENSE.txt LICENSE.txt VERSION > SHA256SUMS
)

echo "Vendored $PKG $installed into ${dest#"$repo_root"/}:"
ls -l "$dest"

# Swagger UI for the API documentation at /docs (FastAPI would load it from a CDN).
SWAGGER_VERSION="${SWAGGER_VERSION:-5.35.0}"
sw_dest="$repo_root/server/static/vendor/swagger-ui"
(
  cd "$tmp"
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    "swagger-ui-dist@$SWAGGER_VERSION" >/dev/null
)
sw_src="$tmp/node_modules/swagger-ui-dist"
rm -rf "$sw_dest"
mkdir -p "$sw_dest"
for f in swagger-ui-bundle.js swagger-ui.css LICENSE; do
  [[ -f "$sw_src/$f" ]] || { echo "error: swagger-ui-dist has no $f" >&2; exit 1; }
  cp "$sw_src/$f" "$sw_dest/$f"
done
node -p "require('$sw_src/package.json').version" > "$sw_dest/VERSION"
(cd "$sw_dest" && sha256sum swagger-ui-bundle.js swagger-ui.css LICENSE VERSION > SHA256SUMS)
echo "Vendored swagger-ui-dist $(cat "$sw_dest/VERSION") into ${sw_dest#"$repo_root"/}"
