// Monitoring of one service (service authorization contract): status, uptime, latency chart, check history, versions, "Check now".
import type { Metadata } from "next";
import Link from "next/link";
import { CheckNowButton } from "@/components/monitoring/check-now-button";
import { LatencyChart } from "@/components/monitoring/latency-chart";
import { MonitoringStatusBadge } from "@/components/monitoring/status-badge";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { loadOrNotFound } from "@/lib/panel/load";
import { getServiceMonitoring } from "@/lib/services/monitoring";

export const metadata: Metadata = { title: "Monitoring" };

export default async function MonitoringPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { id } = await props.params;
  const { cursor } = await props.searchParams;
  const { partner } = await requirePage({
    access: { role: "partner" },
    callbackPath: `/dashboard/services/${id}/monitoring`,
  });
  // Only one of the partner's own services (another's id is a plain 404).
  const { service, lastCheck, uptimes, chart, history, versions } = await loadOrNotFound(() =>
    getServiceMonitoring({ partnerId: partner.id, id, cursor }),
  );
  const tz = partner.timeZone;

  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link
          href={`/dashboard/services/${service.id}`}
          className="text-zinc-500 hover:text-zinc-800 dark:text-zinc-400"
        >
          ← {service.name}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div className="space-y-1">
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            Monitoring <MonitoringStatusBadge status={service.status} />
          </h1>
          <p className="text-sm text-zinc-500">
            Last check:{" "}
            {service.last_checked_at ? formatDateTime(service.last_checked_at, tz, { seconds: true }) : "never"}
            {lastCheck?.error ? ` — ${lastCheck.error}` : ""} · every {service.check_interval_seconds} s
          </p>
        </div>
        <CheckNowButton serviceId={service.id} />
      </header>

      <section aria-label="Uptime" className="grid gap-4 sm:grid-cols-3">
        {uptimes.map((uptime) => (
          <div key={uptime.window} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <p className="text-sm text-zinc-500">Uptime {uptime.window}</p>
            <p className="text-2xl font-semibold" data-testid={`uptime-${uptime.window}`}>
              {uptime.percent === null ? "–" : `${uptime.percent}%`}
            </p>
            <p className="text-xs text-zinc-500">{uptime.checks} checks</p>
          </div>
        ))}
      </section>

      <section className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 className="font-medium">Versioned URL</h2>
        <p className="text-sm text-zinc-500">
          Where end users are sent: your URL with v=&lt;version&gt;, so caches see each release as new.
        </p>
        <code className="block break-all text-sm" data-testid="versioned-url">
          {service.versioned_url}
        </code>
      </section>

      <section className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 className="font-medium">Latency and status, last 24 h (times in {tz})</h2>
        <LatencyChart points={chart} timeZone={tz} />
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="min-w-0 space-y-2 lg:col-span-2">
          <h2 className="font-medium">Check history</h2>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
            <table className="w-full text-left text-sm">
              <thead className="bg-zinc-50 text-zinc-500 dark:bg-zinc-900">
                <tr>
                  <th className="px-3 py-2 font-medium">Checked</th>
                  <th className="px-3 py-2 font-medium">Outcome</th>
                  <th className="px-3 py-2 font-medium">HTTP</th>
                  <th className="px-3 py-2 font-medium">Latency</th>
                  <th className="px-3 py-2 font-medium">Version / error</th>
                </tr>
              </thead>
              <tbody>
                {history.data.map((check) => (
                  <tr key={check.checked_at + check.status} className="border-t border-zinc-200 dark:border-zinc-800">
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatDateTime(check.checked_at, tz, { seconds: true })}
                    </td>
                    <td className="px-3 py-2">
                      <MonitoringStatusBadge status={check.status} />
                    </td>
                    <td className="px-3 py-2">{check.http_status ?? "–"}</td>
                    <td className="px-3 py-2">{check.latency_ms === null ? "–" : `${check.latency_ms} ms`}</td>
                    <td className="max-w-xs min-w-48 px-3 py-2 break-words">{check.error ?? check.version ?? ""}</td>
                  </tr>
                ))}
                {history.data.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="px-3 py-6 text-center text-zinc-500">
                      No checks yet.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <nav className="flex gap-4 text-sm">
            {cursor ? (
              <Link href={`/dashboard/services/${service.id}/monitoring`} className="text-indigo-600">
                Newest
              </Link>
            ) : null}
            {history.next_cursor ? (
              <Link
                href={`/dashboard/services/${service.id}/monitoring?cursor=${encodeURIComponent(history.next_cursor)}`}
                className="text-indigo-600"
              >
                Older →
              </Link>
            ) : null}
          </nav>
        </section>

        <section className="space-y-2">
          <h2 className="font-medium">Versions</h2>
          <ol className="space-y-2 border-l border-zinc-200 pl-4 dark:border-zinc-800">
            {versions.map((version) => (
              <li key={version.firstSeenAt + version.version} className="text-sm">
                <code className="break-all">{version.version}</code>
                <span className="block text-xs text-zinc-500">since {formatDateTime(version.firstSeenAt, tz)}</span>
              </li>
            ))}
            {versions.length === 0 ? <li className="text-sm text-zinc-500">No version reported yet.</li> : null}
          </ol>
        </section>
      </div>
    </div>
  );
}
