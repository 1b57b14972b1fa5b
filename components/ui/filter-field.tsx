// One field of a panel filter form (a plain GET form, so filters live in the URL: shareable, back button works). A
// value the server refused stays in its control, marked invalid, with the reason under it; the other filters still
// apply. Used by every filter form (transactions, audit log) so they look and read the same.
import type { ReactNode } from "react";
import type { FieldErrors } from "@/lib/panel/action-state";

const input = "block w-full rounded-md border bg-white px-3 py-2 text-sm font-normal shadow-sm dark:bg-zinc-900";
const border = "border-zinc-300 dark:border-zinc-700";

export function FilterField({
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

/** The attributes of a filter's control: id and name, its look, and its error for screen readers. */
export function filterControl(name: string, errors: FieldErrors) {
  return {
    id: `filter-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `filter-${name}-error` : undefined,
    className: `${input} ${errors[name] ? "border-red-500" : border}`,
  };
}

/** The From and To days of a filter form (`from`, `to`: YYYY-MM-DD, both days included). */
export function DateRangeFilterFields({
  values,
  errors,
}: {
  values: { from?: string; to?: string };
  errors: FieldErrors;
}) {
  return (
    <>
      <FilterField name="from" label="From" error={errors.from}>
        <input type="date" {...filterControl("from", errors)} defaultValue={values.from ?? ""} />
      </FilterField>
      <FilterField name="to" label="To" error={errors.to}>
        <input type="date" {...filterControl("to", errors)} defaultValue={values.to ?? ""} />
      </FilterField>
    </>
  );
}

/** The filter form's submit button (`label`), then any other actions of the form (e.g. an export link). */
export function FilterActions({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="flex items-end gap-2 self-stretch">
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
      >
        {label}
      </button>
      {children}
    </div>
  );
}
