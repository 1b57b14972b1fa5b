"use client";
// Per-day issued vs verified tokens (days in the partner's time zone, computed on the server).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface DailyPoint {
  day: string;
  issued: number;
  verified: number;
}

export function DailyChart({ data, timeZone }: { data: DailyPoint[]; timeZone: string }) {
  const total = data.reduce((sum, point) => sum + point.issued, 0);
  return (
    <figure data-testid="transactions-chart" aria-label={`Tokens issued and verified per day (${timeZone})`}>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.12} />
            <XAxis
              dataKey="day"
              tickFormatter={(day: string) => day.slice(5)}
              fontSize={12}
              stroke="currentColor"
              strokeOpacity={0.5}
            />
            <YAxis allowDecimals={false} fontSize={12} stroke="currentColor" strokeOpacity={0.5} />
            <Tooltip />
            <Legend />
            <Bar dataKey="issued" name="Issued" fill="#6366f1" radius={[3, 3, 0, 0]} />
            <Bar dataKey="verified" name="Verified" fill="#10b981" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        {total} issued from {data[0]?.day ?? "—"} to {data[data.length - 1]?.day ?? "—"}; days in {timeZone}. “Verified”
        counts tokens issued that day that were later verified.
      </figcaption>
    </figure>
  );
}
