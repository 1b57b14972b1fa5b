// The member-role matrix on the panel's server actions, over real HTTP: an action posted directly (as a script can,
// whether or not the page shows its button) is refused on the server when the member's role may not do it, and
// nothing changes. The contract's roles: owner (members, signing key, settings, deleting), developer (services,
// tokens, webhooks, callbacks), viewer (reads only).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import type { PartnerRole } from "@/lib/members/roles";
import { createMember, createPartner, uniqueEmail } from "../support/factories";
import { api, randomClientIp } from "../support/http";
import { postServerAction } from "../support/server-actions";
import { signInWithPassword } from "../support/sign-in";

async function signedInCookie(who: { email: string; password: string }): Promise<string> {
  const { sessionCookie } = await signInWithPassword({ ...who, ip: randomClientIp() });
  if (!sessionCookie) throw new Error(`${who.email} could not sign in`);
  return sessionCookie;
}

/** A partner with one member per role, a bystander member, and one of each thing the actions change. */
async function createTeam() {
  const owner = await createPartner();
  const [viewer, developer, bystander] = await Promise.all([
    createMember({ partnerId: owner.partnerId, role: "viewer" }),
    createMember({ partnerId: owner.partnerId, role: "developer" }),
    createMember({ partnerId: owner.partnerId, role: "viewer" }),
  ]);
  const created = async (path: string, json: unknown) => {
    const response = await api(path, { token: owner.apiToken, json });
    expect(response.status, path).toBe(201);
    return (await response.json()) as { id: string };
  };
  const service = await created("/api/v1/services", { name: "Guarded", url: SERVICE_URL });
  const endpoint = await created("/api/v1/webhook-endpoints", { url: "https://hooks.example/guarded" });
  const invitation = await created("/api/v1/invitations", { email: uniqueEmail("invited"), role: "viewer" });
  const token = await createApiToken({ partnerId: owner.partnerId, name: "bystander token" });
  return {
    partnerId: owner.partnerId,
    ownerUserId: owner.userId,
    viewer: { ...viewer, cookie: await signedInCookie(viewer) },
    developer: { ...developer, cookie: await signedInCookie(developer) },
    bystander,
    serviceId: service.id,
    endpointId: endpoint.id,
    invitationId: invitation.id,
    tokenId: token.id,
  };
}

type Team = Awaited<ReturnType<typeof createTeam>>;

interface GuardedAction {
  file: string;
  name: string;
  page: string;
  fields: Record<string, string>;
  /** The weakest role that may run it. */
  minimum: Exclude<PartnerRole, "viewer">;
}

const PANEL = "app/(panel)/dashboard";
const SERVICE_URL = "https://app.example.test/";

/** Every panel action that changes something, with a well-formed form for it. */
function guardedActions(team: Team): GuardedAction[] {
  const service = `/dashboard/services/${team.serviceId}`;
  const endpoint = `/dashboard/webhooks/${team.endpointId}`;
  const id = { id: team.serviceId };
  const serviceForm = { ...id, url: SERVICE_URL, check_interval_seconds: "300" };
  const endpointId = { id: team.endpointId };
  const developer = (file: string, page: string, name: string, fields: Record<string, string>): GuardedAction => ({
    file,
    page,
    name,
    fields,
    minimum: "developer",
  });
  const owner = (file: string, page: string, name: string, fields: Record<string, string>): GuardedAction => ({
    file,
    page,
    name,
    fields,
    minimum: "owner",
  });
  const services = `${PANEL}/services/actions.ts`;
  const callback = `${PANEL}/services/[id]/callback/actions.ts`;
  const webhooks = `${PANEL}/webhooks/actions.ts`;
  const tokens = `${PANEL}/tokens/actions.ts`;
  const members = `${PANEL}/team/actions.ts`;
  const signingKey = `${PANEL}/signing-key/actions.ts`;
  return [
    developer(services, "/dashboard/services/new", "createServiceAction", {
      name: "Sneaked in",
      url: "https://sneaked.example.test/",
      check_interval_seconds: "",
    }),
    developer(services, service, "updateServiceAction", { ...serviceForm, name: "Renamed" }),
    developer(services, service, "submitServiceAction", id),
    developer(services, service, "rotateServiceSecretAction", id),
    developer("components/monitoring/actions.ts", `${service}/monitoring`, "checkServiceNowAction", id),
    developer(callback, `${service}/callback`, "saveCallbackSettingsAction", {
      ...id,
      mode: "development",
      url: "",
      api_user: "",
      api_password: "",
      cache_ttl_seconds: "0",
    }),
    developer(callback, `${service}/callback`, "regenerateDevelopmentTokenAction", id),
    developer(callback, `${service}/callback`, "sendTestCallbackAction", id),
    developer(webhooks, "/dashboard/webhooks/new", "createEndpointAction", { url: "https://hooks.example/sneaked" }),
    developer(webhooks, endpoint, "updateEndpointAction", { ...endpointId, url: "https://hooks.example/moved" }),
    developer(webhooks, endpoint, "disableEndpointAction", { ...endpointId, reason: "not yours" }),
    developer(webhooks, endpoint, "enableEndpointAction", endpointId),
    developer(webhooks, endpoint, "rotateEndpointSecretAction", endpointId),
    developer(webhooks, endpoint, "sendTestEventAction", endpointId),
    developer(webhooks, endpoint, "replayDeliveryAction", { ...endpointId, delivery_id: "dlv_unknown" }),
    developer(tokens, "/dashboard/tokens", "createTokenAction", { name: "sneaked", expiresOn: "" }),
    developer(tokens, "/dashboard/tokens", "revokeTokenAction", { tokenId: team.tokenId }),
    developer(tokens, "/dashboard/tokens", "rollTokenAction", { tokenId: team.tokenId, window: "now" }),
    owner(services, service, "deleteServiceAction", id),
    owner(webhooks, endpoint, "deleteEndpointAction", endpointId),
    owner(members, "/dashboard/team", "inviteMemberAction", { email: uniqueEmail("sneaked"), role: "owner" }),
    owner(members, "/dashboard/team", "changeMemberRoleAction", { userId: team.bystander.userId, role: "owner" }),
    owner(members, "/dashboard/team", "removeMemberAction", { userId: team.bystander.userId }),
    owner(members, "/dashboard/team", "revokeInvitationAction", { invitationId: team.invitationId }),
    owner(`${PANEL}/settings/actions.ts`, "/dashboard/settings", "saveSettingsAction", {
      name: "Taken over",
      timeZone: "UTC",
      customerId: `C${randomBytes(4).toString("hex")}`,
    }),
    owner(signingKey, "/dashboard/signing-key", "revealSigningKeyAction", { password: "correct horse battery staple" }),
    owner(signingKey, "/dashboard/signing-key", "rotateSigningKeyAction", { password: "correct horse battery staple" }),
  ];
}

