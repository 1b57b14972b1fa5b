// The audit log table with its filters, shared by the partner's page and the admin's (which adds a partner column).
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditRow } from "@/lib/audit/audit";
import { formatDateTime } from "@/lib/panel/dates";

export interface AuditFilters {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

export type AuditRowView = AuditRow;

function query(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function AuditLog({
  rows,
  nextCursor,
  filters,
  basePath,
  exportPath,
  timeZone,
  showPartner = false,
}: {
  rows: AuditRowView[];
  nextCursor: string | null;
  filters: AuditFilters;
  basePath: string;
  exportPath?: string;
  timeZone: string;
  showPartner?: boolean;
}) {
  const { cursor: _cursor, ...withoutCursor } = filters;
  return (
    <>
      <Card className="mb-6">
        <CardBody>
          <form
            method="get"
            action={basePath}
            className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_9rem_9rem_auto]"
          >
            <label className="flex min-w-0 flex-col gap-1 text-sm">
              Action
              <select
                name="action"
                defaultValue={filters.action ?? ""}
                className="w-full min-w-0 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              >
                <option value="">All actions</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {action}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex min-w-0 flex-col gap-1 text-sm">
              Actor (e-mail or id)
              <input
                name="actor"
                defaultValue={filters.actor ?? ""}
                className="w-full min-w-0 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <label className="flex min-w-0 flex-col gap-1 text-sm">
              From
              <input
                type="date"
                name="from"
                defaultValue={filters.from ?? ""}
                className="w-full min-w-0 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <label className="flex min-w-0 flex-col gap-1 text-sm">
              To
              <input
                type="date"
                name="to"
                defaultValue={filters.to ?? ""}
                className="w-full min-w-0 rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <div className="flex gap-2">
              <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
                Filter
              </button>
              {exportPath ? (
                <a
                  href={`${exportPath}${query(withoutCursor)}`}
                  className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
                  data-testid="audit-export"
                >
                  CSV
                </a>
              ) : null}
            </div>
          </form>
        </CardBody>
      </Card>
      {rows.length === 0 ? (
        <EmptyState
          title="No audit events"
          description="Nothing matches these filters. Clear them to see everything."
        />
      ) : (
        <Card>
          <Table
            label="Audit events"
            head={["When", "Action", "Actor", "Target", "IP", ...(showPartner ? ["Partner"] : [])]}
          >
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-row">
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                  {formatDateTime(row.createdAt, timeZone)}
                </Td>
                <Td className="font-mono text-xs">{row.action}</Td>
                <Td className="break-all text-xs">
                  {row.actorType}: {row.actorEmail ?? row.actorId ?? "—"}
                </Td>
                <Td className="break-all font-mono text-xs">
                  {row.targetType} {row.targetId}
                </Td>
                <Td className="break-all text-xs">{row.ip ?? "—"}</Td>
                {showPartner ? <Td className="break-all font-mono text-xs">{row.partnerId ?? "platform"}</Td> : null}
              </tr>
            ))}
          </Table>
          {nextCursor ? (
            <div className="p-4">
              <Link className="text-sm underline" href={`${basePath}${query(withoutCursor, { cursor: nextCursor })}`}>
                Older events
              </Link>
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
