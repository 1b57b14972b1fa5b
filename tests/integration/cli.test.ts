import { describe, expect, it } from "vitest";
import { runCli as cli } from "../support/cli";
import { uniqueEmail } from "../support/factories";
import { api } from "../support/http";

describe("CLI (npm run cli)", () => {
  it("partner:create --approve prints {partner_id, customer_id, api_token}; the token works on the running server", async () => {
    const result = await cli(
      "partner:create",
      "--email",
      uniqueEmail(),
      "--name",
      "Acme",
      "--approve",
      "--time-zone",
      "Europe/Paris",
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output).sort()).toEqual(["api_token", "customer_id", "partner_id"]);
    expect(output.api_token).toMatch(/^ptk_/);

    const created = await api("/api/v1/services", {
      token: output.api_token,
      json: { name: "App", url: "https://app.example" },
    });
    expect(created.status).toBe(201);
    const service = await created.json();

    const published = await cli("service:publish", "--service", service.id);
    expect(published.code).toBe(0);
    expect(JSON.parse(published.stdout)).toEqual({ id: service.id, published: true });
    const after = await (await api(`/api/v1/services/${service.id}`, { token: output.api_token })).json();
    expect(after.state).toBe("published");
  }, 60_000);

  it("user:create prints {user_id}; bad input prints {error, message} on stderr with exit code 1", async () => {
    const ok = await cli(
      "user:create",
      "--email",
      uniqueEmail("user"),
      "--password",
      "a long password",
      "--role",
      "end_user",
    );
    expect(ok.code).toBe(0);
    expect(Object.keys(JSON.parse(ok.stdout))).toEqual(["user_id"]);

    const bad = await cli("user:create", "--email", "not-an-email", "--password", "short");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(JSON.parse(bad.stderr)).toMatchObject({
      error: "invalid_request",
      message: expect.stringContaining("email"),
    });

    const missing = await cli("service:publish", "--service", "svc_doesnotexist");
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error).toBe("not_found");
  }, 60_000);
});
