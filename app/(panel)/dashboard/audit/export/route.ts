// GET /dashboard/audit/export?action&actor&from&to → the partner's audit events as CSV (at most 10 000, newest first).
// A bad filter value is a 400 `{error, message}` naming it (as the transactions export), never a silently wider export.
import { auditEventsToCsv, auditPanelFiltersSchema, listAuditEvents, toAuditQuery } from "@/lib/audit/audit";
import { getRequestId, toErrorResponse } from "@/lib/errors";
import { todayInTimeZone } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";

const EXPORT_LIMIT = 10_000;

export async function GET(request: Request): Promise<Response> {
  // A download link the browser opens: the page guard's outcomes (sign-in with a way back, or the user's home).
  const url = new URL(request.url);
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: url.pathname + url.search });
  try {
    const filters = auditPanelFiltersSchema.parse(Object.fromEntries(url.searchParams));
    const page = await listAuditEvents({
      partnerId: partner.id,
      ...toAuditQuery({ ...filters, cursor: undefined }, partner.timeZone),
      limit: EXPORT_LIMIT,
    });
    return new Response(auditEventsToCsv(page.rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${todayInTimeZone(partner.timeZone)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { requestId: getRequestId(request.headers) });
  }
}
