import { createHmac } from 'node:crypto';
import { acknowledged, retryDelayMs, signature, wantsEvent } from './webhook-delivery.js';

describe('Webhook delivery rules', () => {
  it('signs id, timestamp and body the Standard Webhooks way', () => {
    const expected = createHmac('sha256', 'topsecret-topsecret').update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(signature('topsecret-topsecret', 'msg_1', 1_700_000_000, '{"a":1}')).toBe(`v1,${expected}`);
    expect(signature('another-secret-xx', 'msg_1', 1_700_000_000, '{"a":1}')).not.toBe(`v1,${expected}`);
  });

  it('matches event types by prefix', () => {
    expect(wantsEvent(['pool.'], 'pool.customer-protected.v1')).toBe(true);
    expect(wantsEvent(['customer.created'], 'customer.created.v1')).toBe(true);
    expect(wantsEvent(['customer.created'], 'pool.customer-protected.v1')).toBe(false);
    expect(wantsEvent(['*'], 'anything.v1')).toBe(true);
    expect(wantsEvent([], 'pool.customer-protected.v1')).toBe(false);
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
    expect(retryDelayMs(500, 30_000)).toBe(3_600_000);
  });

  it('takes only 2xx as acknowledged', () => {
    expect([200, 204, 299].every(acknowledged)).toBe(true);
    expect([null, 301, 404, 500].some(acknowledged)).toBe(false);
  });
});
