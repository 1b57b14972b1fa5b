import type { Metadata } from "next";
import { DailyLoginTable } from "@/components/login/daily-login-table";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { statisticsDaysSchema } from "@/lib/login/schemas";
import { getLoginStatistics } from "@/lib/login/statistics";
import { requirePartner } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Statistics" };

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const { partner } = await requirePartner("/dashboard/statistics");
  const days = statisticsDaysSchema.parse((await searchParams).days);
  const stats = await getLoginStatistics({ partnerId: partner.id, timeZone: partner.timeZone, days });

  return (
    <>
      <PageHeader
        title="Statistics"
        description={`One-time logins of your services over the last ${days} days, by day in ${partner.timeZone} (your time zone in Settings).`}
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2">
        <Card className="p-5">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Launches</p>
          <p className="text-2xl font-semibold tabular-nums" data-testid="stats-total-launches">
            {stats.totals.launches}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Users who opened one of your services from Portico</p>
        </Card>
        <Card className="p-5">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Redemptions</p>
          <p className="text-2xl font-semibold tabular-nums" data-testid="stats-total-redemptions">
            {stats.totals.redemptions}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">One-time tokens your backend traded for an email</p>
        </Card>
      </div>
      <Card>
        <CardHeader
          title="Per day"
          description="A launch that was never redeemed usually means the integration failed."
        />
        <DailyLoginTable daily={stats.daily} />
      </Card>
    </>
  );
}
