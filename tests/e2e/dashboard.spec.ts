// The dashboard in a real Chromium against the real server, worker, PostgreSQL and Redis.
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiCall, signIn } from "./helpers";
import { stackState } from "./stack-state";

test("sign-in refuses a wrong password, then signs in, and logout ends the session", async ({ page }) => {
  const s = stackState();
  await page.goto(`${s.baseUrl}/jobs`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId("login-email").fill(s.email);
  await page.getByTestId("login-password").fill("wrong password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByText(/wrong/i)).toBeVisible();
  await expect(page.getByTestId("login-email")).toHaveValue(s.email); // nothing lost
  await page.getByTestId("login-password").fill(s.password);
  await page.getByTestId("login-submit").click();
  // Back to the page that asked for sign-in.
  await page.waitForURL(`${s.baseUrl}/jobs`);
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${s.baseUrl}/models`);
  await expect(page).toHaveURL(/\/login/);
});

test("switches between English and Simplified Chinese", async ({ page }) => {
  await signIn(page);
  const nav = page.locator("nav");
  await expect(nav).toContainText("Jobs");
  await page.getByTestId("lang-switch").getByRole("button", { name: "中文" }).click();
  await expect(nav).toContainText("任务");
  await page.reload();
  await expect(nav).toContainText("任务"); // the choice sticks
  await page.getByTestId("lang-switch").getByRole("button", { name: "EN" }).click();
  await expect(nav).toContainText("Jobs");
});

test("imports the real SmolLM2 GGUF through the form and shows its metadata", async ({ page }) => {
  const s = stackState();
  const file = path.join(s.root, `smollm2-e2e-${Date.now()}.gguf`);
  await copyFile(s.fixtureGguf, file);
  await signIn(page);
  await page.goto(`${s.baseUrl}/models/import`);
  await page.getByTestId("import-host").selectOption(s.hostId);
  await page.getByTestId("import-path").fill(file);
  await page.getByTestId("import-name").fill("SmolLM2 via browser");
  await page.getByTestId("import-submit").click();
  await page.waitForURL(/\/jobs\//);
  await expect(page.getByTestId("live-log")).toContainText("registered model", { timeout: 30_000 });
  await expect(page.getByTestId("job-artifact")).toBeVisible();
  await page.getByTestId("job-artifact").first().click();
  await expect(page.getByTestId("model-name")).toContainText("SmolLM2 via browser");
  await expect(page.getByTestId("model-metadata")).toContainText("llama");
  await expect(page.getByTestId("model-metadata")).toContainText("Q4_1");
  await expect(page.getByTestId("chat-template")).toContainText("<|im_start|>");
  await page.goto(`${s.baseUrl}/models`);
  // This run's row: a database kept from an earlier run may hold another with the same name.
  await expect(page.getByTestId("model-row").filter({ hasText: "SmolLM2 via browser" }).filter({ hasText: file })).toBeVisible();
});

test("a path outside the storage roots fails with the reason and a hint", async ({ page }) => {
  const s = stackState();
  await signIn(page);
  await page.goto(`${s.baseUrl}/models/import`);
  await page.getByTestId("import-host").selectOption(s.hostId);
  await page.getByTestId("import-path").fill("/etc/passwd");
  await page.getByTestId("import-submit").click();
  await page.waitForURL(/\/jobs\//);
  await expect(page.getByTestId("failure-code")).toContainText("path_outside_roots");
  await expect(page.getByTestId("failure-hint")).toContainText(s.root);
});

test("the import form keeps its input and shows the API's reason on a bad request", async ({ page }) => {
  const s = stackState();
  await signIn(page);
  await page.goto(`${s.baseUrl}/models/import`);
  await page.getByTestId("import-host").selectOption(s.hostId);
  await page.getByTestId("import-path").fill("relative/path.gguf");
  await page.getByTestId("import-submit").click();
  await expect(page.getByText(/absolute/i).first()).toBeVisible();
  await expect(page.getByTestId("import-path")).toHaveValue("relative/path.gguf");
});

test("the live log streams while the job runs and a reload neither duplicates nor drops lines", async ({ page }) => {
  const s = stackState();
  const lines = 300;
  const { json: job } = await apiCall("POST", "/jobs", { kind: "host.log-burst", hostId: s.hostId, payload: { lines, intervalMs: 15 } });
  await signIn(page);
  await page.goto(`${s.baseUrl}/jobs/${job.id}`);
  const log = page.getByTestId("live-log");
  await expect(log).toContainText(`line 20 of ${lines}`);
  await page.reload(); // a reconnecting browser
  await expect(log).toContainText(`line ${lines} of ${lines}`, { timeout: 30_000 });
  const texts = await page.getByTestId("log-line").allTextContents();
  const numbered = texts.map((t) => /line (\d+) of/.exec(t)?.[1]).filter(Boolean).map(Number);
  expect(numbered).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
});

test("cancels a running job from its page", async ({ page }) => {
  const s = stackState();
  const { json: job } = await apiCall("POST", "/jobs", { kind: "host.log-burst", hostId: s.hostId, payload: { lines: 100000, intervalMs: 20 } });
  await signIn(page);
  await page.goto(`${s.baseUrl}/jobs/${job.id}`);
  await expect(page.getByTestId("live-log")).toContainText("line 5 of");
  await page.getByTestId("cancel-job").click();
  await page.getByTestId("cancel-job-confirm").click();
  await expect.poll(async () => (await apiCall("GET", `/jobs/${job.id}`)).json.status, { timeout: 20_000 }).toBe("CANCELLED");
  await expect(page.getByTestId("cancel-job")).toHaveCount(0);
});

test("hosts page shows the worker online with its inventory", async ({ page }) => {
  const s = stackState();
  await signIn(page);
  await page.goto(`${s.baseUrl}/hosts`);
  const card = page.getByTestId("host-card").filter({ hasText: s.hostName });
  await expect(card.getByTestId("host-status")).toContainText(/online/i);
  await expect(card.getByTestId("host-tools")).toContainText("llama-server");
  await expect(card.getByTestId("host-no-gpu")).toBeVisible();
});
