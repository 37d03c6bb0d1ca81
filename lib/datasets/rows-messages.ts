import type { EffectiveTags } from "./entry-schema";
import { readKtoTag } from "./rows-alpaca";
import {
  checkMedia, functionCallProblem, isObject, quoteList, readSystem, readTools, typeName,
  type FieldProblem, type Row, type RowContext, type RowOutcome,
} from "./row-common";
import type { NormalizedSample, SampleRole } from "./types";

type Aligned = { role: SampleRole; content: string; index: number };

const OPENAI_TAGS_HINT = 'tags {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant", "system_tag": "system"}';
const SHAREGPT_TAGS_HINT = 'LF\'s default tags (leave "tags" out: from/value/human/gpt)';

function tagRoles(tags: EffectiveTags): Map<string, SampleRole | "system"> {
  const m = new Map<string, SampleRole | "system">();
  // Same insertion order as LF's tag_mapping dict, so a tag reused for two roles resolves alike.
  const pairs: [string | null, SampleRole | "system"][] = [
    [tags.user_tag, "user"], [tags.assistant_tag, "assistant"], [tags.observation_tag, "observation"],
    [tags.function_tag, "function"], [tags.system_tag, "system"],
  ];
  for (const [tag, role] of pairs) if (tag) m.set(tag, role);
  return m;
}

function styleHint(msg: Row, tags: EffectiveTags): string {
  if (tags.role_tag !== "role" && "role" in msg) return `; this file uses role/content messages: set ${OPENAI_TAGS_HINT}`;
  if (tags.role_tag !== "from" && "from" in msg) return `; this file uses from/value messages: use ${SHAREGPT_TAGS_HINT}`;
  return "";
}

function describeRoles(tags: EffectiveTags): string {
  const parts = [
    [tags.user_tag, "user"], [tags.assistant_tag, "assistant"], [tags.observation_tag, "tool result"],
    [tags.function_tag, "tool call"], [tags.system_tag, "system, first message only"],
  ].filter(([t]) => t).map(([t, what]) => `"${t}" (${what})`);
  return parts.join(", ");
}

function roleProblem(role: string, turn: number, afterSystem: boolean, tags: EffectiveTags): string {
  const known = tagRoles(tags);
  if (!known.has(role)) {
    if (role === "system" && !tags.system_tag) {
      return '"system" is not a role of this entry: add "system_tag": "system" to tags (a "tags" object drops every tag it does not name)';
    }
    const otherStyle = ["user", "assistant", "tool", "system"].includes(role) && tags.user_tag !== "user"
      ? `; for OpenAI-style roles set ${OPENAI_TAGS_HINT}`
      : ["human", "gpt"].includes(role) && tags.user_tag !== "human" ? `; for sharegpt roles use ${SHAREGPT_TAGS_HINT}` : "";
    return `"${role}" is not a role of this entry; allowed: ${describeRoles(tags)}${otherStyle}`;
  }
  if (known.get(role) === "system") return `"${role}" (system) is only allowed as the first message`;
  const odd = [tags.user_tag, tags.observation_tag].filter(Boolean).join("/");
  const even = [tags.assistant_tag, tags.function_tag].filter(Boolean).join("/");
  return `"${role}" cannot be turn ${turn + 1}${afterSystem ? " after the system message" : ""}: turns must alternate ${odd} (1st, 3rd, …) and ${even} (2nd, 4th, …)`;
}

/** Shape of every message before any order rule: LF would crash with a KeyError on these. */
function checkShapes(list: unknown[], col: string, ctx: RowContext, out: FieldProblem[]): void {
  const { role_tag, content_tag } = ctx.tags;
  if (!role_tag || !content_tag) {
    out.push({ field: "tags", problem: "the entry's tags lack role_tag or content_tag: LF needs both to read messages" });
    return;
  }
  list.forEach((m, i) => {
    const path = `${col}[${i}]`;
    if (!isObject(m)) {
      out.push({ field: path, problem: `must be a message object like {"${role_tag}": "${ctx.tags.user_tag ?? "user"}", "${content_tag}": "..."}, not ${typeName(m)}` });
      return;
    }
    if (typeof m[role_tag] !== "string") {
      out.push({ field: `${path}.${role_tag}`, problem: `is ${typeName(m[role_tag])}: each message needs a "${role_tag}" string${styleHint(m, ctx.tags)}` });
      return;
    }
    const toolCalls = ctx.formatting === "openai" && Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
    if (typeof m[content_tag] !== "string" && !toolCalls) {
      out.push({ field: `${path}.${content_tag}`, problem: `is ${typeName(m[content_tag])}: each message needs a "${content_tag}" string${styleHint(m, ctx.tags)}` });
    }
  });
}

