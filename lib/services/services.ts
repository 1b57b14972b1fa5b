import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { createId, randomSecret } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listAlertRecipients } from "@/lib/mail/alerts";
import { serviceReviewMail } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
import type { CreateServiceInput } from "./schemas";
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
export async function setServicePublished(options: { id: string; published: boolean }) {
  await getDb().$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { id: options.id },
      select: { partnerId: true, name: true, state: true },
    });
    if (!service) throw new AppError("not_found", `No service with id ${options.id}.`);
    await tx.service.update({
      where: { id: options.id },
      data: options.published
        ? { state: "published", publishedAt: new Date() }
        : { state: "draft", publishedAt: null, submittedAt: null },
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

export async function listServicesForReview() {
  return getDb().service.findMany({
    where: { state: { in: ["submitted", "published"] } },
    orderBy: [{ state: "asc" }, { submittedAt: "desc" }],
    select: { ...serviceSelect, partner: { select: { name: true } } },
    take: 200,
  });
}
