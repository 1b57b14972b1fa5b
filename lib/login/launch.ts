// Launch: a signed-in user opens a service → a one-time token bound to user + service and the URL to send them to.
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { buildVersionedUrl } from "@/lib/services/services";
import { canOpenService } from "./entitlements";
import { generateLoginToken, hashLoginToken, LOGIN_TOKEN_TTL_MS } from "./tokens";

export type LaunchResult =
  | { kind: "redirect"; location: string }
  | { kind: "unavailable"; serviceName: string | null }
  | { kind: "not_found" };

/** The versioned service URL (`?v=`) with `services=<token>` added, other query parameters kept. */
export function buildLaunchUrl(service: { url: string; version: string | null }, token: string): string {
  const url = new URL(buildVersionedUrl(service.url, service.version));
  url.searchParams.set("services", token);
  return url.toString();
}

export async function launchService(options: {
  user: { id: string; partnerId: string | null };
  serviceId: string;
  now?: Date;
}): Promise<LaunchResult> {
  const db = getDb();
  const now = options.now ?? new Date();
  const service = await db.service.findUnique({
    where: { id: options.serviceId },
    select: { id: true, partnerId: true, name: true, url: true, version: true, state: true },
  });
  // A deleted (or never existing) service: 404, and no token is minted.
  if (!service) return { kind: "not_found" };
  if (!(await canOpenService(db, { user: options.user, service, now }))) {
    // Name only published services: a draft's existence is the partner's business.
    return { kind: "unavailable", serviceName: service.state === "published" ? service.name : null };
  }
  const token = generateLoginToken();
  await db.loginToken.create({
    data: {
      id: createId("lgn"),
      tokenHash: hashLoginToken(token),
      userId: options.user.id,
      serviceId: service.id,
      partnerId: service.partnerId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS),
    },
  });
  return { kind: "redirect", location: buildLaunchUrl(service, token) };
}
