"use server";
// "Check now" on the monitoring page: the same domain call as POST /api/v1/services/{id}/check, for the session's
// partner only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { runCheckNow } from "@/lib/services/checks";

export interface CheckNowState {
  message: string | null;
  ok: boolean;
}

export async function checkServiceNowAction(_previous: CheckNowState, form: FormData): Promise<CheckNowState> {
  const session = await auth();
  const partnerId = session?.user?.role === "partner" ? session.user.partnerId : null;
  if (!partnerId) return { ok: false, message: "Your session has ended. Sign in again." };
  const id = z.string().min(1).max(64).safeParse(form.get("id"));
  if (!id.success) return { ok: false, message: "Unknown service." };
  try {
    const check = await runCheckNow({ partnerId, id: id.data });
    revalidatePath(`/dashboard/services/${id.data}/monitoring`);
    return {
      ok: check.status === "live",
      message: check.error ? `${check.status}: ${check.error}` : `${check.status} (${check.latency_ms} ms)`,
    };
  } catch {
    return { ok: false, message: "This service does not exist or is not yours." };
  }
}
