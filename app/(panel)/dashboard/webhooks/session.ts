// Session guards for the webhooks pages and actions: the signed-in partner member's company, from auth().
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { getPartnerOrThrow } from "@/lib/partners/partners";

/** Pages: signed-out visitors go to sign-in; accounts without a partner see 404. */
export async function requireWebhookPartner(callbackPath: string) {
  const session = await auth();
  if (!session?.user?.id) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (session.user.role !== "partner" || !session.user.partnerId) notFound();
  return getPartnerOrThrow(session.user.partnerId);
}

/** Actions: changes need an approved partnership, as the API does (a pending partner's token gets 403). */
export async function requireApprovedPartnerId(): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (session.user.role !== "partner" || !session.user.partnerId)
    throw new AppError("forbidden", "Your account is not linked to a partner.");
  const partner = await getPartnerOrThrow(session.user.partnerId);
  if (partner.status !== "approved") {
    throw new AppError(
      "partner_pending",
      "Your partnership is pending approval — you can do this once an admin approves it.",
    );
  }
  return partner.id;
}
