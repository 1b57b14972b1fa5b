// The text of every message Portico sends. Plain text: it reads the same in every client and in the outbox.
import { getConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/time/format";
import type { MailDraft } from "./outbox";

function link(path: string): string {
  return new URL(path, getConfig().publicUrl).toString();
}

function sign(lines: string[]): string {
  return `${lines.join("\n")}\n\n— Portico\n`;
}

export function invitationMail(options: {
  to: string;
  partnerName: string;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
  partnerId: string;
}): MailDraft {
  return {
    kind: "invitation",
    to: options.to,
    partnerId: options.partnerId,
    subject: `You are invited to join ${options.partnerName} on Portico`,
    text: sign([
      `You have been invited to join ${options.partnerName} on Portico as ${options.role}.`,
      "",
      `Accept the invitation: ${options.acceptUrl}`,
      "",
      `The link works once and until ${formatDateTime(options.expiresAt, "UTC")}. If you did not expect it, ignore this message.`,
    ]),
  };
}

export function partnerReviewMail(options: {
  to: string;
  partnerName: string;
  decision: "approved" | "rejected";
  reason?: string | null;
  partnerId: string;
}): MailDraft {
  const approved = options.decision === "approved";
  return {
    kind: "partner_review",
    to: options.to,
    partnerId: options.partnerId,
    subject: approved ? "Your Portico partnership is approved" : "Your Portico partnership request was declined",
    text: sign(
      approved
        ? [
            `${options.partnerName} is now an approved Portico partner.`,
            "",
            `Open your dashboard: ${link("/dashboard")}`,
          ]
        : [
            `The partnership request of ${options.partnerName} was declined.`,
            ...(options.reason ? ["", `Reason: ${options.reason}`] : []),
          ],
    ),
  };
}

export function serviceReviewMail(options: {
  to: string;
  serviceName: string;
  serviceId: string;
  published: boolean;
  partnerId: string;
}): MailDraft {
  return {
    kind: "service_review",
    to: options.to,
    partnerId: options.partnerId,
    subject: options.published
      ? `${options.serviceName} is published on Portico`
      : `${options.serviceName} was unpublished on Portico`,
    text: sign([
      options.published
        ? `${options.serviceName} is now visible to entitled end users.`
        : `${options.serviceName} is no longer visible to end users; it is back to draft.`,
      "",
      `Service: ${link(`/dashboard/services/${options.serviceId}`)}`,
    ]),
  };
}

export function serviceStatusMail(options: {
  to: string;
  serviceName: string;
  serviceId: string;
  status: string;
  previousStatus: string;
  partnerId: string;
  dedupeKey: string;
}): MailDraft {
  const recovered = options.status === "live";
  return {
    kind: "service_status",
    to: options.to,
    partnerId: options.partnerId,
    dedupeKey: options.dedupeKey,
    subject: recovered
      ? `Recovered: ${options.serviceName} is live again`
      : `${options.serviceName} is ${options.status === "down" ? "down" : "failing authentication"}`,
    text: sign([
      recovered
        ? `${options.serviceName} answers /authorize correctly again (it was ${options.previousStatus}).`
        : options.status === "down"
          ? `${options.serviceName} did not answer /authorize for several consecutive checks.`
          : `${options.serviceName} answers /authorize with a wrong signature or a stale timestamp.`,
      "",
      `Monitoring: ${link(`/dashboard/services/${options.serviceId}/monitoring`)}`,
      "",
      `Choose which alerts you get: ${link("/dashboard/team/alerts")}`,
    ]),
  };
}

export function webhookEndpointDisabledMail(options: {
  to: string;
  url: string;
  endpointId: string;
  reason: string;
  partnerId: string;
  dedupeKey: string;
}): MailDraft {
  return {
    kind: "webhook_endpoint_disabled",
    to: options.to,
    partnerId: options.partnerId,
    dedupeKey: options.dedupeKey,
    subject: "A webhook endpoint was disabled",
    text: sign([
      `Portico disabled your webhook endpoint ${options.url}: ${options.reason}`,
      "",
      `Fix it and enable it again: ${link(`/dashboard/webhooks/${options.endpointId}`)}`,
      "",
      `Choose which alerts you get: ${link("/dashboard/team/alerts")}`,
    ]),
  };
}
