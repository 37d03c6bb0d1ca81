#!/usr/bin/env bash
# `npm test`: sets up everything the tests need (npm packages, Chromium, the llama.cpp /
# LLaMA-Factory toolchain, a fresh test database), then runs unit, integration and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
export DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/modelyard_test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# Its own key prefix (TEST_QUEUE_PREFIX to run two suites side by side); cleared below.
export QUEUE_PREFIX="${TEST_QUEUE_PREFIX:-modelyard-test}"
export NODE_ENV=production

ensure_node_modules
node scripts/check-services.mjs
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium for browser tests"
    (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; })
  else
    echo "Browser tests need Chromium at /usr/bin/chromium: sudo apt-get install -y chromium" >&2; exit 2
  fi
fi
bash scripts/toolchain/setup.sh
# schemathesis for the API fuzz test (tests/integration/api-fuzz.test.ts), cached by version.
bash scripts/fuzz-venv.sh >/dev/null

say "fresh test database"
node -e '
const pg=require("pg");const u=new URL(process.env.DATABASE_URL);const name=u.pathname.slice(1);u.pathname="/postgres";
const c=new pg.Client({connectionString:u.toString()});
c.connect().then(()=>c.query(`drop database if exists "${name}" with (force)`)).then(()=>c.end());'
bash scripts/db.sh generate
bash scripts/db.sh deploy >/dev/null
redis-cli -u "$REDIS_URL" --scan --pattern "$QUEUE_PREFIX:*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null || true
ensure_next_build

status=0
summary=$(mktemp)
say "unit and integration tests (vitest)"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$summary.vitest.json" || status=1
say "browser tests (Playwright, Chromium)"
npx --no-install playwright test || status=1
node scripts/test-summary.mjs "$summary.vitest.json" test-results/playwright.json || status=1
exit $status
