import type { Metadata } from "next";
import Link from "next/link";
import { CallbackLogTable } from "@/components/callbacks/callback-log-table";
import { CallbackSettingsForm } from "@/components/callbacks/callback-settings-form";
import { DevelopmentModeWarning } from "@/components/callbacks/development-mode-warning";
import { DevelopmentToken } from "@/components/callbacks/development-token";
import { TestCallback } from "@/components/callbacks/test-callback";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCallbackConfig } from "@/lib/callbacks/callback-config";
import { listCallbackLogs } from "@/lib/callbacks/logs";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { getServiceOrThrow } from "@/lib/services/services";
import { regenerateDevelopmentTokenAction, saveCallbackSettingsAction, sendTestCallbackAction } from "./actions";

export const metadata: Metadata = { title: "Callback verification" };

export default async function CallbackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { partner } = await requirePage({
    access: { role: "partner" },
    callbackPath: `/dashboard/services/${id}/callback`,
  });
  // Another partner's service looks exactly like a missing one.
  const scope = { partnerId: partner.id, id };
  const [service, config, log] = await Promise.all([
    loadOrNotFound(() => getServiceOrThrow(scope)),
    loadOrNotFound(() => getCallbackConfig(scope)),
    loadOrNotFound(() => listCallbackLogs({ ...scope, limit: 100 })),
  ]);
  const disabled = partner.status !== "approved";
  const rate = log.last_24h.success_rate;

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link
          href={`/dashboard/services/${id}`}
          className="text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
        >
          ← {service.name}
        </Link>
      </nav>
      <PageHeader
        title="Callback verification"
        description={
          <>
            Devices certify their access token with <code className="font-mono">POST /api/v1/certify</code> and{" "}
            <code className="font-mono">service_id</code> <code className="font-mono text-xs">{service.serviceId}</code>
            .
          </>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="Settings" description="Where Portico asks whether a device's token is valid." />
          <CardBody>
            <CallbackSettingsForm
              serviceId={id}
              action={saveCallbackSettingsAction}
              disabled={disabled}
              published={service.state === "published"}
              initial={{
                url: config.url ?? "",
                api_user: config.api_user ?? "",
                mode: config.mode,
                cache_ttl_seconds: config.cache_ttl_seconds,
                has_api_password: config.has_api_password,
              }}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Development token" description="The access token development mode accepts." />
          <CardBody className="flex flex-col gap-4">
            <DevelopmentModeWarning />
            <DevelopmentToken
              serviceId={id}
              token={config.development_token}
              action={regenerateDevelopmentTokenAction}
              disabled={disabled}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Test callback"
            description="Sends a sample request (token_type Bearer, a random access token) to your saved URL."
          />
          <CardBody>
            <TestCallback serviceId={id} action={sendTestCallbackAction} disabled={disabled || !config.url} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Callback log"
            description="The latest 100 requests. Access tokens and passwords are never stored."
            actions={
              <span className="text-sm" data-testid="callback-success-rate">
                Success rate (24 h): <strong>{rate === null ? "—" : `${(rate * 100).toFixed(1)} %`}</strong>{" "}
                <span className="text-zinc-500 dark:text-zinc-400">
                  ({log.last_24h.certified}/{log.last_24h.total})
                </span>
              </span>
            }
          />
          <CallbackLogTable rows={log.data} formatTime={(iso) => formatDateTime(iso, partner.timeZone)} />
        </Card>
      </div>
    </>
  );
}
