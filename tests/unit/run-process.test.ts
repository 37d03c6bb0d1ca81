import { readFileSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JobError } from "../../lib/errors";
import { failureFrom } from "../../lib/jobs/failure";
import { runProcess, type LineSink } from "../../workers/runner/run-process";

function collect(): LineSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, push: (_s, l) => (lines.push(l), true), drained: async () => undefined };
}

/** Alive and not a zombie (an unreaped corpse is dead; reaping is its new parent's job). */
const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].startsWith("Z");
  } catch {
    return false;
  }
};

describe("runProcess", () => {
  it("passes argv without a shell: metacharacters stay literal", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "argv-"));
    const sink = collect();
    const evil = `$(touch ${dir}/pwned); echo hacked > ${dir}/x`;
    const r = await runProcess({ argv: [process.execPath, "-e", "console.log(process.argv[1])", evil], sink });
    expect(r.exitCode).toBe(0);
    expect(sink.lines).toEqual([evil]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("kills the whole process group on abort, grandchildren included", async () => {
    const sink = collect();
    const ac = new AbortController();
    // The child starts a grandchild that ignores SIGTERM and prints its pid.
    const script = `
      const { spawn } = require("node:child_process");
      const g = spawn(process.execPath, ["-e", "process.on('SIGTERM',()=>{}); console.log('grandchild', process.pid); setInterval(()=>{},1000)"], { stdio: ["ignore", "inherit", "inherit"] });
      setInterval(() => {}, 1000);`;
    const done = runProcess({ argv: [process.execPath, "-e", script], sink, signal: ac.signal, killGraceMs: 300 });
    const deadline = Date.now() + 10_000;
    while (!sink.lines.some((l) => l.startsWith("grandchild")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const gpid = Number(sink.lines.find((l) => l.startsWith("grandchild"))!.split(" ")[1]);
    ac.abort();
    const r = await done;
    expect(r.stopped).toBe("aborted");
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(gpid)).toBe(false);
  });

  it("enforces a timeout", async () => {
    const r = await runProcess({ argv: [process.execPath, "-e", "setInterval(()=>{},1000)"], sink: collect(), timeoutMs: 300, killGraceMs: 200 });
    expect(r.stopped).toBe("timeout");
  });

  it("reports a missing executable as a start error", async () => {
    await expect(runProcess({ argv: ["/nonexistent/tool"], sink: collect() })).rejects.toThrow(/cannot start/);
  });

  it("pauses the pipe when the sink is full (back-pressure) and still delivers every line in order", async () => {
    const lines: string[] = [];
    let pauses = 0;
    const sink: LineSink = {
      push: (_s, l) => {
        lines.push(l);
        return lines.length % 5000 !== 0;
      },
      drained: () => {
        pauses++;
        return new Promise<void>((r) => setTimeout(r, 20));
      },
    };
    const r = await runProcess({ argv: [process.execPath, "-e", "for (let i=1;i<=20000;i++) console.log(i)"], sink });
    expect(r.exitCode).toBe(0);
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBe(20000);
    expect(lines[19999]).toBe("20000");
  });
});

describe("childEnv", () => {
  it("withholds the worker's secrets from tool processes and marks the job", async () => {
    const { childEnv } = await import("../../workers/runner/child-env");
    process.env.MODELYARD_WORKER_TOKEN = "my_wrk_secret";
    const env = childEnv("job-1", { EXTRA: "1" });
    delete process.env.MODELYARD_WORKER_TOKEN;
    expect(env.MODELYARD_WORKER_TOKEN).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MODELYARD_JOB_ID).toBe("job-1");
    expect(env.EXTRA).toBe("1");
  });
});

describe("runTool (the one runner behind JobContext.run)", () => {
  const base = { sink: collect(), hostName: "gpu-1" };

  it("reports a tool that cannot be started as tool_missing, the code locate.ts and the classifiers use", async () => {
    const { runTool, TOOL_MISSING } = await import("../../workers/runner/run-tool");
    expect(TOOL_MISSING).toBe("tool_missing");
    const err = await runTool({ ...base, argv: ["/nonexistent/llama-quantize"], tool: "llama-quantize" }).catch((e) => e);
    expect(err).toBeInstanceOf(JobError);
    expect(failureFrom(err)).toMatchObject({ code: "tool_missing", message: expect.stringMatching(/^llama-quantize could not be started/) });
    expect(err.hint).toContain("gpu-1");
  });

  it("feeds lines to the progress parser scaled into its range, and keeps the tail", async () => {
    const { runTool } = await import("../../workers/runner/run-tool");
    const seen: number[] = [];
    const { tail } = await runTool({
      ...base,
      argv: [process.execPath, "-e", "console.log('50%'); console.log('100%')"],
      progress: (l) => ({ value: Number(l.replace("%", "")) / 100 }),
      range: [0.5, 0.7],
      onProgress: (v) => seen.push(Math.round(v * 100) / 100),
    });
    expect(seen).toEqual([0.6, 0.7]);
    expect(tail).toEqual(["50%", "100%"]);
  });

  it("a recognised failure keeps the classifier's code; otherwise failureCode or tool_failed", async () => {
    const { runTool } = await import("../../workers/runner/run-tool");
    const argv: [string, ...string[]] = [process.execPath, "-e", "console.error('No space left on device'); process.exit(1)"];
    const classify = (lines: readonly string[]) => (lines.some((l) => l.includes("No space")) ? { code: "disk_full", message: "disk full", hint: "free space" } : null);
    await expect(runTool({ ...base, argv, classify })).rejects.toMatchObject({ code: "disk_full" });
    await expect(runTool({ ...base, argv, failureCode: "selftest_exit" })).rejects.toMatchObject({ code: "selftest_exit" });
    await expect(runTool({ ...base, argv })).rejects.toMatchObject({ code: "tool_failed" });
  });

  it("ends with AbortedError on cancel and a timeout JobError on timeout", async () => {
    const { runTool, AbortedError } = await import("../../workers/runner/run-tool");
    const argv: [string, ...string[]] = [process.execPath, "-e", "setInterval(()=>{},1000)"];
    const ac = new AbortController();
    ac.abort();
    await expect(runTool({ ...base, argv, signal: ac.signal, killGraceMs: 200 })).rejects.toBeInstanceOf(AbortedError);
    await expect(runTool({ ...base, argv, timeoutMs: 200, killGraceMs: 200 })).rejects.toMatchObject({ code: "timeout" });
  });
});
