// The dashboard's getting-started list: for each of Portico's five integrations, whether this partner has really set
// it up, read from the database (never inferred from an account state an admin or a script set).
import { getDb } from "@/lib/db/client";

export interface OnboardingProgress {
  /** A service registered (its /authorize check is the service authorization integration). */
  service: boolean;
  /** An API token that still works (not revoked, not expired): JWT issuance and the management API need one. */
  apiToken: boolean;
  /** A webhook endpoint added. */
  webhookEndpoint: boolean;
  /** Callback settings saved for a service: device-token certification can reach the partner. */
  callback: boolean;
  /** A one-time login token of one of its services redeemed by the partner's backend. */
  oneTimeLogin: boolean;
  /** The oldest service, whose callback page the callback step links to. */
  firstServiceId: string | null;
}

export async function describeOnboarding(options: { partnerId: string; now?: Date }): Promise<OnboardingProgress> {
  const { partnerId } = options;
  const now = options.now ?? new Date();
  const db = getDb();
  const [firstService, apiToken, endpoint, callback, redeemed] = await Promise.all([
    db.service.findFirst({ where: { partnerId }, orderBy: { createdAt: "asc" }, select: { id: true } }),
    db.apiToken.findFirst({
      where: { partnerId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { id: true },
    }),
    db.webhookEndpoint.findFirst({ where: { partnerId }, select: { id: true } }),
    db.callbackConfig.findFirst({ where: { service: { partnerId } }, select: { serviceId: true } }),
    db.loginToken.findFirst({ where: { partnerId, redeemedAt: { not: null } }, select: { id: true } }),
  ]);
  return {
    service: firstService !== null,
    apiToken: apiToken !== null,
    webhookEndpoint: endpoint !== null,
    callback: callback !== null,
    oneTimeLogin: redeemed !== null,
    firstServiceId: firstService?.id ?? null,
  };
}
