"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { PathPicker } from "@/components/hosts/PathPicker";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { labelClass, selectClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/TextField";
import { formatBytes } from "@/lib/i18n/format";
import { CONVERT_OUTTYPES, OUTTYPE_BYTES_PER_PARAM, type ConvertOuttype } from "@/lib/tools/llama-cpp/convert";
import { AppError } from "@/lib/errors";
import { planConvert } from "@/lib/jobs/kinds/model-convert";
import { planQuantize } from "@/lib/jobs/kinds/model-quantize";
import type { ConversionPlan } from "@/lib/tools/llama-cpp/plan";
import { COMMON_QUANT_TYPES, QUANT_TYPES, findQuantType, isUnquantizedPrecision, type QuantTypeInfo, type QuantTypeName } from "@/lib/tools/llama-cpp/quant-types";
import type { CustomCode } from "@/lib/models/custom-code";

export type ConvertFormModel = {
  id: string;
  name: string;
  kind: "HF_MODEL" | "GGUF" | "LORA_ADAPTER";
  /** dtype for HF models, file type for GGUF. */
  precision: string | null;
  parameterCount: number | null;
  sizeBytes: number;
  /** Real path on the host; the default output location is derived from it. */
  path: string;
  /** The host that holds it: its path fields browse that host. */
  host?: { id: string; name: string };
  /** Python the folder carries (from import); converting then needs an explicit confirmation. */
  customCode?: CustomCode | null;
};

const QUALITY_TONE: Record<string, string> = {
  lossless: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  excellent: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  "very-good": "bg-green-50 text-green-700 ring-green-200",
  good: "bg-lime-50 text-lime-800 ring-lime-200",
  fair: "bg-amber-50 text-amber-800 ring-amber-200",
  poor: "bg-orange-50 text-orange-800 ring-orange-200",
  "very-poor": "bg-red-50 text-red-700 ring-red-200",
};

const POPULAR: QuantTypeName[] = ["Q8_0", "Q5_K_M", "Q4_K_M"];

type Field = "evaltext" | "imatrix" | "output" | "name";
/** Request body keys whose validation messages show at an input of this form. */
const FIELDS: Partial<Record<string, Field>> = { evalTextPath: "evaltext", imatrixDatasetPath: "imatrix", outputPath: "output", name: "name" };

function defaultOutputDir(model: ConvertFormModel): string {
  if (model.kind === "GGUF") return model.path.replace(/\/[^/]*$/, "/");
  const trimmed = model.path.replace(/\/+$/, "");
  return `${trimmed}-gguf/`;
}

/**
 * Convert (HF model) or quantize (GGUF) form. Every type is explained in plain words with its
 * bits per weight, expected size for this model and a quality note; an importance-matrix field
 * appears as soon as a chosen type benefits from one and becomes required for IQ types. POSTs to
 * /api/v1/models/{id}/convert or /quantize; errors keep the input and show message + hint; on
 * success it opens the (first) job page.
 */
