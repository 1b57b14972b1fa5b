import { Table, Td } from "@/components/ui/data-table";
import type { DailyLoginCount } from "@/lib/login/statistics";

/** Days newest first, with a bar per row scaled to the busiest day (no chart library needed for two counts). */
export function DailyLoginTable({ daily }: { daily: DailyLoginCount[] }) {
  const busiest = Math.max(1, ...daily.map((row) => row.launches));
  return (
    <Table label="Launches and redemptions per day" head={["Day", "Launches", "Redemptions", ""]}>
      {daily.map((row) => (
        <tr key={row.day} data-testid={`stats-row-${row.day}`}>
          <Td className="font-mono text-xs whitespace-nowrap">{row.day}</Td>
          <Td className="tabular-nums">
            <span data-testid="stats-launches">{row.launches}</span>
          </Td>
          <Td className="tabular-nums">
            <span data-testid="stats-redemptions">{row.redemptions}</span>
          </Td>
          <Td className="w-1/2">
            <div aria-hidden="true" className="h-2 rounded-full bg-zinc-100 dark:bg-zinc-800">
              <div className="h-2 rounded-full bg-indigo-500" style={{ width: `${(row.launches / busiest) * 100}%` }} />
            </div>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
