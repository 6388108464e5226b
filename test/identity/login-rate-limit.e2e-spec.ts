import { TestApp, type TestUser } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';

/** Two API replicas behind one address: password guessing gets one budget, not one per replica. */
describeOnServer('Login rate limit shared by API replicas', () => {
  let first: TestApp;
  let second: TestApp;
  let target: TestUser;

  beforeAll(async () => {
    first = await TestApp.start({ config: { loginRateLimit: 4 } });
    second = await TestApp.start({ sharedWith: first, config: { loginRateLimit: 4 } });
    target = await first.user(['sales-rep']);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const guess = (api: TestApp, username: string) => api.http.post('/api/v1/auth/login').send({ username, password: 'wrong-guess' });

  it('counts attempts on either replica against the same budget, and tells when to retry', async () => {
    // The user's own login in beforeAll used one attempt on the first replica.
    expect((await guess(second, target.username)).status).toBe(401);
    expect((await guess(first, target.username)).status).toBe(401);
    expect((await guess(second, target.username)).status).toBe(401);
    const refused = await guess(first, target.username);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('REQUEST.RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await guess(second, target.username)).status).toBe(429);
    // The right password does not get through either, on any replica, until the minute is over.
    await second.http.post('/api/v1/auth/login').send({ username: target.username, password: 'password-123' }).expect(429);
  });

  it('counts clients behind a trusted proxy (CRM_TRUST_PROXY) by their own address', async () => {
    const elsewhere = await first.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ username: target.username, password: 'wrong-guess' });
    expect(elsewhere.status).toBe(401);
  });

  it('keeps the budget per username: another user on the same address logs in', async () => {
    const other = await second.user(['sales-rep']);
    await first.http.post('/api/v1/auth/login').send({ username: other.username.toUpperCase(), password: 'password-123' }).expect(200);
  });

  it('keeps the counters in the database, where an expired one is just replaced', async () => {
    const rows = await first.tx.query<{ key: string; points: number }>(
      `SELECT key, points FROM identity.login_attempts WHERE key LIKE $1 AND key NOT LIKE 'login:203.0.113.7:%'`,
      [`login:%:${target.username}`],
    );
    expect(rows).toEqual([{ key: expect.stringMatching(new RegExp(`^login:.+:${target.username.replace('.', '\\.')}$`)), points: expect.any(Number) }]);
    expect(rows[0]!.points).toBeGreaterThanOrEqual(6);
    await first.tx.query(`UPDATE identity.login_attempts SET expire = 0 WHERE key = $1`, [rows[0]!.key]);
    await second.http.post('/api/v1/auth/login').send({ username: target.username, password: 'password-123' }).expect(200);
  });
});
