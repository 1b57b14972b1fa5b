"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { getClientIp } from "@/lib/api/request";
import { signIn } from "@/lib/auth/auth";
import { credentialsSchema, signUpSchema } from "@/lib/auth/schemas";
import { createUser, verifyCredentials } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import {
  acceptInvitationAsNewUser,
  acceptInvitationAsUser,
  acceptInvitationSchema,
  describeInvitation,
} from "@/lib/members/invitations";
import { type ActionState, failure } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { safeCallbackPath } from "@/lib/panel/guards";
import { createPartnerAccount } from "@/lib/partners/partners";
import { timeZoneSchema } from "@/lib/partners/schemas";

const RATE_LIMITED_MESSAGE = "Too many sign-in attempts. Wait a few minutes and try again.";
const BAD_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

function signInErrorMessage(error: AuthError): string {
  if (error instanceof CredentialsSignin && error.code === "rate_limited") return RATE_LIMITED_MESSAGE;
  if (error.type === "CredentialsSignin") return BAD_CREDENTIALS_MESSAGE;
  return "We could not sign you in. Try again.";
}

/** Signs in and lets next-auth redirect (the redirect is thrown, so it must escape the catch). */
async function signInAndRedirect(email: string, password: string, redirectTo: string): Promise<ActionState<never>> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) return failure(signInErrorMessage(error), {}, { email });
    throw error;
  }
  return failure("We could not sign you in. Try again.");
}

export const signInAction = panelAction({
  access: { role: "anyone" },
  schema: credentialsSchema.extend({ callbackUrl: z.string().optional() }),
  secretFields: ["password"],
  run: ({ input }): Promise<ActionState> =>
    signInAndRedirect(input.email, input.password, safeCallbackPath(input.callbackUrl) ?? "/start"),
});

export const signUpAction = panelAction({
  access: { role: "anyone" },
  schema: signUpSchema,
  read: (values) => ({ ...values, company: values.company || undefined, timeZone: values.timeZone || undefined }),
  labels: { timeZone: "Time zone" },
  secretFields: ["password"],
  run: async ({ input }): Promise<ActionState> => {
    const { password: _password, ...values } = input;
    try {
      if (input.kind === "partner") {
        const timeZone = timeZoneSchema.safeParse(input.timeZone ?? "UTC");
        if (!timeZone.success) {
          return failure("Check the highlighted fields.", { timeZone: "Choose a time zone from the list." }, values);
        }
        await createPartnerAccount({
          email: input.email,
          password: input.password,
          name: input.name,
          company: input.company,
          timeZone: timeZone.data,
        });
      } else {
        await createUser({ email: input.email, password: input.password, name: input.name, role: "end_user" });
      }
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict") {
        return failure("Check the highlighted fields.", { email: error.message }, values);
      }
      throw error;
    }
    return signInAndRedirect(input.email, input.password, "/start");
  },
});

const invitationTokenSchema = z.string().min(1).max(200);

/** The invitation page, new e-mail: creates the account with the invited role, then signs it in. */
export const acceptInvitationAction = panelAction({
  access: { role: "anyone" },
  schema: acceptInvitationSchema.extend({ token: invitationTokenSchema }),
  secretFields: ["password"],
  run: async ({ input }): Promise<ActionState> => {
    const invitation = await describeInvitation(input.token);
    await acceptInvitationAsNewUser(input);
    return signInAndRedirect(invitation.email, input.password, "/dashboard");
  },
});

/** The invitation page, existing account: its password signs it in and joins the partner in one step. */
export const joinInvitationAction = panelAction({
  access: { role: "anyone" },
  schema: z.object({ token: invitationTokenSchema, password: credentialsSchema.shape.password }),
  secretFields: ["password"],
  run: async ({ input }): Promise<ActionState> => {
    const invitation = await describeInvitation(input.token);
    const user = await verifyCredentials({
      email: invitation.email,
      password: input.password,
      ip: getClientIp(await headers()),
    });
    if (!user) return failure("Check the highlighted fields.", { password: BAD_CREDENTIALS_MESSAGE });
    await acceptInvitationAsUser({ token: input.token, userId: user.id });
    return signInAndRedirect(invitation.email, input.password, "/dashboard");
  },
});
