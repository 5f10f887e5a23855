#!/usr/bin/env bash
# Browser test of the demo digest, for .ci/run: installs the npm dependencies from the lock file
# (playwright-core only; it drives Debian's /usr/bin/chromium and downloads no browser), builds
# dossier, then runs search.mjs, which serves the demo with `dossier serve` on a free port.
# Screenshots land in target/screenshots/. Pass a URL to test a site that is already served.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "browser test: installing Debian's chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$repo" && cargo build --quiet --bin dossier)
target="${CARGO_TARGET_DIR:-$repo/target}"
export DOSSIER_BIN="${DOSSIER_BIN:-$target/debug/dossier}"
node "$here/search.mjs" "$@"
