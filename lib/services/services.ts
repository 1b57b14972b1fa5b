import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { createId, randomSecret } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/outbox";
import { listAlertRecipients } from "@/lib/mail/alerts";
import { serviceReviewMail } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
import type { CreateServiceInput, UpdateServiceInput } from "./schemas";
import { createdServiceSchema, serviceSchema } from "./schemas";

// Never select the encrypted secret unless a caller needs it.
const serviceSelect = {
  id: true,
  partnerId: true,
  serviceId: true,
  name: true,
  url: true,
  checkIntervalSeconds: true,
  state: true,
  status: true,
  version: true,
  lastCheckedAt: true,
  createdAt: true,
  submittedAt: true,
  publishedAt: true,
  reviewReason: true,
} as const;

type ServiceRow = {
  id: string;
  serviceId: string;
  name: string;
  url: string;
  checkIntervalSeconds: number;
  state: string;
  status: string;
  version: string | null;
  lastCheckedAt: Date | null;
  reviewReason?: string | null;
  createdAt: Date;
};

/** The URL end users are sent to: the service URL with `v=<version>`, other query parameters kept. */
export function buildVersionedUrl(url: string, version: string | null): string {
  if (!version) return url;
  const parsed = new URL(url);
  parsed.searchParams.set("v", version);
  return parsed.toString();
}

export function toServiceOutput(row: ServiceRow) {
  return serviceSchema.parse({
    id: row.id,
    service_id: row.serviceId,
    name: row.name,
    url: row.url,
    check_interval_seconds: row.checkIntervalSeconds,
    state: row.state,
    status: row.status,
    version: row.version,
    versioned_url: buildVersionedUrl(row.url, row.version),
    last_checked_at: row.lastCheckedAt?.toISOString() ?? null,
    review_reason: row.reviewReason ?? null,
    created_at: row.createdAt.toISOString(),
  });
}

export async function createService(options: { partnerId: string; input: CreateServiceInput }) {
  const secret = randomSecret(32);
  const row = await getDb().$transaction(async (tx) => {
    const created = await tx.service.create({
      data: {
        id: createId("svc"),
        partnerId: options.partnerId,
        serviceId: randomUUID(),
        name: options.input.name,
        url: options.input.url,
        checkIntervalSeconds: options.input.check_interval_seconds ?? 300,
        secretCiphertext: encryptSecret(secret),
      },
      select: serviceSelect,
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "service.created",
      target: { type: "service", id: created.id },
      data: { after: { name: created.name, url: created.url } },
    });
    return created;
  });
  return createdServiceSchema.parse({ ...toServiceOutput(row), service_secret: secret });
}

export async function listServices(options: { partnerId: string }) {
  const rows = await getDb().service.findMany({
    where: { partnerId: options.partnerId },
    orderBy: { createdAt: "desc" },
    select: serviceSelect,
  });
  return rows.map(toServiceOutput);
}

export async function getServiceOrThrow(options: { partnerId: string; id: string }) {
  const row = await getDb().service.findFirst({
    where: { id: options.id, partnerId: options.partnerId },
    select: serviceSelect,
  });
  if (!row) throw new AppError("not_found", `No service with id ${options.id}.`);
  return row;
}

export async function rotateServiceSecret(options: { partnerId: string; id: string }) {
  const secret = randomSecret(32);
  await getDb().$transaction(async (tx) => {
    const result = await tx.service.updateMany({
      where: { id: options.id, partnerId: options.partnerId },
      data: { secretCiphertext: encryptSecret(secret) },
    });
    if (result.count !== 1) throw new AppError("not_found", `No service with id ${options.id}.`);
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "service.secret_rotated",
      target: { type: "service", id: options.id },
    });
  });
  const row = await getServiceOrThrow(options);
  return createdServiceSchema.parse({ ...toServiceOutput(row), service_secret: secret });
}

export async function readServiceSecret(options: { partnerId: string; id: string }): Promise<string> {
  const row = await getDb().service.findFirst({
    where: { id: options.id, partnerId: options.partnerId },
    select: { secretCiphertext: true },
  });
  if (!row) throw new AppError("not_found", `No service with id ${options.id}.`);
  return decryptSecret(row.secretCiphertext);
}

export const URL_CHANGE_REVIEW_REASON =
  "The URL changed: an admin reviews the new URL before end users are sent there again.";

/**
 * Changes name, URL or check interval. A published service whose URL changes goes back to review (`submitted`):
 * end users must not be sent to an address nobody has looked at. A new URL or interval is checked right away.
 */
