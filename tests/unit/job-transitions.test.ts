import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { pickGpus } from "../../lib/jobs/resources";
import { JOB_STATUSES, canTransition } from "../../lib/jobs/status";
import { casStatus, moveJob, TransitionRefused, type JobWriter } from "../../lib/jobs/transitions";

const ROOT = path.resolve(import.meta.dirname, "../..");

function fakeWriter(count = 1) {
  const updateMany = vi.fn(async () => ({ count }));
  return { writer: { job: { updateMany } } as unknown as JobWriter, updateMany };
}

describe("status transitions", () => {
  it("refuses a move the table forbids without writing anything", async () => {
    const { writer, updateMany } = fakeWriter();
    await expect(moveJob("job-1", { from: "SUCCEEDED", to: "RUNNING" }, writer)).rejects.toBeInstanceOf(TransitionRefused);
    await expect(casStatus(writer, "job-1", { from: "CANCELLED", to: "QUEUED" })).rejects.toThrow(/cannot move from CANCELLED to QUEUED/);
    await expect(casStatus(writer, "job-1", { from: "QUEUED", to: "SUCCEEDED" })).rejects.toBeInstanceOf(TransitionRefused);
    expect(updateMany).not.toHaveBeenCalled();
  });

  it("terminal statuses go nowhere", () => {
    for (const from of ["SUCCEEDED", "FAILED", "CANCELLED"] as const) {
      for (const to of JOB_STATUSES) expect(canTransition(from, to), `${from} -> ${to}`).toBe(false);
    }
  });

  it("compares the current status and the holder, and clears the wait reason when a job leaves the queue", async () => {
    const { writer, updateMany } = fakeWriter();
    expect(await casStatus(writer, "job-1", { from: "RUNNING", to: "QUEUED", claimedBy: "w1", data: { claimedBy: null } })).toBe(true);
    expect(updateMany).toHaveBeenLastCalledWith({ where: { id: "job-1", status: "RUNNING", claimedBy: "w1" }, data: { claimedBy: null, status: "QUEUED" } });
    await casStatus(writer, "job-2", { from: "QUEUED", to: "CANCELLED", where: { cancelRequestedAt: null } });
    expect(updateMany).toHaveBeenLastCalledWith({
      where: { cancelRequestedAt: null, id: "job-2", status: "QUEUED" },
      data: { waitReason: null, waitingSince: null, status: "CANCELLED" },
    });
  });

  it("answers false when another writer moved the row first", async () => {
    const { writer } = fakeWriter(0);
    expect(await moveJob("job-1", { from: "QUEUED", to: "CANCELLED", event: false }, writer)).toBe(false);
  });

  it("no other module writes a job's status", async () => {
    const offenders: string[] = [];
    for (const dir of ["lib", "workers", "app"]) {
      for (const file of await readdir(path.join(ROOT, dir), { recursive: true })) {
        if (!/\.tsx?$/.test(file) || file.includes("generated") || file.endsWith("transitions.ts")) continue;
        const text = await readFile(path.join(ROOT, dir, file), "utf8");
        if (/\bdata:\s*\{[^{}]*\bstatus:/.test(text) || /"Job"\s+SET\s+((?!WHERE)[^;])*\bstatus\s*=/i.test(text)) offenders.push(path.join(dir, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("GPU slot picking", () => {
  it("takes the lowest free indices and refuses to share a GPU unless both jobs allow it", () => {
    expect(pickGpus([0, 1, 2], [], 2, false, "h")).toEqual({ ok: true, indices: [0, 1] });
    expect(pickGpus([0, 1, 2], [{ gpuIndices: [0], shareGpus: false }], 1, false, "h")).toEqual({ ok: true, indices: [1] });
    expect(pickGpus([0], [{ gpuIndices: [0], shareGpus: true }], 1, false, "h")).toMatchObject({ ok: false, reason: "waiting for a free GPU: needs 1, 0 of 1 free on host h" });
    expect(pickGpus([0], [{ gpuIndices: [0], shareGpus: false }], 1, true, "h")).toMatchObject({ ok: false });
    expect(pickGpus([0, 1], [{ gpuIndices: [0], shareGpus: true }], 1, true, "h")).toEqual({ ok: true, indices: [1] });
    expect(pickGpus([0], [{ gpuIndices: [0], shareGpus: true }], 1, true, "h")).toEqual({ ok: true, indices: [0] });
  });

  it("says when a job can never fit on the host", () => {
    expect(pickGpus([], [], 1, false, "cpu-box")).toMatchObject({ ok: false, reason: expect.stringContaining("host cpu-box has no usable GPU") });
    expect(pickGpus([0, 1], [], 4, false, "h")).toMatchObject({ ok: false, reason: expect.stringContaining("needs 4 GPUs but host h has only 2 usable (0,1)") });
    expect(pickGpus([], [], 0, false, "h")).toEqual({ ok: true, indices: [] });
  });
});
