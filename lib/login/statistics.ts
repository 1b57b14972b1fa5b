// Partner statistics (one-time login contract): launches and redemptions per day, days cut in the partner's time zone.
import { addDays } from "@/lib/time/zones";
import { countUsagePerDay } from "@/lib/usage/read";
import { formatLocalDate } from "./time-zone";

export interface DailyLoginCount {
  day: string; // YYYY-MM-DD in the partner's zone
  launches: number;
  redemptions: number;
}

/**
 * The last `days` local days, newest first, zero-filled. Counts come from the usage rollup (lib/usage): a bounded read
 * whatever the number of one-time tokens.
 */
export async function getLoginStatistics(options: { partnerId: string; timeZone: string; days: number; now?: Date }) {
  const now = options.now ?? new Date();
  const today = formatLocalDate(now, options.timeZone);
  // Calendar arithmetic on the date itself (zone-free), so 23- and 25-hour days cannot skip or repeat a day.
  const ascending = Array.from({ length: options.days }, (_, index) => addDays(today, index - options.days + 1));
  const per = (metric: "logins.launched" | "logins.redeemed") =>
    countUsagePerDay({ metric, subjectId: options.partnerId, days: ascending, timeZone: options.timeZone });
  const [launches, redemptions] = await Promise.all([per("logins.launched"), per("logins.redeemed")]);
  const daily: DailyLoginCount[] = ascending
    .map((day, index) => ({ day, launches: launches[index] ?? 0, redemptions: redemptions[index] ?? 0 }))
    .reverse();
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
