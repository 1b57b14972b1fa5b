// The one rule for URLs partners give us (service, callback, webhook and token URLs): absolute http(s), no
// credentials, at most 2048 characters. Reachability and SSRF are lib/http/outbound.ts's job, at call time.
import { z } from "zod";

export const PARTNER_URL_MAX = 2048;

export const partnerUrlSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(PARTNER_URL_MAX, `must be at most ${PARTNER_URL_MAX} characters`)
  .superRefine((value, context) => {
    if (!value) return; // "is required" already says it
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      context.addIssue({ code: "custom", message: "must start with https:// (or http://)" });
    } else if (url.username || url.password) {
      context.addIssue({ code: "custom", message: "must not contain a user name or password" });
    }
  });
