// Alerts: which members hear about what. Each member mutes the kinds they do not want (all are on by default).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MailKind } from "./outbox";

export const ALERT_KINDS = ["service_status", "webhook_endpoint_disabled", "service_review", "partner_review"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number] & MailKind;

export const ALERT_LABELS: Record<AlertKind, string> = {
  service_status: "A service goes down, fails authentication, or recovers",
  webhook_endpoint_disabled: "A webhook endpoint is disabled after repeated failures",
  service_review: "A service is published or unpublished",
  partner_review: "The partnership is approved or declined",
};

const mutedSchema = z.array(z.enum(ALERT_KINDS)).catch([]);

export function parseMutedAlerts(value: string): AlertKind[] {
  try {
    return mutedSchema.parse(JSON.parse(value));
  } catch {
    return [];
  }
}

/** The e-mail addresses of the partner's members who want alerts of this kind. */
export async function listAlertRecipients(
  db: Pick<Db, "user">,
  options: { partnerId: string; kind: AlertKind },
): Promise<string[]> {
  const members = await db.user.findMany({
    where: { partnerId: options.partnerId, partnerRole: { not: null } },
    select: { email: true, mutedAlerts: true },
    orderBy: { createdAt: "asc" },
  });
  return members.filter((member) => !parseMutedAlerts(member.mutedAlerts).includes(options.kind)).map((m) => m.email);
}

export async function getAlertPreferences(options: { userId: string }): Promise<Record<AlertKind, boolean>> {
  const user = await getDb().user.findUnique({ where: { id: options.userId }, select: { mutedAlerts: true } });
  if (!user) throw new AppError("not_found", "Account not found.");
  const muted = parseMutedAlerts(user.mutedAlerts);
  return Object.fromEntries(ALERT_KINDS.map((kind) => [kind, !muted.includes(kind)])) as Record<AlertKind, boolean>;
}

export async function setAlertPreferences(options: { userId: string; enabled: AlertKind[] }): Promise<void> {
  const muted = ALERT_KINDS.filter((kind) => !options.enabled.includes(kind));
  await getDb().user.update({ where: { id: options.userId }, data: { mutedAlerts: JSON.stringify(muted) } });
}
