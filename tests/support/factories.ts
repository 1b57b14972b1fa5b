// Small factories that seed the test run's database directly through lib/ (the same code the server runs).
import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import type { PartnerRole } from "@/lib/members/roles";
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

/** An extra API token of the partner with the given role (as an owner would create it). */
export async function createRoleToken(options: { partnerId: string; role: PartnerRole }): Promise<string> {
  return (await createApiToken({ partnerId: options.partnerId, name: `${options.role} token`, role: options.role }))
    .token;
}
