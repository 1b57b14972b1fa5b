// Shared pieces of the OpenAPI document: the error body, the wording of common errors, and helpers each resource's
// `openapi.ts` (beside its schemas) uses to describe its paths. lib/api/openapi.ts composes the document.
import { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";

/** The paths one resource contributes: OpenAPI path → method → operation. */
export type OpenApiPaths = Record<string, Record<string, ZodOpenApiOperationObject>>;

export const errorSchema = z
  .object({
    error: z.string().meta({ example: "invalid_request" }),
    message: z.string().meta({ example: "name: is required" }),
  })
  .meta({ id: "Error", description: "Every error of the management API." });

export const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(errorSchema) });

type ErrorStatus = "400" | "401" | "403" | "404" | "409" | "413" | "415" | "429" | "502";
type ErrorDescriptions = Partial<Record<ErrorStatus, string>>;

/** Errors many operations share, worded once so the same failure reads the same everywhere in the document. */
const STANDARD_ERRORS = {
  apiToken: {
    "401": "Missing, malformed, expired or revoked API token.",
    "403": "The partnership has not been approved yet.",
  },
  jsonBody: { "413": "Body larger than 64 KB.", "415": "Body is not JSON." },
  invalidInput: { "400": "Invalid input (field errors in `message`)." },
  serviceNotFound: { "404": "No such service for your partner account." },
  endpointNotFound: { "404": "No such webhook endpoint for your partner account." },
  deliveryNotFound: { "404": "No such endpoint or delivery." },
} satisfies Record<string, ErrorDescriptions>;

/**
 * An operation's `{error, message}` responses: each argument names a group of STANDARD_ERRORS or gives the
 * operation's own descriptions, so an operation spells out only what is special about it.
 */
export function errorResponses(...groups: (keyof typeof STANDARD_ERRORS | ErrorDescriptions)[]) {
  const descriptions: ErrorDescriptions = Object.assign(
    {},
    ...groups.map((group) => (typeof group === "string" ? STANDARD_ERRORS[group] : group)),
  );
  return Object.fromEntries(Object.entries(descriptions).map(([status, description]) => [status, error(description)]));
}

type ErrorGroup = Parameters<typeof errorResponses>[number];

/** A success answer: its description and, unless it has no body, its JSON schema. */
type Answer = readonly [description: string, schema?: z.ZodType];

interface OperationWords {
  summary: string;
  description?: string;
  /** Failures beyond the ones the builder adds (groups of STANDARD_ERRORS or the operation's own wording). */
  errors?: ErrorGroup[];
}

/**
 * The operations on one kind of resource, from what they share: the tag, how the resource is found (path
 * parameters) and the 404 it answers when it is not the caller's (none for a collection). Every operation is
 * authenticated by an API token; one that reads a JSON body also answers the body and input errors.
 */
export function describeResource(resource: {
  tags: string[];
  path?: z.ZodObject;
  notFound?: keyof typeof STANDARD_ERRORS;
}) {
  const operation = (
    words: OperationWords,
    parts: { query?: z.ZodObject; body?: z.ZodType; optionalBody?: boolean; answers: Record<string, Answer> },
    errors: ErrorGroup[],
  ): ZodOpenApiOperationObject => {
    const params = {
      ...(resource.path ? { path: resource.path } : {}),
      ...(parts.query ? { query: parts.query } : {}),
    };
    return {
      summary: words.summary,
      ...(words.description ? { description: words.description } : {}),
      tags: resource.tags,
      ...(Object.keys(params).length ? { requestParams: params } : {}),
      ...(parts.body
        ? { requestBody: parts.optionalBody ? { required: false, ...json(parts.body) } : json(parts.body) }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(parts.answers).map(([status, [description, schema]]) => [
            status,
            schema ? { description, ...json(schema) } : { description },
          ]),
        ),
        ...errorResponses(...errors, ...(words.errors ?? [])),
      },
    };
  };
  const found: ErrorGroup[] = resource.notFound ? ["apiToken", resource.notFound] : ["apiToken"];
  return {
    /** An operation without a request body (GET, or a POST that acts): answers `answer` with 200, or `status`. */
    withoutBody: (words: OperationWords & { query?: z.ZodObject; answer: Answer; status?: string }) =>
      operation(words, { query: words.query, answers: { [words.status ?? "200"]: words.answer } }, found),
    /** An operation that reads a JSON body (POST, PATCH): answers `answer` with 200, or `status`. */
    withBody: (words: OperationWords & { body: z.ZodType; optionalBody?: boolean; answer: Answer; status?: string }) =>
      operation(
        words,
        { body: words.body, optionalBody: words.optionalBody, answers: { [words.status ?? "200"]: words.answer } },
        ["invalidInput", ...found, "jsonBody"],
      ),
    /** Deletes: 204. */
    remove: (words: OperationWords) => operation(words, { answers: { "204": ["Deleted"] } }, found),
  };
}

/** The `next_cursor` of every cursor-paginated list. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` for the next (older) page; null on the last." });

/**
 * Compile-time only: each resource's `openapi.ts` asserts in a `DocumentedShapesMatch` tuple that a shape it documents
 * by hand equals what the capability returns, so `tsc` fails when one drifts.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Assert<T extends true> = T;
