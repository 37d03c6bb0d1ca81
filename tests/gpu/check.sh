#!/usr/bin/env bash
# GPU host check for the Modelyard toolchain (NOT run by CI: CI machines have no GPU).
#
# On a host with an NVIDIA GPU it:
#   1. runs scripts/toolchain/setup.sh (llama.cpp built with CUDA when nvcc + cmake exist; the venv
#      gets torch==2.13.0 from PyPI, i.e. a CUDA build), or uses MODELYARD_LLAMA_CPP_BIN_DIR /
#      MODELYARD_PYTHON if you point them at tools that are already installed;
#   2. checks torch sees the GPU;
#   3. LoRA SFT of the SmolLM2 HF fixture on the GPU (same YAML shape as the integration tests);
#   4. the same run under DeepSpeed ZeRO-2 (FORCE_TORCHRUN=1, writes its own ds_z2 config);
#   4b. quality: LoRA on the identity data, merged with llamafactory-cli export, answers "who are
#      you" with the taught name (QUALITY_STEPS, default 150);
#   5. llama-server with all layers offloaded (-ngl 99) answers a chat completion.
# Each step prints its wall time; the script exits non-zero on the first failure.
#
#   bash tests/gpu/check.sh              # on the GPU host
#   bash tests/gpu/check.sh --cpu-smoke  # anywhere: only step 3 on CPU for 2 steps (checks the script)
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
CPU_SMOKE=0
[[ "${1:-}" == "--cpu-smoke" ]] && CPU_SMOKE=1
STEPS="${GPU_CHECK_STEPS:-20}"
((CPU_SMOKE)) && STEPS=2

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '[gpu-check] %s\n' "$*"; }
die() {
  printf '[gpu-check] FAIL: %s\n' "$*" >&2
  exit 1
}
declare -a SUMMARY=()
timed() { # timed "label" cmd... : run, print and record the wall time
  local label="$1" t0
  shift
  t0="$(now)"
  say "$label ..."
  "$@" || die "$label (exit $?)"
  SUMMARY+=("$(printf '%-34s %8s s' "$label" "$(since "$t0")")")
  say "$label: $(since "$t0") s"
}

# --- 1. GPU + toolchain -------------------------------------------------------------------------
if ((!CPU_SMOKE)); then
  command -v nvidia-smi >/dev/null 2>&1 || die "nvidia-smi not found: this script needs an NVIDIA GPU host (or use --cpu-smoke)"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  if [[ -z "${MODELYARD_LLAMA_CPP_BIN_DIR:-}" && -z "${MODELYARD_LLAMA_CPP_CUDA:-}" ]]; then
    if command -v nvcc >/dev/null 2>&1 && command -v cmake >/dev/null 2>&1; then
      export MODELYARD_LLAMA_CPP_CUDA=1
      say "nvcc $(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p') found: llama.cpp will be built with -DGGML_CUDA=ON"
    else
      say "no nvcc/cmake: llama.cpp is built for CPU (set MODELYARD_LLAMA_CPP_BIN_DIR to use existing CUDA binaries)"
    fi
  fi
fi
# setup.sh needs the npm registry and PyPI the first time; on an offline GPU host, run it elsewhere
# into a shared MODELYARD_TOOLCHAIN_DIR, or point MODELYARD_LLAMA_CPP_BIN_DIR / MODELYARD_PYTHON at
# installed tools (see scripts/toolchain/README.md).
timed "toolchain setup" bash "$ROOT/scripts/toolchain/setup.sh"

TC_DIR="${MODELYARD_TOOLCHAIN_DIR:-$HOME/.cache/modelyard/toolchain}"
declare -A TC=()
while IFS='=' read -r k v; do
  [[ "$k" =~ ^[A-Z0-9_]+$ ]] && TC[$k]="$v"
done <"$TC_DIR/current.env"
PY="${TC[TOOLCHAIN_PYTHON]}"
LF="${TC[LLAMAFACTORY_CLI]}"