/** What any of the actions above would change, read straight from the database. */
async function readPartnerState(partnerId: string) {
  const db = getDb();
  const [partner, users, services, checks, endpoints, invitations, tokens, audit, events] = await Promise.all([
    db.partner.findUniqueOrThrow({ where: { id: partnerId } }),
    db.user.findMany({ where: { partnerId }, select: { id: true, partnerRole: true }, orderBy: { id: "asc" } }),
    db.service.findMany({ where: { partnerId }, include: { callback: true }, orderBy: { id: "asc" } }),
    db.serviceCheck.count({ where: { service: { partnerId } } }),
    db.webhookEndpoint.findMany({ where: { partnerId }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { partnerId }, orderBy: { id: "asc" } }),
    db.apiToken.findMany({ where: { partnerId }, select: { id: true, revokedAt: true, expiresAt: true } }),
    db.auditEvent.count({ where: { partnerId } }),
    db.event.count({ where: { partnerId } }),
  ]);
  return { partner, users, services, checks, endpoints, invitations, tokens, audit, events };
}

describe("server actions posted directly are refused for a role that may not use them", () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam();
  }, 60_000);

  it("a viewer is refused every developer and owner action, and nothing changes", async () => {
    const before = await readPartnerState(team.partnerId);
    for (const action of guardedActions(team)) {
      const { status, state, answer } = await postServerAction({ ...action, cookie: team.viewer.cookie });
      expect(status, `${action.name}: ${answer.slice(0, 300)}`).toBe(200);
      expect(state, action.name).toMatchObject({
        status: "error",
        message: expect.stringContaining(`needs the ${action.minimum} role`),
      });
    }
    expect(await readPartnerState(team.partnerId)).toEqual(before);
  });

  it("a developer is refused every owner action, and nothing changes", async () => {
    const before = await readPartnerState(team.partnerId);
    for (const action of guardedActions(team).filter(({ minimum }) => minimum === "owner")) {
      const { status, state, answer } = await postServerAction({ ...action, cookie: team.developer.cookie });
      expect(status, `${action.name}: ${answer.slice(0, 300)}`).toBe(200);
      expect(state, action.name).toMatchObject({
        status: "error",
        message: expect.stringContaining("needs the owner role"),
      });
    }
    expect(await readPartnerState(team.partnerId)).toEqual(before);
  });

  it("the same direct posts work for a role that may act: a viewer's own alerts, a developer's rename", async () => {
    const alerts = await postServerAction({
      file: `${PANEL}/team/actions.ts`,
      name: "saveAlertPreferencesAction",
      page: "/dashboard/team/alerts",
      fields: {},
      cookie: team.viewer.cookie,
    });
    expect(alerts.state, alerts.answer.slice(0, 300)).toMatchObject({ status: "success" });
    const renamed = await postServerAction({
      file: `${PANEL}/services/actions.ts`,
      name: "updateServiceAction",
      page: `/dashboard/services/${team.serviceId}`,
      fields: { id: team.serviceId, url: SERVICE_URL, check_interval_seconds: "300", name: "Renamed by a developer" },
      cookie: team.developer.cookie,
    });
    expect(renamed.state, renamed.answer.slice(0, 300)).toMatchObject({ status: "success" });
    expect((await getDb().service.findUniqueOrThrow({ where: { id: team.serviceId } })).name).toBe(
      "Renamed by a developer",
    );
  });
});
