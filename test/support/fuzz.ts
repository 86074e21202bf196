import fc from "fast-check";

/** The slice of an OpenAPI 3.1 document the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
};

/** Every operation the document describes. */
export function operationsOf(document: OpenApi): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: operation.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  return operations;
}

/** Already percent-encoded texts that are hostile in a path or a query. */
const hostileEncoded = [
  "",
  "%00",
  "%E0%A4%A",
  "%ED%A0%80", // a surrogate encoded as UTF-8
  "%FF",
  "..",
  "%2e%2e%2f",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999",
  "NaN",
  "null",
  "true",
  "%2B275760-09-13T00%3A00%3A00.000Z",
  "-271821-04-20",
  "x".repeat(300),
  "1".repeat(5_000),
  "%F0%9F%98%80",
  "'%20or%201%3D1--",
  "00000000-0000-0000-0000-000000000000",
  "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
];

const encoded = (arb: fc.Arbitrary<string>) => arb.map((text) => encodeURIComponent(text));

/** A path or query value: hostile constants, random text, ids and numbers (percent-encoded). */
export const urlValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileEncoded),
  encoded(fc.string({ maxLength: 40 })),
  encoded(fc.string({ unit: "binary", maxLength: 20 })),
  fc.uuid(),
  fc.integer().map(String),
  fc.base64String({ maxLength: 80 }).map(encodeURIComponent),
);

/** Phone numbers in the forms a client sends (E.164, digits only), some not real. */
const phone = fc
  .integer({ min: 10_000_000, max: 99_999_999 })
  .chain((n) => fc.constantFrom(`+54911${n}`, `54911${n}`, `+1415${n}`.slice(0, 12), `+${n}`));

/** Hostile JSON values: wrong types, extremes, text PostgreSQL cannot store (written as JSON escapes). */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "x".repeat(10_000),
    "+275760-09-13T00:00:00.000Z",
    "00000000-0000-0000-0000-000000000000",
    [],
    {},
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/**
 * A value shaped like the schema (so validation passes and deeper code runs), with hostile values
 * mixed in at any level when `hostile` (one part in `hostile` of the values).
 */
export function valueFor(schema: JsonSchema | undefined, depth = 0, hostile = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostile ? hostileJson : fc.constant(null);
  const valid = shaped(schema, depth, hostile);
  return hostile
    ? fc.oneof({ weight: hostile, arbitrary: valid }, { weight: 1, arbitrary: hostileJson })
    : valid;
}

function shaped(schema: JsonSchema, depth: number, hostile: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branches?.length) return fc.oneof(...branches.map((branch) => valueFor(branch, depth + 1, hostile)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "uuid") return fc.uuid();
      if (schema.format === "email") return fc.emailAddress();
      if (schema.format === "uri") return fc.webUrl();
      if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({
        minLength: Math.min(schema.minLength ?? 0, 60),
        maxLength: Math.min(schema.maxLength ?? 40, 60),
      });
    case "integer":
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1_000, 1_000) });
    case "number":
      return fc.double({ noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valueFor(schema.items, depth + 1, hostile), { maxLength: 3 });
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of properties)
        record[name] = /^(phone|to)$/.test(name)
          ? fc.oneof(phone, valueFor(property, depth + 1, hostile))
          : valueFor(property, depth + 1, hostile);
      return fc.record(record, { requiredKeys: schema.required?.filter((key) => key in record) ?? [] });
    }
    default:
      return hostileJson;
  }
}

/** A body as sent on the wire: JSON of a schema-shaped or hostile value, or text that is not JSON. */
export function bodyFor(schema: JsonSchema | null): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: valueFor(schema ?? undefined, 0, 0).map((value) => JSON.stringify(value) ?? "null"),
    },
    {
      weight: 3,
      arbitrary: valueFor(schema ?? undefined, 0, 6).map((value) => JSON.stringify(value) ?? "null"),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        "",
        "{",
        "[",
        "nul",
        '{"a":}',
        '"\\ud800"',
        '{"\\u0000":1}',
        `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
        `{"a":${"[".repeat(200)}${"]".repeat(200)}}`,
      ),
    },
  );
}
