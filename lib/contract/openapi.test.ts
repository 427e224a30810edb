import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { operations } from "./openapi-view";
import { ERROR_CODES, type ErrorCode } from "../errors";

/** Every `properties` entry anywhere in the document, as `path → schema`. */
function properties(node: unknown, path: string, found: Map<string, Record<string, unknown>>) {
  if (typeof node !== "object" || node === null) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      for (const [name, schema] of Object.entries(value)) {
        found.set(`${path}.${name}`, schema as Record<string, unknown>);
        properties(schema, `${path}.${name}`, found);
      }
    } else if (key !== "examples" && key !== "example") {
      properties(value, key === "items" ? `${path}[]` : `${path}.${key}`, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("describes every field of every schema, request and response", () => {
    const all = properties(openApiDocument, "#", new Map());
    expect(all.size).toBeGreaterThan(40);
    const undescribed = [...all].filter(([, schema]) => typeof schema.description !== "string" || schema.description.trim() === "").map(([path]) => path);
    expect(undescribed).toEqual([]);
  });

  it("gives error examples in the Error schema's shape, with codes it lists and each code's status", () => {
    const codes: readonly string[] = openApiDocument.components.schemas.Error.properties.error.properties.code.enum;
    const errors = operations().flatMap((op) => op.responses.filter((r) => !r.status.startsWith("2")));
    expect(errors.length).toBeGreaterThan(10);
    for (const response of errors) {
      expect(response.examples.length, `${response.status} ${response.description}`).toBeGreaterThan(0);
      for (const example of response.examples) {
        const body = JSON.parse(example.body) as { error: { code: ErrorCode; message: string } };
        expect(Object.keys(body)).toEqual(["error"]);
        expect(codes).toContain(body.error.code);
        expect(String(ERROR_CODES[body.error.code].status)).toBe(response.status);
      }
    }
  });
});
