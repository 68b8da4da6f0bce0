#!/usr/bin/env bash
# Benchmark the helpdesk at N tickets on PostgreSQL, the way docs/performance.md describes.
#
#   bench/run.sh 100000                 # setup (if needed) + bench
#   bench/run.sh 1000000 setup          # only create, migrate, seed, VACUUM ANALYZE
#   bench/run.sh 1000000 bench          # only measure (the database must exist)
#   bench/run.sh 1000000 drop           # drop the bench database
#   bench/run.sh 100000 peer            # django-helpdesk beside us, interleaved (bench/peer/):
#                                       # bench/results/N/peer_side_by_side.md
#
# Knobs (environment): REQUESTS (150), WARMUP (5), CONCURRENCY ("1 8"), MAX_SECONDS (60),
# PORT (8311), WORKERS (2), ONLY (regex of labels), PGBASE (postgres://postgres@127.0.0.1:5432);
# for `peer`: PEER_PORT (8312), PEER_REQUESTS (100), PEER_CONCURRENCY (1), PEER_MAX_SECONDS
# (120), PEER_WORD (memory: the search word, the same on both sides).
# Everything runs on 127.0.0.1 and stops by itself; gunicorn is stopped on exit.
set -euo pipefail

N="${1:?usage: bench/run.sh N [setup|bench|drop]...}"
shift || true
PHASES=("$@")
[ ${#PHASES[@]} -eq 0 ] && PHASES=(setup bench)

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
PGBASE="${PGBASE:-postgres://postgres@127.0.0.1:5432}"
DB="helpdesk_bench_${N}"
export DATABASE_URL="$PGBASE/$DB"
REQUESTS="${REQUESTS:-150}"
WARMUP="${WARMUP:-5}"
CONCURRENCY="${CONCURRENCY:-1 8}"
MAX_SECONDS="${MAX_SECONDS:-60}"
PORT="${PORT:-8311}"
WORKERS="${WORKERS:-2}"
ONLY="${ONLY:-}"
PEER_PORT="${PEER_PORT:-8312}"
PEER_REQUESTS="${PEER_REQUESTS:-100}"
PEER_CONCURRENCY="${PEER_CONCURRENCY:-1}"
PEER_MAX_SECONDS="${PEER_MAX_SECONDS:-120}"
PEER_WORD="${PEER_WORD:-memory}"
OUT="$ROOT/bench/results/$N"
BASE="http://127.0.0.1:$PORT"

psql_admin() { psql "$PGBASE/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"; }
psql_db() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAtc "$1"; }
log() { echo "[$(date +%H:%M:%S)] $*"; }

setup() {
  if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    log "create database $DB"
    psql_admin "CREATE DATABASE $DB"
  fi
  log "migrate"
  DEBUG=1 "$PY" manage.py migrate --no-input -v 0
  local have
  have="$(psql_db "SELECT count(*) FROM tickets_ticket")"
  if [ "$have" -lt "$N" ]; then
    log "seed: the demo + $N bulk tickets (have $have)"
    local start=$SECONDS
    DEBUG=1 "$PY" manage.py seed_demo --tickets "$((N - have))" | awk '!/^tickets: / || ($2 + 0) % 100000 == 0'
    log "seeded in $((SECONDS - start)) s"
  else
    log "already seeded: $have tickets"
  fi
  log "VACUUM ANALYZE"
  psql_db "VACUUM ANALYZE"
  psql_db "SELECT 'tickets ' || (SELECT count(*) FROM tickets_ticket) || ', messages ' ||
           (SELECT count(*) FROM ticket_messages_message) || ', database ' ||
           pg_size_pretty(pg_database_size(current_database()))"
}

GUNICORN_PID=""
PEER_PID=""
STATIC_TMP=""
stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  fi
}
stop_server() {
  stop_pid "$GUNICORN_PID"
  stop_pid "$PEER_PID"
  GUNICORN_PID=""
  PEER_PID=""
  if [ -n "$STATIC_TMP" ]; then rm -rf "$STATIC_TMP"; STATIC_TMP=""; fi
}
trap stop_server EXIT INT TERM

# The server's environment: production settings (DEBUG off, hashed static files), plain
# HTTP cookies on loopback, no login throttling (the harness logs in many times).
server_vars() {
  SERVER_ENV=(DJANGO_SETTINGS_MODULE=bench.settings BENCH_STATIC_ROOT="$STATIC_TMP" DEBUG=0
    SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1 SECURE_COOKIES=0 SECURE_SSL_REDIRECT=0 AXES_ENABLED=0 GUNICORN_ACCESS_LOG=
    DATABASE_URL="$DATABASE_URL" LOG_LEVEL=WARNING)
}
server_env() { server_vars; env "${SERVER_ENV[@]}" "$@"; }

