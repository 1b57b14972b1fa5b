// Small factories that seed the test run's database directly through lib/ (the same code the server runs).
import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createPartnerAccount } from "@/lib/partners/partners";
import { recordSecret } from "./secrets-ledger";

export function uniqueEmail(label = "partner"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

export async function createPartner(options: { approve?: boolean; timeZone?: string } = {}) {
  const email = uniqueEmail();
  const password = "correct horse battery staple";
  const account = await createPartnerAccount({
    email,
    password,
    name: "Test Partner",
    approve: options.approve ?? true,
    timeZone: options.timeZone,
  });
  const token = await createApiToken({ partnerId: account.partnerId, name: "tests" });
  recordSecret(password);
  recordSecret(token.token);
  return { ...account, email, password, apiToken: token.token, apiTokenId: token.id };
}

export { revokeApiToken };

/** A monitored service row whose scheduled check is a day away, so only checks a test asks for run. */
export async function createMonitoredServiceRow(options: {
  partnerId: string;
  url: string;
  serviceId: string;
  secret: string;
}) {
  const { encryptSecret } = await import("@/lib/crypto/encryption");
  const { createId } = await import("@/lib/crypto/random");
  const { getDb } = await import("@/lib/db/client");
  return getDb().service.create({
    data: {
      id: createId("svc"),
      partnerId: options.partnerId,
      serviceId: options.serviceId,
      name: "Monitored",
      url: options.url,
      secretCiphertext: encryptSecret(options.secret),
      checkIntervalSeconds: 3600,
      nextCheckAt: new Date(Date.now() + 86_400_000),
      createdAt: new Date(Date.now() - 3600_000), // past the first-check grace period
    },
  });
}
