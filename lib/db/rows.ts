// Rows the providers' hand-written SQL reads back, and their conversion to the hot-path interface's types. Both
// providers select the same columns; only how a driver returns them differs (integers may be BigInt on SQLite, times
// are text on SQLite and Dates on PostgreSQL), and these conversions absorb that.
import type { LeasedService, LoadedDelivery, LockedService } from "./hot-paths";
import { fromDbOptionalTime, fromDbTime } from "./time";

type DbTime = Date | string;
type DbInteger = number | bigint;

export type LockedServiceRow = Omit<LockedService, "consecutiveFailures" | "downAfterFailures"> & {
  consecutiveFailures: DbInteger;
  downAfterFailures: DbInteger;
};

export function toLockedService(row: LockedServiceRow): LockedService {
  return {
    ...row,
    consecutiveFailures: Number(row.consecutiveFailures),
    downAfterFailures: Number(row.downAfterFailures),
  };
}

export type LeasedServiceRow = Omit<LeasedService, "dueAt" | "checkIntervalSeconds"> & {
  checkIntervalSeconds: DbInteger;
  nextCheckAt: DbTime;
};

export function toLeasedService({ nextCheckAt, ...row }: LeasedServiceRow): LeasedService {
  return { ...row, checkIntervalSeconds: Number(row.checkIntervalSeconds), dueAt: fromDbTime(nextCheckAt) };
}

/** A leased delivery joined with its event and endpoint (the column list both providers select). */
export interface LoadedDeliveryRow {
  id: string;
  attempts: DbInteger;
  endpointId: string;
  eventId: string;
  eventType: string;
  eventData: string;
  eventCreatedAt: DbTime;
  url: string;
  authType: string;
  authConfigCiphertext: string | null;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: DbTime | null;
  failingSince: DbTime | null;
}

export function toLoadedDelivery(row: LoadedDeliveryRow): LoadedDelivery {
  return {
    id: row.id,
    attempts: Number(row.attempts),
    endpointId: row.endpointId,
    event: { id: row.eventId, type: row.eventType, data: row.eventData, createdAt: fromDbTime(row.eventCreatedAt) },
    endpoint: {
      id: row.endpointId,
      url: row.url,
      authType: row.authType,
      authConfigCiphertext: row.authConfigCiphertext,
      secretCiphertext: row.secretCiphertext,
      previousSecretCiphertext: row.previousSecretCiphertext,
      previousSecretExpiresAt: fromDbOptionalTime(row.previousSecretExpiresAt),
      failingSince: fromDbOptionalTime(row.failingSince),
    },
  };
}
