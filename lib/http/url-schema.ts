// The one rule for URLs partners give us (service, callback, webhook and token URLs): absolute http(s), no
// credentials, at most 2048 characters. Reachability and SSRF are lib/http/outbound.ts's job, at call time.
import { z } from "zod";

export const partnerUrlSchema = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
  }, "must be an absolute http(s) URL without credentials");
