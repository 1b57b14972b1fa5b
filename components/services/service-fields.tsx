"use client";
// A service's name, URL and check interval, for the create and edit forms; each input's limits are read off the API's
// schema (lib/services/schemas), which the forms' server actions parse with.
import { FormTextField } from "@/components/ui/action-form";
import { inputRules } from "@/lib/panel/validation";
import { CHECK_INTERVAL_MIN, createServiceSchema } from "@/lib/services/schemas";

/** `editing`: the interval is shown as stored and must stay set (creating, it may be left for the default). */
export function ServiceFields({ editing = false }: { editing?: boolean }) {
  return (
    <>
      <FormTextField label="Name" name="name" placeholder="Acme Notes" {...inputRules(createServiceSchema, "name")} />
      <FormTextField
        label="URL"
        name="url"
        type="url"
        inputMode="url"
        {...inputRules(createServiceSchema, "url")}
        placeholder="https://dev.acme.example/app"
        hint="Portico polls GET /authorize on this URL's origin."
      />
      <FormTextField
        label="Check interval (seconds)"
        name="check_interval_seconds"
        type="number"
        {...inputRules(createServiceSchema, "check_interval_seconds")}
        required={editing}
        step={1}
        hint={`How often Portico checks the service. At least ${CHECK_INTERVAL_MIN}.`}
      />
    </>
  );
}
