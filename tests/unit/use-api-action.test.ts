import { describe, expect, it } from "vitest";
import { explainApiError, toApiErrorBody } from "@/components/api/explain-api-error";
import { ApiCallError, type ApiErrorBody } from "@/components/api/fetch-json";

// What apiRoute answers for a body that fails its zod schema (lib/api/handler.ts).
const validation: ApiErrorBody = {
  code: "validation_failed",
  message: "Invalid body: evalTextPath: must be an absolute path; metadata.general.author: too long",
  hint: "Fix the listed fields and resend.",
  details: [
    { code: "custom", path: ["evalTextPath"], message: "must be an absolute path" },
    { code: "custom", path: ["evalTextPath"], message: "second issue on the same field" },
    { code: "too_big", path: ["metadata", "general.author"], message: "too long" },
    { code: "custom", path: [], message: "whole-body issue" },
  ],
};

describe("explainApiError", () => {
  it("puts zod issues at the fields the form shows, first issue per field, and keeps the box", () => {
    const r = explainApiError(validation, { fields: { evalTextPath: "evaltext", outputPath: "output" } });
    expect(r.fieldErrors).toEqual({ evaltext: "must be an absolute path" });
    expect(r.error).toBe(validation);
  });

  it("shows field errors only where asked", () => {
    expect(explainApiError(validation).fieldErrors).toEqual({});
    expect(explainApiError({ code: "x", message: "m", details: "not issues" }, { fields: { a: "a" } }).fieldErrors).toEqual({});
    expect(explainApiError({ code: "x", message: "m", details: [null, { path: "a", message: 1 }] }, { fields: { a: "a" } }).fieldErrors).toEqual({});
  });

  it("moves an error that is about one field to that field, in the form's words, without the box", () => {
    const r = explainApiError(
      { code: "wrong_current_password", message: "The current password is wrong" },
      { fieldCodes: { wrong_current_password: { field: "current", message: "Das Passwort stimmt nicht" } } },
    );
    expect(r).toEqual({ error: null, fieldErrors: { current: "Das Passwort stimmt nicht" } });
  });

  it("lets the form rewrite the box's error (sign-in's lock message)", () => {
    const locked: ApiErrorBody = { code: "account_locked", message: "locked", details: { retryAfterSeconds: 90 } };
    const r = explainApiError(locked, { mapError: (e) => ({ ...e, message: `${e.message}, 90 s` }) });
    expect(r.error).toEqual({ ...locked, message: "locked, 90 s" });
  });
});

describe("toApiErrorBody", () => {
  it("keeps the server's code, message and hint, and turns anything else into a message", () => {
    const body = { code: "path_outside_roots", message: "outside", hint: "inside please" };
    expect(toApiErrorBody(new ApiCallError(400, body))).toBe(body);
    expect(toApiErrorBody(new TypeError("x is undefined"))).toEqual({ code: "error", message: "x is undefined" });
    expect(toApiErrorBody("plain")).toEqual({ code: "error", message: "plain" });
  });
});
