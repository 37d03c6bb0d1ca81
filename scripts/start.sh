#!/usr/bin/env bash
# `npm start`: everything needed to run Modelyard on this machine, then the dashboard and a
# local worker. Uses DATABASE_URL / REDIS_URL (default: localhost) and PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/modelyard}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export PORT="${PORT:-3000}"
# Loopback unless told otherwise: a dashboard on a shared GPU box should not face the LAN by accident.
export HOST="${HOST:-127.0.0.1}"
export MODELYARD_STATE_DIR="${MODELYARD_STATE_DIR:-$PWD/.modelyard}"

ensure_node_modules
node scripts/check-services.mjs
bash scripts/db.sh generate
bash scripts/db.sh deploy
if [ "${MODELYARD_SKIP_TOOLCHAIN:-0}" != 1 ]; then
  say "setting up llama.cpp and LLaMA-Factory (cached after the first run; MODELYARD_SKIP_TOOLCHAIN=1 skips)"
  bash scripts/toolchain/setup.sh
fi
npx --no-install tsx scripts/bootstrap.ts
ensure_next_build

export MODELYARD_WORKER_TOKEN="${MODELYARD_WORKER_TOKEN:-$(cat "$MODELYARD_STATE_DIR/local-worker.token")}"
export MODELYARD_HOST_NAME="${MODELYARD_HOST_NAME:-$(hostname)}"
default_roots="$HOME/modelyard-data"
mkdir -p "$default_roots"
toolchain_dir="${MODELYARD_TOOLCHAIN_DIR:-$HOME/.cache/modelyard/toolchain}"
[ -d "$toolchain_dir/fixtures" ] && default_roots="$default_roots:$toolchain_dir/fixtures"
export MODELYARD_STORAGE_ROOTS="${MODELYARD_STORAGE_ROOTS:-$default_roots}"

pids=()
cleanup() { trap - EXIT INT TERM; kill -TERM "${pids[@]}" 2>/dev/null || true; wait || true; }
trap cleanup EXIT INT TERM

node_modules/.bin/next start -p "$PORT" -H "$HOST" & pids+=($!)
node_modules/.bin/tsx workers/main.ts & pids+=($!)
say "dashboard: http://$HOST:$PORT  (HOST=0.0.0.0 to listen on every interface; worker storage roots: $MODELYARD_STORAGE_ROOTS)"
wait -n "${pids[@]}"
