// Text the database can store and every client can read: no NUL characters (PostgreSQL refuses them in text) and no
// unpaired UTF-16 surrogates (not encodable as UTF-8). JSON can smuggle both in as `\u0000` / `\ud800` escapes, a
// path or query only as `%00` (a bad UTF-8 sequence there fails percent-decoding instead). Each is a 400.
import { AppError } from "@/lib/errors";

const MALFORMED_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

function isWellFormedText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

/**
 * Throws a 400 naming the first string (value or key) in parsed JSON that is not well-formed. Walks with an explicit
 * stack: a deeply nested body must not overflow the call stack.
 */
export function assertWellFormedJson(value: unknown): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: "body" }];
  while (stack.length > 0) {
    const entry = stack.pop() as { value: unknown; path: string };
    if (typeof entry.value === "string") {
      if (!isWellFormedText(entry.value))
        throw new AppError("invalid_request", `${entry.path}: ${MALFORMED_TEXT_MESSAGE}`);
    } else if (entry.value !== null && typeof entry.value === "object") {
      // Arrays too: their keys are the indexes.
      for (const [key, item] of Object.entries(entry.value)) {
        if (!isWellFormedText(key))
          throw new AppError("invalid_request", `${entry.path}: a key ${MALFORMED_TEXT_MESSAGE}`);
        stack.push({ value: item, path: entry.path === "body" ? key : `${entry.path}.${key}` });
      }
    }
  }
}

/** `\u0000` or a surrogate escape somewhere in the raw JSON text: only then is the parsed value worth walking. */
export function mayHoldMalformedText(json: string): boolean {
  return /\\u(?:0000|d[89a-f])/i.test(json);
}

/** Throws a 400 when a request URL carries an encoded NUL (`%00`) in its path or query. */
export function assertNoEncodedNul(url: string): void {
  if (url.includes("%00")) throw new AppError("invalid_request", `The URL ${MALFORMED_TEXT_MESSAGE}.`);
}

/** Why a raw URL path cannot be served (bad percent-encoding or an encoded NUL), or null when it can. */
export function describeMalformedPath(rawPathname: string): string | null {
  for (const segment of rawPathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      if (!isWellFormedText(decodeURIComponent(segment))) return `The URL path ${MALFORMED_TEXT_MESSAGE}.`;
    } catch {
      return "The URL path is not valid percent-encoded UTF-8; encode each byte as %XX of its UTF-8 form.";
    }
  }
  return null;
}
