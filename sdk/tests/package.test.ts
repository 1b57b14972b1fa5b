// The package as an outside app gets it: `npm pack` (which builds dist/), installed from the tarball into a new app in
// the system's temp directory (no repository node_modules above it), run with plain `node` (import and require), and
// type-checked with the tsconfig `tsc --init` writes, untouched.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sdkRoot = path.resolve(import.meta.dirname, "..");
const repositoryModules = path.resolve(sdkRoot, "../node_modules");
const tsc = path.join(repositoryModules, "typescript/bin/tsc");
let app: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

beforeAll(() => {
  app = mkdtempSync(path.join(tmpdir(), "portico-sdk-app-"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", app], sdkRoot)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = path.join(app, packed[0]?.filename ?? "");
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "outside-app", private: true, type: "module" }));
  // No runtime dependencies: the tarball installs offline.
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], app);
  // The app's own @types/node, as any Node TypeScript app has (linked from this repository's install).
  mkdirSync(path.join(app, "node_modules/@types"), { recursive: true });
  symlinkSync(path.join(repositoryModules, "@types/node"), path.join(app, "node_modules/@types/node"), "dir");
  symlinkSync(path.join(repositoryModules, "undici-types"), path.join(app, "node_modules/undici-types"), "dir");
}, 180_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

const RUNTIME_CHECK = `
import http from "node:http";
import {
  createAuthorizeHandler, createPorticoClient, PorticoConnectionError, PORTICO_EVENT_TYPES, signServiceTimestamp,
  signWebhook, toNodeHandler, verifyWebhook,
} from "@portico/partner-sdk";

const server = http.createServer(toNodeHandler(createAuthorizeHandler({ serviceId: "sid", serviceSecret: "sec", version: "7" })));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const answer = await (await fetch(\`http://127.0.0.1:\${server.address().port}/authorize\`)).json();
server.close();

const secret = "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");
const timestamp = Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "evt_1", type: "webhook.test", created_at: "now", data: {} });
const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(timestamp), "webhook-signature": signWebhook({ secret, id: "evt_1", timestamp, body }) };

const client = createPorticoClient({ baseUrl: "http://127.0.0.1:9", apiToken: "ptk_x", retry: { maxRetries: 0 } });
const failure = await client.services.list().catch((error) => error);

console.log(JSON.stringify({
  signed: answer.service_signature === signServiceTimestamp("sid", "sec", answer.timestamp),
  webhook: verifyWebhook({ secret, headers, body }).payload.type,
  error: [failure instanceof PorticoConnectionError, failure.name, failure.code],
  events: PORTICO_EVENT_TYPES.length > 0,
}));
`;

const TYPE_CHECK = `
import {
  acceptInvitation, type AuditEvent, createPorticoClient, createWebhookHandler, PorticoApiError, type PorticoEvent,
  type RedemptionResult, type Service,
} from "@portico/partner-sdk";

const client = createPorticoClient({ baseUrl: "https://portico.example", apiToken: "ptk_x" });

export async function typed(): Promise<string> {
  const service: Service = await client.services.get("svc_1");
  const status: "unknown" | "live" | "down" | "unauthentic" = service.status;
  const created = await client.services.create({ name: "App", url: "https://app.example" });
  const secret: string = created.service_secret;
  // @ts-expect-error name is required
  await client.services.create({ url: "https://app.example" });
  // @ts-expect-error no such route
  await client.request("get", "/api/v1/nothing");
  for await (const delivery of client.webhookEndpoints.listDeliveries("whe_1", { status: "failed" })) {
    const attempts: number = delivery.attempts;
    void attempts;
  }
  const detail = await client.webhookEndpoints.getDelivery("whe_1", "del_1");
  const firstStatus: number | null = detail.attempts[0]?.status_code ?? null;
  const { token } = await client.apiTokens.create({ name: "CI", expires_in_days: 30 });
  const deleted: undefined = await client.services.delete("svc_1");
  for await (const event of client.auditEvents.list({ action: "service.deleted" })) {
    const actor: AuditEvent["actor"]["type"] = event.actor.type;
    void actor;
  }
  // @ts-expect-error not an audit action
  client.auditEvents.list({ action: "service.vanished" });
  const { user_id } = await acceptInvitation({ baseUrl: "https://portico.example", token, name: "I", password: "p" });
  void [firstStatus, deleted, user_id];
  const result: RedemptionResult = await client.login.redeem("token");
  const reason = result.ok ? "ok" : result.reason;
  // @ts-expect-error not a reason
  if (!result.ok && result.reason === "stolen") return "";
  try {
    await client.tokens.verify("jwt");
  } catch (error) {
    if (error instanceof PorticoApiError) return \`\${error.status} \${error.code} \${error.requestId ?? ""}\`;
  }
  return \`\${status} \${secret} \${reason}\`;
}

export const webhooks = createWebhookHandler({
  secret: ["whsec_new", "whsec_old"],
  onEvent: (event: PorticoEvent) => {
    switch (event.type) {
      case "service.status_changed":
      case "webhook.test":
        return;
      default:
        return;
    }
  },
});
`;

describe("the packed SDK in an outside app", () => {
  it("runs with plain node through import", () => {
    writeFileSync(path.join(app, "check.mjs"), RUNTIME_CHECK);
    const output = JSON.parse(run(process.execPath, ["check.mjs"], app));
    expect(output).toEqual({
      signed: true,
      webhook: "webhook.test",
      error: [true, "PorticoConnectionError", "connection_failed"],
      events: true,
    });
  });

  it("loads through require() on Node versions with require(esm)", () => {
    const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
    if (major === 20 && minor < 19) return; // require(esm) arrived in 20.19 and 22.12
    writeFileSync(
      path.join(app, "check.cjs"),
      `const sdk = require("@portico/partner-sdk"); console.log(typeof sdk.createPorticoClient);`,
    );
    expect(run(process.execPath, ["--no-warnings", "check.cjs"], app).trim()).toBe("function");
  });

  it("type-checks with the tsconfig tsc --init writes", () => {
    run(process.execPath, [tsc, "--init"], app);
    writeFileSync(path.join(app, "app.ts"), TYPE_CHECK);
    let output = "";
    try {
      output = run(process.execPath, [tsc, "--noEmit", "-p", "."], app);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });
});
