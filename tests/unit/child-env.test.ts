import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { convertEnv } from "../../lib/tools/llama-cpp/convert";
import { toolEnv } from "../../lib/hosts/tool-env";
import { childEnv } from "../../workers/runner/child-env";
import { runProcess, type LineSink } from "../../workers/runner/run-process";

const PLANTED: Record<string, string> = {
  SOME_SECRET: "x",
  AWS_SECRET_ACCESS_KEY: "aws-secret",
  HF_TOKEN: "hf_secret",
  MODELYARD_WORKER_TOKEN: "my_wrk_secret",
  DATABASE_URL: "postgresql://u:p@db/x",
  REDIS_URL: "redis://secret@r",
  NODE_OPTIONS: "--require /tmp/evil.js",
  OPENBLAS_CORETYPE: "Haswell",
  OPENBLAS_L2_SIZE: "1048576",
  CUDA_VISIBLE_DEVICES: "0,1",
  NVIDIA_VISIBLE_DEVICES: "all",
  OMP_NUM_THREADS: "3",
  LC_ALL: "C.UTF-8",
  PYTHONPATH: "/opt/gguf-py",
  HF_HUB_OFFLINE: "1",
};

let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(Object.keys(PLANTED).map((k) => [k, process.env[k]]));
  Object.assign(process.env, PLANTED);
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Runs a real node child through the runner and returns the environment it saw. */
async function envSeenByChild(env?: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const lines: string[] = [];
  const sink: LineSink = { push: (_s, l) => (lines.push(l), true), drained: async () => undefined };
  const r = await runProcess({ argv: [process.execPath, "-e", "console.log(JSON.stringify(process.env))"], sink, env });
  expect(r.exitCode).toBe(0);
  return JSON.parse(lines.join("\n"));
}

const SECRETS = ["SOME_SECRET", "AWS_SECRET_ACCESS_KEY", "HF_TOKEN", "MODELYARD_WORKER_TOKEN", "DATABASE_URL", "REDIS_URL", "NODE_OPTIONS"];
const KEPT = ["PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES", "OMP_NUM_THREADS", "LC_ALL", "PYTHONPATH", "HF_HUB_OFFLINE"];

describe("tool processes get an allow-listed environment", () => {
  it("a job's child sees no worker secret or arbitrary variable, but keeps the GPU, threading, locale and Python ones", async () => {
    const seen = await envSeenByChild(childEnv("job-1", { EXTRA: "1" }));
    for (const k of SECRETS) expect(seen[k], k).toBeUndefined();
    for (const k of KEPT) expect(seen[k], k).toBe(process.env[k]);
    expect(seen.MODELYARD_JOB_ID).toBe("job-1");
    expect(seen.EXTRA).toBe("1");
  });

  it("a child spawned without an explicit env gets the allow-list too", async () => {
    const seen = await envSeenByChild();
    for (const k of SECRETS) expect(seen[k], k).toBeUndefined();
    expect(seen.OPENBLAS_CORETYPE).toBe("Haswell");
  });

  it("what the job passes explicitly wins, including the converter's own variables", async () => {
    const seen = await envSeenByChild(childEnv("job-2", convertEnv("/tmp/hf-home")));
    expect(seen.CUDA_VISIBLE_DEVICES).toBe("");
    expect(seen.HF_HOME).toBe("/tmp/hf-home");
    expect(seen.TRANSFORMERS_OFFLINE).toBe("1");
    expect(seen.AWS_SECRET_ACCESS_KEY).toBeUndefined();
  });

  it("tool probes filter the environment they are given", () => {
    const env = toolEnv({ PATH: "/bin", HOME: "/h", SOME_SECRET: "x", MODELYARD_TOOLCHAIN_DIR: "/t", PYTHONWARNINGS: "ignore" });
    expect(env).toEqual({ PATH: "/bin", HOME: "/h", PYTHONWARNINGS: "ignore" });
  });
});
