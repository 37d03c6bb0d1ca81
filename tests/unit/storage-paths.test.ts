import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveExistingInsideRoots, resolveOutputInsideRoots } from "../../lib/hosts/storage-paths";

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "paths-"));
  root = path.join(base, "root");
  outside = path.join(base, "outside");
  await mkdir(path.join(root, "models"), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(root, "models", "a.gguf"), "x");
  await writeFile(path.join(outside, "secret.gguf"), "x");
  await symlink(path.join(outside, "secret.gguf"), path.join(root, "models", "escape.gguf"));
  await symlink(path.join(outside), path.join(root, "linkdir"));
  await symlink(path.join(root, "models", "a.gguf"), path.join(root, "inner-link.gguf"));
  // A sibling whose name starts with the root's name is not inside it.
  await mkdir(`${root}-evil`, { recursive: true });
  await writeFile(`${root}-evil/x.gguf`, "x");
});

const code = (p: Promise<unknown>) => p.then(() => "ok", (e) => e.code);

describe("resolveExistingInsideRoots", () => {
  it("accepts a file inside a root and a link that stays inside", async () => {
    expect((await resolveExistingInsideRoots(path.join(root, "models", "a.gguf"), [root])).real).toBe(path.join(root, "models", "a.gguf"));
    expect((await resolveExistingInsideRoots(path.join(root, "inner-link.gguf"), [root])).real).toBe(path.join(root, "models", "a.gguf"));
  });

  it("refuses .. escapes, symlink escapes, prefix look-alikes and relative paths", async () => {
    expect(await code(resolveExistingInsideRoots(path.join(root, "..", "outside", "secret.gguf"), [root]))).toBe("path_outside_roots");
    expect(await code(resolveExistingInsideRoots(path.join(root, "models", "escape.gguf"), [root]))).toBe("path_outside_roots");
    expect(await code(resolveExistingInsideRoots(path.join(root, "linkdir", "secret.gguf"), [root]))).toBe("path_outside_roots");
    expect(await code(resolveExistingInsideRoots(`${root}-evil/x.gguf`, [root]))).toBe("path_outside_roots");
    expect(await code(resolveExistingInsideRoots("models/a.gguf", [root]))).toBe("path_not_absolute");
  });

  it("says when the path does not exist, and names the roots when outside", async () => {
    expect(await code(resolveExistingInsideRoots(path.join(root, "nope"), [root]))).toBe("path_not_found");
    const err = await resolveExistingInsideRoots("/etc/passwd", [root]).catch((e) => e);
    expect(err.hint).toContain(root);
  });

  it("says a link leaves the roots without disclosing where it points", async () => {
    const err = await resolveExistingInsideRoots(path.join(root, "models", "escape.gguf"), [root]).catch((e) => e);
    expect(err.message).toBe(`${path.join(root, "models", "escape.gguf")} points outside the storage roots`);
    expect(`${err.message} ${err.hint}`).not.toContain(outside);
    const viaDir = await resolveExistingInsideRoots(path.join(root, "linkdir", "secret.gguf"), [root]).catch((e) => e);
    expect(viaDir.message).not.toContain(outside);
  });

  it("keeps shell metacharacters inert: they are just bytes of a name", async () => {
    const weird = path.join(root, "models", "$(touch pwned); rm -rf ~ `id` | x.gguf");
    await writeFile(weird, "x");
    expect((await resolveExistingInsideRoots(weird, [root])).real).toBe(weird);
  });
});

describe("resolveOutputInsideRoots", () => {
  it("resolves a new file under an existing folder and refuses escapes", async () => {
    expect(await resolveOutputInsideRoots(path.join(root, "models", "new.gguf"), [root])).toBe(path.join(root, "models", "new.gguf"));
    expect(await code(resolveOutputInsideRoots(path.join(root, "linkdir", "new.gguf"), [root]))).toBe("path_outside_roots");
  });
});
