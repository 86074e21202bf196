/**
 * Meta's own OpenAPI description of the Cloud API, read at test time from
 * `../shared/reference/business-messaging-api_v23.0.yaml` beside the repository (where CI places
 * shared/), compiled with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect). Absent file: the
 * suite fails, it never skips.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { matchesAny } from "./shape.ts";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const SPEC_PATH = resolve(REPO_ROOT, "../shared/reference/business-messaging-api_v23.0.yaml");
const SPEC_ID = "meta-cloud-api-v23";

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: {
    content?: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }>;
  };
  responses?: Record<
    string,
    { content?: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }> }
  >;
}

export interface MetaSpec {
  doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
  /** Validator of a response body (path as in the description, e.g. `/{Version}/{Phone-Number-ID}/messages`). */
  response(path: string, method: string, status: number): ValidateFunction;
  /** Validator of a named schema under components/schemas. */
  schema(name: string): ValidateFunction;
  /** Validator of a request body of an operation. */
  request(path: string, method: string): ValidateFunction;
  /** Whether the description gives a JSON schema for that response. */
  hasResponse(path: string, method: string, status: number): boolean;
  requestExamples(path: string, method: string): Record<string, unknown>;
  responseExamples(path: string, method: string, status: number): Record<string, unknown>;
}

const pointer = (...segments: string[]) =>
  `${SPEC_ID}#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/")}`;

export function loadMetaSpec(): MetaSpec {
  if (!existsSync(SPEC_PATH)) {
    throw new Error(
      `Meta's OpenAPI description is missing at ${SPEC_PATH}: the conformance suite needs shared/ beside the repository`,
    );
  }
  const doc = parse(readFileSync(SPEC_PATH, "utf8")) as MetaSpec["doc"];
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...(doc as unknown as Json), $id: SPEC_ID });
  const cache = new Map<string, ValidateFunction>();
  const compile = (ref: string) => {
    let v = cache.get(ref);
    if (!v) {
      v = ajv.compile({ $ref: ref });
      cache.set(ref, v);
    }
    return v;
  };
  const operation = (path: string, method: string): Operation => {
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`Meta's description has no ${method} ${path}`);
    return op;
  };
  const responseContent = (path: string, method: string, status: number) =>
    operation(path, method).responses?.[String(status)]?.content?.["application/json"];
  return {
    doc,
    hasResponse: (path, method, status) => responseContent(path, method, status)?.schema !== undefined,
    response(path, method, status) {
      if (!responseContent(path, method, status)?.schema)
        throw new Error(`Meta's description has no JSON schema for ${method} ${path} ${status}`);
      return compile(
        pointer(
          "paths",
          path,
          method.toLowerCase(),
          "responses",
          String(status),
          "content",
          "application/json",
          "schema",
        ),
      );
    },
    schema(name) {
      if (!doc.components.schemas[name]) throw new Error(`Meta's description has no schema ${name}`);
      return compile(pointer("components", "schemas", name));
    },
    request(path, method) {
      if (!operation(path, method).requestBody?.content?.["application/json"]?.schema)
        throw new Error(`Meta's description has no JSON request schema for ${method} ${path}`);
      return compile(
        pointer("paths", path, method.toLowerCase(), "requestBody", "content", "application/json", "schema"),
      );
    },
    requestExamples(path, method) {
      const ex = operation(path, method).requestBody?.content?.["application/json"]?.examples ?? {};
      return Object.fromEntries(Object.entries(ex).map(([k, v]) => [k, v.value]));
    },
    responseExamples(path, method, status) {
      const ex = responseContent(path, method, status)?.examples ?? {};
      return Object.fromEntries(Object.entries(ex).map(([k, v]) => [k, v.value]));
    },
  };
}

/** Ajv's errors as short lines, for assertion messages. */
export function explain(v: ValidateFunction): string[] {
  return (v.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}

/**
 * Validates and returns the error lines (empty when valid), leaving out those at `docsWin` paths
 * (`*` for any index): places where Meta's docs and API differ from the description.
 */
export function violations(v: ValidateFunction, value: unknown, docsWin: readonly string[] = []): string[] {
  if (v(value)) return [];
  return explain(v).filter((line) => !matchesAny(line.split(" ")[0] ?? "", docsWin));
}
