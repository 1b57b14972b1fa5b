"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { Card, CardBody } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signUpSchema } from "@/lib/auth/schemas";
import { inputRules } from "@/lib/panel/validation";
import { signUpAction } from "../actions";

type Kind = "partner" | "end_user";

const kinds: { value: Kind; title: string; description: string }[] = [
  {
    value: "partner",
    title: "Partner (developer account)",
    description: "Register services and integrate with Portico.",
  },
  { value: "end_user", title: "End user", description: "Open the apps you have access to." },
];

function KindPicker({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Account type</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {kinds.map((option) => (
          <label
            key={option.value}
            className={`flex cursor-pointer flex-col gap-1 rounded-lg border p-3 text-sm transition-colors ${
              kind === option.value
                ? "border-indigo-600 bg-indigo-50/60 ring-1 ring-indigo-600 dark:bg-indigo-500/10"
                : "border-zinc-300 hover:border-zinc-400 dark:border-zinc-700 dark:hover:border-zinc-600"
            }`}
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                type="radio"
                name="kind"
                value={option.value}
                checked={kind === option.value}
                onChange={() => onChange(option.value)}
                className="accent-indigo-600"
              />
              {option.title}
            </span>
            <span className="text-zinc-500 dark:text-zinc-400">{option.description}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SignUpForm({ timeZones }: { timeZones: string[] }) {
  // A successful sign-up redirects: only failures are toasted.
  const form = useFormAction(signUpAction, { toast: { success: false } });
  const { values, errors } = form;
  const [kind, setKind] = useState<Kind>(values.kind === "end_user" ? "end_user" : "partner");
  const [timeZone, setTimeZone] = useState(values.timeZone || "UTC");
  const [zones, setZones] = useState(timeZones);

  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone) return;
    setZones((all) => (all.includes(browserZone) ? all : [browserZone, ...all]));
    setTimeZone((current) => (current === "UTC" ? browserZone : current));
  }, []);

  return (
    <Card>
      <CardBody className="flex flex-col gap-6 p-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Partners get a developer panel once an admin approves the partnership.
          </p>
        </div>
        <ActionForm form={form} className="flex flex-col gap-4">
          <KindPicker kind={kind} onChange={setKind} />
          <FormTextField label="Your name" name="name" autoComplete="name" {...inputRules(signUpSchema, "name")} />
          <FormTextField
            label="Work email"
            name="email"
            type="email"
            autoComplete="email"
            {...inputRules(signUpSchema, "email")}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            {...inputRules(signUpSchema, "password")}
            hint={`At least ${inputRules(signUpSchema, "password").minLength} characters.`}
            error={errors.password}
          />
          {kind === "partner" ? (
            <>
              <FormTextField
                label="Company"
                name="company"
                autoComplete="organization"
                {...inputRules(signUpSchema, "company")}
                hint="Shown to admins reviewing your partnership."
              />
              <SelectField
                label="Time zone"
                name="timeZone"
                value={timeZone}
                onChange={(event) => setTimeZone(event.target.value)}
                hint="Dates and statistics in the panel use it, and one-time login sessions end at midnight in it."
                error={errors.timeZone}
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </SelectField>
            </>
          ) : null}
          <SubmitButton pendingLabel="Creating account…" className="mt-2 w-full">
            Create account
          </SubmitButton>
        </ActionForm>
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
            Sign in
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
