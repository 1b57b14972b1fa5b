"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Banner } from "@/components/ui/banner";
import { Card, CardBody } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { credentialsSchema } from "@/lib/auth/schemas";
import { idleState } from "@/lib/panel/action-state";
import { inputRules } from "@/lib/panel/validation";
import { signInAction } from "../actions";

export function SignInForm({
  callbackUrl,
  initialError,
  notice,
}: {
  callbackUrl: string;
  initialError: string | null;
  /** Why the visitor is here (e.g. their password was just changed), shown until they submit. */
  notice: string | null;
}) {
  const [state, formAction] = useActionState(signInAction, idleState);
  const error = state.status === "error" ? state.message : state.status === "idle" ? initialError : null;
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};

  return (
    <Card>
      <CardBody className="flex flex-col gap-6 p-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Portico</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Welcome back. Manage your services and tokens.
          </p>
        </div>
        {notice && state.status === "idle" ? <Banner testId="sign-in-notice">{notice}</Banner> : null}
        {error ? (
          <Banner tone="error" testId="sign-in-error">
            {error}
          </Banner>
        ) : null}
        <form action={formAction} noValidate className="flex flex-col gap-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <TextField
            key={`email-${state.status === "idle" ? 0 : state.at}`}
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            {...inputRules(credentialsSchema, "email")}
            defaultValue={state.values?.email ?? ""}
            error={fieldErrors.email}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            {...inputRules(credentialsSchema, "password")}
            error={fieldErrors.password}
          />
          <SubmitButton pendingLabel="Signing in…" className="mt-2 w-full">
            Sign in
          </SubmitButton>
        </form>
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
          New to Portico?{" "}
          <Link href="/sign-up" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
            Create an account
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
