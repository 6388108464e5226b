import { createHmac } from 'node:crypto';
import { bankSignature, isValidBankSignature } from './bank-signature.js';

describe('bank notification signature', () => {
  const body = Buffer.from('{"transactionId":"T1","amount":"10.00"}');
  const now = new Date('2026-03-01T00:00:00Z');
  const timestamp = String(now.getTime() / 1000);

  it('is HMAC-SHA256 over "<timestamp>.<raw body>", hex', () => {
    const expected = createHmac('sha256', 'secret').update(`${timestamp}.${body.toString()}`).digest('hex');
    expect(bankSignature('secret', timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('accepts the right signature within five minutes, and nothing else', () => {
    const signature = bankSignature('secret', timestamp, body);
    expect(isValidBankSignature('secret', timestamp, signature, body, now)).toBe(true);
    expect(isValidBankSignature('other', timestamp, signature, body, now)).toBe(false);
    expect(isValidBankSignature('secret', timestamp, signature, Buffer.from(`${body.toString()} `), now)).toBe(false);
    expect(isValidBankSignature('secret', timestamp, signature, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(isValidBankSignature('secret', undefined, signature, body, now)).toBe(false);
    expect(isValidBankSignature('secret', timestamp, 'sha256=00', body, now)).toBe(false);
  });
});
