// fast-check arbitraries for HTTP requests built from an OpenAPI document: mostly plausible requests (so they reach
// the domain code), with hostile values mixed in (unpaired surrogates, NUL, huge numbers, deep nesting, wrong types,
// wrong content types, bad percent-encoding, bad credentials).
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
}

export interface OperationParameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: OperationParameter[];
  bodySchema?: JsonSchema;
  needsApiToken: boolean;
  /** The error body its 4xx answers document: the contract's `{error, message}` or the redemption route's `{success: false, message}`. */
  errorShape: "error" | "success-false";
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What was injected, for the report. */
  tags: string[];
}

/** Values a generator needs from the running system: ids that exist, tokens that work or do not. */
export interface FuzzContext {
  resolveRef: (ref: string) => JsonSchema;
  /** Known-good values for path parameters, by parameter name (and path for `id`). */
  pathValue: (operation: Operation, name: string) => string;
  goodUrls: string[];
  apiToken: string;
  revokedApiToken: string;
}

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OperationParameter[];
        requestBody?: unknown;
        security?: unknown[];
        responses?: Record<string, unknown>;
      }
    >
  >;
  security?: unknown[];
  components?: { schemas?: Record<string, JsonSchema> };
};

function documentedErrorShape(
  document: OpenApiDocument,
  responses: Record<string, unknown> = {},
): Operation["errorShape"] {
  for (const [status, response] of Object.entries(responses)) {
    if (!status.startsWith("4")) continue;
    const schema = (response as { content?: Record<string, { schema?: JsonSchema }> }).content?.["application/json"]
      ?.schema;
    const resolved = schema?.$ref
      ? document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")]
      : schema;
    if (resolved?.properties && "success" in resolved.properties) return "success-false";
  }
  return "error";
}

const METHODS = ["get", "post", "put", "patch", "delete"];

/** Every operation in the document, with its body schema (JSON only) and whether it wants a bearer token. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const requestBody = operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      const security = (operation.security ?? document.security ?? []) as Record<string, unknown>[];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        bodySchema: requestBody?.content?.["application/json"]?.schema,
        needsApiToken: security.some((requirement) => "bearerAuth" in requirement),
        errorShape: documentedErrorShape(document, operation.responses),
      });
    }
  }
  return operations;
}

// ---- hostile values

/** Any UTF-16 code unit, so unpaired surrogates and NUL come up (fast-check's own units are well-formed). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const NASTY_STRINGS = [
  "\ud800",
  "a\udfffb",
  "\ud83d",
  "\u0000",
  "x\u0000y",
  "😀",
  "\u202egnp.exe",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "$\u007bjndi:ldap://127.0.0.1/x}",
  "../../etc/passwd",
  "\r\nX-Injected: 1",
  "",
  " ",
  "null",
  "%00",
  "x".repeat(5000),
];

const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: anyCodeUnit, maxLength: 40 }));

/** A JSON token written verbatim into the body text (numbers JSON.stringify cannot produce). */
export class RawJson {
  constructor(readonly text: string) {}
}

const HUGE_NUMBER_TEXTS = ["1e400", "-1e400", "123456789012345678901234567890", "1e-400", "-0", "9007199254740993"];
const nastyNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 2 ** 53, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(...HUGE_NUMBER_TEXTS).map((text) => new RawJson(text)),
);

