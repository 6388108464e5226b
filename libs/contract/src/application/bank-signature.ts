import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a notification's timestamp may be from now: older signed bodies are not accepted again. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The signature a bank sends with a notification [到账通知签名]: `X-Bank-Signature: sha256=<hex>`,
 * the HMAC-SHA256 of `<X-Bank-Timestamp>.<raw body>` under the bank account's secret.
 */
export function bankSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** Constant-time check of the signature and the timestamp window. */
export function isValidBankSignature(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, now: Date): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(bankSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