export function ConvertForm({ model, defaultEvalTextPath, defaultImatrixTextPath }: { model: ConvertFormModel; defaultEvalTextPath?: string; defaultImatrixTextPath?: string }) {
  const { tr } = useI18n();
  const router = useRouter();
  const isGguf = model.kind === "GGUF";
  const sourceQuantized = isGguf && !isUnquantizedPrecision(model.precision);

  const [outtype, setOuttype] = useState<string>("f16");
  const [selected, setSelected] = useState<QuantTypeName[]>(isGguf ? ["Q4_K_M"] : []);
  const [showAll, setShowAll] = useState(false);
  const [imatrixPath, setImatrixPath] = useState(defaultImatrixTextPath ?? "");
  const [evaluate, setEvaluate] = useState(false);
  const [evalTextPath, setEvalTextPath] = useState(defaultEvalTextPath ?? "");
  const [evalContext, setEvalContext] = useState("512");
  const [evalChunks, setEvalChunks] = useState("");
  const [name, setName] = useState("");
  const [moreOpen, setMoreOpen] = useState(false);
  const [author, setAuthor] = useState("");
  const [description, setDescription] = useState("");
  const [license, setLicense] = useState("");
  const [outputPath, setOutputPath] = useState("");
  const [allowRequantize, setAllowRequantize] = useState(false);
  const [allowCustomCode, setAllowCustomCode] = useState(false);
  const customCode = !isGguf && model.customCode ? model.customCode : null;
  // Stays pending on success: the job page is loading.
  const submit = useApiAction<{ jobs?: { id: string }[]; job?: { id: string } }, Field>({ fields: FIELDS, keepPendingOnSuccess: true });
  const { pending, error, fieldErrors } = submit;

  const planResult = useMemo((): { plan: ConversionPlan | null; error: string | null } => {
    // The kinds' own planning functions, so the preview is the plan the server will make.
    if (isGguf) return { plan: { convertOuttype: "f16", notes: [], ...planQuantize(selected) }, error: null };
    try {
      return { plan: planConvert({ outtype, quantize: selected }, model.precision), error: null };
    } catch (err) {
      return { plan: null, error: err instanceof AppError ? err.message : String(err) };
    }
  }, [isGguf, outtype, selected, model.precision]);
  const plan = planResult.plan;

  const params = model.parameterCount && model.parameterCount > 0 ? model.parameterCount : null;
  const sizeOf = (q: QuantTypeInfo) => (params ? formatBytes((params * q.bitsPerWeight) / 8) : null);
  const convertBytes = params && plan ? params * OUTTYPE_BYTES_PER_PARAM[plan.convertOuttype] : null;
  const totalBytes = params && plan ? (isGguf ? 0 : convertBytes ?? 0) + plan.quantize.reduce((sum, x) => sum + (params * findQuantType(x)!.bitsPerWeight) / 8, 0) : null;
  const wantsImatrix = selected.some((x) => findQuantType(x)!.imatrixRecommended) || !!plan?.needsImatrix || imatrixPath.trim() !== "";
  const visible = QUANT_TYPES.filter((q) => (showAll ? true : !q.advanced && (COMMON_QUANT_TYPES.includes(q.name) || q.family === "i-quant" || selected.includes(q.name))) && (isGguf || q.family !== "float"));

  function toggle(type: QuantTypeName) {
    setSelected((cur) => (cur.includes(type) ? cur.filter((x) => x !== type) : [...cur, type]));
  }

  const clientProblem = (() => {
    if (planResult.error) return planResult.error;
    if (isGguf && selected.length === 0) return tr("convert.chooseType");
    if (plan?.needsImatrix && !imatrixPath.trim()) return tr("convert.imatrixMissing", { types: plan.imatrixRequiredBy.join(", ") });
    if (evaluate && !evalTextPath.trim()) return tr("convert.evalTextMissing");
    if (customCode && !allowCustomCode) return tr("convert.customCodeMissing");
    return null;
  })();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    if (clientProblem) {
      submit.setError({ code: "invalid_input", message: clientProblem });
      return;
    }
    const common: Record<string, unknown> = {};
    if (name.trim()) common.name = name.trim();
    if (outputPath.trim()) common.outputPath = outputPath.trim();
    if (imatrixPath.trim() && wantsImatrix) common.imatrixDatasetPath = imatrixPath.trim();
    if (evaluate) {
      common.evaluate = true;
      common.evalTextPath = evalTextPath.trim();
      const ctx = Number(evalContext);
      if (Number.isInteger(ctx) && ctx > 0) common.evalContextSize = ctx;
      const ch = Number(evalChunks);
      if (evalChunks.trim() && Number.isInteger(ch) && ch > 0) common.evalChunks = ch;
    }
    if (isGguf) {
      const res = await submit.run(`/api/v1/models/${model.id}/quantize`, { method: "POST", body: { ...common, types: selected, allowRequantize } });
      if (res?.jobs) router.push(res.jobs.length === 1 ? `/jobs/${res.jobs[0].id}` : `/jobs?kind=model.quantize`);
    } else {
      const metadata: Record<string, string> = {};
      if (author.trim()) metadata["general.author"] = author.trim();
      if (description.trim()) metadata["general.description"] = description.trim();
      if (license.trim()) metadata["general.license.name"] = license.trim();
      const body = { ...common, outtype, quantize: selected, ...(Object.keys(metadata).length ? { metadata } : {}), ...(customCode ? { allowCustomCode } : {}) };
      const res = await submit.run(`/api/v1/models/${model.id}/convert`, { method: "POST", body });
      if (res?.job) router.push(`/jobs/${res.job.id}`);
    }
  }

  if (model.kind === "LORA_ADAPTER") {
    return <ApiErrorBox error={{ code: "not_hf_model", message: tr("convert.notConvertible") }} testId="convert-not-possible" />;
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,44rem)_minmax(0,1fr)]">
      <form data-testid="convert-form" onSubmit={onSubmit} className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs" noValidate>
        {!isGguf ? (
          <div>
            <label htmlFor="convert-outtype" className={labelClass}>{tr("convert.outtype")}</label>
            <select id="convert-outtype" value={outtype} onChange={(e) => setOuttype(e.target.value)} className={selectClass} data-testid="convert-outtype">
              <optgroup label={tr("convert.outtypeGroupConvert")}>
                {CONVERT_OUTTYPES.map((o) => (
                  <option key={o} value={o}>{tr(`convert.outtype.${o}`)}</option>
                ))}
              </optgroup>
              <optgroup label={tr("convert.outtypeGroupQuant")}>
                {COMMON_QUANT_TYPES.filter((q) => q !== "Q8_0").map((q) => (
                  <option key={q} value={q}>{q}: {tr(findQuantType(q)!.text.summary)}</option>
                ))}
              </optgroup>
            </select>
            <p className="mt-1.5 text-xs text-zinc-500">{tr("convert.outtypeHelp")}</p>
            {plan?.notes.map((n) => (
              <p key={n.code} className="mt-1.5 rounded bg-sky-50 px-2 py-1 text-xs text-sky-800" data-testid="convert-plan-note">{tr(n.key, n.params)}</p>
            ))}
          </div>
        ) : null}

        <fieldset>
          <legend className={labelClass}>{tr("convert.quantTypes")}</legend>
          <p className="mb-2 text-xs text-zinc-500">{tr("convert.quantTypesHelp")}</p>
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200" data-testid="quant-type-list">
            {visible.map((q) => {
              const checked = selected.includes(q.name);
              const size = sizeOf(q);
              return (
                <li key={q.name}>
                  <label className={`flex cursor-pointer gap-3 px-3 py-2 hover:bg-zinc-50 ${checked ? "bg-accent-50/40" : ""}`} data-testid={`quant-type-${q.name}`}>
                    <input type="checkbox" className="mt-1" checked={checked} onChange={() => toggle(q.name)} value={q.name} name="quantize" />
                    <span className="min-w-0 flex-1">
                      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                        <span className="font-mono text-sm font-semibold text-zinc-900">{q.name}</span>
                        <span className="text-xs tabular-nums text-zinc-600">≈{q.bitsPerWeight >= 16 ? q.bitsPerWeight.toFixed(0) : q.bitsPerWeight.toFixed(2)} {tr("convert.bitsPerWeight")}</span>
                        <span className="text-xs tabular-nums text-zinc-600">{size ? `${tr("convert.expectedSize")} ≈${size}` : tr("convert.sizeUnknown")}</span>
                        <span className={`rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${QUALITY_TONE[q.quality]}`}>{tr(`quant.quality.${q.quality}`)}</span>
                        {POPULAR.includes(q.name) ? <span className="rounded bg-zinc-100 px-1.5 py-px text-[11px] text-zinc-600">{tr("convert.recommended")}</span> : null}
                        {q.needsImatrix ? (
                          <span className="rounded bg-violet-50 px-1.5 py-px text-[11px] font-medium text-violet-700 ring-1 ring-inset ring-violet-200">{tr("convert.needsImatrix")}</span>
                        ) : q.imatrixRecommended ? (
                          <span className="rounded bg-violet-50/60 px-1.5 py-px text-[11px] text-violet-600">{tr("convert.imatrixHelps")}</span>
                        ) : null}
                      </span>
                      <span className="mt-0.5 block text-xs text-zinc-600">{tr(q.text.summary)}</span>
                      <span className="block text-[11px] text-zinc-500">{tr(q.text.quality)}</span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={() => setShowAll((v) => !v)} className="mt-2 text-xs font-medium text-accent-700 hover:underline" data-testid="quant-show-all">
            {showAll ? tr("convert.showCommon") : tr("convert.showAll")}
          </button>
        </fieldset>

        {wantsImatrix ? (
          <div data-testid="imatrix-field">
            <TextField
              id="convert-imatrix"
              label={
                <>
                  {tr("convert.imatrix")}
                  {plan?.needsImatrix ? <span className="ml-1 text-red-600">*</span> : <span className="font-normal text-zinc-400"> ({tr("common.optional")})</span>}
                </>
              }
              help={tr("convert.imatrixHelp")}
              error={fieldErrors.imatrix}
              value={imatrixPath}
              onChange={(e) => setImatrixPath(e.target.value)}
              required={plan?.needsImatrix}
              aria-invalid={(plan?.needsImatrix && !imatrixPath.trim()) || fieldErrors.imatrix ? true : undefined}
              placeholder="/data/calibration/wiki.train.txt"
              action={<PathPicker hostId={model.host?.id} hostName={model.host?.name ?? ""} value={imatrixPath} onPick={setImatrixPath} extensions={[".txt"]} fieldLabel={tr("convert.imatrix")} testId="convert-imatrix-browse" />}
              spellCheck={false}
              inputClassName="font-mono text-[13px]"
            />
            {plan?.needsImatrix ? <p className="mt-1 text-xs font-medium text-violet-700">{tr("convert.imatrixRequired", { types: plan.imatrixRequiredBy.join(", ") })}</p> : null}
          </div>
        ) : null}

        <div className="rounded-md border border-zinc-200 p-3">
          <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
            <input type="checkbox" checked={evaluate} onChange={(e) => setEvaluate(e.target.checked)} data-testid="convert-evaluate" />
            {tr("convert.evaluate")}
          </label>
          <p className="mt-1 text-xs text-zinc-500">{tr("convert.evaluateHelp")}</p>
          {evaluate ? (
            <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_9rem_9rem]">
              <TextField id="convert-evaltext" label={tr("convert.evalText")} error={fieldErrors.evaltext} value={evalTextPath} onChange={(e) => setEvalTextPath(e.target.value)} required placeholder="/data/eval/heldout.txt" spellCheck={false} inputClassName="font-mono text-[13px]" action={<PathPicker hostId={model.host?.id} hostName={model.host?.name ?? ""} value={evalTextPath} onPick={setEvalTextPath} extensions={[".txt"]} fieldLabel={tr("convert.evalText")} testId="convert-evaltext-browse" />} />
              <TextField id="convert-evalctx" label={tr("convert.evalContext")} inputMode="numeric" value={evalContext} onChange={(e) => setEvalContext(e.target.value)} />
              <TextField id="convert-evalchunks" label={tr("convert.evalChunks")} inputMode="numeric" value={evalChunks} onChange={(e) => setEvalChunks(e.target.value)} />
            </div>
          ) : null}
        </div>

        {customCode ? (
          <RiskConfirmation
            checked={allowCustomCode}
            onChange={setAllowCustomCode}
            testId="convert-allow-custom-code"
            label={tr("convert.allowCustomCode")}
            help={tr("convert.allowCustomCodeHelp", { files: [...customCode.pythonFiles, ...customCode.autoMap].join(", ") })}
          />
        ) : null}

        {sourceQuantized ? (
          <RiskConfirmation checked={allowRequantize} onChange={setAllowRequantize} testId="convert-allow-requantize" label={tr("convert.allowRequantize")} help={tr("convert.allowRequantizeHelp")} />
        ) : null}

        <div>
          <button type="button" onClick={() => setMoreOpen((v) => !v)} className="text-xs font-medium text-zinc-600 hover:text-zinc-900" aria-expanded={moreOpen} data-testid="convert-more">
            {moreOpen ? "▾" : "▸"} {tr("convert.more")}
          </button>
          {moreOpen ? (
            <div className="mt-3 space-y-3">
              <TextField id="convert-name" label={tr("convert.name")} help={tr("convert.nameHelp")} error={fieldErrors.name} value={name} onChange={(e) => setName(e.target.value)} placeholder={model.name} maxLength={200} />
              {!isGguf ? (
                <div className="grid gap-3 sm:grid-cols-3">
                  <TextField id="convert-author" label={tr("convert.metaAuthor")} value={author} onChange={(e) => setAuthor(e.target.value)} />
                  <TextField id="convert-license" label={tr("convert.metaLicense")} value={license} onChange={(e) => setLicense(e.target.value)} />
                  <TextField id="convert-description" label={tr("convert.metaDescription")} value={description} onChange={(e) => setDescription(e.target.value)} />
                </div>
              ) : null}
              {!isGguf || selected.length <= 1 ? (
                <TextField
                  id="convert-output"
                  label={tr("convert.outputPath")}
                  help={tr("convert.outputPathHelp", { dir: defaultOutputDir(model) })}
                  error={fieldErrors.output}
                  value={outputPath}
                  onChange={(e) => setOutputPath(e.target.value)}
                  placeholder={`${defaultOutputDir(model)}…gguf`}
                  spellCheck={false}
                  inputClassName="font-mono text-[13px]"
                />
              ) : null}
            </div>
          ) : null}
        </div>

        <div className="flex items-center gap-3 pt-1">
          <Button type="submit" variant="primary" disabled={pending} data-testid="convert-submit">
            {pending ? tr("convert.submitting") : isGguf ? tr("convert.submitQuantize") : tr("convert.submitConvert")}
          </Button>
        </div>
      </form>

      <aside className="space-y-3" aria-live="polite">
        {error ? <ApiErrorBox error={error} testId="convert-error" /> : null}
        {plan ? (
          <div className="rounded-lg border border-zinc-200 bg-white p-4 text-sm shadow-xs" data-testid="convert-plan">
            <h2 className="mb-2 text-sm font-semibold text-zinc-900">{tr("convert.plan")}</h2>
            <ol className="list-decimal space-y-1 pl-5 text-zinc-700">
              {!isGguf ? (
                <li>{tr("convert.planConvert", { type: plan.convertOuttype === "auto" ? tr("convert.auto16") : plan.convertOuttype.toUpperCase(), size: convertBytes ? `≈${formatBytes(convertBytes)}` : "?" })}</li>
              ) : null}
              {wantsImatrix && imatrixPath.trim() ? <li>{tr("convert.planImatrix")}</li> : null}
              {plan.quantize.length ? <li>{tr("convert.planQuant", { types: plan.quantize.join(", ") })}</li> : null}
              {evaluate ? <li>{tr("convert.planEval")}</li> : null}
            </ol>
            {totalBytes ? <p className="mt-2 text-xs text-zinc-500">{tr("convert.planDisk", { size: `≈${formatBytes(totalBytes)}` })}</p> : null}
          </div>
        ) : null}
      </aside>
    </div>
  );
}

export type { ConvertOuttype };

/** An amber opt-in the user must tick to go ahead with something risky. */
function RiskConfirmation({ checked, onChange, testId, label, help }: { checked: boolean; onChange: (v: boolean) => void; testId: string; label: string; help: string }) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-3">
      <label className="flex items-center gap-2 text-sm font-medium text-amber-900">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {label}
      </label>
      <p className="mt-1 text-xs text-amber-800">{help}</p>
    </div>
  );
}
