import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { ServiceStateBadge, ServiceStatusBadge } from "@/components/status-badges";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { listServicesForReview } from "@/lib/services/services";
import { setServicePublishedAction, unpublishServiceAction } from "../actions";
import { ReasonField } from "../reason-field";

export const metadata: Metadata = { title: "Services review" };

type ReviewRow = Awaited<ReturnType<typeof listServicesForReview>>[number];

function ServicesTable({ rows, label }: { rows: ReviewRow[]; label: string }) {
  return (
    <Table label={label} head={["Service", "Partner", "Status", "Version", "State", "Since", ""]}>
      {rows.map((service) => {
        const published = service.state === "published";
        return (
          <tr key={service.id} data-testid={`service-row-${service.name}`}>
            <Td>
              <Link
                href={`/admin/services/${service.id}`}
                className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
              >
                {service.name}
              </Link>
              <p className="max-w-xs truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{service.url}</p>
            </Td>
            <Td>{service.partner.name}</Td>
            <Td>
              <ServiceStatusBadge status={service.status} />
            </Td>
            <Td className="font-mono text-xs">{service.version ?? "—"}</Td>
            <Td>
              <ServiceStateBadge state={service.state} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              {formatDateTime(published ? service.publishedAt : service.submittedAt, "UTC")}
            </Td>
            <Td>
              <div className="flex justify-end">
                {published ? (
                  <ConfirmAction
                    action={unpublishServiceAction}
                    fields={{ serviceId: service.id }}
                    triggerLabel="Unpublish"
                    title={`Unpublish “${service.name}”?`}
                    description="End users can no longer open it, and it goes back to draft. The partner sees your reason on the service's page."
                    confirmLabel="Unpublish"
                    confirmVariant="danger"
                  >
                    <ReasonField placeholder="The /authorize endpoint has been failing since Monday." />
                  </ConfirmAction>
                ) : (
                  <ActionButton
                    action={setServicePublishedAction}
                    fields={{ serviceId: service.id, published: "true" }}
                    label="Publish"
                    pendingLabel="Publishing…"
                    variant="primary"
                  />
                )}
              </div>
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

export default async function AdminServicesPage() {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/services" });
  const rows = await listServicesForReview();
  const submitted = rows.filter((row) => row.state === "submitted");
  const published = rows.filter((row) => row.state === "published");

  return (
    <>
      <PageHeader title="Services" description="Publishing makes a service available to entitled end users." />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Awaiting review" description="Submitted by partners." />
          {submitted.length ? (
            <ServicesTable rows={submitted} label="Submitted services" />
          ) : (
            <div className="p-5">
              <EmptyState title="Nothing to review" description="Services partners submit for review appear here." />
            </div>
          )}
        </Card>
        <Card>
          <CardHeader title="Published" />
          {published.length ? (
            <ServicesTable rows={published} label="Published services" />
          ) : (
            <div className="p-5">
              <EmptyState title="No published services" description="Publish a submitted service to list it here." />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
