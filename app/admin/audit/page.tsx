import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { auditPanelFiltersSchema, listAuditEvents, toAuditQuery } from "@/lib/audit/audit";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/audit" });
  const filters = auditPanelFiltersSchema.parse(await searchParams);
  const query = (cursor?: string) =>
    listAuditEvents({ allPartners: true, ...toAuditQuery({ ...filters, cursor }, "UTC") });
  const page = await query(filters.cursor).catch(() => query(undefined));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every partner's sensitive actions and platform-wide sign-ins (times in UTC)."
      />
      <AuditLog
        rows={page.rows}
        nextCursor={page.nextCursor}
        filters={filters}
        basePath="/admin/audit"
        timeZone="UTC"
        showPartner
      />
    </>
  );
}
