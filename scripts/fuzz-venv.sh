#!/usr/bin/env bash
# A Python venv with schemathesis for the API fuzz test (tests/integration/api-fuzz.test.ts).
#
#   bash scripts/fuzz-venv.sh          # build it when missing, then print its path
#
# It lives outside the repo, keyed by the pinned version, in
# ${MODELYARD_FUZZ_VENV_DIR:-~/.cache/modelyard}/schemathesis-<version>. It is built in a temp dir
# beside that path and renamed into place only after a smoke check passes, so an interrupted run
# never leaves a half-built venv that a later run would trust.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
BASE="${MODELYARD_FUZZ_VENV_DIR:-$HOME/.cache/modelyard}"
FINAL="$BASE/schemathesis-$SCHEMATHESIS_VERSION"
PY="${MODELYARD_FUZZ_PYTHON:-$(command -v python3.11 || command -v python3 || true)}"

say() { printf '[fuzz-venv] %s\n' "$*" >&2; }

# The stamp is written last; a venv without it (or whose CLI no longer answers) is rebuilt.
check() { [[ -f "$1/.stamp" ]] && [[ "$(cat "$1/.stamp")" == "schemathesis==$SCHEMATHESIS_VERSION" ]] && "$1/bin/schemathesis" --version >/dev/null 2>&1; }

if check "$FINAL"; then
  echo "$FINAL"
  exit 0
fi
[[ -n "$PY" ]] || { say "needs Python 3.10+ with venv: apt-get install -y python3 python3-venv"; exit 1; }

mkdir -p "$BASE"
tmp="$(mktemp -d "$BASE/.schemathesis-$SCHEMATHESIS_VERSION.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
say "installing schemathesis $SCHEMATHESIS_VERSION into $FINAL (about a minute)"
"$PY" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
"$tmp/venv/bin/python" -c 'import schemathesis.cli' || { say "schemathesis does not import after install"; exit 1; }
# Console scripts and activate files carry the temp path: point them at the final one.
grep -rlI -- "$tmp/venv" "$tmp/venv/bin" | while read -r f; do sed -i "s|$tmp/venv|$FINAL|g" "$f"; done
echo "schemathesis==$SCHEMATHESIS_VERSION" >"$tmp/venv/.stamp"
if [[ -e "$FINAL" ]]; then
  rm -rf "$FINAL.old"
  mv -T "$FINAL" "$FINAL.old"
fi
mv -T "$tmp/venv" "$FINAL"
rm -rf "$FINAL.old"
check "$FINAL" || { say "schemathesis did not start from $FINAL"; exit 1; }
echo "$FINAL"
