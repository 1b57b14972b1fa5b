"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getClientIp } from "@/lib/api/request";
import { signOut } from "@/lib/auth/auth";
import { passwordSchema } from "@/lib/auth/schemas";
import { changePassword } from "@/lib/auth/users";
import type { ActionState } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "is required").max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.confirmPassword === input.newPassword, {
    path: ["confirmPassword"],
    message: "does not match the new password",
  });

/** Every session of the user ends with the change, this one too: they sign in again with the new password. */
export const changePasswordAction = panelAction({
  access: { role: "signed_in" },
  schema: changePasswordSchema,
  secretFields: ["currentPassword", "newPassword", "confirmPassword"],
  labels: { currentPassword: "Current password", newPassword: "New password", confirmPassword: "Confirmation" },
  run: async ({ user, input }): Promise<ActionState<null>> => {
    await changePassword({
      user,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      ip: getClientIp(await headers()),
    });
    return signOut({ redirectTo: "/sign-in?notice=password-changed" });
  },
});
