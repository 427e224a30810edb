import { openApiDocument } from "./openapi";

// The OpenAPI document flattened for the dashboard's docs page: operations
// in document order, schemas resolved into property rows. Pure data.

type Schema = {
  $ref?: string;
  type?: string;
  const?: unknown;
  enum?: readonly unknown[];
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: readonly string[];
  items?: Schema;
};

export type PropertyRow = { name: string; type: string; required: boolean; description: string };
/** A response body as the service sends it, with what it stands for. */
export type ExampleView = { name: string; summary: string | null; body: string };
export type ResponseView = { status: string; description: string; examples: ExampleView[]; headers: string[]; schema: PropertyRow[] };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  authenticated: boolean;
  requestBody: PropertyRow[];
  responses: ResponseView[];
};

const schemas = openApiDocument.components.schemas as unknown as Record<string, Schema>;

function resolve(schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) return schemas[schema.$ref.split("/").pop()!];
  return schema;
}

function typeOf(schema: Schema): string {
  const resolved = resolve(schema) ?? schema;
  if (schema.$ref) return schema.$ref.split("/").pop()!;
  if (resolved.const !== undefined) return JSON.stringify(resolved.const);
  if (resolved.enum) return resolved.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (resolved.type === "array") return `${resolved.items ? typeOf(resolved.items) : "any"}[]`;
  return [resolved.type ?? "any", resolved.format ? `(${resolved.format})` : ""].join(" ").trim();
}

function describe(schema: Schema): string {
  const parts = [schema.description ?? ""];
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`Range ${schema.minimum ?? "…"}–${schema.maximum ?? "…"}.`);
  if (schema.maxLength !== undefined) parts.push(`At most ${schema.maxLength} characters.`);
  if (schema.default !== undefined) parts.push(`Default ${JSON.stringify(schema.default)}.`);
  return parts.filter(Boolean).join(" ");
}

/** One row per field, nested fields after their parent as `quota.limit` and `days[].date`. */
export function propertyRows(schema: Schema | undefined, prefix = ""): PropertyRow[] {
  const resolved = resolve(schema);
  // A body that is an array (the secret-scanning batches): its items' fields, as `[].token`.
  if (resolved?.type === "array" && resolved.items) return propertyRows(resolved.items, `${prefix}[].`);
  if (!resolved?.properties) return [];
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const row = { name: prefix + name, type: typeOf(property), required: resolved.required?.includes(name) ?? false, description: describe(property) };
    const inner = resolve(property);
    const nested = inner?.type === "array" ? propertyRows(inner.items, `${row.name}[].`) : propertyRows(inner, `${row.name}.`);
    return [row, ...nested];
  });
}

type RawMedia = { schema?: Schema; example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> };

function examplesOf(media: RawMedia | undefined): ExampleView[] {
  if (!media) return [];
  const body = (value: unknown) => JSON.stringify(value, null, 2);
  if (media.examples) return Object.entries(media.examples).map(([name, e]) => ({ name, summary: e.summary ?? null, body: body(e.value) }));
  return media.example === undefined ? [] : [{ name: "example", summary: null, body: body(media.example) }];
}

type RawOperation = {
  operationId: string;
  summary: string;
  description?: string;
  security: readonly unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, RawMedia> }>;
};

export function operations(): OperationView[] {
  const views: OperationView[] = [];
  for (const [path, methods] of Object.entries(openApiDocument.paths as unknown as Record<string, Record<string, RawOperation>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      views.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        description: operation.description ?? null,
        authenticated: operation.security.length > 0,
        requestBody: propertyRows(operation.requestBody?.content["application/json"]?.schema),
        responses: Object.entries(operation.responses).map(([status, response]) => {
          const json = response.content?.["application/json"];
          return {
            status,
            description: response.description,
            examples: examplesOf(json),
            headers: Object.keys(response.headers ?? {}),
            schema: status.startsWith("2") ? propertyRows(json?.schema) : [],
          };
        }),
      });
    }
  }
  return views;
}
