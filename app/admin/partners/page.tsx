import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { PartnerStatusBadge } from "@/components/status-badges";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { listPartnersForReview, type PartnerStatus } from "@/lib/partners/partners";
import { reviewPartnerAction } from "../actions";

export const metadata: Metadata = { title: "Partners" };

const tabs: { status: PartnerStatus; label: string }[] = [
  { status: "pending", label: "Pending" },
  { status: "approved", label: "Approved" },
  { status: "rejected", label: "Rejected" },
];

function parseStatus(value: string | string[] | undefined): PartnerStatus {
  return value === "approved" || value === "rejected" ? value : "pending";
}

function Tabs({ current }: { current: PartnerStatus }) {
  return (
    <nav aria-label="Partner status" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {tabs.map((tab) => {
        const active = tab.status === current;
        return (
          <Link
            key={tab.status}
            href={`/admin/partners?status=${tab.status}`}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              active
                ? "border-indigo-600 text-indigo-700 dark:text-indigo-300"
                : "border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

export default async function AdminPartnersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/partners" });
  const status = parseStatus((await searchParams).status);
  const partners = await listPartnersForReview({ status });

  return (
    <>
      <PageHeader
        title="Partners"
        description="Review partnership requests. Approved partners can create services and API tokens."
      />
      <Tabs current={status} />
      {partners.length === 0 ? (
        <EmptyState
          title={`No ${status} partners`}
          description={
            status === "pending"
              ? "New partner sign-ups will appear here for review."
              : "Nothing to show in this list yet."
          }
        />
      ) : (
        <Card>
          <Table label={`${status} partners`} head={["Partner", "Contact", "Time zone", "Signed up", "Status", ""]}>
            {partners.map((partner) => {
              const contact = partner.users[0];
              return (
                <tr key={partner.id} data-testid={`partner-row-${contact?.email ?? partner.id}`}>
                  <Td>
                    <p className="font-medium">{partner.name}</p>
                    <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{partner.customerId}</p>
                  </Td>
                  <Td>
                    <p>{contact?.name ?? "—"}</p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">{contact?.email ?? ""}</p>
                  </Td>
                  <Td className="whitespace-nowrap">{partner.timeZone}</Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {formatDateTime(partner.createdAt, "UTC")} UTC
                  </Td>
                  <Td>
                    <PartnerStatusBadge status={partner.status} />
                  </Td>
                  <Td>
                    <div className="flex justify-end gap-2">
                      {partner.status !== "approved" ? (
                        <ActionButton
                          action={reviewPartnerAction}
                          fields={{ partnerId: partner.id, decision: "approved" }}
                          label="Approve"
                          pendingLabel="Approving…"
                          variant="primary"
                        />
                      ) : null}
                      {partner.status !== "rejected" ? (
                        <ActionButton
                          action={reviewPartnerAction}
                          fields={{ partnerId: partner.id, decision: "rejected" }}
                          label="Reject"
                          pendingLabel="Rejecting…"
                          variant="secondary"
                        />
                      ) : null}
                    </div>
                  </Td>
                </tr>
              );
            })}
          </Table>
        </Card>
      )}
    </>
  );
}
