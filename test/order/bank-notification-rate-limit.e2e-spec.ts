import { TestApp, type TestUser } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';
import { bankAccount, notifyBank } from './order-fixtures.js';

/**
 * The signed bank-notification endpoint is rate limited per client address (every request) and per
 * bank account (signed ones only), in PostgreSQL: two API replicas draw on one budget.
 */
describeOnServer('Bank notifications rate limited per address and per account, shared by replicas', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestUser;
  const config = { bankNotificationsPerAccount: 3, bankNotificationsPerAddress: 5 };

  beforeAll(async () => {
    first = await TestApp.start({ config });
    second = await TestApp.start({ sharedWith: first, config });
    admin = await first.user(['admin']);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  let n = 0;
  const notify = (api: TestApp, account: { id: string; secret: string }, from: string, options: { secret?: string } = {}) =>
    notifyBank(api, account, { transactionId: `RL-${++n}`, amount: '10.00', payerName: '某付款人', reference: '货款' }, options).set('X-Forwarded-For', from);

  it('refuses a flood from one address, signed or not, with 429 and Retry-After; a forger does not spend the account budget', async () => {
    const account = await bankAccount(first, admin);
    for (let i = 0; i < 5; i++) await notify(i % 2 ? first : second, account, '198.51.100.1', { secret: 'forged' }).expect(401);
    const flood = await notify(first, account, '198.51.100.1').expect(429);
    expect(flood.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(Number(flood.headers['retry-after'])).toBe(flood.body.retryAfterSeconds);

    // The account's own budget is whole: three signed notifications from the bank's address, on either replica.
    await notify(first, account, '198.51.100.2').expect(200);
    await notify(second, account, '198.51.100.2').expect(200);
    await notify(first, account, '198.51.100.2').expect(200);
    const spent = await notify(second, account, '198.51.100.2').expect(429);
    expect(spent.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED' });
    expect(Number(spent.headers['retry-after'])).toBeGreaterThan(0);
    // Refused notifications stored nothing.
    const stored = await first.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM contract.bank_transactions WHERE bank_account_id = $1`, [account.id]);
    expect(stored[0]!.n).toBe(3);

    // Another account has its own budget.
    const other = await bankAccount(first, admin);
    await notify(second, other, '198.51.100.3').expect(200);

    const counters = await first.tx.query<{ key: string; points: number }>(`SELECT key, points FROM contract.bank_notification_limits WHERE key = $1`, [
      `bank-account:${account.id}`,
    ]);
    expect(counters).toHaveLength(1);
    expect(counters[0]!.points).toBeGreaterThanOrEqual(3);
  });
});