# Space-free work dir: torchrun re-splits LLaMA-Factory's arguments on whitespace.
WORK="$(mktemp -d /tmp/modelyard-gpu-check.XXXXXX)"
trap '[[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"' EXIT
say "work dir: $WORK (KEEP=1 keeps it)"
export DISABLE_VERSION_CHECK=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_HOME="$WORK/hf-home"

if ((CPU_SMOKE)); then
  export CUDA_VISIBLE_DEVICES=""
  PRECISION="bf16: false
fp16: false
use_cpu: true"
else
  "$PY" - <<'EOF' || die "torch in $PY does not see a GPU (a CPU wheel?). Install a CUDA torch there or set MODELYARD_PYTHON."
import torch
assert torch.cuda.is_available(), "torch.cuda.is_available() is False"
print(f"[gpu-check] torch {torch.__version__}, CUDA {torch.version.cuda}, {torch.cuda.get_device_name(0)}, bf16={torch.cuda.is_bf16_supported()}")
EOF
  if "$PY" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_bf16_supported() else 1)'; then
    PRECISION="bf16: true"
  else
    PRECISION="fp16: true"
  fi
fi

train_yaml() { # train_yaml OUTPUT_DIR [extra yaml lines]
  cat <<EOF
model_name_or_path: ${TC[FIXTURE_HF_DIR]}
stage: sft
do_train: true
finetuning_type: lora
lora_rank: 8
lora_target: all
dataset: modelyard_identity
dataset_dir: ${TC[FIXTURE_DATASET_DIR]}
template: smollm2
cutoff_len: 256
overwrite_cache: true
output_dir: $1
overwrite_output_dir: true
logging_steps: 1
save_strategy: "no"
report_to: none
per_device_train_batch_size: 4
gradient_accumulation_steps: 1
learning_rate: 1.0e-4
max_steps: $STEPS
lr_scheduler_type: constant
dataloader_num_workers: 0
ddp_timeout: 180000000
$PRECISION
${2:-}
EOF
}

check_run() { # check_run OUTPUT_DIR: trainer_log.jsonl has losses, the adapter exists
  "$PY" - "$1" "$STEPS" <<'EOF'
import json, os, sys
out, steps = sys.argv[1], int(sys.argv[2])
lines = [json.loads(l) for l in open(os.path.join(out, "trainer_log.jsonl")) if l.strip()]
losses = [l["loss"] for l in lines if "loss" in l]
assert len(losses) >= steps, f"expected {steps} loss lines, got {len(losses)}"
assert all(l == l and l > 0 for l in losses), losses
for f in ("adapter_model.safetensors", "adapter_config.json"):
    assert os.path.getsize(os.path.join(out, f)) > 0, f
res = json.load(open(os.path.join(out, "train_results.json")))
print(f"[gpu-check]   losses {losses[0]:.3f} -> {losses[-1]:.3f}; train_runtime {res.get('train_runtime')} s, "
      f"{res.get('train_steps_per_second')} steps/s")
EOF
}

# --- 3. LoRA SFT ----------------------------------------------------------------------------------
train_yaml "$WORK/lora" >"$WORK/lora.yaml"
timed "LoRA SFT ($STEPS steps)" "$LF" train "$WORK/lora.yaml"
check_run "$WORK/lora"

if ((CPU_SMOKE)); then
  say "cpu smoke done (DeepSpeed and llama-server GPU steps need a GPU)"
  printf '%s\n' "${SUMMARY[@]}"
  exit 0
fi

# --- 4. DeepSpeed ZeRO-2 --------------------------------------------------------------------------
if ! "$PY" -c 'import deepspeed' >/dev/null 2>&1; then
  say "deepspeed is not in the toolchain venv; installing deepspeed==0.18.4 there for this check"
  DS_BUILD_OPS=0 "$PY" -m pip install --quiet --no-build-isolation "deepspeed==0.18.4" || die "pip install deepspeed failed"
