import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { Banner } from "./ui/banner";

/** A value with a copy button, in a monospace box. */
export function SecretValue({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</span>
      <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
        <code data-testid={testId} className="min-w-0 flex-1 font-mono text-sm break-all select-all">
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label}`} />
      </div>
    </div>
  );
}

/** Values that are shown exactly once, with a warning. */
export function OneTimeSecrets({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div
      data-testid={testId}
      className="flex flex-col gap-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm dark:border-indigo-500/30 dark:bg-zinc-900"
    >
      <h2 className="text-base font-semibold">{title}</h2>
      <Banner tone="warning" testId="one-time-warning">
        Copy it now and store it somewhere safe — for your security it will not be shown again.
      </Banner>
      {children}
    </div>
  );
}
