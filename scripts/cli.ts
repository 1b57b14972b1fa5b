// Portico's command line: `npm run cli -- <command> [--flag value ...]`. Prints one JSON object on stdout;
// failures print `{"error","message"}` on stderr and exit 1. Uses the same environment as the server.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createApiToken } from "@/lib/auth/api-tokens";
import { emailSchema, passwordSchema, ROLES } from "@/lib/auth/schemas";
import { createUser } from "@/lib/auth/users";
import { randomSecret } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { AppError, describeZodError } from "@/lib/errors";
import { grantEntitlement } from "@/lib/login/entitlements";
import { cliGrantEntitlementSchema } from "@/lib/login/schemas";
import { createPartnerAccount } from "@/lib/partners/partners";
import { timeZoneSchema } from "@/lib/partners/schemas";
import { setServicePublished } from "@/lib/services/services";
import { rebuildUsage } from "@/lib/usage/rollup";

const commands: Record<
  string,
  { usage: string; run: (flags: Record<string, string | boolean | undefined>) => Promise<object> }
> = {
  "partner:create": {
    usage: "partner:create --email E --name N [--password P] [--approve] [--time-zone IANA]",
    async run(flags) {
      const input = z
        .object({
          email: emailSchema,
          name: z.string().trim().min(1),
          password: passwordSchema.optional(),
          approve: z.boolean().optional(),
          "time-zone": timeZoneSchema.optional(),
        })
        .parse(flags);
      const account = await createPartnerAccount({
        email: input.email,
        name: input.name,
        password: input.password ?? randomSecret(18),
        approve: input.approve,
        timeZone: input["time-zone"],
      });
      const token = await createApiToken({ partnerId: account.partnerId, name: "cli" });
      return { partner_id: account.partnerId, customer_id: account.customerId, api_token: token.token };
    },
  },
  "user:create": {
    usage: "user:create --email E --password P [--role end_user|partner|admin]",
    async run(flags) {
      const input = z
        .object({ email: emailSchema, password: passwordSchema, role: z.enum(ROLES).default("end_user") })
        .parse(flags);
      if (input.role === "partner") {
        const account = await createPartnerAccount({ email: input.email, name: input.email, password: input.password });
        return { user_id: account.userId };
      }
      const user = await createUser(input);
      return { user_id: user.id };
    },
  },
  "entitlement:grant": {
    usage: "entitlement:grant --email E --service S [--expires-at ISO]",
    async run(flags) {
      const input = cliGrantEntitlementSchema.parse(flags);
      const entitlement = await grantEntitlement({
        email: input.email,
        serviceId: input.service,
        expiresAt: input["expires-at"] ? new Date(input["expires-at"]) : null,
      });
      return { entitlement_id: entitlement.id };
    },
  },
  "service:publish": {
    usage: "service:publish --service S",
    async run(flags) {
      const input = z.object({ service: z.string().min(1) }).parse(flags);
      return setServicePublished({ id: input.service, published: true });
    },
  },
  "usage:rebuild": {
    usage: "usage:rebuild --from YYYY-MM-DD [--to YYYY-MM-DD]",
    async run(flags) {
      const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD");
      const input = z.object({ from: day, to: day.optional() }).parse(flags);
      const from = new Date(`${input.from}T00:00:00Z`);
      const to = input.to ? new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000) : new Date();
      if (!(from < to)) throw new AppError("invalid_request", "--from must be before --to");
      return {
        rebuilt_quarter_hours: await rebuildUsage({ from, to }),
        from: from.toISOString(),
        to: to.toISOString(),
      };
    },
  },
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    const usage = Object.values(commands)
      .map((c) => `  npm run cli -- ${c.usage}`)
      .join("\n");
    process.stderr.write(
      `${JSON.stringify({ error: "invalid_request", message: `Unknown command ${name ?? "(none)"}` })}\n${usage}\n`,
    );
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        approve: { type: "boolean" },
        "time-zone": { type: "string" },
        role: { type: "string" },
        service: { type: "string" },
        "expires-at": { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
      },
      strict: true,
    });
    await applyMigrations();
    const result = await command.run(values);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const body =
      error instanceof AppError
        ? { error: error.code, message: error.message }
        : error instanceof z.ZodError
          ? { error: "invalid_request", message: describeZodError(error) }
          : { error: "invalid_request", message: (error as Error).message };
    process.stderr.write(`${JSON.stringify(body)}\n`);
    return 1;
  } finally {
    await getDb().$disconnect();
  }
}

main().then((code) => process.exit(code));
