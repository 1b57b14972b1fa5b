// The pure part of a check: what it says about a service. Shared by the API's "check now" and the scheduler.
export type CheckOutcome = "live" | "unauthentic" | "down";
export type ServiceStatus = CheckOutcome | "unknown";

export interface CheckResult {
  checkedAt: Date;
  outcome: CheckOutcome;
  httpStatus: number | null;
  latencyMs: number | null;
  version: string | null;
  error: string | null;
}

export interface CheckOutput {
  checked_at: string;
  status: CheckOutcome;
  http_status: number | null;
  latency_ms: number | null;
  version: string | null;
  error: string | null;
}

export interface ServiceState {
  status: string;
  version: string | null;
  consecutiveFailures: number;
  downAfterFailures: number;
}

export interface StateDecision {
  status: string;
  version: string | null;
  consecutiveFailures: number;
  statusChanged: boolean;
  versionChanged: boolean;
}

/**
 * Debounce as Uptime Kuma and Gatus do: `down` only after N consecutive failures (the status stays as it was until
 * then), recovery on the first good check. A wrong signature is not a network blip, so `unauthentic` is immediate.
 */
export function decideServiceState(
  current: ServiceState,
  result: Pick<CheckResult, "outcome" | "version">,
): StateDecision {
  let status = current.status;
  let failures = 0;
  if (result.outcome === "down") {
    failures = current.consecutiveFailures + 1;
    if (failures >= Math.max(1, current.downAfterFailures)) status = "down";
  } else {
    status = result.outcome;
  }
  // Only a verified answer may change the version end users are sent to.
  const version = result.outcome === "live" && result.version ? result.version : current.version;
  return {
    status,
    version,
    consecutiveFailures: failures,
    statusChanged: status !== current.status,
    versionChanged: version !== current.version,
  };
}

export function toCheckOutput(row: {
  checkedAt: Date;
  outcome: string;
  httpStatus: number | null;
  latencyMs: number | null;
  version: string | null;
  error: string | null;
}): CheckOutput {
  return {
    checked_at: row.checkedAt.toISOString(),
    status: row.outcome as CheckOutcome,
    http_status: row.httpStatus,
    latency_ms: row.latencyMs,
    version: row.version,
    error: row.error,
  };
}
