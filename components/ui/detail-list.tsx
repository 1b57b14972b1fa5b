import type { ReactNode } from "react";

/** A record's fields as label/value rows (a description list). */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</dl>;
}

export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm break-words sm:col-span-2">{children}</dd>
    </div>
  );
}
