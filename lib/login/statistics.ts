// Partner statistics (one-time login contract): launches and redemptions per day, days cut in the partner's time zone.
import { getDb } from "@/lib/db/client";
import { addDays } from "@/lib/time/zones";
import { formatLocalDate } from "./time-zone";
import { LOGIN_TOKEN_TTL_MS } from "./tokens";

export interface DailyLoginCount {
  day: string; // YYYY-MM-DD in the partner's zone
  launches: number;
  redemptions: number;
}

const DAY_MS = 86_400_000;

/** The last `days` local days, newest first, zero-filled. */
export async function getLoginStatistics(options: { partnerId: string; timeZone: string; days: number; now?: Date }) {
  const now = options.now ?? new Date();
  const today = formatLocalDate(now, options.timeZone);
  // Calendar arithmetic on the date itself (zone-free), so 23- and 25-hour days cannot skip or repeat a day.
  const dayList = Array.from({ length: options.days }, (_, index) => addDays(today, -index));
  const counts = new Map<string, DailyLoginCount>(dayList.map((day) => [day, { day, launches: 0, redemptions: 0 }]));
  // A margin of two days plus the token TTL covers any zone offset; out-of-range days are dropped below.
  const since = new Date(now.getTime() - (options.days + 2) * DAY_MS - LOGIN_TOKEN_TTL_MS);
  const rows = await getDb().loginToken.findMany({
    where: { partnerId: options.partnerId, createdAt: { gte: since } },
    select: { createdAt: true, redeemedAt: true },
  });
  for (const row of rows) {
    const launched = counts.get(formatLocalDate(row.createdAt, options.timeZone));
    if (launched) launched.launches += 1;
    if (row.redeemedAt) {
      const redeemed = counts.get(formatLocalDate(row.redeemedAt, options.timeZone));
      if (redeemed) redeemed.redemptions += 1;
    }
  }
  const daily = [...counts.values()]; // in dayList's order
  return {
    timeZone: options.timeZone,
    daily,
    totals: daily.reduce(
      (sum, row) => ({ launches: sum.launches + row.launches, redemptions: sum.redemptions + row.redemptions }),
      {
        launches: 0,
        redemptions: 0,
      },
    ),
  };
}
