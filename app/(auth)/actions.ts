"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { signUpSchema } from "@/lib/auth/schemas";
import { createUser } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { type ActionState, failure, readFields, toFailure, zodFieldErrors } from "@/lib/panel/action-state";
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

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const fields = readFields(formData, ["email", "password", "callbackUrl"]);
  const values = { email: fields.email };
  const fieldErrors: Record<string, string> = {};
  if (!fields.email.trim()) fieldErrors.email = "Enter your email address.";
  if (!fields.password) fieldErrors.password = "Enter your password.";
  if (Object.keys(fieldErrors).length) return failure("Enter your email and password.", fieldErrors, values);
  return signInAndRedirect(fields.email, fields.password, safeCallbackPath(fields.callbackUrl) ?? "/start");
}

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const fields = readFields(formData, ["kind", "name", "email", "password", "company", "timeZone"]);
  const { password: _password, ...values } = fields;
  const parsed = signUpSchema.safeParse({
    ...fields,
    company: fields.company || undefined,
    timeZone: fields.timeZone || undefined,
  });
  if (!parsed.success) return failure("Check the highlighted fields.", zodFieldErrors(parsed.error), values);
  const input = parsed.data;
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
    return toFailure(error, values);
  }
  return signInAndRedirect(input.email, input.password, "/start");
}
