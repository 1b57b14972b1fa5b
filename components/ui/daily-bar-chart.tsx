"use client";
// Per-day counts as grouped bars (days already in the partner's time zone, computed on the server).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface DailySeries<Key extends string> {
  key: Key;
  name: string;
  color: string;
}

export function DailyBarChart<Key extends string>(props: {
  data: ({ day: string } & Record<Key, number>)[];
  series: DailySeries<Key>[];
  label: string;
  caption: string;
  testId: string;
}) {
  return (
    <figure data-testid={props.testId} aria-label={props.label}>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={props.data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
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
            {props.series.map((series) => (
              <Bar key={series.key} dataKey={series.key} name={series.name} fill={series.color} radius={[3, 3, 0, 0]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{props.caption}</figcaption>
    </figure>
  );
}
