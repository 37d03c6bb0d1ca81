// The security model as a person meets it in Chromium: pages run under a nonce CSP without a
// single violation, client navigations work, and ?next= cannot leave the dashboard.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { stackState } from "./stack-state";

test("pages run under a nonce-based CSP with no violations, and client navigation still works", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(e.message));
  await signIn(page);
  const res = await page.goto(`${stackState().baseUrl}/jobs`);
  const csp = res!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res!.headers()["referrer-policy"]).toBe("same-origin");
  // A sidebar link is a client navigation (an RSC fetch), which needs the hydrated app.
  await page.locator("nav").getByRole("link", { name: "Models" }).click();
  await page.waitForURL(/\/models$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("?next= only leads to dashboard paths", async ({ page }) => {
  const s = stackState();
  await signIn(page);
  for (const next of ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"]) {
    // A signed-in user is sent on at once, which aborts the navigation to /login itself.
    await page.goto(`${s.baseUrl}/login?next=${next}`).catch(() => undefined);
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.waitForLoadState();
    expect(new URL(page.url()).origin, next).toBe(s.baseUrl);
    await expect(page.getByTestId("current-user"), next).toBeVisible();
  }
  await page.goto(`${s.baseUrl}/login?next=/models`);
  await page.waitForURL(`${s.baseUrl}/models`);
});
