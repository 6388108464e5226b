import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed
 * with the subscription's secret (its UTF-8 bytes). Receivers verify it with the same secret.
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** A subscription wants an event when one of its prefixes starts the event's type (`pool.`, `customer.created`); `*` wants all. */
export function wantsEvent(prefixes: readonly string[], eventType: string): boolean {
  return prefixes.some((prefix) => prefix === '*' || eventType.startsWith(prefix));
}

const MAX_DELAY_MS = 3_600_000;

/** Wait before the next attempt after `attempts` failed ones: base, 2×base, 4×base …, at most an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/** Only 2xx acknowledges a delivery. */
export function acknowledged(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
