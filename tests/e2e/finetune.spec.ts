// The whole fine-tuning path from the browser, with the real worker running LLaMA-Factory on CPU:
// upload a dataset and read its report and chat-template preview, launch a LoRA run from the
// model's form, watch its steps and loss live, cancel it and resume it to the end, launch a
// shorter clone of it, merge the adapter and convert the merge to GGUF, and compare the two runs.
import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loadToolchain } from "../helpers/toolchain";
import { apiCall, signIn } from "./helpers";
import { stackState } from "./stack-state";

const MIN = 60_000;
/**
 * Long enough that the cancel lands mid-run: a step of this config takes 1.5–3 s on 2 idle cores
 * (about 5 s while other suites share them), and the cancel goes out a few steps after the first.
 */
const LONG_STEPS = 12;

// Steps run one after another on shared state: the dataset, the base model and the runs.
test.describe.configure({ mode: "serial" });

let modelId = "";
let datasetId = "";
let longRunId = "";
let longRunName = "";
let finishedAttemptId = "";
let shortRunId = "";
const stamp = Date.now();

/** The step counter of the training panel ("12 / 30" → 12; "—" → 0). */
async function shownStep(page: Page): Promise<number> {
  const text = (await page.getByTestId("training-step").textContent()) ?? "";
  const m = /^\s*(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

const jobStatus = (page: Page) => page.getByTestId("job-status");

test.beforeAll(async () => {
  const s = stackState();
  const tc = loadToolchain();
  // The model must live on the worker's host, beside the uploaded dataset.
  const dir = path.join(s.root, `finetune-e2e-${stamp}`);
  await mkdir(dir, { recursive: true });
  const hfDir = path.join(dir, "smollm2");
  await cp(tc.fixtureHfDir, hfDir, { recursive: true, dereference: true });
  const { json: imp } = await apiCall("POST", "/models/import", { hostId: s.hostId, path: hfDir, name: `smollm2 finetune e2e ${stamp}` });
  await expect.poll(async () => (await apiCall("GET", `/jobs/${imp.id}`)).json.status, { timeout: MIN }).toBe("SUCCEEDED");
  modelId = (await apiCall("GET", `/jobs/${imp.id}`)).json.result.artifactId as string;
});

test("uploads a dataset and shows its validation report and the model's chat template", async ({ page }) => {
  test.setTimeout(2 * MIN);
  const s = stackState();
  const file = path.join(loadToolchain().fixtureDatasetDir, "modelyard_identity.json");
  const rows = (JSON.parse(await readFile(file, "utf8")) as unknown[]).length;

  await signIn(page);
  await page.locator('nav a[data-nav="/datasets"]').click();
  await page.getByTestId("add-dataset-link").click();
  await page.getByTestId("dataset-tab-upload").click();
  await page.getByTestId("dataset-host").selectOption(s.hostId);
  await page.getByTestId("upload-file").setInputFiles(file);
  await page.getByTestId("upload-name").fill(`identity e2e ${stamp}`);

  // A file this small is sent in a blink; holding the request keeps the progress row on screen
  // long enough to see it, then lets the real upload through.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const uploadRoute = /\/api\/v1\/datasets\/upload\?/;
  await page.route(uploadRoute, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId("upload-submit").click();
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await expect(page.getByTestId("upload-submit")).toBeDisabled();
  release();

  await expect(page.getByTestId("dataset-job")).toBeVisible();
  await expect(page.getByTestId("dataset-job-status")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: MIN });
  await page.unroute(uploadRoute);
  await page.getByTestId("open-dataset").click();
  // Still on /datasets/new until the click navigates: wait for the dataset's own page.
  await page.waitForURL(/\/datasets\/(?!new$)[^/]+$/);
  datasetId = new URL(page.url()).pathname.split("/").pop()!;

  await expect(page.getByTestId("dataset-name")).toHaveText(`identity e2e ${stamp}`);
  await expect(page.getByTestId("report-rows")).toHaveText(String(rows));
  await expect(page.getByTestId("report-valid")).toHaveText(String(rows));
  await expect(page.getByTestId("report-errors")).toHaveText("0");
  await expect(page.locator("[data-format]").first()).toHaveAttribute("data-format", "alpaca");

  // Other specs may have put models on this host too: pick ours.
  await page.getByTestId("preview-model").selectOption(modelId);
  const sample = page.getByTestId("preview-sample").first();
  await expect(sample).toContainText("<|im_start|>user");
  await expect(sample).toContainText("<|im_start|>assistant");
});

test("launches a LoRA run from the form, follows it live, cancels it and resumes it to the end", async ({ page }) => {
  test.setTimeout(6 * MIN);
  const s = stackState();
  longRunName = `identity-lora-e2e-${stamp}`;
  await signIn(page);
  await page.goto(`${s.baseUrl}/models/${modelId}`);
  await page.getByTestId("finetune-link").click();
  await page.waitForURL(/\/finetune$/);

  // No GPUs on this host: the form starts from the CPU preset.
  await expect(page.getByTestId("ft-preset-cpu-smoke-test")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId(`ft-datasets-${datasetId}`).getByRole("checkbox").check();
  const values: Record<string, string> = { cutoff_len: "48", lora_rank: "4", lora_target: "q_proj,v_proj", logging_steps: "1", max_steps: String(LONG_STEPS), save_steps: "1000" };
  for (const [key, value] of Object.entries(values)) await page.getByTestId(`ft-${key}`).fill(value);
  await page.getByTestId("ft-name").fill(longRunName);

  const yaml = page.getByTestId("ft-yaml");
  await expect(yaml).toContainText(`max_steps: ${LONG_STEPS}`);
  await expect(yaml).toContainText("save_steps: 1000");
  await expect(yaml).toContainText("lora_rank: 4");
  await expect(yaml).toContainText("cutoff_len: 48");
  await expect(yaml).toContainText("finetuning_type: lora");
  await expect(yaml).toContainText(`dataset: ds_${datasetId}`);
  await expect(page.getByTestId("ft-plan-errors")).toHaveCount(0);

  await page.getByTestId("ft-submit").click();
  await page.waitForURL(/\/jobs\/[^/]+$/);
  longRunId = new URL(page.url()).pathname.split("/").pop()!;

  const panel = page.getByTestId("training-panel");
  await expect(panel).toBeVisible();
  await expect.poll(() => shownStep(page), { timeout: 3 * MIN }).toBeGreaterThanOrEqual(1);
  const seen = await shownStep(page);
  await expect.poll(() => shownStep(page), { timeout: MIN }).toBeGreaterThan(seen);
  await expect(page.getByTestId("training-step")).toHaveText(new RegExp(`^\\d+ / ${LONG_STEPS}$`));
  await expect(page.getByTestId("training-loss")).toHaveText(/^\d+\.\d{4}$/);
  await expect(page.getByTestId("chart-loss").locator("canvas").first()).toBeVisible();

  // The cancel button is keyed by the rendered status: wait until the page shows RUNNING so a
  // refresh between the two clicks cannot remount it and drop the confirmation.
  await expect(jobStatus(page)).toHaveAttribute("data-status", "RUNNING");
  await page.getByTestId("cancel-job").click();
  await page.getByTestId("cancel-job-confirm").click();
  await expect(jobStatus(page)).toHaveAttribute("data-status", "CANCELLED", { timeout: 2 * MIN });
  const stoppedAt = await shownStep(page);
  expect(stoppedAt).toBeLessThan(LONG_STEPS);

  await page.getByTestId("resume-run").click();
  await page.waitForURL((url) => url.pathname.startsWith("/jobs/") && !url.pathname.endsWith(longRunId));
  finishedAttemptId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(jobStatus(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 4 * MIN });
  await expect(page.getByTestId("training-step")).toHaveText(`${LONG_STEPS} / ${LONG_STEPS}`);
  const attempts = page.getByTestId("training-attempt");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toHaveAttribute("data-status", "CANCELLED");
  await expect(attempts.nth(1)).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("job-artifact")).toContainText(longRunName);
});

test("merges the adapter with its base and converts the merge to F16 GGUF", async ({ page }) => {
  test.setTimeout(5 * MIN);
  const s = stackState();
  await signIn(page);
  await page.goto(`${s.baseUrl}/jobs/${finishedAttemptId}`);
  await page.getByTestId("job-artifact").click();
  await page.waitForURL(/\/models\/[^/]+$/);
  await expect(page.getByTestId("model-name")).toHaveText(longRunName);

  await page.getByTestId("export-link").click();
  await expect(page.getByTestId("export-form")).toBeVisible();
  await expect(page.getByTestId("export-name")).toHaveValue(`${longRunName}-merged`);
  await page.getByTestId("export-submit").click();
  await page.waitForURL(/\/jobs\/[^/]+$/);
  await expect(jobStatus(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 3 * MIN });

  await page.getByTestId("job-artifact").click();
  await page.waitForURL(/\/models\/[^/]+$/);
  await expect(page.getByTestId("model-name")).toHaveText(`${longRunName}-merged`);
  await expect(page.getByTestId("chat-template")).toContainText("<|im_start|>");
  await page.getByTestId("convert-link").click();
  await expect(page.getByTestId("convert-outtype")).toHaveValue("f16");
  await page.getByTestId("convert-submit").click();
  await page.waitForURL(/\/jobs\/[^/]+$/);
  await expect(jobStatus(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 3 * MIN });
  await expect(page.getByTestId("job-artifact")).toContainText("GGUF");
});

test("clones the run with fewer steps and compares the two runs", async ({ page }) => {
  test.setTimeout(4 * MIN);
  const s = stackState();
  const shortName = `${longRunName}-short`;
  await signIn(page);
  await page.goto(`${s.baseUrl}/jobs/${finishedAttemptId}`);
  await page.getByTestId("clone-run").click();
  await page.waitForURL(/\/finetune\?from=/);
  await expect(page.getByTestId("ft-clone-note")).toBeVisible();
  await expect(page.getByTestId("ft-max_steps")).toHaveValue(String(LONG_STEPS));
  await expect(page.getByTestId(`ft-datasets-${datasetId}`).getByRole("checkbox")).toBeChecked();
  await page.getByTestId("ft-max_steps").fill("4");
  await page.getByTestId("ft-name").fill(shortName);
  await expect(page.getByTestId("ft-yaml")).toContainText("max_steps: 4");
  await page.getByTestId("ft-submit").click();
  await page.waitForURL(/\/jobs\/[^/]+$/);
  shortRunId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(jobStatus(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 3 * MIN });
  await expect(page.getByTestId("training-step")).toHaveText("4 / 4");

  await page.locator('nav a[data-nav="/finetune"]').click();
  await page.waitForURL(/\/finetune$/);
  await page.getByTestId(`select-run-${longRunId}`).check();
  await page.getByTestId(`select-run-${shortRunId}`).check();
  await page.getByTestId("compare-runs").click();
  await page.waitForURL(/compare=/);
  const compare = page.getByTestId("run-compare");
  await expect(compare).toBeVisible();
  await expect(compare).toContainText(longRunName);
  await expect(compare).toContainText(shortName);
  // Columns follow the order the runs were picked in.
  const maxSteps = compare.locator("tr[data-differs]").filter({ hasText: "max_steps" }).locator("td");
  await expect(maxSteps.nth(1)).toHaveText(String(LONG_STEPS));
  await expect(maxSteps.nth(2)).toHaveText("4");
});
