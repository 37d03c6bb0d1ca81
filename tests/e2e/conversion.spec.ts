// Convert + quantize from the browser: the form explains the types, keeps input on errors, the job
// page shows live progress and log, and the size/quality table fills in with real perplexities.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadToolchain } from "../helpers/toolchain";
import { apiCall, signIn } from "./helpers";
import { stackState } from "./stack-state";

test("converts an HF model to F16 + Q4_K_M from the form, with live progress and a quality report", async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const s = stackState();
  const tc = loadToolchain();
  const dir = path.join(s.root, `convert-e2e-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const hfDir = path.join(dir, "smollm2");
  await cp(tc.fixtureHfDir, hfDir, { recursive: true, dereference: true });
  const text = path.join(dir, "heldout.txt");
  await cp(tc.fixtureTextFile, text);
  const { json: imp } = await apiCall("POST", "/models/import", { hostId: s.hostId, path: hfDir, name: "smollm2 e2e" });
  await expect.poll(async () => (await apiCall("GET", `/jobs/${imp.id}`)).json.status, { timeout: 60_000 }).toBe("SUCCEEDED");
  const modelId = (await apiCall("GET", `/jobs/${imp.id}`)).json.result.artifactId as string;

  await signIn(page);
  await page.goto(`${s.baseUrl}/models/${modelId}/convert`);
  const q4 = page.getByTestId("quant-type-Q4_K_M");
  await expect(q4).toContainText("bits/weight");
  await expect(q4).toContainText("expected size");
  await expect(q4).toContainText("most popular download");

  // An IQ type needs calibration text: the form says so and keeps everything as typed.
  await page.getByTestId("quant-type-IQ2_XS").click();
  await expect(page.getByTestId("imatrix-field")).toBeVisible();
  await page.getByTestId("convert-submit").click();
  await expect(page.getByTestId("convert-error")).toContainText("IQ2_XS");
  await page.getByTestId("quant-type-IQ2_XS").click();

  // A server-side refusal shows the API's message and hint without losing input.
  await page.getByTestId("quant-type-Q4_K_M").click();
  await page.getByTestId("convert-evaluate").click();
  await page.getByTestId("convert-evaltext").fill("relative/heldout.txt");
  await page.getByTestId("convert-submit").click();
  await expect(page.getByTestId("convert-error")).toContainText(/absolute/i);
  await expect(page.getByTestId("convert-evaltext")).toHaveValue("relative/heldout.txt");
  await expect(page.locator('[data-testid="quant-type-Q4_K_M"] input')).toBeChecked();

  await page.getByTestId("convert-evaltext").fill(text);
  await page.getByTestId("convert-evalctx").fill("128");
  await page.getByTestId("convert-submit").click();
  await page.waitForURL(/\/jobs\//);
  await expect(page.getByTestId("job-progress")).toBeVisible();
  await expect(page.getByTestId("live-log")).toContainText("convert_hf_to_gguf.py", { timeout: 60_000 });
  await expect(page.getByTestId("live-log")).toContainText("queued 2 follow-up job(s)", { timeout: 4 * 60_000 });

  await expect
    .poll(async () => {
      const r = (await apiCall("GET", `/models/${modelId}/quant-report`)).json as { rows: { precision: string; perplexity: number | null }[] };
      return r.rows.filter((x) => x.perplexity !== null).map((x) => x.precision).sort().join(",");
    }, { timeout: 5 * 60_000, intervals: [2_000] })
    .toBe("F16,Q4_K_M");

  await page.goto(`${s.baseUrl}/models/${modelId}/convert`);
  const rows = page.getByTestId("quant-report-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "F16" })).toHaveAttribute("data-baseline", "true");
  await expect(rows.filter({ hasText: "Q4_K_M" }).locator('[data-part="ppl"]')).toHaveText(/\d+\.\d{3}/);
  await expect(page.getByTestId("quant-chart-point")).toHaveCount(2);
  await expect(page.getByTestId("quant-chart-baseline")).toBeVisible();
});
