#!/usr/bin/env bash
# Container entry: `web` migrates, bootstraps and serves; `worker` sets up tools and runs a worker.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-web}" in
  web)
    bash scripts/db.sh deploy
    npx --no-install tsx scripts/bootstrap.ts
    # Inside the container every interface is the container's own; compose publishes the port on loopback.
    exec node_modules/.bin/next start -p "${PORT:-3000}" -H "${HOST:-0.0.0.0}" ;;
  worker)
    [ "${MODELYARD_SKIP_TOOLCHAIN:-0}" = 1 ] || bash scripts/toolchain/setup.sh
    if [ -z "${MODELYARD_WORKER_TOKEN:-}" ] && [ -f "${MODELYARD_STATE_DIR:-/state}/local-worker.token" ]; then
      MODELYARD_WORKER_TOKEN=$(cat "${MODELYARD_STATE_DIR:-/state}/local-worker.token"); export MODELYARD_WORKER_TOKEN
    fi
    exec node --import tsx workers/main.ts ;;
  *) echo "usage: docker-entry.sh web|worker" >&2; exit 2 ;;
esac
