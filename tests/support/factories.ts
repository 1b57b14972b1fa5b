// Small factories that seed the test run's database directly through lib/ (the same code the server runs).
import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createPartnerAccount } from "@/lib/partners/partners";

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
  return { ...account, email, password, apiToken: token.token, apiTokenId: token.id };
}

export { revokeApiToken };
