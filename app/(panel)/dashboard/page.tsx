import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PartnerStatusBadge } from "@/components/status-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePage } from "@/lib/panel/guards";
import { tokenStatus } from "@/lib/panel/token-status";
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

function Step({ done, title, children }: { done: boolean; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-3">
      <span
        className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${
          done ? "bg-emerald-600 text-white" : "border border-zinc-300 text-transparent dark:border-zinc-600"
        }`}
        aria-hidden="true"
      >
        ✓
      </span>
      <span className="sr-only">{done ? "Done:" : "To do:"}</span>
      <div>
        <p className={`text-sm font-medium ${done ? "text-zinc-500 line-through dark:text-zinc-500" : ""}`}>{title}</p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{children}</p>
      </div>
    </li>
  );
}

const linkClass = "font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400";

export default async function OverviewPage() {
  const { user, partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard" });
  const [services, tokens] = await Promise.all([
    listServices({ partnerId: partner.id }),
    listApiTokens({ partnerId: partner.id }),
  ]);
  const now = new Date();
  const activeTokens = tokens.filter((token) => ["active", "rolling"].includes(tokenStatus(token, now))).length;
  const live = services.filter((service) => service.status === "live").length;
  const submitted = services.some((service) => service.state !== "draft");

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
        <CardHeader title="Getting started" description="Four steps from sign-up to your first end user." />
        <CardBody>
          <ol className="flex flex-col gap-4">
            <Step done={partner.status === "approved"} title="Get your partnership approved">
              An admin reviews every new partner; the pending notice disappears once you are approved.
            </Step>
            <Step done={activeTokens > 0} title="Create an API token">
              Your backend uses it to call Portico.{" "}
              <Link href="/dashboard/tokens" className={linkClass}>
                API tokens
              </Link>
            </Step>
            <Step done={services.length > 0} title="Add your service">
              Start with your development server&apos;s URL; the service stays a draft until you submit it.{" "}
              <Link href="/dashboard/services/new" className={linkClass}>
                New service
              </Link>
            </Step>
            <Step done={submitted} title="Submit it for review">
              Once your <code className="font-mono">/authorize</code> endpoint answers live, submit it to be published.
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
