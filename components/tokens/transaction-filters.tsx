// The history filter form: a plain GET form, so filters live in the URL (shareable, back button works).
import type { TransactionFilters } from "@/lib/tokens/schemas";

const input =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

export function TransactionFiltersForm({ filters }: { filters: TransactionFilters }) {
  return (
    <form
      method="get"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
      data-testid="transaction-filters"
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        XID or phone number
        <input
          name="q"
          defaultValue={filters.q ?? ""}
          placeholder="order-42 or +14155552671"
          className={input}
          maxLength={64}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Status
        <select name="status" defaultValue={filters.status ?? ""} className={input}>
          <option value="">Any</option>
          <option value="issued">Issued</option>
          <option value="verified">Verified</option>
          <option value="expired">Expired</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        From
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        To
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={input} />
      </label>
      <div className="flex items-end">
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
