import type { Metadata } from "next";
import Link from "next/link";
import { DailyLoginTable } from "@/components/login/daily-login-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DailyBarChart } from "@/components/ui/daily-bar-chart";
import { PageHeader } from "@/components/ui/page-header";
import { statisticsDaysSchema } from "@/lib/login/schemas";
import { getLoginStatistics } from "@/lib/login/statistics";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Statistics" };

const PERIODS = [7, 30, 90];

function SummaryCard(props: { label: string; value: string | number; help: string; testId: string }) {
  return (
    <Card className="p-5">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{props.label}</p>
      <p className="text-2xl font-semibold tabular-nums" data-testid={props.testId}>
        {props.value}
      </p>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{props.help}</p>
    </Card>
  );
}

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/statistics" });
  const days = statisticsDaysSchema.parse((await searchParams).days);
  const stats = await getLoginStatistics({ partnerId: partner.id, timeZone: partner.timeZone, days });
  const { launches, redemptions } = stats.totals;
  const activeDays = stats.daily.filter((row) => row.launches > 0 || row.redemptions > 0);

  return (
    <>
      <PageHeader
        title="Statistics"
        description={`One-time logins of your services over the last ${days} days, by day in ${partner.timeZone} (your time zone in Settings).`}
        actions={
          <nav aria-label="Period" className="flex gap-1 rounded-lg border border-zinc-200 p-1 dark:border-zinc-800">
            {PERIODS.map((period) => (
              <Link
                key={period}
                href={`/dashboard/statistics?days=${period}`}
                aria-current={period === days ? "page" : undefined}
                className={`rounded-md px-3 py-1 text-sm ${period === days ? "bg-indigo-600 text-white" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                {period} days
              </Link>
            ))}
          </nav>
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <SummaryCard
          label="Launches"
          value={launches}
          help="Users who opened one of your services from Portico"
          testId="stats-total-launches"
        />
        <SummaryCard
          label="Redemptions"
          value={redemptions}
          help="One-time tokens your backend traded for an email"
          testId="stats-total-redemptions"
        />
        <SummaryCard
          label="Redeemed"
          value={launches ? `${Math.round((Math.min(redemptions, launches) / launches) * 100)} %` : "—"}
          help="Of launches; well below 100 % usually means your integration fails"
          testId="stats-redemption-rate"
        />
      </div>
      <Card className="mb-6">
        <CardHeader title="Launches and redemptions per day" />
        <CardBody>
          <DailyBarChart
            testId="stats-chart"
            label={`Launches and redemptions per day (${partner.timeZone})`}
            data={[...stats.daily].reverse()}
            series={[
              { key: "launches", name: "Launches", color: "#6366f1" },
              { key: "redemptions", name: "Redemptions", color: "#10b981" },
            ]}
            caption={`From ${stats.daily.at(-1)?.day ?? "—"} to ${stats.daily[0]?.day ?? "—"}; days in ${partner.timeZone}.`}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Active days"
          description="Days with at least one launch or redemption, newest first. A launch that was never redeemed usually means the integration failed."
        />
        {activeDays.length ? (
          <DailyLoginTable daily={activeDays} />
        ) : (
          <p className="px-5 py-8 text-center text-sm text-zinc-500" data-testid="stats-empty">
            No launches in the last {days} days. End users open your published services from their catalog.
          </p>
        )}
      </Card>
    </>
  );
}
