import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const controlBase =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800";

function controlClasses(error?: string): string {
  return `${controlBase} ${error ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700"}`;
}

function FieldShell({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} data-testid={`field-error-${id}`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-sm text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** What every field takes besides its control's own attributes. */
interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

/** Ties a control to its label, and to its error or hint for screen readers. */
function describedControl({ id, name, error, hint }: Omit<FieldProps, "label"> & { id: string }) {
  return {
    id,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
    className: controlClasses(error),
  };
}

export function TextField({
  label,
  name,
  error,
  hint,
  id = name,
  className = "",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & FieldProps) {
  const control = describedControl({ id, name, error, hint });
  // An extra class (e.g. font-mono) adds to the control's look instead of replacing it.
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input {...control} {...props} className={`${control.className} ${className}`.trim()} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  id = name,
  children,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & FieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select {...describedControl({ id, name, error, hint })} {...props}>
        {children}
      </select>
    </FieldShell>
  );
}
