// Token / XID history: search, filters, keyset pages (no OFFSET), CSV export and a per-day chart.
import type { Metadata } from "next";
import Link from "next/link";
import { TransactionFiltersForm } from "@/components/tokens/transaction-filters";
import { TransactionStatusBadge } from "@/components/tokens/transaction-status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DailyBarChart } from "@/components/ui/daily-bar-chart";
import { Table, Td } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/panel/dates";
import { dropReversedRange, parseFilters } from "@/lib/panel/filters";
import { requirePage } from "@/lib/panel/guards";
import { type TransactionFilters, transactionFiltersSchema } from "@/lib/tokens/schemas";
import { dailyCounts, listTransactions } from "@/lib/tokens/transactions";

export const metadata: Metadata = { title: "Transactions" };

const FILTER_LABELS = { q: "XID or phone number", status: "Status", from: "From", to: "To", cursor: "Page" };

function query(filters: TransactionFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, cursor: undefined, ...extra }))
    if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function TransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseFilters(transactionFiltersSchema, await searchParams, FILTER_LABELS);
  const { partner } = await requirePage({
    access: { role: "partner" },
    callbackPath: `/dashboard/transactions${query(parsed.filters)}`,
  });
  dropReversedRange(parsed, FILTER_LABELS);
  const filters: TransactionFilters = parsed.filters;
  const tz = partner.timeZone;
  const [page, daily] = await Promise.all([
    listTransactions({ partnerId: partner.id, timeZone: tz, filters }),
    dailyCounts({ partnerId: partner.id, timeZone: tz, from: filters.from, to: filters.to }),
  ]);

  return (
    <>
      <PageHeader
        title="Transactions"
        description="Every JWT issued through GET /api/v1/token, by XID. Tokens themselves are never stored."
        actions={
          <a
            href={`/dashboard/transactions/export${query(filters)}`}
            data-testid="export-csv"
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900"
          >
            Export CSV
          </a>
        }
      />
      <Card className="mb-6">
        <CardHeader title="Issued vs verified per day" />
        <CardBody>
          <DailyBarChart
            testId="transactions-chart"
            label={`Tokens issued and verified per day (${tz})`}
            data={daily}
            series={[
              { key: "issued", name: "Issued", color: "#6366f1" },
              { key: "verified", name: "Verified", color: "#10b981" },
            ]}
            caption={`${daily.reduce((sum, point) => sum + point.issued, 0)} issued from ${daily[0]?.day ?? "—"} to ${daily.at(-1)?.day ?? "—"}; days in ${tz}. “Verified” counts tokens issued that day that were later verified.`}
          />
        </CardBody>
      </Card>
      <Card>
        <CardBody className="border-b border-zinc-200 dark:border-zinc-800">
          <TransactionFiltersForm values={parsed.values} errors={parsed.errors} />
        </CardBody>
        {page.rows.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-zinc-500" data-testid="transactions-empty">
            No transactions match.
          </p>
        ) : (
          <Table label="Transactions" head={["XID", "Phone number", "Status", "Issued", "Expires", "Verified"]}>
            {page.rows.map((row) => (
              <tr key={row.xid} data-testid="transaction-row">
                <Td className="font-mono text-xs break-all">
                  <Link
                    href={`/dashboard/transactions/${row.id}`}
                    data-testid="transaction-link"
                    className="text-indigo-600 hover:underline dark:text-indigo-400"
                  >
                    {row.xid}
                  </Link>
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">{row.phone_number}</Td>
                <Td>
                  <TransactionStatusBadge status={row.status} />
                </Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                  {formatDateTime(row.issued_at, tz)}
                </Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                  {formatDateTime(row.expires_at, tz)}
                </Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                  {formatDateTime(row.verified_at, tz)}
                </Td>
              </tr>
            ))}
          </Table>
        )}
        <div className="flex justify-between gap-2 px-5 py-3 text-sm">
          {filters.cursor ? (
            <Link href={`/dashboard/transactions${query(filters)}`} className="text-indigo-600 hover:underline">
              « Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              href={`/dashboard/transactions${query(filters, { cursor: page.nextCursor })}`}
              data-testid="next-page"
              className="text-indigo-600 hover:underline"
            >
              Older »
            </Link>
          ) : null}
        </div>
      </Card>
    </>
  );
}
