"""Token lengths of a dataset's rows with a model's own tokenizer and chat template.

    python token_stats.py <tokenizer dir> <samples.jsonl> <cutoff_len>

Reads Modelyard's normalized samples (one JSON object per line: system, messages with roles
user/assistant/function/observation, chosen/rejected, text), renders each conversation the way
the model will see it (the tokenizer's chat template when it has one, plain text otherwise)
and prints one JSON line: prompt and total token counts as distributions, and how many rows
LLaMA-Factory would truncate at cutoff_len. Offline: the tokenizer files must be in the folder.
"""

import json
import statistics
import sys

from transformers import AutoTokenizer

ROLES = {"user": "user", "assistant": "assistant", "function": "assistant", "observation": "tool"}


def dist(xs):
    if not xs:
        return {"min": 0, "max": 0, "mean": 0, "p50": 0, "p95": 0}
    s = sorted(xs)
    return {"min": s[0], "max": s[-1], "mean": round(statistics.fmean(s), 1), "p50": s[len(s) // 2], "p95": s[min(len(s) - 1, int(0.95 * len(s)))]}


def main():
    tok_dir, samples_file, cutoff = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tok = AutoTokenizer.from_pretrained(tok_dir, local_files_only=True)
    templated = bool(getattr(tok, "chat_template", None))
    prompts, totals = [], []
    with open(samples_file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            s = json.loads(line)
            if s.get("text") is not None:
                n = len(tok(s["text"])["input_ids"])
                prompts.append(0)
                totals.append(n)
                continue
            msgs = ([{"role": "system", "content": s["system"]}] if s.get("system") else []) + [
                {"role": ROLES.get(m["role"], "user"), "content": m["content"]} for m in s["messages"]
            ]
            answer = s.get("chosen")
            if answer is not None:
                msgs.append({"role": "assistant", "content": answer})
            head = msgs[:-1] if msgs and msgs[-1]["role"] == "assistant" else msgs
            if templated:
                p = len(tok.apply_chat_template(head, tokenize=True, add_generation_prompt=True))
                t = len(tok.apply_chat_template(msgs, tokenize=True))
            else:
                p = len(tok("\n".join(m["content"] for m in head))["input_ids"])
                t = len(tok("\n".join(m["content"] for m in msgs))["input_ids"])
            prompts.append(p)
            totals.append(max(t, p))
    print(json.dumps({
        "rows": len(totals),
        "chatTemplate": templated,
        "promptTokens": dist(prompts),
        "totalTokens": dist(totals),
        "cutoffLen": cutoff,
        "overCutoff": sum(1 for t in totals if t > cutoff),
        "totalTokensSum": sum(totals),
    }))


if __name__ == "__main__":
    main()
