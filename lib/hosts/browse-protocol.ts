import { z } from "zod";

// What the web server and a host's worker say to each other over Redis when someone browses the
// host's storage roots. The web server may not share the host's file system, so only the worker
// can list it; both sides parse every message with these schemas, since either may be a
// different version of this code.

/** A listing never holds more entries than this; `truncated` says that more were there. */
export const BROWSE_ENTRY_LIMIT = 1000;

/** Request ids are random hex; the reply key is derived from the id on both sides, never sent. */
const RequestId = z.string().regex(/^[0-9a-f]{32}$/);

export const browseRequestKey = (prefix: string, hostId: string) => `${prefix}:browse:${hostId}`;
export const browseReplyKey = (prefix: string, id: string) => `${prefix}:browse:reply:${id}`;

export const BrowseRequestSchema = z.object({
  id: RequestId,
  /** null: the storage roots themselves. */
  path: z.string().nullable(),
  /** Epoch ms after which nobody waits for the answer: a worker that starts late skips it. */
  deadline: z.number(),
});
export type BrowseRequest = z.infer<typeof BrowseRequestSchema>;

const DateTime = z.string().meta({ format: "date-time" });

export const BrowseEntrySchema = z
  .object({
    name: z.string(),
    /** Absolute path on the host, as the job forms take it. */
    path: z.string(),
    /**
     * "other": a link that leaves the roots, a broken link or loop, a pipe, socket or device.
     * None of them can be opened as a job's input, so the picker shows them but never offers them.
     */
    type: z.enum(["dir", "file", "other"]),
    sizeBytes: z.number().nullable(),
    modifiedAt: DateTime.nullable(),
    /** A link whose target lies outside the storage roots; where it points is not disclosed. */
    outside: z.boolean().optional(),
  })
  .meta({ id: "HostBrowseEntry" });
export type BrowseEntry = z.infer<typeof BrowseEntrySchema>;

export const BrowseListingSchema = z
  .object({
    /** The folder listed (lexically normalised), or null for the storage roots. */
    path: z.string().nullable(),
    /** One level up, or null when `path` is a root (up is the list of roots) or is the root list. */
    parent: z.string().nullable(),
    /** The host's storage roots, as its worker is configured. */
    roots: z.array(z.string()),
    entries: z.array(BrowseEntrySchema),
    /** More entries than BROWSE_ENTRY_LIMIT were there; only the first ones read are listed. */
    truncated: z.boolean(),
  })
  .meta({ id: "HostBrowseListing" });
export type BrowseListing = z.infer<typeof BrowseListingSchema>;

export const BrowseFailureSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

export const BrowseReplySchema = z.discriminatedUnion("ok", [
  z.object({ id: RequestId, ok: z.literal(true), listing: BrowseListingSchema }),
  z.object({ id: RequestId, ok: z.literal(false), error: BrowseFailureSchema }),
]);
export type BrowseReply = z.infer<typeof BrowseReplySchema>;
