"use server";
// Reveal and rotate the seed-001 signing key (the partner's own key; approved partners only).
import { AppError } from "@/lib/errors";
import { requirePartnerForAction } from "@/lib/panel/guards";
import { revealSigningKey, rotateSigningKey } from "@/lib/tokens/signing-keys";

export type SigningKeyState =
  | { status: "idle" }
  | { status: "shown"; key: string; previousValidUntil: string | null; rotated: boolean }
  | { status: "error"; message: string };

async function run(
  work: (partnerId: string) => Promise<{ key: string; previousValidUntil: Date | null }>,
  rotated: boolean,
): Promise<SigningKeyState> {
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
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

export async function revealSigningKeyAction(_state: SigningKeyState, _form: FormData): Promise<SigningKeyState> {
  return run(revealSigningKey, false);
}

export async function rotateSigningKeyAction(_state: SigningKeyState, _form: FormData): Promise<SigningKeyState> {
  return run(rotateSigningKey, true);
}
