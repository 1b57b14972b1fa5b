import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryStatusBadge } from "@/components/webhooks/webhook-badges";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { getDeliveryDetail } from "@/lib/webhooks/deliveries";
import { replayDeliveryAction } from "../../../actions";

export const metadata: Metadata = { title: "Webhook delivery" };

const CODE_BLOCK =
  "max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-zinc-100";

function HeaderList({ headers, testId }: { headers: Record<string, string> | null; testId: string }) {
  if (!headers) return <p className="text-sm text-zinc-500">None recorded.</p>;
  return (
    <pre className={CODE_BLOCK} data-testid={testId}>
      {Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n")}
    </pre>
  );
}

export default async function DeliveryPage({ params }: { params: Promise<{ id: string; deliveryId: string }> }) {
  const { id, deliveryId } = await params;
  const { partner } = await requirePage({
    access: { role: "partner" },
    callbackPath: `/dashboard/webhooks/${id}/deliveries/${deliveryId}`,
  });
  const delivery = await loadOrNotFound(() => getDeliveryDetail({ partnerId: partner.id, endpointId: id, deliveryId }));
  const tz = partner.timeZone;

  return (
    <>
      <BackLink href={`/dashboard/webhooks/${id}`} label="Webhook endpoint" />
      <PageHeader
        title={`Delivery of ${delivery.event_type}`}
        description={<DeliveryStatusBadge status={delivery.status} />}
        actions={
          <ActionButton
            action={replayDeliveryAction}
            fields={{ id, delivery_id: delivery.id }}
            label="Replay"
            pendingLabel="Queuing…"
            disabled={partner.status !== "approved"}
          />
        }
      />
      <div className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader title="Summary" />
          <CardBody className="py-1">
            <DetailList>
              <DetailRow label="Delivery id">
                <code className="font-mono text-xs break-all">{delivery.id}</code>
              </DetailRow>
              <DetailRow label="Event id (webhook-id)">
                <code className="font-mono text-xs break-all">{delivery.event_id}</code>
              </DetailRow>
              <DetailRow label="Created">{formatDateTime(delivery.created_at, tz, { seconds: true })}</DetailRow>
              <DetailRow label="Attempts">{delivery.attempts.length}</DetailRow>
              <DetailRow label="Next attempt">
                {delivery.next_attempt_at
                  ? formatDateTime(delivery.next_attempt_at, tz, { seconds: true })
                  : "None scheduled"}
              </DetailRow>
            </DetailList>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Request" description="The body as signed and sent; the Authorization value is masked." />
          <CardBody className="flex flex-col gap-4">
            <HeaderList headers={delivery.request_headers} testId="request-headers" />
            <pre className={CODE_BLOCK} data-testid="delivery-payload">
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Attempts"
            description="Oldest first. Each shows what the receiver answered: status, headers and the first 4 KiB of its body."
          />
          <CardBody className="flex flex-col gap-6">
            {delivery.attempts.length === 0 ? (
              <p className="text-sm text-zinc-500">Not attempted yet.</p>
            ) : (
              delivery.attempts.map((attempt, index) => (
                <section
                  key={attempt.id}
                  className="flex min-w-0 flex-col gap-3 border-t border-zinc-100 pt-4 first:border-0 first:pt-0 dark:border-zinc-800"
                  data-testid="delivery-attempt"
                >
                  <h3 className="text-sm font-medium">
                    Attempt {index + 1} · {formatDateTime(attempt.attempted_at, tz, { seconds: true })}
                  </h3>
                  <DetailList>
                    <DetailRow label="Status">
                      {attempt.status_code === null ? "No HTTP answer" : `HTTP ${attempt.status_code}`}
                    </DetailRow>
                    <DetailRow label="Duration">
                      {attempt.duration_ms === null ? "—" : `${attempt.duration_ms} ms`}
                    </DetailRow>
                    {attempt.error ? (
                      <DetailRow label="Error">
                        <span className="break-all">{attempt.error}</span>
                      </DetailRow>
                    ) : null}
                  </DetailList>
                  {attempt.response_headers ? (
                    <div className="flex flex-col gap-1">
                      <p className="text-xs font-medium text-zinc-500">Response headers</p>
                      <HeaderList headers={attempt.response_headers} testId="response-headers" />
                    </div>
                  ) : null}
                  <div className="flex flex-col gap-1">
                    <p className="text-xs font-medium text-zinc-500">
                      Response body{attempt.response_truncated ? " (first 4 KiB)" : ""}
                    </p>
                    <pre className={CODE_BLOCK} data-testid="response-body">
                      {attempt.response_body || "(empty)"}
                    </pre>
                  </div>
                </section>
              ))
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
