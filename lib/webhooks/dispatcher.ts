// Outbox → deliveries: one WebhookDelivery per matching enabled endpoint of the event's partner. Claiming the events
// and creating their deliveries commit together, so an event is fanned out exactly once even with many workers.
import { fanOutEvents } from "./claims";

export function dispatchEvents(
  options: { limit?: number; now?: Date } = {},
): Promise<{ events: number; deliveries: number }> {
  return fanOutEvents({ limit: options.limit ?? 500, now: options.now ?? new Date() });
}
