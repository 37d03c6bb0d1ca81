import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TrainerLog, parseDuration, parseStdoutLogDict, parseTrainerLogLine } from "../../lib/tools/llamafactory/trainer-log";

const lines = readFileSync(path.join(import.meta.dirname, "fixtures/llamafactory/trainer_log.jsonl"), "utf8").split("\n");

describe("parseTrainerLogLine", () => {
  it("reads a train line with throughput and VRAM", () => {
    expect(parseTrainerLogLine(lines[0])).toEqual({
      current_steps: 5, total_steps: 30, loss: 2.4512, lr: 3.3333333333333335e-5, epoch: 0.17, percentage: 16.67,
      elapsed_time: 62, remaining_time: 310, throughput: 2731.25, total_tokens: 169344, vram_allocated: 9.87, vram_reserved: 11.42,
    });
  });

  it("reads eval lines, day-long durations, Python's NaN, the old learning_rate key and the final line", () => {
    expect(parseTrainerLogLine(lines[2])).toMatchObject({ eval_loss: 1.8377, current_steps: 10 });
    expect(parseTrainerLogLine(lines[2])).not.toHaveProperty("loss");
    expect(parseTrainerLogLine(lines[4])!.loss).toBeNaN();
    expect(parseTrainerLogLine(lines[6])).toMatchObject({ elapsed_time: 93784, remaining_time: 259201 });
    expect(parseTrainerLogLine(lines[8])).toMatchObject({ lr: 4e-5, total_steps: 45 });
    expect(parseTrainerLogLine(lines[9])).toEqual({ current_steps: 45, total_steps: 45, epoch: 1, percentage: 100, elapsed_time: 359, remaining_time: 0 });
  });

  it("returns null for anything that is not a log object, never throwing", () => {
    for (const bad of [lines[5], "", "   ", "[1,2]", "null", "{not json", '{"loss": 1', "42"]) expect(parseTrainerLogLine(bad)).toBeNull();
    expect(parseTrainerLogLine('{"loss": null, "learning_rate": null, "current_steps": 3}')).toEqual({ current_steps: 3 });
    expect(parseTrainerLogLine('{"elapsed_time": "garbage"}')).toEqual({});
  });

  it("parses timedelta strings", () => {
    expect(parseDuration("0:03:25")).toBe(205);
    expect(parseDuration("1 day, 2:03:04")).toBe(93784);
    expect(parseDuration("2 days, 0:00:00")).toBe(172800);
    expect(parseDuration("0:02:59.80")).toBeCloseTo(179.8);
    expect(parseDuration("soon")).toBeNull();
  });
});

describe("TrainerLog", () => {
  const log = new TrainerLog();
  for (const l of lines) log.push(l);

  it("starts a segment when steps go back (resume) or total_steps changes", () => {
    expect(log.size).toBe(9);
    expect(log.segments).toBe(3);
    const pts = log.points();
    expect(pts.map((p) => [p.step, p.segment])).toEqual([[5, 0], [10, 0], [10, 0], [15, 0], [20, 0], [15, 1], [20, 1], [20, 2]]);
    expect(pts[2]).toEqual({ step: 10, epoch: 0.33, evalLoss: 1.8377, segment: 0 });
    expect(pts[0].vramGiB).toBe(9.87);
  });

  it("latest() reports progress from the newest lines and metrics from the current segment only", () => {
    expect(log.latest()).toEqual({
      step: 45, totalSteps: 45, epoch: 1, percentage: 100, elapsedSeconds: 359, remainingSeconds: 0,
      loss: 1.6, lr: 4e-5, evalLoss: null, throughput: null,
    });
    expect(new TrainerLog().latest()).toBeNull();
  });

  it("accepts raw chunks split mid-line", () => {
    const t = new TrainerLog();
    const text = lines.slice(0, 3).join("\n") + "\n";
    t.pushChunk(text.slice(0, 50));
    expect(t.size).toBe(0);
    t.pushChunk(text.slice(50, 300));
    t.pushChunk(text.slice(300));
    expect(t.size).toBe(3);
    expect(t.latest()).toMatchObject({ step: 10, loss: 1.9021, evalLoss: 1.8377, remainingSeconds: 262 });
  });
});

describe("parseStdoutLogDict", () => {
  it("reads the HF Trainer's dicts, plain and quoted, with nan", () => {
    expect(parseStdoutLogDict("{'loss': 0.8533, 'grad_norm': 4.87, 'learning_rate': 1.45e-05, 'epoch': 0.16}")).toEqual({ loss: 0.8533, grad_norm: 4.87, learning_rate: 1.45e-5, epoch: 0.16 });
    expect(parseStdoutLogDict("{'loss': '5.227', 'grad_norm': '4.634', 'learning_rate': '9.924e-05', 'epoch': '5'}")).toEqual({ loss: 5.227, grad_norm: 4.634, learning_rate: 9.924e-5, epoch: 5 });
    const nan = parseStdoutLogDict(" 40%|████      | 12/30 [00:20<00:30,  1.70s/it]{'loss': 0.0, 'grad_norm': nan, 'learning_rate': 2e-05, 'epoch': 0.4}");
    expect(nan!.loss).toBe(0);
    expect(nan!.grad_norm).toBeNaN();
    expect(parseStdoutLogDict("{'train_runtime': 179.8, 'train_loss': 1.23, 'epoch': 3.0}")).toMatchObject({ train_runtime: 179.8 });
    expect(parseStdoutLogDict("[INFO|trainer.py:642] >> Running training")).toBeNull();
    expect(parseStdoutLogDict("{'a': 'text'}")).toBeNull();
  });
});

describe("a trainer_log.jsonl recorded from a real run", () => {
  // LLaMA-Factory 0.9.5 on CPU, LoRA on SmolLM2-135M, 2 nodes under torchrun (gloo), 3 steps:
  // three step lines and the final summary line without loss or lr.
  const lines = readFileSync(path.join(import.meta.dirname, "fixtures/llamafactory/trainer_log.recorded-2node-cpu.jsonl"), "utf8").split("\n");

  it("gives one chart point per step and the final state", () => {
    const log = new TrainerLog();
    for (const line of lines) log.push(line);
    expect(log.points().map((p) => [p.step, p.loss])).toEqual([[1, 4.4741], [2, 3.7742], [3, 3.2197], [3, undefined]]);
    expect(log.points().at(-1)?.throughput).toBe(5.02);
    expect(log.segments).toBe(1);
    expect(log.latest()).toMatchObject({ step: 3, totalSteps: 3, percentage: 100, elapsedSeconds: 71, remainingSeconds: 0, loss: 3.2197, lr: 0.0005 });
  });
});
