// Teams over real HTTP: invitations, members and roles, the last-owner rule, and the audit log written with each
// change (and never for a change that did not happen), scoped to its partner.
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { updatePartnerSettings } from "@/lib/partners/partners";
import { createPartner, createRoleToken, uniqueEmail } from "../support/factories";
import { api, randomClientIp } from "../support/http";
import { sessionUser, signInWithPassword } from "../support/sign-in";
import { getTestDatabase } from "../support/test-env";

const PASSWORD = "a long enough password";
async function invite(token: string, email: string, role: string) {
  const response = await api("/api/v1/invitations", { token, json: { email, role } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; email: string; role: string; expires_at: string; accept_url: string };
}

function tokenOf(acceptUrl: string): string {
  return new URL(acceptUrl).pathname.split("/").at(-1) as string;
}

async function accept(token: string, body: unknown = { name: "New Member", password: PASSWORD }) {
  return api(`/api/invitations/${token}/accept`, { json: body });
}

async function auditActions(apiToken: string, query = ""): Promise<{ action: string; [key: string]: unknown }[]> {
  const response = await api(`/api/v1/audit-events${query}`, { token: apiToken });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { action: string }[] }).data;
}

async function joinAs(owner: { apiToken: string }, role: "owner" | "developer" | "viewer") {
  const email = uniqueEmail(role);
  const invitation = await invite(owner.apiToken, email, role);
  const accepted = await accept(tokenOf(invitation.accept_url));
  expect(accepted.status).toBe(201);
  const { user_id } = (await accepted.json()) as { user_id: string };
  return { email, userId: user_id };
}

