import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { auditPanelFiltersSchema, listAuditEvents, toAuditQuery } from "@/lib/audit/audit";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/audit" });
  const filters = auditPanelFiltersSchema.parse(await searchParams);
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
        basePath="/dashboard/audit"
        exportPath="/dashboard/audit/export"
        timeZone={partner.timeZone}
      />
    </>
  );
}
