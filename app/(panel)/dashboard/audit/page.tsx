import type { Metadata } from "next";
import { AUDIT_FILTER_LABELS, AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { auditPanelFiltersSchema, listAuditEvents, toAuditQuery } from "@/lib/audit/audit";
import { dropReversedRange, parseFilters } from "@/lib/panel/filters";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/audit" });
  // A bad value is named next to its field and left out; the other filters still apply.
  const parsed = parseFilters(auditPanelFiltersSchema, await searchParams, AUDIT_FILTER_LABELS);
  dropReversedRange(parsed, AUDIT_FILTER_LABELS);
  const { filters } = parsed;
  const page = await listAuditEvents({ partnerId: partner.id, ...toAuditQuery(filters, partner.timeZone) }).catch(
    // A stale or hand-edited cursor: show the newest page rather than an error.
    () =>
      listAuditEvents({ partnerId: partner.id, ...toAuditQuery({ ...filters, cursor: undefined }, partner.timeZone) }),
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every sensitive action in ${partner.name}: who, what, from where and when (times in ${partner.timeZone}).`}
      />
      <AuditLog
        rows={page.rows}
        nextCursor={page.nextCursor}
        filters={filters}
        values={parsed.values}
        errors={parsed.errors}
        basePath="/dashboard/audit"
        exportPath="/dashboard/audit/export"
        timeZone={partner.timeZone}
      />
    </>
  );
}