bench() {
  mkdir -p "$OUT"
  STATIC_TMP="$(mktemp -d /tmp/helpdesk-bench-static.XXXXXX)"
  log "collectstatic into $STATIC_TMP"
  server_env "$PY" manage.py collectstatic --no-input -v 0
  log "URL list"
  server_env "$PY" bench/make_urls.py > "$OUT/urls.txt"
  cat "$OUT/urls.txt"
  log "query counts"
  server_env "$PY" bench/count_queries.py --urls-file "$OUT/urls.txt" \
    --json "$OUT/queries.json" ${ONLY:+--only "$ONLY"} | tee "$OUT/queries.txt"
  log "gunicorn on $BASE ($WORKERS sync workers)"
  server_vars
  # Started directly (not through a function) so that $! is gunicorn's own pid.
  env "${SERVER_ENV[@]}" "$ROOT/.venv/bin/gunicorn" helpdesk.wsgi -w "$WORKERS" --bind "127.0.0.1:$PORT" \
    --timeout 300 --log-level warning &
  GUNICORN_PID=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "$BASE/accounts/login/" && break
    sleep 0.2
  done
  for c in $CONCURRENCY; do
    log "measure C=$c"
    python3 bench/http_bench.py --base-url "$BASE" --urls-file "$OUT/urls.txt" \
      -n "$REQUESTS" -w "$WARMUP" -c "$c" --max-seconds "$MAX_SECONDS" \
      ${ONLY:+--only "$ONLY"} --json "$OUT/http_c$c.json" --markdown | tee "$OUT/http_c$c.md"
  done
  worker_peak_rss | tee "$OUT/rss.txt"
  stop_server
  python3 bench/report.py "$OUT" > "$OUT/report.md"
  log "report: $OUT/report.md"
}

# The peak resident memory (VmHWM) of each gunicorn worker, after the measurements.
worker_peak_rss() {
  local worker
  for worker in $(pgrep -P "$GUNICORN_PID"); do
    echo "gunicorn worker $worker peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$worker/status")"
  done
}

# Waits until the server on $1 answers $2; refuses a port someone else already serves on.
wait_for() {
  for _ in $(seq 150); do
    curl -s -o /dev/null "$1$2" && return 0
    sleep 0.2
  done
  echo "nothing answers on $1" >&2
  exit 1
}
port_free() {
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
    echo "port $1 is already served (another benchmark?): set PORT / PEER_PORT" >&2
    exit 1
  fi
}

# django-helpdesk beside us (bench/peer/): the same number of tickets and follow-ups,
# served the same way, the pages measured interleaved (peer request, ours, peer, ours…).
peer() {
  [ -n "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ] || setup
  bench/peer/setup.sh "$N"
  mkdir -p "$OUT"
  port_free "$PORT"
  port_free "$PEER_PORT"
  STATIC_TMP="$(mktemp -d /tmp/helpdesk-bench-static.XXXXXX)"
  server_env "$PY" manage.py collectstatic --no-input -v 0
  local urls="$OUT/peer_urls.txt"
  server_env "$PY" bench/peer/our_urls.py "$PEER_WORD" > "$urls"
  PEER_DB_NAME="peer_bench_$N" bench/peer/.venv/bin/python bench/peer/make_urls.py "$PEER_WORD" >> "$urls"
  cat "$urls"
  log "gunicorn: ours on $BASE, django-helpdesk on 127.0.0.1:$PEER_PORT ($WORKERS sync workers each)"
  server_vars
  env "${SERVER_ENV[@]}" "$ROOT/.venv/bin/gunicorn" helpdesk.wsgi -w "$WORKERS" --bind "127.0.0.1:$PORT" \
    --timeout 300 --log-level warning &
  GUNICORN_PID=$!
  # From its own directory: gunicorn reads ./gunicorn.conf.py, ours here.
  (cd "$ROOT/bench/peer" && PEER_DB_NAME="peer_bench_$N" exec .venv/bin/gunicorn peersite.wsgi \
    -w "$WORKERS" --bind "127.0.0.1:$PEER_PORT" --timeout 300 --log-level warning) &
  PEER_PID=$!
  wait_for "$BASE" /accounts/login/
  wait_for "http://127.0.0.1:$PEER_PORT" /login/
  local load_start
  load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
  for c in $PEER_CONCURRENCY; do
    log "side by side, C=$c"
    python3 bench/peer/side_by_side.py --peer-url "http://127.0.0.1:$PEER_PORT" \
      --ours-url "$BASE" --urls-file "$urls" -n "$PEER_REQUESTS" -w "$WARMUP" -c "$c" \
      --max-seconds "$PEER_MAX_SECONDS" --json "$OUT/peer_side_by_side_c$c.json"
  done
  stop_server
  python3 bench/peer/report.py --n "$N" --urls "$urls" --load-start "$load_start" \
    --load-end "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT"/peer_side_by_side_c*.json > "$OUT/peer_side_by_side.md"
  cat "$OUT/peer_side_by_side.md"
  log "report: $OUT/peer_side_by_side.md"
}

drop() {
  log "drop database $DB"
  psql_admin "DROP DATABASE IF EXISTS $DB"
}

for phase in "${PHASES[@]}"; do
  case "$phase" in
    setup) setup ;;
    bench) bench ;;
    drop) drop ;;
    peer) peer ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
  esac
done
