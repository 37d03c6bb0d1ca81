#!/usr/bin/env bash
# Database schema tasks. prisma/schema.prisma is the only schema; migrations are applied by
# Prisma's own migration engine (see prisma/migrate.config.ts for why it is Prisma 6.19's).
#   db.sh generate   Prisma 7 client into lib/db/generated
#   db.sh deploy     apply committed migrations to $DATABASE_URL (creating the database if needed)
#   db.sh diff NAME  write a new migration: the committed schema (DB_DIFF_BASE, default HEAD) → the working one
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:=postgresql://postgres@127.0.0.1:5432/modelyard}"
export DATABASE_URL
# Both CLIs try to download native engines at start unless pointed at a file; with the
# WebAssembly engines they never run them.
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}"
export PRISMA_QUERY_ENGINE_LIBRARY="${PRISMA_QUERY_ENGINE_LIBRARY:-/bin/true}"
export PRISMA_HIDE_UPDATE_MESSAGE=1

DERIVED_DIR=node_modules/.cache/modelyard-migrate
# Prisma 6 needs the datasource url line that Prisma 7 forbids: add it to a copy.
with_url() { sed 's|^\(\s*provider\s*=\s*"postgresql"\)$|\1\n  url = env("DATABASE_URL")|'; }
derive_schema() {
  mkdir -p "$DERIVED_DIR"
  with_url < prisma/schema.prisma > "$DERIVED_DIR/schema.prisma"
  export MODELYARD_DERIVED_SCHEMA="$PWD/$DERIVED_DIR/schema.prisma"
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
    # The WebAssembly engine refuses a shadow database (so --from-migrations cannot replay the
    # folder); the committed schema is what the committed migrations produce, so diff from it.
    base="$DERIVED_DIR/base.prisma"
    if [ "$n" = 0001 ]; then from=(--from-empty); else git show "${DB_DIFF_BASE:-HEAD}:prisma/schema.prisma" | with_url > "$base"; from=(--from-schema-datamodel "$base"); fi
    migrate_cli migrate diff "${from[@]}" --to-schema-datamodel "$MODELYARD_DERIVED_SCHEMA" --script > "$out/migration.sql"
    echo "wrote $out/migration.sql" ;;
  *) echo "usage: db.sh generate|deploy|diff NAME" >&2; exit 2 ;;
esac
