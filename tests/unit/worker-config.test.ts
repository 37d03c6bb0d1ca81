import { describe, expect, it } from "vitest";
import { queueConcurrency, readWorkerConfig, usableGpuSlots } from "../../workers/config";

const BASE = { MODELYARD_WORKER_TOKEN: "my_wrk_0123456789", MODELYARD_STORAGE_ROOTS: "/srv/models" };

describe("worker configuration: queues and GPUs", () => {
  it("reads per-queue concurrency and falls back to MODELYARD_CONCURRENCY, gpu-train to one per usable GPU", () => {
    const cfg = readWorkerConfig({ ...BASE, MODELYARD_QUEUE_CONCURRENCY: "host-io=4, convert=2", MODELYARD_CONCURRENCY: "3" });
    expect(cfg.MODELYARD_QUEUE_CONCURRENCY).toEqual({ "host-io": 4, convert: 2 });
    expect(queueConcurrency(cfg, [0, 1])).toEqual({ "host-io": 4, convert: 2, "gpu-train": 2, deploy: 3 });
    expect(queueConcurrency(cfg, [])).toMatchObject({ "gpu-train": 1 });
    const named = readWorkerConfig({ ...BASE, MODELYARD_QUEUE_CONCURRENCY: "gpu-train=1", MODELYARD_QUEUES: "gpu-train" });
    expect(queueConcurrency(named, [0, 1, 2, 3])).toEqual({ "gpu-train": 1 });
    expect(queueConcurrency(readWorkerConfig(BASE), [])).toEqual({ "host-io": 2, convert: 2, "gpu-train": 1, deploy: 2 });
  });

  it("refuses unknown queues and out-of-range numbers, naming the bad item", () => {
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_QUEUE_CONCURRENCY: "gpu=1" })).toThrow(/MODELYARD_QUEUE_CONCURRENCY: "gpu=1" is not <queue>=<1..64>/);
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_QUEUE_CONCURRENCY: "host-io=0" })).toThrow(/"host-io=0"/);
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_QUEUE_CONCURRENCY: "host-io" })).toThrow(/"host-io"/);
  });

  it("reads MODELYARD_GPU_INDICES as which GPUs this worker may use", () => {
    expect(readWorkerConfig(BASE).MODELYARD_GPU_INDICES).toBeUndefined();
    expect(readWorkerConfig({ ...BASE, MODELYARD_GPU_INDICES: "1, 0" }).MODELYARD_GPU_INDICES).toEqual([1, 0]);
    expect(readWorkerConfig({ ...BASE, MODELYARD_GPU_INDICES: "" }).MODELYARD_GPU_INDICES).toEqual([]);
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_GPU_INDICES: "0,0" })).toThrow(/must not repeat/);
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_GPU_INDICES: "all" })).toThrow(/comma-separated list of GPU indices/);
    expect(() => readWorkerConfig({ ...BASE, MODELYARD_GPU_INDICES: "64" })).toThrow(/MODELYARD_GPU_INDICES/);
  });

  it("narrows the detected GPUs, and gives a machine without nvidia-smi the slots it names", () => {
    expect(usableGpuSlots({ MODELYARD_GPU_INDICES: undefined }, [1, 0])).toEqual([0, 1]);
    expect(usableGpuSlots({ MODELYARD_GPU_INDICES: [1] }, [0, 1])).toEqual([1]);
    expect(usableGpuSlots({ MODELYARD_GPU_INDICES: [] }, [0, 1])).toEqual([]);
    expect(usableGpuSlots({ MODELYARD_GPU_INDICES: [0, 1] }, [])).toEqual([0, 1]);
    expect(() => usableGpuSlots({ MODELYARD_GPU_INDICES: [2] }, [0, 1])).toThrow(/names GPU 2, but nvidia-smi reports only 0, 1/);
  });
});
