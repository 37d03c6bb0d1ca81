"""Build the toolchain fixtures from the SmolLM2 GGUF (run by setup.sh with the toolchain venv).

1. An HF safetensors directory of the same model: weights via transformers' GGUF loader
   (`from_pretrained(dir, gguf_file=...)`, dequantized, saved in bfloat16), and a tokenizer rebuilt
   from the GGUF tokenizer metadata. transformers' own GGUF tokenizer conversion treats every
   llama-architecture BPE vocab like Llama 3 (no digit splitting, BOS/EOS swapped), which would not
   be SmolLM2's tokenizer, so tokenizer.json is assembled here with `tokenizers`:
   byte-level BPE with the GGUF vocab and merges, SmolLM2's pre-tokenizer (individual digits, then
   byte-level), the control tokens as special tokens, and the GGUF chat template.
2. The LLaMA-Factory dataset directory (copied from scripts/toolchain/fixtures/data, validated).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
from gguf import GGUFReader, GGUFValueType

# SmolLM2 uses llama.cpp's "smollm" pre-tokenizer; this script only knows that one.
KNOWN_PRE = {"smollm"}
TOKEN_TYPE_CONTROL = 3
TOKEN_TYPE_USER_DEFINED = 4


def gguf_fields(path: Path) -> dict:
    reader = GGUFReader(str(path))
    out = {}
    for name, field in reader.fields.items():
        if not name.startswith(("tokenizer.", "general.", "llama.")):
            continue
        types = field.types
        if not types:
            continue
        if types[0] == GGUFValueType.ARRAY:
            if types[-1] == GGUFValueType.STRING:
                out[name] = [bytes(field.parts[i]).decode("utf-8") for i in field.data]
            else:
                out[name] = [field.parts[i].tolist()[0] for i in field.data]
        elif types[0] == GGUFValueType.STRING:
            out[name] = bytes(field.parts[field.data[0]]).decode("utf-8")
        else:
            out[name] = field.parts[field.data[0]].tolist()[0]
    return out


def build_tokenizer(meta: dict, out_dir: Path) -> None:
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    if meta.get("tokenizer.ggml.model") != "gpt2":
        sys.exit(f"unexpected tokenizer model {meta.get('tokenizer.ggml.model')!r}; expected gpt2 (byte-level BPE)")
    pre = meta.get("tokenizer.ggml.pre")
    if pre not in KNOWN_PRE:
        sys.exit(f"unexpected pre-tokenizer {pre!r}; this script knows {sorted(KNOWN_PRE)}")

    tokens: list[str] = meta["tokenizer.ggml.tokens"]
    types: list[int] = meta["tokenizer.ggml.token_type"]
    merges = [tuple(m.split(" ", 1)) for m in meta["tokenizer.ggml.merges"]]
    vocab = {t: i for i, t in enumerate(tokens)}

    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, fuse_unk=False, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
        ]
    )
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tok.decoder = decoders.ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    special = [AddedToken(t, special=True, normalized=False) for t, ty in zip(tokens, types) if ty == TOKEN_TYPE_CONTROL]
    user = [AddedToken(t, special=False, normalized=False) for t, ty in zip(tokens, types) if ty == TOKEN_TYPE_USER_DEFINED]
    tok.add_special_tokens(special)
    if user:
        tok.add_tokens(user)
    if tok.get_vocab_size() != len(tokens):
        sys.exit(f"tokenizer size {tok.get_vocab_size()} != GGUF vocab {len(tokens)}")

    def token_at(key: str) -> str | None:
        idx = meta.get(key)
        return tokens[idx] if isinstance(idx, int) and 0 <= idx < len(tokens) else None

    chat_template = meta.get("tokenizer.chat_template")
    if not chat_template:
        sys.exit("the GGUF has no tokenizer.chat_template")
    bos, eos = token_at("tokenizer.ggml.bos_token_id"), token_at("tokenizer.ggml.eos_token_id")
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        unk_token=token_at("tokenizer.ggml.unknown_token_id"),
        pad_token=token_at("tokenizer.ggml.padding_token_id") or eos,
        additional_special_tokens=[t for t in (bos, eos) if t],
        model_max_length=int(meta.get("llama.context_length", 8192)),
        clean_up_tokenization_spaces=False,
        add_prefix_space=False,
    )
    fast.chat_template = chat_template
    fast.save_pretrained(str(out_dir))

    # Keep the template in tokenizer_config.json too (older readers look only there).
    cfg_path = out_dir / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["chat_template"] = chat_template
    cfg["tokenizer_class"] = "GPT2Tokenizer"
    cfg_path.write_text(json.dumps(cfg, ensure_ascii=False, indent=2) + "\n")
    if not (out_dir / "chat_template.jinja").exists():
        (out_dir / "chat_template.jinja").write_text(chat_template)

    # Sanity: control tokens stay whole, digits split, text round-trips.
    sample = "<|im_start|>user\nHello 2024, 你好!<|im_end|>\n"
    ids = tok.encode(sample).ids
    if ids[0] != vocab["<|im_start|>"] or tok.decode(ids, skip_special_tokens=False) != sample:
        sys.exit(f"tokenizer sanity check failed: {ids[:12]}")
    digits = [tokens[i] for i in tok.encode("2024").ids]
    if digits != ["2", "0", "2", "4"]:
        sys.exit(f"digit split check failed: {digits}")


def build_hf(gguf_path: Path, out_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, GenerationConfig

    meta = gguf_fields(gguf_path)
    if meta.get("general.architecture") != "llama":
        sys.exit(f"unexpected architecture {meta.get('general.architecture')!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    model = AutoModelForCausalLM.from_pretrained(
        str(gguf_path.parent), gguf_file=gguf_path.name, dtype=torch.bfloat16
    )
    tokens = meta["tokenizer.ggml.tokens"]
    bos_id = meta.get("tokenizer.ggml.bos_token_id")
    eos_id = meta.get("tokenizer.ggml.eos_token_id")
    pad_id = meta.get("tokenizer.ggml.padding_token_id", eos_id)
    model.config.bos_token_id = bos_id
    model.config.eos_token_id = eos_id
    model.config.pad_token_id = pad_id
    model.config.vocab_size = len(tokens)
    model.generation_config = GenerationConfig(bos_token_id=bos_id, eos_token_id=eos_id, pad_token_id=pad_id)
    model.save_pretrained(str(out_dir), safe_serialization=True)
    build_tokenizer(meta, out_dir)

    # Sanity: the saved model loads back and predicts something sensible for a trivial prompt.
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(out_dir))
    back = AutoModelForCausalLM.from_pretrained(str(out_dir), dtype=torch.float32)
    prompt = tok.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}], tokenize=False, add_generation_prompt=True)
    enc = tok(prompt, return_tensors="pt")
    with torch.no_grad():
        out = back.generate(**enc, max_new_tokens=12, do_sample=False)
    answer = tok.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)
    print(f"sanity generation: {answer!r}")
    if "paris" not in answer.lower():
        sys.exit(f"the converted HF model does not answer sensibly: {answer!r}")


def build_data(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    info = json.loads((src / "dataset_info.json").read_text())
    for name, entry in info.items():
        rows = json.loads((src / entry["file_name"]).read_text())
        if not isinstance(rows, list) or len(rows) < 5:
            sys.exit(f"dataset {name}: expected a list of at least 5 rows")
        shutil.copyfile(src / entry["file_name"], dst / entry["file_name"])
    shutil.copyfile(src / "dataset_info.json", dst / "dataset_info.json")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gguf", type=Path, required=True)
    ap.add_argument("--hf-out", type=Path, required=True)
    ap.add_argument("--data-src", type=Path, required=True)
    ap.add_argument("--data-out", type=Path, required=True)
    args = ap.parse_args()
    np.random.seed(0)
    build_hf(args.gguf, args.hf_out)
    build_data(args.data_src, args.data_out)
    print("fixtures ok")


if __name__ == "__main__":
    main()
