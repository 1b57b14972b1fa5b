// The per-service limit at a small size: the server runs with the default (600/min), far too many requests for a
// test, so this calls the same domain function in-process with a limit of 5. The limiter state lives in the shared
// database, so this exercises the real store; only the number of points differs from the server's.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveCallbackConfig } from "@/lib/callbacks/callback-config";
import { certifyAccessToken } from "@/lib/callbacks/certify";
import { getConfig, overrideConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createService } from "@/lib/services/services";
import { createPartner } from "../support/factories";

overrideConfig({ certifyLimits: { ...getConfig().certifyLimits, perService: 5 } });

describe("certification rate limit per service", () => {
  it("refuses the 6th request in the window with 429 and Retry-After, and logs only the admitted ones", async () => {
    expect(getConfig().certifyLimits.perService).toBe(5);
    const partner = await createPartner();
    const service = await createService({
      partnerId: partner.partnerId,
      input: { name: "Limited", url: "https://l.example" },
    });
    await saveCallbackConfig({ partnerId: partner.partnerId, id: service.id, input: { mode: "development" } });
    const credentials = { tokenType: "Bearer", accessToken: `wrong-${randomBytes(4).toString("hex")}` };
    const attempt = () =>
      certifyAccessToken({ publicServiceId: service.service_id, credentials }).catch((error: unknown) => error);

    for (let i = 0; i < 5; i++) expect(((await attempt()) as AppError).code).toBe("not_certified");
    const limited = (await attempt()) as AppError;
    expect(limited).toBeInstanceOf(AppError);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["Retry-After"])).toBeGreaterThan(0);
    expect(await getDb().callbackLog.count({ where: { serviceId: service.id } })).toBe(5);
  });
});