describe("invitations", () => {
  it("invite → accept → sign in: the new member is in the partner with the invited role, and it is all audited", async () => {
    const owner = await createPartner();
    const email = uniqueEmail("dev");
    const invitation = await invite(owner.apiToken, email, "developer");
    expect(invitation).toMatchObject({ email, role: "developer" });
    expect(new URL(invitation.accept_url).pathname).toMatch(/^\/invite\/inv_[A-Za-z0-9_-]{40,}$/);
    expect(new Date(invitation.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // Only the hash is stored.
    const stored = await getDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(invitation.accept_url));

    const accepted = await accept(tokenOf(invitation.accept_url));
    expect(accepted.status).toBe(201);
    const { user_id } = (await accepted.json()) as { user_id: string };
    expect(user_id).toMatch(/^usr_/);

    const session = await signInWithPassword({ email, password: PASSWORD, ip: randomClientIp() });
    expect(session.sessionCookie).not.toBeNull();
    const who = await fetch(`${inject("baseUrl")}/api/auth/session`, {
      headers: { cookie: session.sessionCookie ?? "" },
    });
    expect(await who.json()).toMatchObject({ user: { email, partnerId: owner.partnerId, role: "partner" } });

    const members = (await (await api("/api/v1/members", { token: owner.apiToken })).json()) as {
      data: { user_id: string; email: string; role: string; joined_at: string }[];
    };
    expect(members.data.map(({ email: e, role }) => ({ email: e, role }))).toEqual([
      { email: owner.email, role: "owner" },
      { email, role: "developer" },
    ]);

    const actions = (await auditActions(owner.apiToken)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["member.invited", "member.joined", "user.signed_in"]));
    const joined = (await auditActions(owner.apiToken, "?action=member.joined"))[0];
    expect(joined).toMatchObject({
      actor: { type: "user", id: user_id, email },
      target: { type: "user", id: user_id },
    });
  });

  it("an invitation works once: unknown 404; used, revoked or expired 410", async () => {
    const owner = await createPartner();
    const first = await invite(owner.apiToken, uniqueEmail(), "viewer");
    expect((await accept(tokenOf(first.accept_url))).status).toBe(201);
    const again = await accept(tokenOf(first.accept_url), { name: "Second", password: PASSWORD });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: "gone" });

    expect((await accept(`inv_${randomBytes(32).toString("base64url")}`)).status).toBe(404);

    const revoked = await invite(owner.apiToken, uniqueEmail(), "viewer");
    expect((await api(`/api/v1/invitations/${revoked.id}`, { token: owner.apiToken, method: "DELETE" })).status).toBe(
      204,
    );
    expect((await accept(tokenOf(revoked.accept_url))).status).toBe(410);

    const expired = await invite(owner.apiToken, uniqueEmail(), "viewer");
    await getDb().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await accept(tokenOf(expired.accept_url))).status).toBe(410);

    const list = (await (await api("/api/v1/invitations", { token: owner.apiToken })).json()) as {
      data: { id: string; status: string }[];
    };
    const statuses = Object.fromEntries(list.data.map((row) => [row.id, row.status]));
    expect(statuses).toEqual({
      [first.id]: "accepted",
      [revoked.id]: "revoked",
      [expired.id]: "expired",
    });
  });

  it("bad input is a 4xx JSON error: weak password, bad role, malformed e-mail", async () => {
    const owner = await createPartner();
    const bad = await api("/api/v1/invitations", { token: owner.apiToken, json: { email: "nope", role: "king" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request" });
    const invitation = await invite(owner.apiToken, uniqueEmail(), "viewer");
    const weak = await accept(tokenOf(invitation.accept_url), { name: "X", password: "short" });
    expect(weak.status).toBe(400);
    // A refused accept does not use the invitation up.
    expect((await accept(tokenOf(invitation.accept_url))).status).toBe(201);
  });
});

describe("members and roles", () => {
  it("the last owner can be neither demoted nor removed (409); with a second owner both work", async () => {
    const owner = await createPartner();
    const member = await joinAs(owner, "developer");
    const demote = await api(`/api/v1/members/${owner.userId}`, {
      token: owner.apiToken,
      method: "PATCH",
      json: { role: "viewer" },
    });
    expect(demote.status).toBe(409);
    const remove = await api(`/api/v1/members/${owner.userId}`, { token: owner.apiToken, method: "DELETE" });
    expect(remove.status).toBe(409);
    // A refused change leaves no audit row.
    expect(await auditActions(owner.apiToken, "?action=member.role_changed")).toEqual([]);

    const promote = await api(`/api/v1/members/${member.userId}`, {
      token: owner.apiToken,
      method: "PATCH",
      json: { role: "owner" },
    });
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({ user_id: member.userId, role: "owner" });
    const demoted = await api(`/api/v1/members/${owner.userId}`, {
      token: owner.apiToken,
      method: "PATCH",
      json: { role: "viewer" },
    });
    expect(demoted.status).toBe(200);
    const changes = await auditActions(owner.apiToken, "?action=member.role_changed");
    expect(changes).toHaveLength(2);
  });

  it("API tokens act within their role: viewer reads, developer builds, only an owner manages members and deletes", async () => {
    const owner = await createPartner();
    const member = await joinAs(owner, "viewer");
    const viewer = await createRoleToken({ partnerId: owner.partnerId, role: "viewer" });
    const developer = await createRoleToken({ partnerId: owner.partnerId, role: "developer" });
    const service = { name: "Role matrix", url: "https://example.test/app" };

    expect((await api("/api/v1/services", { token: viewer })).status).toBe(200);
    expect((await api("/api/v1/members", { token: viewer })).status).toBe(200);
    const refused = await api("/api/v1/services", { token: viewer, json: service });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "forbidden" });

    const created = await api("/api/v1/services", { token: developer, json: service });
    expect(created.status).toBe(201);
    for (const [path, method, json] of [
      ["/api/v1/invitations", "POST", { email: uniqueEmail(), role: "viewer" }],
      ["/api/v1/invitations", "GET", undefined],
      [`/api/v1/members/${member.userId}`, "PATCH", { role: "developer" }],
      [`/api/v1/members/${member.userId}`, "DELETE", undefined],
    ] as const) {
      const response = await api(path, { token: developer, method, json });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await api(`/api/v1/members/${member.userId}`, { token: owner.apiToken, method: "DELETE" })).status).toBe(
      204,
    );
    // Nothing was changed by the refused calls.
    expect(await getDb().service.count({ where: { partnerId: owner.partnerId } })).toBe(1);
    expect(await getDb().invitation.count({ where: { partnerId: owner.partnerId } })).toBe(1);
  });

  it("a removed member is out at once: not listed, their old cookie answers no user, the panel sends them to sign-in", async () => {
    const owner = await createPartner();
    const member = await joinAs(owner, "developer");
    const session = await signInWithPassword({ email: member.email, password: PASSWORD, ip: randomClientIp() });
    const cookie = session.sessionCookie ?? "";
    const before = await fetch(`${inject("baseUrl")}/dashboard/services`, { headers: { cookie }, redirect: "manual" });
    expect(before.status).toBe(200);

    expect((await api(`/api/v1/members/${member.userId}`, { token: owner.apiToken, method: "DELETE" })).status).toBe(
      204,
    );
    // Removal ends the member's sessions on the server: the cookie they still hold authenticates nowhere.
    expect(await sessionUser(cookie)).toBeNull();
    const after = await fetch(`${inject("baseUrl")}/dashboard/services`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).toBe(307);
    expect(new URL(after.headers.get("location") ?? "", "http://portico.test").pathname).toBe("/sign-in");
    const members = (await (await api("/api/v1/members", { token: owner.apiToken })).json()) as {
      data: { user_id: string }[];
    };
    expect(members.data.map((row) => row.user_id)).toEqual([owner.userId]);
    expect(await auditActions(owner.apiToken, "?action=member.removed")).toHaveLength(1);
  });
});