/** sharegpt: every message keeps its place; the role must fit the turn's parity. */
function alignSharegpt(list: Row[], start: number, col: string, ctx: RowContext, out: FieldProblem[]): Aligned[] {
  const { tags } = ctx;
  const roles = tagRoles(tags);
  const odd = [tags.user_tag, tags.observation_tag];
  const even = [tags.assistant_tag, tags.function_tag];
  const aligned: Aligned[] = [];
  for (let i = start; i < list.length; i++) {
    const role = list[i][tags.role_tag!] as string;
    const turn = i - start;
    if (!(turn % 2 === 0 ? odd : even).includes(role)) {
      out.push({ field: `${col}[${i}].${tags.role_tag}`, problem: roleProblem(role, turn, start > 0, tags) });
      return aligned;
    }
    aligned.push({ role: roles.get(role) as SampleRole, content: list[i][tags.content_tag!] as string, index: i });
  }
  return aligned;
}

/**
 * openai: tool_calls turn an assistant message into a function turn, consecutive tool results merge
 * into one observation, and trailing tool results are dropped, all before the parity rule applies.
 */
function alignOpenai(list: Row[], start: number, col: string, ctx: RowContext, out: FieldProblem[]): Aligned[] {
  const { tags } = ctx;
  const roles = tagRoles(tags);
  const aligned: Aligned[] = [];
  let pending: { content: string; index: number }[] = [];
  for (let i = start; i < list.length; i++) {
    const m = list[i];
    let role = m[tags.role_tag!] as string;
    let content = m[tags.content_tag!] as string;
    const calls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
    if ((role === tags.assistant_tag || role === tags.function_tag) && calls.length > 0) {
      const bad = calls.findIndex((c) => !isObject(c) || !isObject(c.function) || typeof c.function.name !== "string");
      if (bad >= 0) {
        out.push({ field: `${col}[${i}].tool_calls[${bad}]`, problem: 'must be {"type": "function", "function": {"name": ..., "arguments": ...}}' });
        return aligned;
      }
      if (!tags.function_tag) {
        out.push({ field: `${col}[${i}].tool_calls`, problem: 'tool calls need a function tag: add "function_tag": "function_call" to tags' });
        return aligned;
      }
      content = JSON.stringify(calls.map((c) => (c as Row).function));
      role = tags.function_tag;
    }
    if (tags.observation_tag && role === tags.observation_tag) {
      pending.push({ content, index: i });
      continue;
    }
    if (pending.length > 0) {
      aligned.push({ role: "observation", content: pending.map((p) => p.content).join("\n</tool_response>\n<tool_response>\n"), index: pending[0].index });
      pending = [];
    }
    const mapped = roles.get(role);
    if (!mapped) {
      out.push({ field: `${col}[${i}].${tags.role_tag}`, problem: roleProblem(role, aligned.length, start > 0, tags) });
      return aligned;
    }
    aligned.push({ role: mapped as SampleRole, content, index: i });
  }
  const odd: string[] = ["user", "observation"];
  for (let t = 0; t < aligned.length; t++) {
    const ok = t % 2 === 0 ? odd.includes(aligned[t].role) : !odd.includes(aligned[t].role) && (aligned[t].role as string) !== "system";
    if (!ok) {
      const role = list[aligned[t].index][tags.role_tag!] as string;
      out.push({ field: `${col}[${aligned[t].index}].${tags.role_tag}`, problem: roleProblem(role, t, start > 0, tags) });
      return aligned.slice(0, t);
    }
  }
  return aligned;
}

function checkCount(aligned: Aligned[], col: string, ctx: RowContext, out: FieldProblem[]): void {
  const { tags } = ctx;
  const odd = [tags.user_tag, tags.observation_tag].filter(Boolean).join("/");
  const even = [tags.assistant_tag, tags.function_tag].filter(Boolean).join("/");
  if (ctx.ranking) {
    if (aligned.length % 2 === 1) return;
    out.push({ field: col, problem: aligned.length === 0
      ? `has no user message: a preference conversation ends on a ${odd} turn`
      : `ends on a ${even} turn: a preference conversation must end on a ${odd} turn; the answers go in "chosen" and "rejected"` });
    return;
  }
  if (aligned.length === 0) out.push({ field: col, problem: "has no conversation turns: add a user message and the assistant's reply" });
  else if (aligned.length % 2 === 1) out.push({ field: col, problem: `ends on a ${odd} turn: the conversation must end with the assistant's reply (${even})` });
}

