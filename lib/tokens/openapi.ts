// The tokens resource in the OpenAPI document: phone JWT issuance, verification and transaction status.
import { z } from "zod";
import { errorResponses, json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import {
  issueTokenParamsSchema,
  transactionOutputSchema,
  transactionParamsSchema,
  verifyResultSchema,
  verifyTokenSchema,
} from "./schemas";

const jwt = {
  description: "The JWT (HS256, claims iss/iat/exp/phn/xid; valid 90 s), as the whole body.",
  headers: z.object({ allow: z.literal("GET").meta({ description: "Always `GET`." }) }),
  content: {
    "text/plain": {
      schema: z.string().meta({ example: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjdXNfMTIzIn0.c2lnbmF0dXJl" }),
    },
  },
};
const tokenErrors = errorResponses("apiToken", {
  "400": "`phone_number` is not a valid international number, or `xid` is not 1–64 of `[A-Za-z0-9._-]`.",
  "409": "The XID was already used by your account; send a new one.",
  "429": "Too many tokens per minute for your account or for this phone number (see Retry-After).",
});

export const tokenPaths: OpenApiPaths = {
  "/api/v1/token/{phone_number}": {
    get: {
      summary: "Issue a token (new XID)",
      description:
        "Issues a JWT for the phone number under a fresh UUID v4 XID (read it from the `xid` claim). `phone_number` is international: `+14155552671`, `14155552671` (country code first) or URL-encoded `+1 (415) 555-2671`; it is stored in E.164.",
      tags: ["Tokens"],
      requestParams: { path: issueTokenParamsSchema.pick({ phone_number: true }) },
      responses: { "200": jwt, ...tokenErrors },
    },
  },
  "/api/v1/token/{phone_number}/{xid}": {
    get: {
      summary: "Issue a token (your XID)",
      description: "As above, under your own transaction id. Each XID can be used once per account.",
      tags: ["Tokens"],
      requestParams: { path: issueTokenParamsSchema.required() },
      responses: { "200": jwt, ...tokenErrors },
    },
  },
  "/api/v1/token/verify": {
    post: {
      summary: "Verify a token",
      description:
        "Checks the signature (current key, or the previous one for 10 minutes after a rotation), expiry (5 s leeway) and that your account issued exactly this token. The first successful verification marks the transaction `verified` and emits `transaction.verified`; later ones answer `already_verified: true`. An invalid token is a 200 with `valid: false` and a `reason`.",
      tags: ["Tokens"],
      requestBody: json(verifyTokenSchema),
      responses: {
        "200": { description: "The verdict", ...json(verifyResultSchema) },
        ...errorResponses("apiToken", "jsonBody", { "400": "Invalid JSON or missing `token`." }),
      },
    },
  },
  "/api/v1/transactions/{xid}": {
    get: {
      summary: "Transaction status",
      description: "Only your own transactions; another account's XID is a 404.",
      tags: ["Tokens"],
      requestParams: { path: transactionParamsSchema },
      responses: {
        "200": { description: "The transaction", ...json(transactionOutputSchema) },
        ...errorResponses("apiToken", {
          "400": "`xid` is not 1–64 of `[A-Za-z0-9._-]`.",
          "404": "No transaction with this XID for your account.",
        }),
      },
    },
  },
};
