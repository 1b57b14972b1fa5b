// Benchmark reference (npm run bench:tokens): the framework's ceiling — the same phone token contract signing code as
// issuance, with a fixed key, and no database, auth or rate limiting. 404 unless PORTICO_BENCH_ROUTES=1.

import { getConfig } from "@/lib/config";
import { jwtResponse } from "@/lib/tokens/http";
import { buildClaims, importSigningKey, signClaims } from "@/lib/tokens/jwt";

export const dynamic = "force-dynamic";

let key: Promise<CryptoKey> | undefined;

export async function GET(): Promise<Response> {
  if (!getConfig().benchRoutes) {
    return Response.json({ error: "not_found", message: "Not found." }, { status: 404 });
  }
  key ??= importSigningKey(Buffer.alloc(32, 7).toString("base64"));
  const claims = buildClaims({ issuer: "BENCH-CUSTOMER", phoneNumber: "+14155552671" });
  return jwtResponse(await signClaims(claims, await key));
}
