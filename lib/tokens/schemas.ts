// Input and output shapes of the phone token contract token service (route params, verify body, panel filters).
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { memoize } from "@/lib/cache/memoize";
import { filterDateSchema, optionalFilter } from "@/lib/panel/filter-fields";

export const XID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const TRANSACTION_STATUSES = ["issued", "verified", "expired"] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * A phone number as partners send it (`+14155552671`, `14155552671`, `+1 (415) 555-2671`) → E.164, or null.
 * Without a leading `+` the digits are read as an international number (country code first), as in the contract.
 */
export const normalisePhoneNumber = memoize(parsePhoneNumber, { maxEntries: 50_000 });

// libphonenumber-js compiles its metadata's patterns anew on every call (~15 µs a number, most of issuance's own CPU
// after signing); partners issue to the same numbers again and again, so the hot path remembers results.
function parsePhoneNumber(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length < 3 || trimmed.length > 32 || !/^\+?[0-9 ().-]+$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed.startsWith("+") ? trimmed : `+${trimmed}`);
  return parsed?.isValid() ? parsed.number : null;
}

export const phoneNumberSchema = z.string().transform((value, context) => {
  const phone = normalisePhoneNumber(value);
  if (!phone) {
    context.addIssue({ code: "custom", message: "must be a valid international phone number such as +14155552671" });
    return z.NEVER;
  }
  return phone;
});

export const xidSchema = z.string().regex(XID_PATTERN, "must be 1–64 characters of letters, digits, '.', '_' and '-'");

/** `GET /api/v1/token/{phone_number}[/{xid}]` */
export const issueTokenParamsSchema = z.object({
  phone_number: phoneNumberSchema,
  xid: xidSchema.optional(),
});
export type IssueTokenParams = z.infer<typeof issueTokenParamsSchema>;

/** `POST /api/v1/token/verify` */
export const verifyTokenSchema = z
  .object({ token: z.string().min(1, "is required").max(4096, "is too long") })
  .strict()
  .meta({ id: "VerifyTokenRequest" });

/** `GET /api/v1/transactions/{xid}` */
export const transactionParamsSchema = z.object({ xid: xidSchema });

export const transactionOutputSchema = z
  .object({
    xid: z.string(),
    phone_number: z.string(),
    status: z.enum(TRANSACTION_STATUSES),
    issued_at: z.string(),
    expires_at: z.string(),
    verified_at: z.string().nullable(),
  })
  .meta({ id: "Transaction" });
export type TransactionOutput = z.infer<typeof transactionOutputSchema>;

export const verifyResultSchema = z
  .object({
    valid: z.boolean(),
    xid: z.string().nullable(),
    phone_number: z.string().nullable(),
    reason: z.enum(["malformed", "invalid_signature", "expired", "unknown_transaction"]).optional(),
    already_verified: z.literal(true).optional(),
  })
  .meta({ id: "VerifyTokenResult" });
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** Panel history filters (page search params and the CSV export's query). */
export const transactionFiltersSchema = z.object({
  q: optionalFilter(
    z
      .string()
      .trim()
      .max(64, "must be at most 64 characters")
      .refine(
        (value) => XID_PATTERN.test(value) || normalisePhoneNumber(value) !== null,
        "must be an XID or an international phone number such as +14155552671",
      ),
  ),
  status: optionalFilter(z.enum(TRANSACTION_STATUSES)),
  from: optionalFilter(filterDateSchema),
  to: optionalFilter(filterDateSchema),
  cursor: optionalFilter(z.string().max(200)),
});
export type TransactionFilters = z.infer<typeof transactionFiltersSchema>;
