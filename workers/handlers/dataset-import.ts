import path from "node:path";
import { parseDatasetInfoJson, detectDatasetInfoEntry, type DatasetInfoEntry } from "../../lib/datasets/dataset-info";
import { decodeDatasetFile } from "../../lib/datasets/read-rows";
import { validateDataset, type RowError } from "../../lib/datasets/validate";
import { registerDataset } from "../../lib/dataset-records/register-dataset";
import { JobError } from "../../lib/errors";
import { openConfined, readConfinedText, READ_CAPS } from "../../lib/hosts/confined-read";
import { resolveExistingInsideRoots } from "../../lib/hosts/storage-paths";
import type { DatasetImportPayload } from "../../lib/jobs/kinds/dataset-import";
import type { JobContext } from "../job-context";
import { writeUploadIntoRoot } from "./datasets/write-upload";

/** Datasets are read whole to validate every row; beyond this, split the file. */
const MAX_DATASET_BYTES = 512 << 20;
const ERRORS_IN_MESSAGE = 5;
const ERRORS_IN_LOG = 200;

const rowErrorText = (e: RowError) => `row ${e.row}${e.field ? `, ${e.field}` : ""}: ${e.problem}`;

/** dataset.import: validate every row as LLaMA-Factory would read it, then register the file. */
export async function handleDatasetImport(ctx: JobContext<DatasetImportPayload>) {
  const p = ctx.payload;
  ctx.progress(0.02, "locating the file", true);
  const file = p.uploadId
    ? await writeUploadIntoRoot(ctx, p.uploadId, p.fileName ?? "upload.json")
    : (await resolveExistingInsideRoots(p.path!, ctx.host.storageRoots)).real;

  const infoFile = await datasetInfoFileOf(file, ctx.host.storageRoots);
  if (infoFile) return importDatasetInfo(ctx, infoFile);
  const one = await importOne(ctx, file, p.entry, p.name, [0.3, 0.98]);
  ctx.progress(1, "done", true);
  return { datasets: [one] };
}

/** A dataset_info.json, or a folder holding one (LLaMA-Factory's `dataset_dir`). */
async function datasetInfoFileOf(file: string, roots: string[]): Promise<string | null> {
  if (path.basename(file) === "dataset_info.json") return file;
  const st = await resolveExistingInsideRoots(file, roots);
  if (!st.isDirectory) return null;
  const inner = path.join(st.real, "dataset_info.json");
  try {
    return (await resolveExistingInsideRoots(inner, roots)).real;
  } catch {
    throw new JobError("not_a_dataset", `${file} is a folder without a dataset_info.json`, "Pick a .json/.jsonl file, or a LLaMA-Factory data folder with its dataset_info.json.");
  }
}

/** Registers every local file the dataset_info.json names (or the chosen names), as LLaMA-Factory resolves them. */
async function importDatasetInfo(ctx: JobContext<DatasetImportPayload>, infoFile: string) {
  const parsed = parseDatasetInfoJson(await readConfinedText(infoFile, { roots: ctx.host.storageRoots, maxBytes: READ_CAPS.jsonConfig }));
  if ("error" in parsed) throw new JobError("invalid_dataset_info", `${infoFile}: ${parsed.error}`, "Fix dataset_info.json; LLaMA-Factory reads the same file.");
  const wanted = ctx.payload.names;
  const all = Object.entries(parsed.entries);
  for (const n of wanted ?? []) {
    if (!parsed.entries[n]) throw new JobError("dataset_not_in_info", `Undefined dataset ${n} in dataset_info.json.`, `Choose from: ${Object.keys(parsed.entries).join(", ")}`);
  }
  const chosen = all.filter(([name, e]) => (wanted ? wanted.includes(name) : !!e.file_name));
  const remote = chosen.filter(([, e]) => !e.file_name);
  for (const [name] of remote) ctx.log(`skipped ${name}: it names no local file_name (hub datasets are not downloaded by Modelyard)`);
  const local = chosen.filter(([, e]) => !!e.file_name);
  if (!local.length) throw new JobError("no_local_datasets", `${infoFile} names no local dataset files`, "Add entries with file_name, or register the files directly.");
  const dir = path.dirname(infoFile);
  const out = [];
  const failed: string[] = [];
  for (const [i, [name, entry]] of local.entries()) {
    const span: [number, number] = [0.05 + (0.9 * i) / local.length, 0.05 + (0.9 * (i + 1)) / local.length];
    try {
      out.push(await importOne(ctx, path.join(dir, entry.file_name!), entry, name, span));
    } catch (err) {
      failed.push(`${name}: ${(err as Error).message}`);
      ctx.log(`error: ${name}: ${(err as Error).message}`);
    }
  }
  if (!out.length) throw new JobError("no_valid_datasets", `None of the ${local.length} datasets could be registered: ${failed.slice(0, 3).join("; ")}`, "See the log for each dataset's errors.");
  if (failed.length) ctx.log(`${failed.length} of ${local.length} datasets were not registered (see above)`);
  ctx.progress(1, "done", true);
  return { datasets: out, failed };
}

