import type { Metadata } from "next";
import Link from "next/link";
import { LinkButton } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/data-table";
import { ListPage } from "@/components/ui/list-page";
import { EndpointStatusBadge, SuccessRate } from "@/components/webhooks/webhook-badges";
import { requirePage } from "@/lib/panel/guards";
import { getEndpointStats } from "@/lib/webhooks/deliveries";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { describeHealth } from "./health";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/webhooks" });
  const endpoints = await listEndpoints({ partnerId: partner.id });
  const rows = await Promise.all(
    endpoints.map(async (endpoint) => ({ endpoint, stats: await getEndpointStats({ endpointId: endpoint.id }) })),
  );
  const newButton =
    partner.status === "approved" ? <LinkButton href="/dashboard/webhooks/new">New endpoint</LinkButton> : null;

  return (
    <ListPage
      title="Webhooks"
      description="Portico POSTs signed events (Standard Webhooks) to your endpoints, with OAuth2 bearer tokens if you configure them."
      count={endpoints.length}
      createButton={newButton}
      empty={{
        title: "No webhook endpoints yet",
        description: "Add an endpoint to receive service, login and transaction events.",
      }}
    >
      <Table label="Webhook endpoints" head={["URL", "Events", "Auth", "Status", "Health", "Success (7 days)"]}>
        {rows.map(({ endpoint, stats }) => (
          <tr key={endpoint.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
            <Td className="max-w-xs truncate">
              <Link
                href={`/dashboard/webhooks/${endpoint.id}`}
                className="font-mono text-xs font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400"
              >
                {endpoint.url}
              </Link>
              {endpoint.description ? <div className="text-xs text-zinc-500">{endpoint.description}</div> : null}
            </Td>
            <Td className="text-xs">{endpoint.events.length ? endpoint.events.join(", ") : "All"}</Td>
            <Td className="text-xs">
              {endpoint.authentication ? `OAuth2 ${endpoint.authentication.version}` : "None"}
            </Td>
            <Td>
              <EndpointStatusBadge status={endpoint.status} />
            </Td>
            <Td className="text-xs">
              <HealthText endpoint={endpoint} timeZone={partner.timeZone} />
            </Td>
            <Td>
              <SuccessRate rate={stats.successRate} />
            </Td>
          </tr>
        ))}
      </Table>
    </ListPage>
  );
}

const HEALTH_TONES = {
  ok: "text-emerald-700 dark:text-emerald-400",
  warn: "text-amber-700 dark:text-amber-400",
  bad: "text-red-700 dark:text-red-400",
};

function HealthText({ endpoint, timeZone }: { endpoint: Parameters<typeof describeHealth>[0]; timeZone: string }) {
  const health = describeHealth(endpoint, timeZone);
  return (
    <span className={HEALTH_TONES[health.tone]} data-testid="endpoint-health">
      {health.text}
    </span>
  );
}
