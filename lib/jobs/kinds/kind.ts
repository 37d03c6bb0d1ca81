import type { z } from "zod";
import { t, type MessageKey, type Vars } from "../../i18n";
import type { QueueKind } from "../../queue/names";
import type { ResourceNeeds } from "../resources";

/** Text for the UI as a key + params (lib/i18n); `englishText` renders it for rows and logs. */
export type Message = { key: MessageKey; params: Vars };
export const englishText = (m: Message) => t("en")(m.key, m.params);

/**
 * A registered artifact as `prepare` reads it: a model row from the database, passed in by the
 * caller (route or handler), so every check and plan runs without one and in unit tests.
 */
export type SourceModel = {
  id: string;
  name: string;
  kind: "HF_MODEL" | "GGUF" | "LORA_ADAPTER";
  hostId: string;
  precision: string | null;
  metadata: unknown;
};

/** What `prepare` hands to `createJobs`: where the jobs run and one payload per job, in order. */
export type Prepared<P> = { hostId: string; payloads: P[] };

/**
 * What every job kind declares in its module (`lib/jobs/kinds/<kind>.ts`). A kind with a route of
 * its own adds `input` and `prepare(input, context)`: the one place where a request is checked
 * against the stored state and planned into payloads, called by the route, by a handler that
 * queues the kind as a child, and (its pure planning part) by the form's preview. Refusals are
 * AppErrors with the HTTP status a route answers; a worker stores the same error as the failure.
 * Methods, not function properties, so each kind's own payload type still fits this shape.
 */
export type JobKindSpec<S extends z.ZodType = z.ZodType> = {
  name: string;
  /** The queue it is delivered on (lib/queue/names). */
  queue: QueueKind;
  /** What the row stores and the handler receives, parsed before the handler runs. */
  payload: S;
  /** The API body of the kind's own route (lib/api/operations.ts documents it from here). */
  input?: z.ZodType;
  /** Validates `input` against the stored state (the context) and plans the payloads. */
  prepare?(input: never, context: never): Prepared<z.input<S>>;
  /** The job's title; stored on the row in English at creation. */
  title(p: z.output<S>): Message;
  /** GPUs, memory, exclusive use: recorded on the row at creation, read by the claim. */
  resources(p: z.output<S>): ResourceNeeds;
};
