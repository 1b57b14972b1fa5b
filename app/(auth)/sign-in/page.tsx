import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPanelUser, homeForRole, safeCallbackPath } from "@/lib/panel/guards";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

function messageFor(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  if (code === "rate_limited") return "Too many sign-in attempts. Wait a few minutes and try again.";
  if (error === "CredentialsSignin") return "That email and password do not match an account.";
  return "We could not sign you in. Try again.";
}

const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed and every session ended. Sign in with the new password.",
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only a path on this site: an address elsewhere is dropped, and sign-in then lands on the user's home.
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const user = await getPanelUser();
  if (user) redirect(callbackUrl ?? homeForRole(user.role));
  return (
    <SignInForm
      callbackUrl={callbackUrl ?? ""}
      initialError={messageFor(first(params.error), first(params.code))}
      notice={NOTICES[first(params.notice) ?? ""] ?? null}
    />
  );
}
