// The history filter form: a plain GET form, so filters live in the URL (shareable, back button works). A value the
// server refused stays in its field with the reason under it; the other filters still apply.
import type { ReactNode } from "react";
import type { FieldErrors } from "@/lib/panel/action-state";
import { inputRules } from "@/lib/panel/validation";
import { TRANSACTION_STATUSES, transactionFiltersSchema } from "@/lib/tokens/schemas";

const input = "block w-full rounded-md border bg-white px-3 py-2 text-sm font-normal shadow-sm dark:bg-zinc-900";
const border = "border-zinc-300 dark:border-zinc-700";

function Filter({
  name,
  label,
  error,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1 text-sm font-medium">
      <label htmlFor={`filter-${name}`}>{label}</label>
      {children}
      {error ? (
        <p
          id={`filter-${name}-error`}
          data-testid={`filter-error-${name}`}
          className="font-normal text-red-600 dark:text-red-400"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

function control(name: string, errors: FieldErrors) {
  return {
    id: `filter-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `filter-${name}-error` : undefined,
    className: `${input} ${errors[name] ? "border-red-500" : border}`,
  };
}

export function TransactionFiltersForm({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  return (
    <form
      method="get"
      className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
      data-testid="transaction-filters"
    >
      <Filter name="q" label="XID or phone number" error={errors.q}>
        <input
          {...control("q", errors)}
          {...inputRules(transactionFiltersSchema, "q")}
          defaultValue={values.q ?? ""}
          placeholder="order-42 or +14155552671"
        />
      </Filter>
      <Filter name="status" label="Status" error={errors.status}>
        <select {...control("status", errors)} defaultValue={errors.status ? "" : (values.status ?? "")}>
          <option value="">Any</option>
          {TRANSACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.charAt(0).toUpperCase() + status.slice(1)}
            </option>
          ))}
        </select>
      </Filter>
      <Filter name="from" label="From" error={errors.from}>
        <input type="date" {...control("from", errors)} defaultValue={values.from ?? ""} />
      </Filter>
      <Filter name="to" label="To" error={errors.to}>
        <input type="date" {...control("to", errors)} defaultValue={values.to ?? ""} />
      </Filter>
      <div className="flex items-end self-stretch">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Apply
        </button>
      </div>
    </form>
  );
}
