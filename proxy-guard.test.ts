import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionBodyProblem } from "./proxy-guard";

describe("actionBodyProblem", () => {
  it("lets through what the browser's encodeReply sends for plain arguments", () => {
    for (const body of ['[{"projectId":"p","name":"$$dollar"}]', "[]", '["$undefined"]', '[{"n":"$NaN","m":"$-0","i":"$-Infinity"}]']) {
      expect(actionBodyProblem(body)).toBeNull();
    }
  });

  it("refuses bodies Next.js could not decode", () => {
    for (const body of ["", "{not json", "5", '{"a":1}', '"$5"', '["$1"]', '[{"a":"$Q2"}]', '["$h"]', '["$@1"]', '["$n1x"]', "[".repeat(40) + "]".repeat(40)]) {
      expect(actionBodyProblem(body), body).toBe("invalid_request");
    }
  });

  it("refuses bodies over 64 KiB, counted in bytes", () => {
    expect(actionBodyProblem(JSON.stringify(["é".repeat(ACTION_BODY_LIMIT_BYTES / 2)]))).toBe("payload_too_large");
    expect(actionBodyProblem(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT_BYTES - 10)]))).toBeNull();
  });
});
