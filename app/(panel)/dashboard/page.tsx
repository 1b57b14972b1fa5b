import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PartnerStatusBadge } from "@/components/status-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePage } from "@/lib/panel/guards";
import { tokenStatus } from "@/lib/panel/token-status";
import { describeOnboarding } from "@/lib/partners/onboarding";
import { listServices } from "@/lib/services/services";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value, href }: { label: string; value: ReactNode; href?: string }) {
  const body = (
    <Card className="h-full transition-colors hover:border-indigo-300 dark:hover:border-indigo-500/50">
      <CardBody>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{label}</p>
        <div className="mt-2 text-2xl font-semibold tracking-tight">{value}</div>
      </CardBody>
    </Card>
  );
  return href ? <Link href={href}>{body}</Link> : body;
}

/** One integration: ticked only when the partner has set it up; its title links to the page where that is done. */
function Step({
  id,
  done,
  title,
  href,
  children,
}: {
  id: string;
  done: boolean;
  title: string;
  href: string;
  children: ReactNode;
}) {
  return (
    <li className="flex gap-3" data-testid={`onboarding-${id}`} data-done={done ? "true" : "false"}>
      <span
        className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${
          done ? "bg-emerald-600 text-white" : "border border-zinc-300 text-transparent dark:border-zinc-600"
        }`}
        aria-hidden="true"
      >
        ✓
      </span>
      <div className="min-w-0">
        <p className="text-sm font-medium">
          <span className="sr-only">{done ? "Done: " : "To do: "}</span>
          <Link href={href} className={done ? "text-zinc-500 line-through hover:text-zinc-700" : linkClass}>
            {title}
          </Link>
        </p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{children}</p>
      </div>
    </li>
  );
}

const linkClass = "font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400";

export default async function OverviewPage() {
  const { user, partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard" });
  const [services, tokens, progress] = await Promise.all([
    listServices({ partnerId: partner.id }),
    listApiTokens({ partnerId: partner.id }),
    describeOnboarding({ partnerId: partner.id }),
  ]);
  const now = new Date();
  const activeTokens = tokens.filter((token) => ["active", "rolling"].includes(tokenStatus(token, now))).length;
  const live = services.filter((service) => service.status === "live").length;
  const steps = [
    progress.service,
    progress.apiToken,
    progress.webhookEndpoint,
    progress.callback,
    progress.oneTimeLogin,
  ];
  const doneCount = steps.filter(Boolean).length;

  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name || partner.name}`}
        description={`${partner.name} · customer id ${partner.customerId}`}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Partnership" value={<PartnerStatusBadge status={partner.status} />} />
        <Stat label="Services" value={services.length} href="/dashboard/services" />
        <Stat label="Live services" value={live} href="/dashboard/services" />
        <Stat label="Active API tokens" value={activeTokens} href="/dashboard/tokens" />
      </div>
      <Card className="mt-6">
        <CardHeader
          title="Getting started"
          description={`Portico's five integrations: ${doneCount} of 5 set up. Each ticks itself once you have done it.`}
        />
        <CardBody>
          <ol className="flex flex-col gap-4" data-testid="onboarding">
            <Step
              id="service"
              done={progress.service}
              title="Register your service"
              href={progress.service ? "/dashboard/services" : "/dashboard/services/new"}
            >
              Portico checks its <code className="font-mono">/authorize</code> endpoint; submit it for review once it
              answers live, and an admin publishes it to end users.
            </Step>
            <Step id="api-token" done={progress.apiToken} title="Create an API token" href="/dashboard/tokens">
              Your backend uses it to issue phone tokens (JWT) and to call the management API.
            </Step>
            <Step
              id="webhook"
              done={progress.webhookEndpoint}
              title="Add a webhook endpoint"
              href={progress.webhookEndpoint ? "/dashboard/webhooks" : "/dashboard/webhooks/new"}
            >
              Receive service status changes, verified transactions and redeemed logins as signed events.
            </Step>
            <Step
              id="callback"
              done={progress.callback}
              title="Set up device-token certification"
              href={
                progress.firstServiceId
                  ? `/dashboard/services/${progress.firstServiceId}/callback`
                  : "/dashboard/services/new"
              }
            >
              Save your service&apos;s callback settings, so devices can certify their access tokens through Portico
              {progress.firstServiceId ? "" : " (register a service first)"}.
            </Step>
            <Step id="one-time-login" done={progress.oneTimeLogin} title="Try the one-time login" href="/catalog">
              Open your service from the catalog, then have your backend redeem the one-time token; launches and
              redemptions show under{" "}
              <Link href="/dashboard/statistics" className={linkClass}>
                Statistics
              </Link>
              .
            </Step>
          </ol>
        </CardBody>
      </Card>
      <p className="mt-6 text-sm text-zinc-500 dark:text-zinc-400">
        Time zone: {partner.timeZone} ·{" "}
        <Link href="/dashboard/settings" className={linkClass}>
          Change settings
        </Link>
      </p>
    </>
  );
}
