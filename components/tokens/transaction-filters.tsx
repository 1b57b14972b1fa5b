// The history filter form: a plain GET form, so filters live in the URL (shareable, back button works). A value the
// server refused stays in its field with the reason under it; the other filters still apply.
import { DateRangeFilterFields, FilterActions, FilterField, filterControl } from "@/components/ui/filter-field";
import type { FieldErrors } from "@/lib/panel/action-state";
import { inputRules } from "@/lib/panel/validation";
import { TRANSACTION_STATUSES, transactionFiltersSchema } from "@/lib/tokens/schemas";

export function TransactionFiltersForm({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  return (
    <form
      method="get"
      className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto]"
      data-testid="transaction-filters"
    >
      <FilterField name="q" label="XID or phone number" error={errors.q}>
        <input
          {...filterControl("q", errors)}
          {...inputRules(transactionFiltersSchema, "q")}
          defaultValue={values.q ?? ""}
          placeholder="order-42 or +14155552671"
        />
      </FilterField>
      <FilterField name="status" label="Status" error={errors.status}>
        <select {...filterControl("status", errors)} defaultValue={errors.status ? "" : (values.status ?? "")}>
          <option value="">Any</option>
          {TRANSACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.charAt(0).toUpperCase() + status.slice(1)}
            </option>
          ))}
        </select>
      </FilterField>
      <DateRangeFilterFields values={values} errors={errors} />
      <FilterActions label="Apply" />
    </form>
  );
}
