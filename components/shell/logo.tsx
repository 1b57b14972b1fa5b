/** Portico's mark and name, with the area it is in ("Partner", "Admin"). */
export function Logo({ subtitle }: { subtitle?: string }) {
  return (
    <span className="flex items-center gap-2">
      <span className="flex size-7 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white">
        P
      </span>
      <span className="font-semibold tracking-tight">Portico</span>
      {subtitle ? (
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
          {subtitle}
        </span>
      ) : null}
    </span>
  );
}
