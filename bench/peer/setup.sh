#!/usr/bin/env bash
# django-helpdesk beside us: its virtual environment (bench/peer/.venv, pinned by
# requirements.txt), database peer_bench_<N> migrated and seeded with the shape of our
# helpdesk_bench_<N> (export_shape.py), then VACUUM ANALYZE.
#
#   bench/peer/setup.sh N          # our helpdesk_bench_N must exist (bench/run.sh N setup)
#   bench/peer/setup.sh N drop     # drop peer_bench_N
set -euo pipefail

N="${1:?usage: bench/peer/setup.sh N [drop]}"
PEER="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$PEER/../.." && pwd)"
PGBASE="${PGBASE:-postgres://postgres@127.0.0.1:5432}"
export PEER_DB_NAME="peer_bench_${N}"
PEER_PY="$PEER/.venv/bin/python"
log() { echo "[$(date +%H:%M:%S)] peer: $*"; }
psql_admin() { psql "$PGBASE/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"; }
psql_peer() { psql "$PGBASE/$PEER_DB_NAME" -v ON_ERROR_STOP=1 -qAtc "$1"; }

if [ "${2:-}" = drop ]; then
  log "drop database $PEER_DB_NAME"
  psql_admin "DROP DATABASE IF EXISTS $PEER_DB_NAME"
  exit 0
fi

if ! cmp -s "$PEER/requirements.txt" "$PEER/.venv/requirements.installed" 2>/dev/null; then
  log "virtual environment (requirements.txt)"
  [ -x "$PEER_PY" ] || python3 -m venv "$PEER/.venv"
  "$PEER_PY" -m pip install --quiet --disable-pip-version-check -r "$PEER/requirements.txt"
  cp "$PEER/requirements.txt" "$PEER/.venv/requirements.installed"
fi

if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$PEER_DB_NAME'")" ]; then
  log "create database $PEER_DB_NAME"
  psql_admin "CREATE DATABASE $PEER_DB_NAME"
fi
log "migrate"
(cd "$PEER" && "$PEER_PY" manage.py migrate --no-input -v 0)
have="$(psql_peer "SELECT count(*) FROM helpdesk_ticket")"
if [ "$have" -lt "$N" ]; then
  shape="$PEER/.venv/shape_${N}.json"
  log "the shape of helpdesk_bench_${N}"
  DATABASE_URL="$PGBASE/helpdesk_bench_${N}" DJANGO_SETTINGS_MODULE=bench.settings \
    "$ROOT/.venv/bin/python" "$PEER/export_shape.py" > "$shape"
  # As many tickets as ours: the demo's hand-made ones plus the N bulk ones.
  total="$("$PEER_PY" -c "import json, sys; print(json.load(open(sys.argv[1]))['tickets'])" "$shape")"
  log "seed $total tickets (have $have)"
  start=$SECONDS
  (cd "$PEER" && "$PEER_PY" manage.py seed_peer --shape "$shape" --tickets "$total")
  log "seeded in $((SECONDS - start)) s"
else
  log "already seeded: $have tickets"
fi
log "VACUUM ANALYZE"
psql_peer "VACUUM ANALYZE"
psql_peer "SELECT 'peer tickets ' || (SELECT count(*) FROM helpdesk_ticket) || ', follow-ups ' ||
           (SELECT count(*) FROM helpdesk_followup) || ', database ' ||
           pg_size_pretty(pg_database_size(current_database()))"
