// Outbox → deliveries: one WebhookDelivery per matching enabled endpoint of the event's partner. Claiming the events
// and creating their deliveries commit together, so an event is fanned out exactly once even with many workers.
import { fanOutEvents } from "./claims";

/** Events fanned out per call; a full batch tells the worker the outbox has a backlog. */
export const DISPATCH_BATCH_SIZE = 500;

export function dispatchEvents(
  options: { limit?: number; now?: Date } = {},
): Promise<{ events: number; deliveries: number }> {
  return fanOutEvents({ limit: options.limit ?? DISPATCH_BATCH_SIZE, now: options.now ?? new Date() });
}
