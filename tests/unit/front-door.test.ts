import { describe, expect, it } from "vitest";
import { frontDoorAnswer } from "../../lib/http/front-door";

describe("frontDoorAnswer", () => {
  it("passes declared API methods and page GETs on to Next", () => {
    expect(frontDoorAnswer("GET", "/api/v1/jobs?limit=5")).toBeNull();
    expect(frontDoorAnswer("POST", "/api/v1/jobs")).toBeNull();
    expect(frontDoorAnswer("HEAD", "/api/v1/jobs/abc")).toBeNull();
    expect(frontDoorAnswer("DELETE", "/api/v1/tokens/abc")).toBeNull();
    expect(frontDoorAnswer("POST", "/api/auth/login")).toBeNull();
    expect(frontDoorAnswer("GET", "/models/abc")).toBeNull();
  });

  it("answers undeclared API methods with 405 and the path's Allow", () => {
    expect(frontDoorAnswer("PUT", "/api/v1/jobs")).toMatchObject({ status: 405, headers: { allow: "GET, POST, HEAD" }, body: { code: "method_not_allowed" } });
    expect(frontDoorAnswer("GET", "/api/v1/models/import")).toMatchObject({ status: 405, headers: { allow: "POST" } });
    expect(frontDoorAnswer("TRACE", "/api/v1/jobs/x1")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
  });

  it("answers methods the Fetch API cannot carry on pages with 405", () => {
    for (const m of ["TRACE", "CONNECT", "TRACK", "PROPFIND"]) expect(frontDoorAnswer(m, "/jobs")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
  });

  it("answers unknown API paths with a JSON 404 and OPTIONS with the Allow list", () => {
    expect(frontDoorAnswer("GET", "/api/v1/nope")).toMatchObject({ status: 404, body: { code: "no_such_route" } });
    expect(frontDoorAnswer("GET", "/api/other")).toMatchObject({ status: 404 });
    expect(frontDoorAnswer("OPTIONS", "/api/v1/tokens")).toEqual({ status: 204, headers: { allow: "GET, POST, HEAD" } });
  });
});