/** Serializes a value that may hold RawJson tokens. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item) => {
    if (item instanceof RawJson) {
      raws.push(item.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return item;
  });
  return (text ?? "null").replace(/"\\u0001raw(\d+)\\u0001"/g, (_match, index) => raws[Number(index)] ?? "null");
}

// ---- values from a schema

function plausibleString(name: string, schema: JsonSchema, context: FuzzContext): fc.Arbitrary<string> {
  if (/url/i.test(name)) return fc.constantFrom(...context.goodUrls);
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.string({ minLength: Math.max(schema.minLength ?? 0, 1), maxLength: Math.max(maxLength, 1) });
}

/** Mostly schema-valid values; one time in ~8 a hostile one of the right or wrong type. */
export function valueFor(schema: JsonSchema, name: string, context: FuzzContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueFor(context.resolveRef(schema.$ref), name, context, depth);
  const hostile = fc.oneof(nastyString, nastyNumber, fc.jsonValue({ maxDepth: 2 }));
  const weighted = (plausible: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 7, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((option) => valueFor(option, name, context, depth)));
  if (schema.enum) return weighted(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) return weighted(fc.constant(schema.const));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return weighted(fc.boolean());
    case "integer":
      return weighted(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }));
    case "number":
      return weighted(fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true }));
    case "string":
      return fc.oneof(
        { weight: 5, arbitrary: plausibleString(name, schema, context) },
        { weight: 2, arbitrary: hostile },
      );
    case "array":
      return weighted(
        fc.array(depth > 4 ? fc.constant(null) : valueFor(schema.items ?? {}, name, context, depth + 1), {
          maxLength: Math.min(schema.maxItems ?? 5, 8),
        }),
      );
    case "object": {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [
          key,
          depth > 4 ? fc.constant(null) : valueFor(property, key, context, depth + 1),
        ]),
      );
      const record = fc.record(properties, { requiredKeys: schema.required ?? [] });
      const withExtraField = fc
        .tuple(record, fc.constantFrom("owner", "__proto__", "constructor", "\ud800", "id"), hostile)
        .map(([value, key, extra]) => ({ ...value, [key]: extra }));
      return fc.oneof(
        { weight: 8, arbitrary: record },
        { weight: 1, arbitrary: withExtraField },
        { weight: 1, arbitrary: hostile },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---- bodies, headers, path and query

const deepNesting = fc
  .tuple(fc.constantFrom(1_000, 20_000), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}`);

const RAW_BODIES = ["{", "{'name': 'x'}", "NaN", "", "null", '"\\ud800"', '{"a":1,"a":2}', "[]", "true"];

function bodyFor(
  operation: Operation,
  context: FuzzContext,
): fc.Arbitrary<{ body?: string | Uint8Array; tags: string[] }> {
  const options: fc.WeightedArbitrary<{ body?: string | Uint8Array; tags: string[] }>[] = [
    { weight: 1, arbitrary: deepNesting.map((body) => ({ body, tags: ["deep nesting"] })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((body) => ({ body, tags: ["invalid or odd JSON"] })) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((bytes) => ({ body: bytes, tags: ["binary body"] })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ body: JSON.stringify({ padding: "x".repeat(70 * 1024) }), tags: ["oversized body"] }),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ body: toJsonText(value), tags: ["wrong shape"] })),
    },
  ];
  if (operation.bodySchema) {
    options.push({
      weight: 10,
      arbitrary: valueFor(operation.bodySchema, "body", context).map((value) => ({
        body: toJsonText(value),
        tags: [],
      })),
    });
  } else {
    options.push({ weight: 6, arbitrary: fc.constant({ tags: [] }) });
  }
  return fc.oneof(...options);
}

/** Percent-encoded path segments that are hostile on the wire (invalid UTF-8, encoded NUL, surrogates as UTF-8). */
const NASTY_SEGMENTS = [
  "%00",
  "%ff",
  "%ED%A0%80",
  "%C0%80",
  "%",
  "%zz",
  "..",
  "%2e%2e",
  "%2F",
  "%F0%9F%98%80",
  "1e400",
  "-1",
  "99999999999999999999999",
  "%27%20OR%201%3D1--",
  `svc_${"a".repeat(3000)}`,
  "null",
];

function segmentFor(operation: Operation, name: string, context: FuzzContext) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ value: encodeURIComponent(context.pathValue(operation, name)), tags: [] }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_SEGMENTS).map((value) => ({ value, tags: ["hostile path"] })) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
        .map((value) => ({ value: encodeURIComponent(value), tags: ["hostile path"] })),
    },
  );
}

const NASTY_QUERY_VALUES = [
  "%00",
  "%ff",
  "-1",
  "0",
  "1e400",
  "99999999999999999999",
  "abc",
  "",
  "%ED%A0%80",
  "a".repeat(3000),
];

function queryFor(operation: Operation, context: FuzzContext) {
  const parameters = operation.parameters.filter((parameter) => parameter.in === "query");
  const one = (parameter: OperationParameter) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant({ pair: "", tags: [] as string[] }) },
      {
        weight: 4,
        arbitrary: valueFor(parameter.schema ?? {}, parameter.name, context).map((value) => ({
          pair: `${parameter.name}=${encodeURIComponent(typeof value === "string" ? value.toWellFormed() : toJsonText(value))}`,
          tags: [] as string[],
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...NASTY_QUERY_VALUES)
          .map((value) => ({ pair: `${parameter.name}=${value}`, tags: ["hostile query"] })),
      },
    );
  const unknownParameter = fc.integer({ min: 1, max: 10 }).map((roll) => roll === 1);
  return fc.tuple(...parameters.map(one), unknownParameter).map((parts) => {
    const extra = parts.pop() as boolean;
    const pairs = (parts as { pair: string; tags: string[] }[]).filter((part) => part.pair);
    const query = [...pairs.map((part) => part.pair), ...(extra ? ["unknown=%00"] : [])].join("&");
    return {
      query: query ? `?${query}` : "",
      tags: [...new Set([...pairs.flatMap((part) => part.tags), ...(extra ? ["hostile query"] : [])])],
    };
  });
}

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/xml",
  "",
];

function authorizationFor(operation: Operation, context: FuzzContext) {
  const bad = fc.constantFrom(
    undefined,
    "Bearer garbage",
    `Bearer ptk_${"A".repeat(300)}`,
    "Basic Zm9vOmJhcg==",
    "Bearer",
    `Bearer ${context.revokedApiToken}`,
  );
  return fc.oneof(
    {
      weight: operation.needsApiToken ? 8 : 2,
      arbitrary: fc.constant({ value: `Bearer ${context.apiToken}`, tags: [] }),
    },
    { weight: 1, arbitrary: bad.map((value) => ({ value, tags: ["bad credentials"] })) },
  );
}

/** One request to `operation`, with its injection tags (tags for surrogates, NUL and huge numbers come from the body). */
export function requestFor(operation: Operation, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const segments = fc.tuple(...names.map((name) => segmentFor(operation, name, context)));
  const sendsBody = !["GET", "HEAD"].includes(operation.method);
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ value: "application/json", tags: [] as string[] }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...CONTENT_TYPES).map((value) => ({ value, tags: ["wrong content type"] })),
    },
  );
  const body = sendsBody ? bodyFor(operation, context) : fc.constant({ body: undefined, tags: [] as string[] });
  return fc
    .record({
      segments,
      query: queryFor(operation, context),
      authorization: authorizationFor(operation, context),
      contentType,
      body,
    })
    .map(({ segments: parts, query, authorization, contentType: type, body: content }) => {
      let path = operation.path;
      names.forEach((name, index) => {
        path = path.replace(`{${name}}`, parts[index]?.value ?? "");
      });
      const headers: Record<string, string> = {};
      if (authorization.value) headers.authorization = authorization.value;
      const tags = [...parts.flatMap((part) => part.tags), ...query.tags, ...authorization.tags, ...content.tags];
      if (content.body !== undefined) {
        if (type.value) headers["content-type"] = type.value;
        tags.push(...type.tags);
        const text = typeof content.body === "string" ? content.body : "";
        if (/\\ud[89a-f]/i.test(text)) tags.push("unpaired surrogate");
        if (text.includes("\\u0000")) tags.push("NUL");
        if (HUGE_NUMBER_TEXTS.some((huge) => text.includes(huge))) tags.push("huge number");
      }
      if (/%00/.test(path + query.query)) tags.push("NUL");
      if (/%ff|%ED%A0|%C0%80|%zz|\/%(\/|$)/i.test(path)) tags.push("bad percent-encoding");
      return {
        method: operation.method,
        url: `${path}${query.query}`,
        headers,
        body: content.body,
        tags: tags.length ? [...new Set(tags)] : ["plausible"],
      };
    });
}
