// GET /dashboard/transactions/export?q&status&from&to → the partner's transactions as CSV, streamed page by page.

import { auth } from "@/lib/auth/auth";
import { AppError, getRequestId, toErrorResponse } from "@/lib/errors";
import { getPartnerOrThrow } from "@/lib/partners/partners";
import { transactionFiltersSchema } from "@/lib/tokens/schemas";
import { transactionsCsv } from "@/lib/tokens/transactions";

export async function GET(request: Request): Promise<Response> {
  try {
    const session = await auth();
    if (session?.user?.role !== "partner" || !session.user.partnerId)
      throw new AppError("unauthorized", "Sign in as a partner member.");
    const partner = await getPartnerOrThrow(session.user.partnerId);
    const filters = transactionFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
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
        "Content-Disposition": `attachment; filename="transactions-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { requestId: getRequestId(request.headers) });
  }
}
