"""Print the header metadata of a GGUF file as one JSON line (used by the toolchain tests).

Run with the toolchain venv's python: `python gguf_meta.py model.gguf`.
"""

import json
import sys
from collections import Counter

from gguf import GGUFReader, GGUFValueType


def scalar(reader: GGUFReader, key: str):
    field = reader.fields.get(key)
    if field is None or not field.types:
        return None
    if field.types[0] == GGUFValueType.STRING:
        return bytes(field.parts[field.data[0]]).decode("utf-8")
    if field.types[0] == GGUFValueType.ARRAY:
        return None
    return field.parts[field.data[0]].tolist()[0]


def array_len(reader: GGUFReader, key: str) -> int:
    field = reader.fields.get(key)
    return len(field.data) if field is not None else 0


def main() -> None:
    reader = GGUFReader(sys.argv[1])
    arch = scalar(reader, "general.architecture")
    out = {
        "architecture": arch,
        "name": scalar(reader, "general.name"),
        "file_type": scalar(reader, "general.file_type"),
        "tensor_count": len(reader.tensors),
        "tensor_types": dict(Counter(t.tensor_type.name for t in reader.tensors)),
        "vocab_size": array_len(reader, "tokenizer.ggml.tokens"),
        "chat_template": scalar(reader, "tokenizer.chat_template"),
        "context_length": scalar(reader, f"{arch}.context_length"),
        "block_count": scalar(reader, f"{arch}.block_count"),
        "embedding_length": scalar(reader, f"{arch}.embedding_length"),
        "tokenizer_model": scalar(reader, "tokenizer.ggml.model"),
        "tokenizer_pre": scalar(reader, "tokenizer.ggml.pre"),
        "bos_token_id": scalar(reader, "tokenizer.ggml.bos_token_id"),
        "eos_token_id": scalar(reader, "tokenizer.ggml.eos_token_id"),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
