import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { MonitoringStatusBadge } from "@/components/monitoring/status-badge";
import { ServiceStateBadge } from "@/components/status-badges";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { getServiceMonitoring } from "@/lib/services/monitoring";
import { getServiceOwnerForReview } from "@/lib/services/services";
import { setServicePublishedAction } from "../../actions";

export const metadata: Metadata = { title: "Service review" };

// Admin times are shown in UTC, with the zone named.
const TZ = "UTC";

/** What an admin looks at before publishing: the service's details and how its checks have gone. */
export default async function AdminServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage({ access: { role: "admin" }, callbackPath: `/admin/services/${id}` });
  const owner = await loadOrNotFound(() => getServiceOwnerForReview({ id }));
  const { service, uptimes, history, versions } = await getServiceMonitoring({ partnerId: owner.partnerId, id });

  return (
    <>
      <BackLink href="/admin/services" label="Services" />
      <PageHeader
        title={service.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ServiceStateBadge state={service.state} />
            <MonitoringStatusBadge status={service.status} />
          </span>
        }
        actions={
          service.state === "submitted" ? (
            <ActionButton
              action={setServicePublishedAction}
              fields={{ serviceId: service.id, published: "true" }}
              label="Publish"
              pendingLabel="Publishing…"
              variant="primary"
            />
          ) : null
        }
      />
      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader title="Details" />
          <CardBody className="py-1">
            <DetailList>
              <DetailRow label="Partner">{owner.partnerName}</DetailRow>
              <DetailRow label="URL">
                <code className="font-mono text-xs break-all">{service.url}</code>
              </DetailRow>
              <DetailRow label="Version">{service.version ?? "Not reported yet"}</DetailRow>
              <DetailRow label="Check interval">{service.check_interval_seconds} seconds</DetailRow>
              <DetailRow label="Last checked">{formatDateTime(service.last_checked_at, TZ)}</DetailRow>
              {service.review_reason ? <DetailRow label="Review note">{service.review_reason}</DetailRow> : null}
            </DetailList>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Uptime" />
          <CardBody>
            <ul className="grid gap-3 sm:grid-cols-3">
              {uptimes.map((uptime) => (
                <li key={uptime.window} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                  <p className="text-sm text-zinc-500">Uptime {uptime.window}</p>
                  <p className="text-xl font-semibold">{uptime.percent === null ? "–" : `${uptime.percent}%`}</p>
                  <p className="text-xs text-zinc-500">{uptime.checks} checks</p>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Latest checks" description={`Versions seen: ${versions.length || "none yet"}.`} />
          <Table label="Latest checks" head={["Checked", "Outcome", "HTTP", "Latency", "Error"]}>
            {history.data.map((check) => (
              <tr key={check.checked_at + check.status}>
                <Td className="text-xs whitespace-nowrap">{formatDateTime(check.checked_at, TZ, { seconds: true })}</Td>
                <Td>
                  <MonitoringStatusBadge status={check.status} />
                </Td>
                <Td className="text-xs">{check.http_status ?? "–"}</Td>
                <Td className="text-xs">{check.latency_ms === null ? "–" : `${check.latency_ms} ms`}</Td>
                <Td className="max-w-xs text-xs break-words">{check.error ?? ""}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