describe("audit log", () => {
  it("records who did what from where, newest first with a cursor, and only for its own partner", async () => {
    const partner = await createPartner();
    const other = await createPartner();
    const ip = randomClientIp();
    const created = await api("/api/v1/services", {
      token: partner.apiToken,
      json: { name: "Audited", url: "https://example.test/a" },
      headers: { "x-forwarded-for": ip },
    });
    const service = (await created.json()) as { id: string };
    const events = await auditActions(partner.apiToken, "?action=service.created");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "service.created",
      actor: { type: "api_token", id: partner.apiTokenId },
      target: { type: "service", id: service.id },
      ip,
    });

    const page1 = (await (await api("/api/v1/audit-events?limit=1", { token: partner.apiToken })).json()) as {
      data: { id: string }[];
      next_cursor: string | null;
    };
    expect(page1.data).toHaveLength(1);
    expect(page1.next_cursor).toBeTruthy();
    const page2 = (await (
      await api(`/api/v1/audit-events?limit=1&cursor=${page1.next_cursor}`, { token: partner.apiToken })
    ).json()) as { data: { id: string }[] };
    expect(page2.data[0]?.id).not.toBe(page1.data[0]?.id);

    const theirs = await auditActions(other.apiToken);
    expect(theirs.some((event) => JSON.stringify(event).includes(service.id))).toBe(false);
    expect((await api("/api/v1/audit-events?action=nonsense", { token: partner.apiToken })).status).toBe(400);
    expect((await api("/api/v1/audit-events?cursor=%%%", { token: partner.apiToken })).status).toBe(400);
  });

  it("the panel's filters name a bad value next to its field and still apply the others; the CSV export refuses it", async () => {
    const partner = await createPartner();
    for (const name of ["Filtered A", "Filtered B"]) {
      const created = await api("/api/v1/services", {
        token: partner.apiToken,
        json: { name, url: "https://example.test/f" },
      });
      expect(created.status).toBe(201);
    }
    const { sessionCookie } = await signInWithPassword({ email: partner.email, password: partner.password });
    const headers = { cookie: sessionCookie as string };
    const baseUrl = inject("baseUrl");
    const auditPage = async (query: string) => {
      const response = await fetch(`${baseUrl}/dashboard/audit${query}`, { headers });
      expect(response.status).toBe(200);
      const html = await response.text();
      return { html, rows: html.match(/data-testid="audit-row"/g)?.length ?? 0 };
    };

    // Unfiltered: the two creations, the token made with the account and the sign-in.
    expect((await auditPage("")).rows).toBeGreaterThan(2);
    // A date that does not exist is named next to "From"; the action filter still narrows to the two creations.
    const badDate = await auditPage("?action=service.created&from=2026-13-45");
    expect(badDate.html).toMatch(/data-testid="filter-error-from"[^>]*>From must be a real date/);
    expect(badDate.rows).toBe(2);
    // An action that is not in the catalog is named next to "Action"; the actor filter still applies.
    const badAction = await auditPage(`?action=nonsense&actor=${encodeURIComponent(partner.email)}`);
    expect(badAction.html).toMatch(/data-testid="filter-error-action"[^>]*>Action must be one of the listed actions/);
    expect(badAction.html).toContain("user.signed_in");
    expect(badAction.rows).toBe(1);

    // The export answers a bad value with the contract's 400 naming the field, as the transactions export does.
    for (const [query, field] of [
      ["?action=service.created&from=2026-13-45", "from"],
      ["?to=yesterday", "to"],
      ["?action=nonsense", "action"],
    ]) {
      const refused = await fetch(`${baseUrl}/dashboard/audit/export${query}`, { headers });
      expect(refused.status, query).toBe(400);
      const body = (await refused.json()) as { error: string; message: string };
      expect(body.error).toBe("invalid_request");
      expect(body.message, query).toMatch(new RegExp(`^${field}: `));
    }
    const csv = await fetch(`${baseUrl}/dashboard/audit/export?action=service.created`, { headers });
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(3);
  });

  it("a change that rolls back leaves no audit row", async () => {
    const first = await createPartner();
    const second = await createPartner();
    const taken = await getDb().partner.findUniqueOrThrow({ where: { id: first.partnerId } });
    // The audit row is written first in this transaction; the unique customer id then fails the update.
    await expect(
      updatePartnerSettings({
        partnerId: second.partnerId,
        name: "Renamed",
        timeZone: "UTC",
        customerId: taken.customerId,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(
      await getDb().auditEvent.count({ where: { partnerId: second.partnerId, action: "partner.settings_updated" } }),
    ).toBe(0);
    expect((await getDb().partner.findUniqueOrThrow({ where: { id: second.partnerId } })).name).not.toBe("Renamed");
  });

  it("no change without its record: when the audit row cannot be written, the change is not made", async () => {
    const partner = await createPartner();
    const db = getDb();
    const sqlite = getTestDatabase() === "sqlite";
    const trigger = `refuse_audit_${partner.partnerId.slice(4).toLowerCase()}`;
    if (sqlite) {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER "${trigger}" BEFORE INSERT ON "AuditEvent" WHEN NEW."partnerId" = '${partner.partnerId}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`,
      );
    } else {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION "${trigger}"() RETURNS trigger AS $$ BEGIN IF NEW."partnerId" = '${partner.partnerId}' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER "${trigger}" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "${trigger}"()`,
      );
    }
    try {
      const response = await api("/api/v1/services", {
        token: partner.apiToken,
        json: { name: "Unrecorded", url: "https://example.test/u" },
      });
      expect(response.status).toBe(500);
      expect(await db.service.count({ where: { partnerId: partner.partnerId } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(sqlite ? `DROP TRIGGER "${trigger}"` : `DROP TRIGGER "${trigger}" ON "AuditEvent"`);
      if (!sqlite) await db.$executeRawUnsafe(`DROP FUNCTION "${trigger}"()`);
    }
  });

  it("sign-in successes and failures are recorded for the member's partner", async () => {
    const partner = await createPartner();
    await signInWithPassword({ email: partner.email, password: "not the password", ip: randomClientIp() });
    await signInWithPassword({ email: partner.email, password: partner.password, ip: randomClientIp() });
    const actions = (await auditActions(partner.apiToken)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["user.sign_in_failed", "user.signed_in"]));
  });
});
