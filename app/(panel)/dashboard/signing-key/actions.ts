"use server";
// Reveal and rotate the partner's own JWT signing key (approved partners only).
import { headers } from "next/headers";
import { z } from "zod";
import type { SigningKeyResult } from "@/components/tokens/signing-key-panel";
import { getClientIp } from "@/lib/api/request";
import { confirmUserPassword } from "@/lib/auth/users";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import type { PanelUser } from "@/lib/panel/guards";
import { revealSigningKey, rotateSigningKey } from "@/lib/tokens/signing-keys";

export type SigningKeyState = ActionState<SigningKeyResult>;

// The contract gives the signing key to owners: whoever holds it can mint tokens that verify as the partner's.
const access = { role: "partner", partnerRole: "owner" } as const;

// Both actions show the key, so both need the account password typed again (a session alone is not enough).
const schema = z.object({ password: z.string().default("") });

async function confirmPassword(user: PanelUser, password: string): Promise<void> {
  await confirmUserPassword({ user, password, ip: getClientIp(await headers()) });
}

function shown(result: { key: string; previousValidUntil: Date | null }, rotated: boolean): SigningKeyState {
  return success(rotated ? "Signing key rotated" : "Signing key revealed", {
    key: result.key,
    previousValidUntil: result.previousValidUntil?.toISOString() ?? null,
    rotated,
  });
}

export const revealSigningKeyAction = panelAction({
  access,
  schema,
  secretFields: ["password"],
  run: async ({ user, partner, input }): Promise<SigningKeyState> => {
    await confirmPassword(user, input.password);
    return shown(await revealSigningKey(partner.id), false);
  },
});

export const rotateSigningKeyAction = panelAction({
  access,
  schema,
  secretFields: ["password"],
  run: async ({ user, partner, input }): Promise<SigningKeyState> => {
    await confirmPassword(user, input.password);
    return shown(await rotateSigningKey(partner.id), true);
  },
});