export async function updateService(options: { partnerId: string; id: string; input: UpdateServiceInput }) {
  const current = await getServiceOrThrow(options);
  const { input } = options;
  const urlChanged = input.url !== undefined && input.url !== current.url;
  const intervalChanged =
    input.check_interval_seconds !== undefined && input.check_interval_seconds !== current.checkIntervalSeconds;
  const backToReview = urlChanged && current.state === "published";
  const changed = [
    ...(input.name !== undefined && input.name !== current.name ? ["name"] : []),
    ...(urlChanged ? ["url"] : []),
    ...(intervalChanged ? ["check_interval_seconds"] : []),
  ];
  if (!changed.length) return toServiceOutput(current);
  const now = new Date();
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.service.update({
      where: { id: current.id },
      data: {
        name: input.name,
        url: input.url,
        checkIntervalSeconds: input.check_interval_seconds,
        ...(urlChanged ? { status: "unknown", consecutiveFailures: 0, statusChangedAt: now } : {}),
        ...(urlChanged || intervalChanged ? { nextCheckAt: now } : {}),
        ...(backToReview
          ? { state: "submitted", submittedAt: now, publishedAt: null, reviewReason: URL_CHANGE_REVIEW_REASON }
          : {}),
      },
      select: serviceSelect,
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "service.updated",
      target: { type: "service", id: current.id },
      data: {
        before: { name: current.name, url: current.url, check_interval_seconds: current.checkIntervalSeconds },
        after: { name: updated.name, url: updated.url, check_interval_seconds: updated.checkIntervalSeconds },
      },
    });
    await recordEvent(tx, {
      partnerId: options.partnerId,
      type: "service.updated",
      data: { id: current.id, service_id: current.serviceId, changed, state: updated.state },
      at: now,
    });
    return updated;
  });
  return toServiceOutput(row);
}

/**
 * Gone for every caller at once: the row and everything hanging off it (checks, callback settings, entitlements,
 * unredeemed one-time tokens) go in one cascade, so certify, launch, redemption and the scheduler find nothing.
 */
export async function deleteService(options: { partnerId: string; id: string }): Promise<void> {
  const current = await getServiceOrThrow(options);
  await getDb().$transaction(async (tx) => {
    const result = await tx.service.deleteMany({ where: { id: current.id, partnerId: options.partnerId } });
    if (result.count !== 1) throw new AppError("not_found", `No service with id ${options.id}.`);
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "service.deleted",
      target: { type: "service", id: current.id },
      data: { before: { name: current.name, url: current.url } },
    });
    await recordEvent(tx, {
      partnerId: options.partnerId,
      type: "service.deleted",
      data: { id: current.id, service_id: current.serviceId, name: current.name },
    });
  });
}

/** What deleting a service takes with it, for the confirmation that names it. */
export async function countServiceDependents(options: { partnerId: string; id: string }) {
  const current = await getServiceOrThrow(options);
  const db = getDb();
  const [checks, entitlements, unredeemedTokens, callbackLogs] = await Promise.all([
    db.serviceCheck.count({ where: { serviceId: current.id } }),
    db.entitlement.count({ where: { serviceId: current.id } }),
    db.loginToken.count({ where: { serviceId: current.id, redeemedAt: null, expiresAt: { gt: new Date() } } }),
    db.callbackLog.count({ where: { serviceId: current.id } }),
  ]);
  return { checks, entitlements, unredeemedTokens, callbackLogs };
}

/** Draft → submitted: the partner asks for review. */
export async function submitService(options: { partnerId: string; id: string }) {
  const result = await getDb().$transaction(async (tx) => {
    const updated = await tx.service.updateMany({
      where: { id: options.id, partnerId: options.partnerId, state: "draft" },
      data: { state: "submitted", submittedAt: new Date() },
    });
    if (updated.count === 1) {
      await recordAudit(tx, {
        partnerId: options.partnerId,
        action: "service.submitted",
        target: { type: "service", id: options.id },
      });
    }
    return updated;
  });
  if (result.count !== 1) {
    await getServiceOrThrow(options);
    throw new AppError("conflict", "Only a draft service can be submitted for review.");
  }
}

/** The admin's decision: publish makes the service visible to entitled end users; unpublish returns it to draft. */
export async function setServicePublished(options: { id: string; published: boolean; reason?: string }) {
  await getDb().$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { id: options.id },
      select: { partnerId: true, name: true, state: true },
    });
    if (!service) throw new AppError("not_found", `No service with id ${options.id}.`);
    await tx.service.update({
      where: { id: options.id },
      data: options.published
        ? { state: "published", publishedAt: new Date(), reviewReason: null }
        : // The partner sees why on the service's page.
          { state: "draft", publishedAt: null, submittedAt: null, reviewReason: options.reason || null },
    });
    await recordAudit(tx, {
      partnerId: service.partnerId,
      action: options.published ? "service.published" : "service.unpublished",
      target: { type: "service", id: options.id },
      data: { before: { state: service.state }, after: { state: options.published ? "published" : "draft" } },
    });
    const recipients = await listAlertRecipients(tx, { partnerId: service.partnerId, kind: "service_review" });
    await queueMail(
      tx,
      recipients.map((to) =>
        serviceReviewMail({
          to,
          serviceName: service.name,
          serviceId: options.id,
          published: options.published,
          partnerId: service.partnerId,
        }),
      ),
    );
  });
  return { id: options.id, published: options.published };
}

/** Admins only (their pages are guarded): a service's owner, to open its details and monitoring before deciding. */
export async function getServiceOwnerForReview(options: { id: string }) {
  const row = await getDb().service.findUnique({
    where: { id: options.id },
    select: { partnerId: true, partner: { select: { name: true } } },
  });
  if (!row) throw new AppError("not_found", `No service with id ${options.id}.`);
  return { partnerId: row.partnerId, partnerName: row.partner.name };
}

export async function listServicesForReview() {
  return getDb().service.findMany({
    where: { state: { in: ["submitted", "published"] } },
    orderBy: [{ state: "asc" }, { submittedAt: "desc" }],
    select: { ...serviceSelect, partner: { select: { name: true } } },
    take: 200,
  });
}
