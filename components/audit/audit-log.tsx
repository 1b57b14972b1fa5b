// The audit log table with its filters, shared by the partner's page and the admin's (which adds a partner column).
// The filters work as the transactions page's: a bad value is named next to its field and the others still apply.
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { DateRangeFilterFields, FilterActions, FilterField, filterControl } from "@/components/ui/filter-field";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { type AuditPanelFilters, type AuditRow, auditPanelFiltersSchema } from "@/lib/audit/audit";
import type { FieldErrors } from "@/lib/panel/action-state";
import { formatDateTime } from "@/lib/panel/dates";
import { inputRules } from "@/lib/panel/validation";

/** How the filter errors name each field (both pages parse with these: `parseFilters(…, AUDIT_FILTER_LABELS)`). */
export const AUDIT_FILTER_LABELS = { action: "Action", actor: "Actor", from: "From", to: "To", cursor: "Page" };

export type AuditFilters = Partial<AuditPanelFilters>;

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
  values,
  errors,
  basePath,
  exportPath,
  timeZone,
  showPartner = false,
}: {
  rows: AuditRowView[];
  nextCursor: string | null;
  /** The filters that apply (a refused value is left out), for the export and next-page links. */
  filters: AuditFilters;
  /** What the visitor sent, shown again in the form, and why a value was refused. */
  values: Record<string, string>;
  errors: FieldErrors;
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
            className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_10rem_auto]"
            data-testid="audit-filters"
          >
            <FilterField name="action" label={AUDIT_FILTER_LABELS.action} error={errors.action}>
              <select {...filterControl("action", errors)} defaultValue={errors.action ? "" : (values.action ?? "")}>
                <option value="">All actions</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {action}
                  </option>
                ))}
              </select>
            </FilterField>
            <FilterField name="actor" label="Actor (e-mail or id)" error={errors.actor}>
              <input
                {...filterControl("actor", errors)}
                {...inputRules(auditPanelFiltersSchema, "actor")}
                defaultValue={values.actor ?? ""}
              />
            </FilterField>
            <DateRangeFilterFields values={values} errors={errors} />
            <FilterActions label="Filter">
              {exportPath ? (
                <a
                  href={`${exportPath}${query(withoutCursor)}`}
                  className="rounded-md border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700"
                  data-testid="audit-export"
                >
                  CSV
                </a>
              ) : null}
            </FilterActions>
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
