// The one rule for URLs partners give us (service, callback, webhook and token URLs): absolute http(s), no
// credentials, at most 2048 characters. Reachability and SSRF are lib/http/outbound.ts's job, at call time.
import { z } from "zod";

export const PARTNER_URL_MAX = 2048;

export const partnerUrlSchema = z
  .string()
  .trim()
  .max(PARTNER_URL_MAX, `must be at most ${PARTNER_URL_MAX} characters`)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
  }, "must be an absolute http(s) URL without credentials");
