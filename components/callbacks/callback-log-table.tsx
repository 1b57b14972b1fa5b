import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/data-table";
import type { CallbackOutcome } from "@/lib/callbacks/schemas";

export interface CallbackLogRow {
  id: string;
  created_at: string;
  user_identifier: string | null;
  mode: string;
  outcome: CallbackOutcome;
  callback_status: number | null;
  latency_ms: number | null;
  error: string | null;
  test: boolean;
}

const OUTCOME_TONES: Record<CallbackOutcome, BadgeTone> = {
  certified: "green",
  cached: "sky",
  rejected: "red",
  unreachable: "amber",
};

/** Time, user identifier, mode, outcome, callback status, latency. Tokens and passwords are never stored, so never shown. */
export function CallbackLogTable({
  rows,
  formatTime,
}: {
  rows: CallbackLogRow[];
  formatTime: (iso: string) => string;
}) {
  if (!rows.length) {
    return <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">No certification requests yet.</p>;
  }
  return (
    <Table label="Callback log" head={["Time", "User identifier", "Mode", "Outcome", "Callback status", "Latency"]}>
      {rows.map((row) => (
        <tr key={row.id} data-testid="callback-log-row">
          <Td className="whitespace-nowrap">{formatTime(row.created_at)}</Td>
          <Td className="font-mono text-xs">{row.user_identifier ?? "—"}</Td>
          <Td>
            {row.mode}
            {row.test ? <span className="ml-1 text-xs text-zinc-500">(test)</span> : null}
          </Td>
          <Td>
            <span title={row.error ?? undefined}>
              <Badge tone={OUTCOME_TONES[row.outcome]}>{row.outcome}</Badge>
            </span>
          </Td>
          <Td>{row.callback_status ?? "—"}</Td>
          <Td className="whitespace-nowrap">{row.latency_ms === null ? "—" : `${row.latency_ms} ms`}</Td>
        </tr>
      ))}
    </Table>
  );
}
