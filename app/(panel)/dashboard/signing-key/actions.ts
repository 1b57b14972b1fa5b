"use server";
// Reveal and rotate the seed-001 signing key (the partner's own key; approved partners only).
import { headers } from "next/headers";
import { getClientIp } from "@/lib/api/request";
import { confirmUserPassword } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { requirePartnerForAction } from "@/lib/panel/guards";
import { revealSigningKey, rotateSigningKey } from "@/lib/tokens/signing-keys";

export type SigningKeyState =
  | { status: "idle" }
  | { status: "shown"; key: string; previousValidUntil: string | null; rotated: boolean }
  | { status: "error"; message: string };

// Both actions show the key, so both need the account password typed again (a session alone is not enough).
async function run(
  form: FormData,
  work: (partnerId: string) => Promise<{ key: string; previousValidUntil: Date | null }>,
  rotated: boolean,
): Promise<SigningKeyState> {
  try {
    const { user, partner } = await requirePartnerForAction({ approved: true });
    const password = form.get("password");
    await confirmUserPassword({
      email: user.email,
      password: typeof password === "string" ? password : "",
      ip: getClientIp(await headers()),
    });
    const result = await work(partner.id);
    return {
      status: "shown",
      key: result.key,
      previousValidUntil: result.previousValidUntil?.toISOString() ?? null,
      rotated,
    };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message };
    console.error("portico: signing key action failed", error);
    return { status: "error", message: "Something went wrong on our side. Try again." };
  }
}

export async function revealSigningKeyAction(_state: SigningKeyState, form: FormData): Promise<SigningKeyState> {
  return run(form, revealSigningKey, false);
}

export async function rotateSigningKeyAction(_state: SigningKeyState, form: FormData): Promise<SigningKeyState> {
  return run(form, rotateSigningKey, true);
}
