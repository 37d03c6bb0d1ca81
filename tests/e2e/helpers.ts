import type { Page } from "@playwright/test";
import { stackState } from "./stack-state";

export async function signIn(page: Page) {
  const s = stackState();
  await page.goto(`${s.baseUrl}/login`);
  await page.getByTestId("login-email").fill(s.email);
  await page.getByTestId("login-password").fill(s.password);
  await page.getByTestId("login-password").press("Enter");
  await page.waitForURL(`${s.baseUrl}/`);
}

export async function apiCall(method: string, route: string, body?: unknown) {
  const s = stackState();
  const res = await fetch(`${s.baseUrl}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${s.apiToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