/** The whole file, read through the confined open (every row is checked). */
export async function readDatasetBytes(file: string, roots: string[]): Promise<{ bytes: Buffer; real: string }> {
  const handle = await openConfined(file, { roots, maxBytes: MAX_DATASET_BYTES });
  try {
    return { bytes: await handle.handle.readFile(), real: handle.real };
  } finally {
    await handle.handle.close();
  }
}

async function importOne(ctx: JobContext<DatasetImportPayload>, file: string, given: Omit<DatasetInfoEntry, "file_name"> | undefined, name: string | undefined, span: [number, number]) {
  const { bytes, real } = await readDatasetBytes(file, ctx.host.storageRoots);
  const fileName = path.basename(real);
  ctx.progress(span[0], `reading ${fileName}`, true);
  const decoded = decodeDatasetFile(bytes, fileName);
  if (!decoded.ok) {
    for (const e of decoded.errors.slice(0, ERRORS_IN_LOG)) ctx.log(`error: ${rowErrorText(e)}`);
    throw new JobError("invalid_dataset_file", `${fileName}: ${decoded.errors.slice(0, ERRORS_IN_MESSAGE).map(rowErrorText).join("; ")}`, "Fix the file at the rows named and register it again.");
  }
  const detected = given ? null : detectDatasetInfoEntry(decoded.rows, fileName);
  if (!given && !detected) {
    throw new JobError("format_unknown", `Could not tell the format of ${fileName} from its rows`, "Choose the format and column mapping (alpaca, sharegpt, preference, kto or pretrain) when registering it.");
  }
  const entry: DatasetInfoEntry = { ...(given ?? detected!.entry), file_name: fileName };
  ctx.log(`${fileName}: ${decoded.rows.length} rows, formatting ${entry.formatting ?? "alpaca"}${given ? "" : " (detected)"}`);
  const report = validateDataset(decoded.rows, entry, { rowNumbers: decoded.lines });
  for (const w of report.warnings) ctx.log(`warning: ${w}`);
  for (const e of report.errors.slice(0, ERRORS_IN_LOG)) ctx.log(`row error: ${rowErrorText(e)}`);
  ctx.log(`${report.validRows} of ${report.rows} rows valid (${report.errorCount} errors); purpose ${report.purpose}`);
  if (report.validRows === 0) {
    throw new JobError(
      "no_valid_rows",
      `No row of ${fileName} is valid as LLaMA-Factory reads it (it would stop with "Cannot find valid samples"): ${report.errors.slice(0, ERRORS_IN_MESSAGE).map(rowErrorText).join("; ")}`,
      "Check the format and column mapping against the rows, or fix the rows named.",
    );
  }
  ctx.progress(span[1], `registering ${fileName}`, true);
  const ds = await registerDataset({
    name: name ?? ctx.payload.name ?? fileName.replace(/\.(jsonl?|JSONL?)$/, ""),
    hostId: ctx.host.id,
    path: real,
    sizeBytes: bytes.byteLength,
    entry,
    report,
    sourceJobId: ctx.job.id,
    createdById: ctx.job.createdById,
  });
  ctx.log(`registered dataset ${ds.id}`);
  return { datasetId: ds.id, rows: report.rows, validRows: report.validRows, errorCount: report.errorCount };
}