function readAnswer(row: Row, name: string | null, key: "chosen" | "rejected", ctx: RowContext, out: FieldProblem[]): string | undefined {
  const { tags } = ctx;
  if (!name) {
    out.push({ field: key, problem: `the entry names no ${key} column: set columns.${key}` });
    return undefined;
  }
  const v = row[name];
  const like = `{"${tags.role_tag}": "${tags.assistant_tag}", "${tags.content_tag}": "..."}`;
  if (!isObject(v)) {
    out.push({ field: name, problem: `is ${typeName(v)}: it must be one assistant message like ${like}` });
    return undefined;
  }
  const role = v[tags.role_tag!];
  if (typeof role !== "string" || ![tags.assistant_tag, tags.function_tag].includes(role)) {
    out.push({ field: `${name}.${tags.role_tag}`, problem: `must be ${quoteList([tags.assistant_tag, tags.function_tag].filter((t): t is string => !!t))} (an assistant reply), not ${typeof role === "string" ? `"${role}"` : typeName(role)}` });
    return undefined;
  }
  const content = v[tags.content_tag!];
  if (typeof content !== "string" || content.trim() === "") {
    out.push({ field: `${name}.${tags.content_tag}`, problem: `is ${typeof content === "string" ? "empty" : typeName(content)}: write the ${key === "chosen" ? "preferred" : "worse"} answer` });
    return undefined;
  }
  if (role === tags.function_tag) {
    const p = functionCallProblem(content);
    if (p) out.push({ field: `${name}.${tags.content_tag}`, problem: p });
  }
  return content;
}

export function checkMessagesRow(row: Row, ctx: RowContext): RowOutcome {
  const problems: FieldProblem[] = [];
  const { cols, tags } = ctx;
  const col = cols.messages;
  if (!col) return { problems: [{ field: "messages", problem: "the entry names no messages column: set columns.messages" }] };
  const list = row[col];
  if (!Array.isArray(list)) {
    const like = `[{"${tags.role_tag}": "${tags.user_tag}", "${tags.content_tag}": "..."}, ...]`;
    const what = list === undefined ? `is missing: every row needs "${col}"` : `is ${typeName(list)}: it must be`;
    return { problems: [{ field: col, problem: `${what} a list of messages like ${like}` }] };
  }
  checkShapes(list, col, ctx, problems);
  if (problems.length > 0) return { problems };
  const msgs = list as Row[];

  const leadingSystem = !!tags.system_tag && msgs.length > 0 && msgs[0][tags.role_tag!] === tags.system_tag;
  const system = leadingSystem ? (msgs[0][tags.content_tag!] as string) || undefined : readSystem(row, cols, problems);
  const start = leadingSystem ? 1 : 0;
  const aligned = (ctx.formatting === "openai" ? alignOpenai : alignSharegpt)(msgs, start, col, ctx, problems);
  if (problems.length > 0) return { problems };
  checkCount(aligned, col, ctx, problems);

  for (const a of aligned) {
    const p = a.role === "function" && !(ctx.formatting === "openai" && Array.isArray(msgs[a.index].tool_calls)) ? functionCallProblem(a.content) : null;
    if (p) problems.push({ field: `${col}[${a.index}].${tags.content_tag}`, problem: p });
  }

  const sample: NormalizedSample = { messages: aligned.map(({ role, content }) => ({ role, content })) };
  if (ctx.ranking) {
    sample.chosen = readAnswer(row, cols.chosen, "chosen", ctx, problems);
    sample.rejected = readAnswer(row, cols.rejected, "rejected", ctx, problems);
  } else {
    const last = aligned[aligned.length - 1];
    if (last && last.content.trim() === "" && aligned.length % 2 === 0) {
      problems.push({ field: `${col}[${last.index}].${tags.content_tag}`, problem: "is empty: the final assistant reply is what the model learns; write it" });
    }
    if (ctx.purpose === "kto") sample.kto = readKtoTag(row, cols.kto_tag, problems);
  }
  if (system) sample.system = system;
  sample.tools = readTools(row, ctx, problems);
  checkMedia(row, cols, sample, problems);
  return problems.length > 0 ? { problems } : { problems, sample };
}
