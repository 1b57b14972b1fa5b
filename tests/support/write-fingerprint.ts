// What a partner's requests can write, as one comparable string: a refused request must leave it unchanged.
// Left out on purpose: what background loops write on their own (check results, service status, event fan-out to
// deliveries, delivery progress) and what refusals are meant to write (rate-limit counters, callback logs).
import { getDb } from "@/lib/db/client";

const BACKGROUND_EVENT_TYPES = ["service.status_changed", "service.version_changed"];

export async function takeWriteFingerprint(partnerId: string): Promise<string> {
  const db = getDb();
  const [partner, apiTokens, services, callbackConfigs, endpoints, transactions, events, loginTokens] =
    await Promise.all([
      db.partner.findUnique({ where: { id: partnerId } }),
      db.apiToken.findMany({ where: { partnerId }, select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
      db.service.findMany({
        where: { partnerId },
        select: { id: true, name: true, url: true, checkIntervalSeconds: true, state: true },
        orderBy: { id: "asc" },
      }),
      db.callbackConfig.findMany({ where: { service: { partnerId } }, orderBy: { serviceId: "asc" } }),
      db.webhookEndpoint.findMany({
        where: { partnerId },
        select: {
          id: true,
          url: true,
          description: true,
          events: true,
          authType: true,
          authConfigCiphertext: true,
          secretCiphertext: true,
          status: true,
        },
        orderBy: { id: "asc" },
      }),
      db.transaction.findMany({ where: { partnerId }, select: { id: true, status: true }, orderBy: { id: "asc" } }),
      db.event.count({ where: { partnerId, type: { notIn: BACKGROUND_EVENT_TYPES } } }),
      db.loginToken.count({ where: { partnerId } }),
    ]);
  const partnerState = partner && { ...partner, updatedAt: undefined };
  return JSON.stringify({
    partnerState,
    apiTokens,
    services,
    callbackConfigs,
    endpoints,
    transactions,
    events,
    loginTokens,
  });
}