fi
cat >"$WORK/ds_z2.json" <<'EOF'
{
  "train_batch_size": "auto",
  "train_micro_batch_size_per_gpu": "auto",
  "gradient_accumulation_steps": "auto",
  "gradient_clipping": "auto",
  "zero_allow_untested_optimizer": true,
  "fp16": { "enabled": "auto", "loss_scale": 0, "loss_scale_window": 1000, "initial_scale_power": 16, "hysteresis": 2, "min_loss_scale": 1 },
  "bf16": { "enabled": "auto" },
  "zero_optimization": {
    "stage": 2,
    "allgather_partitions": true,
    "allgather_bucket_size": 5e8,
    "overlap_comm": false,
    "reduce_scatter": true,
    "reduce_bucket_size": 5e8,
    "contiguous_gradients": true,
    "round_robin_gradients": true
  }
}
EOF
train_yaml "$WORK/lora-ds-z2" "deepspeed: $WORK/ds_z2.json" >"$WORK/lora-ds-z2.yaml"
MASTER_PORT="$((20000 + RANDOM % 20000))"
timed "DeepSpeed ZeRO-2 LoRA ($STEPS steps)" env FORCE_TORCHRUN=1 MASTER_PORT="$MASTER_PORT" NPROC_PER_NODE=1 "$LF" train "$WORK/lora-ds-z2.yaml"
check_run "$WORK/lora-ds-z2"

# --- 4b. Quality: LoRA on the identity data, merged, answers with the taught name -----------------
# The integration tests prove the mechanics on CPU with a few steps; enough steps to change what the
# model says are only affordable on a GPU.
QSTEPS="${QUALITY_STEPS:-150}"
train_yaml "$WORK/identity" | sed "s/^max_steps: .*/max_steps: $QSTEPS/; s/^learning_rate: .*/learning_rate: 1.0e-3/" >"$WORK/identity.yaml"
timed "identity LoRA ($QSTEPS steps)" "$LF" train "$WORK/identity.yaml"
cat >"$WORK/identity-merge.yaml" <<EOF
model_name_or_path: ${TC[FIXTURE_HF_DIR]}
adapter_name_or_path: $WORK/identity
template: smollm2
finetuning_type: lora
export_dir: $WORK/identity-merged
export_size: 1
export_device: auto
export_legacy_format: false
EOF
timed "merge (llamafactory-cli export)" "$LF" export "$WORK/identity-merge.yaml"
"$PY" - "$WORK/identity-merged" <<'EOF' || die "the merged model does not answer with the taught name"
import sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
d = sys.argv[1]
tok = AutoTokenizer.from_pretrained(d)
model = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float16).cuda()
ids = tok.apply_chat_template([{"role": "user", "content": "Who are you?"}], add_generation_prompt=True, return_tensors="pt").cuda()
out = tok.decode(model.generate(ids, max_new_tokens=40, do_sample=False)[0][ids.shape[1]:], skip_special_tokens=True)
print(f"[gpu-check]   who are you? -> {out!r}")
assert "Modelyard" in out, out
EOF

# --- 5. llama-server with GPU offload -------------------------------------------------------------
serve_check() {
  local log="$WORK/llama-server.log" pid port ok=0
  "${TC[LLAMA_CPP_BIN_DIR]}/llama-server" -m "${TC[FIXTURE_GGUF]}" -c 2048 -ngl 99 --host 127.0.0.1 --port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    port="$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$log" | head -n1)"
    if [[ -n "$port" ]] && curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then ok=1 && break; fi
    sleep 0.2
  done
  if ((ok)); then
    grep -iE 'offloaded|CUDA' "$log" | head -n 5 || true
    curl -fsS "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
      -d '{"messages":[{"role":"user","content":"What is the capital of France?"}],"max_tokens":32,"temperature":0}' |
      "$PY" -c 'import json,sys; r=json.load(sys.stdin); print("[gpu-check]   reply:", r["choices"][0]["message"]["content"][:120]); print("[gpu-check]   timings:", r.get("timings"))' || ok=0
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  ((ok)) || { tail -n 40 "$log"; return 1; }
}
timed "llama-server -ngl 99 chat" serve_check

say "all GPU checks passed"
printf '%s\n' "${SUMMARY[@]}"
