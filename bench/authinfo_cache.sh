#!/usr/bin/env bash
# authinfo= before and after its cache (docs/performance.md): two gunicorn servers of this
# tree on helpdesk_bench_<N>, one with AUTHINFO_CACHE_SECONDS=0 (hashing every call, the
# "peer" column of bench/peer/side_by_side.py), one with 300 ("ours"), measured interleaved.
#
#   bench/authinfo_cache.sh 100000        # writes bench/results/N/authinfo_cache_c<C>.json
set -euo pipefail

N="${1:?usage: bench/authinfo_cache.sh N}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PGBASE="${PGBASE:-postgres://postgres@127.0.0.1:5432}"
BEFORE_PORT="${BEFORE_PORT:-8331}"
AFTER_PORT="${AFTER_PORT:-8332}"
OUT="$ROOT/bench/results/$N"
STATIC_TMP="$(mktemp -d /tmp/helpdesk-bench-static.XXXXXX)"
URLS="$STATIC_TMP/urls.txt"
ENV=(DJANGO_SETTINGS_MODULE=bench.settings BENCH_STATIC_ROOT="$STATIC_TMP" DEBUG=0 SECRET_KEY=bench
  ALLOWED_HOSTS=127.0.0.1 SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 AXES_ENABLED=0 GUNICORN_ACCESS_LOG=
  DATABASE_URL="$PGBASE/helpdesk_bench_$N" LOG_LEVEL=WARNING)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$STATIC_TMP"
}
trap cleanup EXIT INT TERM

mkdir -p "$OUT"
env "${ENV[@]}" .venv/bin/python manage.py collectstatic --no-input -v 0
for side in peer ours; do
  echo "whoami_authinfo $side - /billmgr?func=whoami&out=json&authinfo=staff:demo"
done > "$URLS"
env "${ENV[@]}" AUTHINFO_CACHE_SECONDS=0 .venv/bin/gunicorn helpdesk.wsgi -w 2 \
  --bind "127.0.0.1:$BEFORE_PORT" --timeout 300 --log-level warning &
PIDS+=($!)
env "${ENV[@]}" AUTHINFO_CACHE_SECONDS=300 .venv/bin/gunicorn helpdesk.wsgi -w 2 \
  --bind "127.0.0.1:$AFTER_PORT" --timeout 300 --log-level warning &
PIDS+=($!)
for port in "$BEFORE_PORT" "$AFTER_PORT"; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/accounts/login/" && break; sleep 0.2; done
done
for c in 1 8; do
  python3 bench/peer/side_by_side.py --peer-url "http://127.0.0.1:$BEFORE_PORT" \
    --ours-url "http://127.0.0.1:$AFTER_PORT" --urls-file "$URLS" -n 100 -w 5 -c "$c" \
    --max-seconds 90 --json "$OUT/authinfo_cache_c$c.json"
done
