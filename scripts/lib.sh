# Shared helpers for start.sh and test-all.sh (sourced, not run).
say() { printf '\033[1m[modelyard]\033[0m %s\n' "$*"; }

require_node() {
  command -v node >/dev/null || { echo "Node.js 20.19+ is required (https://nodejs.org or your package manager)." >&2; exit 2; }
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || { echo "Node.js $(node -v) is too old: Modelyard needs 20.19 or newer." >&2; exit 2; }
}

# npm ci only when package-lock.json changed since the last install.
ensure_node_modules() {
  local stamp=node_modules/.modelyard-lock.sha
  local want; want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm dependencies"
    # --include=dev: migrations (prisma-migrate), tsx and the test tools are needed even when NODE_ENV=production.
    npm ci --no-audit --no-fund --include=dev
    echo "$want" > "$stamp"
  fi
}

# next build only when sources changed since the last build.
ensure_next_build() {
  local want; want=$(find app components lib next.config.ts postcss.config.mjs package-lock.json -type f \
    -not -path 'lib/db/generated/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
  if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/.modelyard-src.sha 2>/dev/null)" != "$want" ]; then
    say "building the dashboard (next build)"
    npx --no-install next build
    echo "$want" > .next/.modelyard-src.sha
  fi
}
