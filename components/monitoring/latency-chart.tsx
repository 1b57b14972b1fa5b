"use client";
// Latency of the last 24 h of checks; each point is coloured by its outcome, so outages show on the same axis.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, formatTime } from "@/lib/time/format";

export interface ChartPoint {
  t: number;
  latency: number | null;
  outcome: string;
}

const colours: Record<string, string> = { live: "#16a34a", down: "#dc2626", unauthentic: "#d97706" };

function OutcomeDot(props: { cx?: number; cy?: number; payload?: ChartPoint }) {
  if (props.cx === undefined || props.cy === undefined || !props.payload) return null;
  return <circle cx={props.cx} cy={props.cy} r={3} fill={colours[props.payload.outcome] ?? "#71717a"} />;
}

/** Times in the partner's zone, in the app's one format (the axis names the zone once, the tooltip each time). */
export function LatencyChart({ points, timeZone }: { points: ChartPoint[]; timeZone: string }) {
  const time = (t: number) => formatTime(t, timeZone);
  const moment = (t: number) => formatDateTime(t, timeZone, { seconds: true });
  if (!points.length) return <p className="text-sm text-zinc-500">No checks in the last 24 hours yet.</p>;
  return (
    <div className="h-64 w-full" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={time} fontSize={12} />
          <YAxis unit=" ms" fontSize={12} width={64} />
          <Tooltip
            labelFormatter={(value) => moment(Number(value))}
            formatter={(value, _name, item) => [
              `${value ?? "–"} ms (${(item.payload as ChartPoint).outcome})`,
              "latency",
            ]}
          />
          <Line
            type="monotone"
            dataKey="latency"
            stroke="#6366f1"
            strokeWidth={1.5}
            dot={<OutcomeDot />}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
