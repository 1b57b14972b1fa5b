import { Badge } from "@/components/ui/badge";

export function EndpointStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status === "enabled" ? "green" : "red"} testId="webhook-endpoint-status">
      {status === "enabled" ? "Enabled" : "Disabled"}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: string }) {
  const tone = status === "succeeded" ? "green" : status === "failed" ? "red" : "amber";
  return <Badge tone={tone}>{status}</Badge>;
}

export function SuccessRate({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="text-zinc-500">—</span>;
  const percent = Math.round(rate * 1000) / 10;
  const tone =
    percent >= 99
      ? "text-emerald-700 dark:text-emerald-300"
      : percent >= 90
        ? "text-amber-700 dark:text-amber-300"
        : "text-red-700 dark:text-red-300";
  return <span className={`font-medium ${tone}`}>{percent}%</span>;
}
