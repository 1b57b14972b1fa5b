import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { runCli as cli } from "../support/cli";
import { createPartner, uniqueEmail } from "../support/factories";
import { api } from "../support/http";

describe("CLI entitlement:grant", () => {
  it("prints {entitlement_id}; --expires-at sets the expiry; granting again keeps one row", async () => {
    const partner = await createPartner();
    const service = await (
      await api("/api/v1/services", { token: partner.apiToken, json: { name: "App", url: "https://app.example" } })
    ).json();
    const email = uniqueEmail("user");
    await createUser({ email, password: "a long password", role: "end_user" });

    const granted = await cli("entitlement:grant", "--email", email, "--service", service.id);
    expect(granted.code).toBe(0);
    const output = JSON.parse(granted.stdout);
    expect(Object.keys(output)).toEqual(["entitlement_id"]);
    expect(output.entitlement_id).toMatch(/^ent_[0-9A-Za-z]{20}$/);

    const renewed = await cli(
      "entitlement:grant",
      "--email",
      email.toUpperCase(),
      "--service",
      service.id,
      "--expires-at",
      "2099-01-01T00:00:00+01:00",
    );
    expect(renewed.code).toBe(0);
    expect(JSON.parse(renewed.stdout)).toEqual(output);
    const row = await getDb().entitlement.findUnique({ where: { id: output.entitlement_id } });
    expect(row?.expiresAt?.toISOString()).toBe("2098-12-31T23:00:00.000Z");
  }, 60_000);

  it.each([
    ["an unknown user", ["--email", "nobody@example.test", "--service", "svc_00000000000000000000"], "not_found"],
    ["a malformed service id", ["--email", "nobody@example.test", "--service", "nope"], "invalid_request"],
    [
      "a past or malformed expiry",
      ["--email", "a@example.test", "--service", "svc_00000000000000000000", "--expires-at", "tomorrow"],
      "invalid_request",
    ],
  ])(
    "%s → {error, message} on stderr, exit 1",
    async (_label, args, code) => {
      const result = await cli("entitlement:grant", ...args);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stderr)).toMatchObject({ error: code, message: expect.any(String) });
    },
    60_000,
  );
});
