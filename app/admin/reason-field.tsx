import { REVIEW_REASON_MAX } from "@/lib/partners/review-limits";

/** The reason an admin gives for a decision the partner then sees (required, length as the server allows). */
export function ReasonField({ placeholder }: { placeholder: string }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      Reason (the partner sees it)
      <textarea
        name="reason"
        required
        maxLength={REVIEW_REASON_MAX}
        rows={3}
        placeholder={placeholder}
        className="rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </label>
  );
}
