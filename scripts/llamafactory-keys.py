#!/usr/bin/env python3
"""Writes lib/tools/llamafactory/known-keys.json: the YAML keys LLaMA-Factory accepts.

Run with the toolchain's Python (TOOLCHAIN_PYTHON from ~/.cache/modelyard/toolchain/current.env):

    $TOOLCHAIN_PYTHON scripts/llamafactory-keys.py [out.json]

LF hands a YAML dict to HfArgumentParser.parse_dict, which accepts exactly the init fields of the
dataclasses it was built with and refuses anything else ("Some keys are not used by the
HfArgumentParser"). `train` uses Model/Data/Training/Finetuning/Generating arguments; `export`
(get_infer_args) the same minus TrainingArguments. Reading the dataclasses, not LF's source text,
picks up the inherited transformers Seq2SeqTrainingArguments fields of the installed version.
"""
import dataclasses
import json
import os
import sys

os.environ.setdefault("DISABLE_VERSION_CHECK", "1")

import llamafactory  # noqa: E402
from llamafactory.hparams import (  # noqa: E402
    DataArguments,
    FinetuningArguments,
    GeneratingArguments,
    ModelArguments,
    TrainingArguments,
)


def init_fields(*classes):
    return sorted({f.name for cls in classes for f in dataclasses.fields(cls) if f.init})


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "lib", "tools", "llamafactory", "known-keys.json")
    import transformers

    data = {
        "version": llamafactory.__version__,
        "transformers": transformers.__version__,
        "train": init_fields(ModelArguments, DataArguments, TrainingArguments, FinetuningArguments, GeneratingArguments),
        "export": init_fields(ModelArguments, DataArguments, FinetuningArguments, GeneratingArguments),
    }
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print(f"{out}: llamafactory {data['version']}, {len(data['train'])} train keys, {len(data['export'])} export keys")


if __name__ == "__main__":
    main()
