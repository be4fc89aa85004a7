#!/usr/bin/env bash
# Electronegativity over the sources and the built app (out/, so run after `npm run build`).
# Fails on any finding of medium severity or above. A justified exception is written as an
# `eng-disable CHECK_ID: why ... @preserve` comment on the line it excuses (@preserve keeps it in
# the bundle, so the scan of out/ sees it too). Offline it only warns that it cannot fetch
# Electron's release list and its translations; nothing else needs the network.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f out/main/index.js ]; then
  echo "out/ is missing: run npm run build first" >&2
  exit 2
fi
# Read from package.json: requiring the electron package itself would download its binary.
electron_version=$(node -p "require('./node_modules/electron/package.json').version")
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

failed=0
for input in electron out; do
  npx electronegativity --input "$input" --relative --verbose false --electron-version "$electron_version" \
    --output "$reports/$input.csv" >"$reports/$input.log" 2>&1 || { cat "$reports/$input.log"; exit 1; }
  grep -v 'Could not retrieve updated translations' "$reports/$input.log" | grep -iE 'error|connectivity' || true
  # Columns: issue, severity, confidence, filename, location, ...
  serious=$(tail -n +2 "$reports/$input.csv" | awk -F, '$2 ~ /MEDIUM|HIGH|CRITICAL/' || true)
  total=$(tail -n +2 "$reports/$input.csv" | grep -c . || true)
  if [ -n "$serious" ]; then
    echo "electronegativity: findings of medium severity or above in $input/:"
    echo "$serious"
    failed=1
  else
    echo "electronegativity: $input/ clean at medium and above ($total low/informational)"
  fi
done
exit "$failed"
