#!/usr/bin/env bash
# bench/preview_contention.py against gunicorn (2 sync workers) on loopback, PostgreSQL.
#   bench/preview_contention.sh          DATABASE_URL defaults to .../helpdesk_preview
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
PGBASE="${PGBASE:-postgres://postgres@127.0.0.1:5432}"
export DATABASE_URL="${DATABASE_URL:-$PGBASE/helpdesk_preview}"
PORT="${PORT:-8312}"
DB="${DATABASE_URL##*/}"

if [ -z "$(psql "$PGBASE/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql "$PGBASE/postgres" -qc "CREATE DATABASE $DB"
fi
DEBUG=1 "$PY" manage.py migrate --no-input -v 0
[ "$(psql "$DATABASE_URL" -qAtc "SELECT count(*) FROM accounts_user")" -gt 0 ] ||
  DEBUG=1 "$PY" manage.py seed_demo >/dev/null

STATIC_TMP="$(mktemp -d /tmp/helpdesk-preview-static.XXXXXX)"
GUNICORN_PID=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  rm -rf "$STATIC_TMP"
}
trap cleanup EXIT INT TERM
SERVER_ENV=(DJANGO_SETTINGS_MODULE=bench.settings BENCH_STATIC_ROOT="$STATIC_TMP" DEBUG=0
  SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1 SECURE_COOKIES=0 AXES_ENABLED=0 LOG_LEVEL=WARNING)
env "${SERVER_ENV[@]}" "$PY" manage.py collectstatic --no-input -v 0
env "${SERVER_ENV[@]}" "$ROOT/.venv/bin/gunicorn" helpdesk.wsgi -w 2 --bind "127.0.0.1:$PORT" \
  --timeout 300 --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break; sleep 0.2; done
"$PY" -m bench.preview_contention --base-url "http://127.0.0.1:$PORT" "$@"
