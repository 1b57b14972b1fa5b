"use server";
// Reveal and rotate the partner's own JWT signing key (approved partners only).
import { z } from "zod";
import type { SigningKeyResult } from "@/components/tokens/signing-key-panel";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { revealSigningKey, rotateSigningKey } from "@/lib/tokens/signing-keys";

export type SigningKeyState = ActionState<SigningKeyResult>;

const access = { role: "partner", partnerRole: "developer" } as const;

function shown(result: { key: string; previousValidUntil: Date | null }, rotated: boolean): SigningKeyState {
  return success(rotated ? "Signing key rotated" : "Signing key revealed", {
    key: result.key,
    previousValidUntil: result.previousValidUntil?.toISOString() ?? null,
    rotated,
  });
}

export const revealSigningKeyAction = panelAction({
  access,
  schema: z.object({}),
  run: async ({ partner }): Promise<SigningKeyState> => shown(await revealSigningKey(partner.id), false),
});

export const rotateSigningKeyAction = panelAction({
  access,
  schema: z.object({}),
  run: async ({ partner }): Promise<SigningKeyState> => shown(await rotateSigningKey(partner.id), true),
});
