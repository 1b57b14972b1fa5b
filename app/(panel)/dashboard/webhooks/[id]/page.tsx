import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { BackLink } from "@/components/ui/back-link";
import { Banner } from "@/components/ui/banner";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { EditEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { DeliveryStatusBadge, EndpointStatusBadge, SuccessRate } from "@/components/webhooks/webhook-badges";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { inputRules } from "@/lib/panel/validation";
import { getEndpointStats, listDeliveries } from "@/lib/webhooks/deliveries";
import { getEndpointOrThrow, toEndpointOutput } from "@/lib/webhooks/endpoints";
import { DELIVERY_STATUSES, disableEndpointSchema, listDeliveriesQuerySchema } from "@/lib/webhooks/schemas";
import {
  deleteEndpointAction,
  disableEndpointAction,
  enableEndpointAction,
  replayDeliveryAction,
  rotateEndpointSecretAction,
  sendTestEventAction,
  updateEndpointAction,
} from "../actions";
import { describeAuthentication } from "../health";

export const metadata: Metadata = { title: "Webhook endpoint" };

/** One filter of the delivery log: "Any" or one of `options`. */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly string[];
}) {
  return (
    <label className="flex flex-col gap-1">
      {label}
      <select
        name={name}
        defaultValue={value ?? ""}
        className="rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: `/dashboard/webhooks/${id}` });
  const endpoint = toEndpointOutput(await loadOrNotFound(() => getEndpointOrThrow({ partnerId: partner.id, id })));
  const raw = await searchParams;
  const parsed = listDeliveriesQuerySchema.safeParse({
    status: raw.status || undefined,
    event_type: raw.event_type || undefined,
    cursor: raw.cursor || undefined,
    limit: 25,
  });
  const query = parsed.success ? parsed.data : listDeliveriesQuerySchema.parse({});
  const [stats, page] = await Promise.all([
    getEndpointStats({ endpointId: endpoint.id }),
    listDeliveries({ partnerId: partner.id, endpointId: endpoint.id, ...query }).catch(() => ({
      data: [],
      next_cursor: null,
    })),
  ]);
  const tz = partner.timeZone;
  const approved = partner.status === "approved";
  const filterQuery = (cursor?: string) =>
    `?${new URLSearchParams({ ...(query.status ? { status: query.status } : {}), ...(query.event_type ? { event_type: query.event_type } : {}), ...(cursor ? { cursor } : {}) })}`;

  return (
    <>
      <BackLink href="/dashboard/webhooks" label="Webhooks" />
      <PageHeader
        title={endpoint.description || "Webhook endpoint"}
        description={<EndpointStatusBadge status={endpoint.status} />}
        actions={
          <>
            <ActionButton
              action={sendTestEventAction}
              fields={{ id: endpoint.id }}
              label="Send test event"
              pendingLabel="Sending…"
              disabled={!approved || endpoint.status !== "enabled"}
            />
            {endpoint.status === "disabled" ? (
              <ActionButton
                action={enableEndpointAction}
                fields={{ id: endpoint.id }}
                label="Re-enable"
                pendingLabel="Enabling…"
                variant="primary"
                disabled={!approved}
              />
            ) : null}
            <ConfirmAction
              action={rotateEndpointSecretAction}
              fields={{ id: endpoint.id }}
              triggerLabel="Rotate secret"
              title="Rotate the signing secret?"
              description="Deliveries are signed with both the new and the current secret for 24 hours, so you can switch your receiver without missing one."
              confirmLabel="Rotate secret"
              secretsTitle="Your new signing secret"
              disabled={!approved}
            />
            {endpoint.status === "enabled" ? (
              <ConfirmAction
                action={disableEndpointAction}
                fields={{ id: endpoint.id }}
                triggerLabel="Disable"
                title="Disable this endpoint?"
                description="Nothing is sent to it while it is disabled: new events skip it and pending deliveries wait until you enable it again."
                confirmLabel="Disable endpoint"
                confirmVariant="danger"
                disabled={!approved}
              >
                <label className="flex flex-col gap-1 text-sm">
                  Reason (optional, shown in the endpoint list)
                  <input
                    name="reason"
                    {...inputRules(disableEndpointSchema, "reason")}
                    placeholder="Maintenance window"
                    className="rounded-md border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
                  />
                </label>
              </ConfirmAction>
            ) : null}
            <ConfirmAction
              action={deleteEndpointAction}
              fields={{ id: endpoint.id }}
              triggerLabel="Delete"
              triggerVariant="danger"
              title="Delete this endpoint?"
              description={`This cannot be undone. Its delivery log (${stats.succeeded + stats.failed + stats.pending} deliveries in the last 7 days) goes with it, and ${stats.pending} pending ${stats.pending === 1 ? "delivery is" : "deliveries are"} never sent.`}
              confirmLabel="Delete endpoint"
              confirmVariant="danger"
              disabled={!approved}
            />
          </>
        }
      />
      <div className="flex min-w-0 flex-col gap-6">
        {endpoint.status === "disabled" ? (
          <Banner tone="error" title="Deliveries to this endpoint are paused">
            {endpoint.disabled_reason ?? "The endpoint was disabled."} Disabled{" "}
            {formatDateTime(endpoint.disabled_at, tz)}. Fix the receiver, then re-enable it: pending deliveries resume.
          </Banner>
        ) : endpoint.failing_since ? (
          <Banner tone="warning" title="Deliveries are failing">
            Every delivery has failed since {formatDateTime(endpoint.failing_since, tz)}. The endpoint is disabled if
            this goes on for 5 days.
          </Banner>
        ) : null}
        <Card>
          <CardHeader title="Details" />
          <CardBody className="py-1">
            <DetailList>
              <DetailRow label="URL">
                <code className="font-mono text-xs">{endpoint.url}</code>
              </DetailRow>
              <DetailRow label="Events">
                {endpoint.events.length ? endpoint.events.join(", ") : "All event types"}
              </DetailRow>
              <DetailRow label="Authentication">{describeAuthentication(endpoint)}</DetailRow>
              {endpoint.last_token_fetch ? (
                <DetailRow label="Last token request">
                  <span data-testid="token-fetch-health">
                    {endpoint.last_token_fetch.ok ? "OK" : `Failed: ${endpoint.last_token_fetch.error}`} —{" "}
                    {formatDateTime(endpoint.last_token_fetch.at, tz)}
                  </span>
                </DetailRow>
              ) : null}
              <DetailRow label="Signing secret">
                Shown once, at creation and rotation.
                {endpoint.previous_secret_expires_at
                  ? ` The previous secret also signs until ${formatDateTime(endpoint.previous_secret_expires_at, tz)}.`
                  : ""}
              </DetailRow>
              <DetailRow label="Success rate (7 days)">
                <SuccessRate rate={stats.successRate} /> — {stats.succeeded} succeeded, {stats.failed} failed,{" "}
                {stats.pending} pending
              </DetailRow>
              <DetailRow label="Created">{formatDateTime(endpoint.created_at, tz)}</DetailRow>
            </DetailList>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Edit" description="URL, description, event types and authentication." />
          <CardBody>
            <EditEndpointForm
              action={updateEndpointAction}
              endpoint={{
                id: endpoint.id,
                url: endpoint.url,
                description: endpoint.description,
                events: endpoint.events,
                authentication: describeAuthentication(endpoint),
              }}
              eventTypes={EVENT_TYPES}
              disabled={!approved}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Delivery log"
            description="Newest first. Failed attempts are retried for about 28 hours before a delivery is marked failed."
          />
          <CardBody className="flex flex-col gap-4">
            <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
              <FilterSelect label="Status" name="status" value={query.status} options={DELIVERY_STATUSES} />
              <FilterSelect label="Event" name="event_type" value={query.event_type} options={EVENT_TYPES} />
              <button
                type="submit"
                className="rounded-md border border-zinc-300 px-3 py-1.5 font-medium dark:border-zinc-700"
              >
                Filter
              </button>
            </form>
            {page.data.length === 0 ? (
              <p className="text-sm text-zinc-500">
                No deliveries{query.status || query.event_type ? " match these filters" : " yet"}.
              </p>
            ) : (
              <Table
                label="Deliveries"
                head={[
                  "Created",
                  "Event",
                  "Status",
                  "Attempts",
                  "HTTP",
                  "Latency",
                  "Response / error",
                  "Next attempt",
                  "",
                ]}
              >
                {page.data.map((delivery) => (
                  <tr key={delivery.id}>
                    <Td className="text-xs whitespace-nowrap">
                      <Link
                        href={`/dashboard/webhooks/${endpoint.id}/deliveries/${delivery.id}`}
                        className="text-indigo-600 hover:underline dark:text-indigo-400"
                        data-testid="delivery-link"
                      >
                        {formatDateTime(delivery.created_at, tz)}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs">{delivery.event_type}</Td>
                    <Td>
                      <DeliveryStatusBadge status={delivery.status} />
                    </Td>
                    <Td className="text-xs">{delivery.attempts}</Td>
                    <Td className="font-mono text-xs">{delivery.last_status_code ?? "—"}</Td>
                    <Td className="text-xs">
                      {delivery.last_latency_ms === null ? "—" : `${delivery.last_latency_ms} ms`}
                    </Td>
                    <Td className="max-w-xs truncate font-mono text-xs">
                      <span title={delivery.last_error ?? delivery.last_response_excerpt ?? ""}>
                        {delivery.last_error ?? delivery.last_response_excerpt ?? "—"}
                      </span>
                    </Td>
                    <Td className="text-xs whitespace-nowrap">
                      {delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at, tz) : "—"}
                    </Td>
                    <Td>
                      <ActionButton
                        action={replayDeliveryAction}
                        fields={{ id: endpoint.id, delivery_id: delivery.id }}
                        label="Replay"
                        pendingLabel="Queuing…"
                        disabled={!approved}
                      />
                    </Td>
                  </tr>
                ))}
              </Table>
            )}
            <div className="flex gap-2">
              {query.cursor ? (
                <LinkButton href={filterQuery()} variant="secondary" size="sm">
                  First page
                </LinkButton>
              ) : null}
              {page.next_cursor ? (
                <LinkButton href={filterQuery(page.next_cursor)} variant="secondary" size="sm">
                  Older deliveries
                </LinkButton>
              ) : null}
            </div>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
