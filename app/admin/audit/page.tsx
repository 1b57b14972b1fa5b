import type { Metadata } from "next";
import { AUDIT_FILTER_LABELS, AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { auditPanelFiltersSchema, listAuditEvents, toAuditQuery } from "@/lib/audit/audit";
import { dropReversedRange, parseFilters } from "@/lib/panel/filters";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/audit" });
  // A bad value is named next to its field and left out; the other filters still apply.
  const parsed = parseFilters(auditPanelFiltersSchema, await searchParams, AUDIT_FILTER_LABELS);
  dropReversedRange(parsed, AUDIT_FILTER_LABELS);
  const { filters } = parsed;
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
        values={parsed.values}
        errors={parsed.errors}
        basePath="/admin/audit"
        timeZone="UTC"
        showPartner
      />
    </>
  );
}
