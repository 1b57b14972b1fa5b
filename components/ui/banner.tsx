import type { ReactNode } from "react";

export type BannerTone = "info" | "warning" | "error" | "success";

const tones: Record<BannerTone, string> = {
  info: "border-indigo-200 bg-indigo-50 text-indigo-900 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100",
  warning:
    "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100",
  error: "border-red-200 bg-red-50 text-red-900 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100",
  success:
    "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100",
};

/** An inline notice. Uses data-testid rather than role="alert" (Next's route announcer already has that role). */
export function Banner({
  tone = "info",
  title,
  children,
  testId,
}: {
  tone?: BannerTone;
  title?: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={testId} className={`rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1 opacity-90" : ""}>{children}</div> : null}
    </div>
  );
}
