// GET /dashboard/transactions/export?q&status&from&to → the partner's transactions as CSV, streamed page by page.

import { getRequestId, toErrorResponse } from "@/lib/errors";
import { todayInTimeZone } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { transactionFiltersSchema } from "@/lib/tokens/schemas";
import { transactionsCsv } from "@/lib/tokens/transactions";

export async function GET(request: Request): Promise<Response> {
  // A download link the browser opens: the page guard's outcomes (sign-in with a way back, or the user's home).
  const url = new URL(request.url);
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: url.pathname + url.search });
  try {
    const filters = transactionFiltersSchema.parse(Object.fromEntries(url.searchParams));
    const rows = transactionsCsv({ partnerId: partner.id, timeZone: partner.timeZone, filters });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="transactions-${todayInTimeZone(partner.timeZone)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { requestId: getRequestId(request.headers) });
  }
}
