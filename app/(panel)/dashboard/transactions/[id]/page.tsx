import type { Metadata } from "next";
import { CopyButton } from "@/components/copy-button";
import { TransactionStatusBadge } from "@/components/tokens/transaction-status-badge";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { getTransactionById } from "@/lib/tokens/transactions";

export const metadata: Metadata = { title: "Transaction" };

const STATUS_TEXT = {
  issued: "The token was issued and has not been verified yet; it is still within its lifetime.",
  verified: "Your backend verified the token (POST /api/v1/token/verify).",
  expired: "The token's lifetime ended before anyone verified it.",
} as const;

/** One transaction (a JWT issued for a phone number), as its row in Transactions opens it. */
export default async function TransactionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: `/dashboard/transactions/${id}` });
  const transaction = await loadOrNotFound(() => getTransactionById({ partnerId: partner.id, id }));
  const tz = partner.timeZone;
  const apiPath = `/api/v1/transactions/${encodeURIComponent(transaction.xid)}`;
  return (
    <>
      <BackLink href="/dashboard/transactions" label="Transactions" />
      <PageHeader title="Transaction" description={<TransactionStatusBadge status={transaction.status} />} />
      <div className="flex min-w-0 flex-col gap-6" data-testid="transaction-detail">
        <Card>
          <CardHeader title="Summary" description={STATUS_TEXT[transaction.status]} />
          <CardBody className="py-1">
            <DetailList>
              <DetailRow label="XID">
                <span className="flex min-w-0 items-center gap-2">
                  <code className="font-mono text-xs break-all" data-testid="transaction-xid">
                    {transaction.xid}
                  </code>
                  <CopyButton value={transaction.xid} label="Copy XID" />
                </span>
              </DetailRow>
              <DetailRow label="Phone number">
                <code className="font-mono text-xs">{transaction.phone_number}</code>
              </DetailRow>
              <DetailRow label="Issued">{formatDateTime(transaction.issued_at, tz, { seconds: true })}</DetailRow>
              <DetailRow label="Expires">{formatDateTime(transaction.expires_at, tz, { seconds: true })}</DetailRow>
              <DetailRow label="Verified">
                {transaction.verified_at
                  ? formatDateTime(transaction.verified_at, tz, { seconds: true })
                  : "Not verified"}
              </DetailRow>
            </DetailList>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Over the API"
            description="Your backend reads the same record with its API token; the token itself is never stored."
          />
          <CardBody>
            <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
              {`GET ${apiPath}\nAuthorization: Bearer <api_token>`}
            </pre>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
