import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { PartnerStatusBadge } from "@/components/status-badges";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { listPartnersForReview, type PartnerStatus } from "@/lib/partners/partners";
import { QUOTA_MAX_PER_MINUTE } from "@/lib/partners/review-limits";
import { rejectPartnerAction, reviewPartnerAction, updatePartnerQuotasAction } from "../actions";
import { ReasonField } from "../reason-field";

function QuotaInput({ name, label, value }: { name: string; label: string; value: number }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <input
        name={name}
        type="number"
        min={1}
        max={QUOTA_MAX_PER_MINUTE}
        step={1}
        required
        defaultValue={value}
        className="rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </label>
  );
}

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
          <Table
            label={`${status} partners`}
            head={["Partner", "Contact", "Time zone", "Signed up", "Quotas / min", "Status", ""]}
          >
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
                    {formatDateTime(partner.createdAt, "UTC")}
                  </Td>
                  <Td className="text-xs whitespace-nowrap">
                    <span data-testid="partner-quotas">
                      {partner.tokenRateLimitPerMinute} tokens · {partner.phoneRateLimitPerMinute} per phone
                    </span>
                  </Td>
                  <Td>
                    <PartnerStatusBadge status={partner.status} />
                    {partner.status === "rejected" && partner.reviewReason ? (
                      <p className="mt-1 max-w-xs text-xs text-zinc-500">{partner.reviewReason}</p>
                    ) : null}
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
                      <ConfirmAction
                        action={updatePartnerQuotasAction}
                        fields={{ partnerId: partner.id }}
                        triggerLabel="Quotas"
                        title={`Token issuance quotas of ${partner.name}`}
                        description="Per minute. Beyond them issuance answers 429 with Retry-After; changes apply within seconds."
                        confirmLabel="Save quotas"
                      >
                        <QuotaInput
                          name="token_issuance_per_minute"
                          label="Tokens per minute (whole account)"
                          value={partner.tokenRateLimitPerMinute}
                        />
                        <QuotaInput
                          name="per_phone_number_per_minute"
                          label="Tokens per minute per phone number"
                          value={partner.phoneRateLimitPerMinute}
                        />
                      </ConfirmAction>
                      {partner.status !== "rejected" ? (
                        <ConfirmAction
                          action={rejectPartnerAction}
                          fields={{ partnerId: partner.id }}
                          triggerLabel="Reject"
                          title={`Reject ${partner.name}?`}
                          description="They can no longer create services or API tokens. They see your reason on their dashboard."
                          confirmLabel="Reject partner"
                          confirmVariant="danger"
                        >
                          <ReasonField placeholder="We could not verify the company behind this account." />
                        </ConfirmAction>
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
