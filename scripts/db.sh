#!/usr/bin/env bash
# Database schema tasks. prisma/schema.prisma is the only schema; migrations are applied by
# Prisma's own migration engine (see prisma/migrate.config.ts for why it is Prisma 6.19's).
#   db.sh generate   Prisma 7 client into lib/db/generated
#   db.sh deploy     apply committed migrations to $DATABASE_URL (creating the database if needed)
#   db.sh diff NAME  write a new migration from the schema vs the migrations folder
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:=postgresql://postgres@127.0.0.1:5432/modelyard}"
export DATABASE_URL
# Both CLIs try to download native engines at start unless pointed at a file; with the
# WebAssembly engines they never run them.
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}"
export PRISMA_QUERY_ENGINE_LIBRARY="${PRISMA_QUERY_ENGINE_LIBRARY:-/bin/true}"
export PRISMA_HIDE_UPDATE_MESSAGE=1

derive_schema() {
  local dir=node_modules/.cache/modelyard-migrate
  mkdir -p "$dir"
  sed 's|^\(\s*provider\s*=\s*"postgresql"\)$|\1\n  url = env("DATABASE_URL")|' prisma/schema.prisma > "$dir/schema.prisma"
  export MODELYARD_DERIVED_SCHEMA="$PWD/$dir/schema.prisma"
}
migrate_cli() { node node_modules/prisma-migrate/build/index.js "$@" --config prisma/migrate.config.ts; }

case "${1:-}" in
  generate)
    npx --no-install prisma generate >/dev/null
    echo "prisma client generated" ;;
  deploy)
    derive_schema
    node scripts/ensure-database.mjs
    migrate_cli migrate deploy ;;
  diff)
    name="${2:?usage: db.sh diff NAME}"
    derive_schema
    n=$(printf '%04d' $(( $(ls prisma/migrations | grep -c '^[0-9]') + 1 )))
    out="prisma/migrations/${n}_${name}"
    mkdir -p "$out"
    migrate_cli migrate diff --from-migrations prisma/migrations --to-schema-datamodel "$MODELYARD_DERIVED_SCHEMA" --script --shadow-database-url "${SHADOW_DATABASE_URL:-${DATABASE_URL%/*}/modelyard_shadow}" > "$out/migration.sql"
    echo "wrote $out/migration.sql" ;;
  *) echo "usage: db.sh generate|deploy|diff NAME" >&2; exit 2 ;;
esac
