import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { SecretValue } from "@/components/secret-value";
import { EditServiceForm } from "@/components/services/edit-service-form";
import { ServiceStateBadge, ServiceStatusBadge } from "@/components/status-badges";
import { BackLink } from "@/components/ui/back-link";
import { Banner } from "@/components/ui/banner";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { hasPartnerRole } from "@/lib/members/roles";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { countServiceDependents, getServiceOrThrow, toServiceOutput } from "@/lib/services/services";
import { deleteServiceAction, rotateServiceSecretAction, submitServiceAction, updateServiceAction } from "../actions";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const metadata: Metadata = { title: "Service" };

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { partner, memberRole } = await requirePage({
    access: { role: "partner" },
    callbackPath: `/dashboard/services/${id}`,
  });
  // Viewers read only: no buttons (the server refuses them anyway).
  const canChange = hasPartnerRole(memberRole, "developer");
  const canDelete = hasPartnerRole(memberRole, "owner");
  const row = await loadOrNotFound(() => getServiceOrThrow({ partnerId: partner.id, id }));
  const service = toServiceOutput(row);
  const dependents = await countServiceDependents({ partnerId: partner.id, id });
  const tz = partner.timeZone;
  const approved = partner.status === "approved";

  return (
    <>
      <BackLink href="/dashboard/services" label="Services" />
      <nav aria-label="Service sections" className="mb-4 flex gap-4 text-sm">
        <Link
          href={`/dashboard/services/${service.id}/monitoring`}
          className="text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Monitoring &amp; versions
        </Link>
        <Link
          href={`/dashboard/services/${service.id}/callback`}
          className="text-indigo-600 hover:underline dark:text-indigo-400"
        >
          A&amp;A callback verification
        </Link>
      </nav>
      <PageHeader
        title={service.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ServiceStateBadge state={service.state} />
            <ServiceStatusBadge status={service.status} />
          </span>
        }
        actions={
          canChange ? (
            <>
              {service.state === "draft" ? (
                <ActionButton
                  action={submitServiceAction}
                  fields={{ id: service.id }}
                  label="Submit for review"
                  pendingLabel="Submitting…"
                  variant="primary"
                  disabled={!approved}
                />
              ) : null}
              <ConfirmAction
                action={rotateServiceSecretAction}
                fields={{ id: service.id }}
                triggerLabel="Rotate secret"
                title="Rotate the service secret?"
                description="The current secret stops working immediately: signatures made with it will make the service unauthentic until your /authorize endpoint uses the new one."
                confirmLabel="Rotate secret"
                confirmVariant="danger"
                secretsTitle="Your new service secret"
                disabled={!approved}
              />
              {canDelete ? (
                <ConfirmAction
                  action={deleteServiceAction}
                  fields={{ id: service.id }}
                  triggerLabel="Delete"
                  triggerVariant="danger"
                  title={`Delete “${service.name}”?`}
                  description={
                    <span data-testid="delete-service-consequences">
                      This cannot be undone. With it go {plural(dependents.checks, "check", "checks")} of history, its
                      callback settings and{" "}
                      {plural(dependents.callbackLogs, "callback log entry", "callback log entries")},{" "}
                      {plural(dependents.entitlements, "end user’s access", "end users’ access")} and{" "}
                      {plural(dependents.unredeemedTokens, "unredeemed login token", "unredeemed login tokens")}. From
                      then on checks stop, and certify requests and launches for it answer “not found”.
                    </span>
                  }
                  confirmLabel="Delete service"
                  confirmVariant="danger"
                />
              ) : null}
            </>
          ) : null
        }
      />
      {service.review_reason && service.state !== "published" ? (
        <div className="mb-6">
          <Banner tone="warning" testId="service-review-reason">
            {service.review_reason}
          </Banner>
        </div>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Identity" description="What your /authorize endpoint signs." />
          <CardBody className="flex flex-col gap-4">
            <SecretValue label="service_id" value={service.service_id} testId="service-id" />
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              The service secret was shown once, when the service was created. Lost it? Rotate it.
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Details" />
          <CardBody className="py-1">
            <DetailList>
              <DetailRow label="Portico id">
                <code className="font-mono text-xs">{service.id}</code>
              </DetailRow>
              <DetailRow label="URL">
                <code className="font-mono text-xs">{service.url}</code>
              </DetailRow>
              <DetailRow label="Versioned URL">
                <code className="font-mono text-xs" data-testid="versioned-url">
                  {service.versioned_url}
                </code>
                <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                  Where end users are sent: the URL with v=&lt;version&gt;.
                </p>
              </DetailRow>
              <DetailRow label="Version">{service.version ?? "Not reported yet"}</DetailRow>
              <DetailRow label="Check interval">{service.check_interval_seconds} seconds</DetailRow>
              <DetailRow label="Last checked">{formatDateTime(service.last_checked_at, tz)}</DetailRow>
              <DetailRow label="Created">{formatDateTime(service.created_at, tz)}</DetailRow>
              <DetailRow label="Submitted">{formatDateTime(row.submittedAt, tz)}</DetailRow>
              <DetailRow label="Published">{formatDateTime(row.publishedAt, tz)}</DetailRow>
            </DetailList>
          </CardBody>
        </Card>
        {canChange ? (
          <EditServiceForm
            service={{
              id: service.id,
              name: service.name,
              url: service.url,
              checkIntervalSeconds: service.check_interval_seconds,
              published: service.state === "published",
            }}
            action={updateServiceAction}
            disabled={!approved}
          />
        ) : null}
        <Card>
          <CardHeader
            title="Your /authorize endpoint"
            description="Portico expects this answer from GET /authorize on your service's origin."
          />
          <CardBody>
            <pre className="overflow-x-auto rounded-md bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100">
              {`{
  "timestamp": <unix seconds>,
  "service_signature": base64(HMAC-SHA256(key = service_secret,
                                          msg = service_id + str(timestamp))),
  "version": "<your version>"
}`}
            </pre>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
