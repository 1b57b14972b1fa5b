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
