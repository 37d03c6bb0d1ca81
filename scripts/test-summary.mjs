// Prints one closing line over both runners: "tests: N passed, N failed".
import { readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
try {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} catch {
  console.error(`no vitest results at ${vitestFile}`);
  failed++;
}
try {
  const p = JSON.parse(readFileSync(playwrightFile, "utf8"));
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky + p.stats.skipped;
} catch {
  console.error(`no Playwright results at ${playwrightFile}`);
  failed++;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
