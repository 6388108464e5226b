import { TestApp, type TestUser } from '../support/test-app.js';

describe('Idempotency-Key on acting POSTs', () => {
  let api: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const create = (key: string, body: object) => api.http.post('/api/v1/customers').set('Authorization', rep.auth).set('Idempotency-Key', key).send(body);

  async function customersNamed(name: string): Promise<number> {
    const rows = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM customer.customers WHERE name = $1`, [name]);
    return rows[0]!.count;
  }

  it('replays the first response (status, body, Location, ETag) and creates once', async () => {
    const body = { kind: 'enterprise', name: '幂等测试一有限公司' };
    const first = await create('key-1', body).expect(201);
    const replay = await create('key-1', body).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await customersNamed(body.name)).toBe(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    await create('key-2', { kind: 'enterprise', name: '幂等测试二有限公司', city: '上海' }).expect(201);
    await create('key-2', { city: '上海', name: '幂等测试二有限公司', kind: 'enterprise' }).expect(201);
    expect(await customersNamed('幂等测试二有限公司')).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    await create('key-3', { kind: 'enterprise', name: '幂等测试三有限公司' }).expect(201);
    const reused = await create('key-3', { kind: 'enterprise', name: '别的公司有限公司' }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await customersNamed('别的公司有限公司')).toBe(0);
  });

  it('answers 409 while the first request with the key is still running, and lets a retry take over a dead one', async () => {
    await api.tx.query(
      `INSERT INTO platform.idempotency_keys (principal, key, fingerprint, state, locked_until)
       VALUES ($1, 'key-4', 'x', 'in-flight', now() + interval '1 minute')`,
      [rep.id],
    );
    const busy = await create('key-4', { kind: 'enterprise', name: '幂等测试四有限公司' }).expect(409);
    expect(busy.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');

    // The first attempt's process died: once its lease ran out, a retry with the same body goes through.
    const body = { kind: 'enterprise', name: '幂等测试五有限公司' };
    await create('key-5', body).expect(201);
    await api.tx.query(
      `UPDATE platform.idempotency_keys SET state = 'in-flight', response_status = NULL, locked_until = now() - interval '1 second'
        WHERE principal = $1 AND key = 'key-5'`,
      [rep.id],
    );
    await api.tx.query(`DELETE FROM customer.customers WHERE name = $1`, [body.name]);
    await create('key-5', body).expect(201);
    expect(await customersNamed(body.name)).toBe(1);
  });

  it('frees the key of a failed request, so the corrected retry is not a replay of the failure', async () => {
    await create('key-6', { kind: 'enterprise', name: '幂等测试六有限公司', parentId: '01900000-0000-7000-8000-000000000000' }).expect(422);
    const rows = await api.tx.query(`SELECT 1 FROM platform.idempotency_keys WHERE principal = $1 AND key = 'key-6'`, [rep.id]);
    expect(rows).toHaveLength(0);
  });

  it("keeps keys per caller: another user's identical key is their own", async () => {
    const other = await api.user(['sales-rep']);
    await create('shared-key', { kind: 'enterprise', name: '幂等测试七有限公司' }).expect(201);
    await api.http
      .post('/api/v1/customers')
      .set('Authorization', other.auth)
      .set('Idempotency-Key', 'shared-key')
      .send({ kind: 'enterprise', name: '幂等测试八有限公司' })
      .expect(201);
  });

  it('commits the change and its stored response together: a replay after a follow-up is the same follow-up', async () => {
    const { body: customer } = await create('key-9', { kind: 'enterprise', name: '幂等测试九有限公司' }).expect(201);
    const send = () =>
      api.http
        .post(`/api/v1/customers/${customer.id}/follow-ups`)
        .set('Authorization', rep.auth)
        .set('Idempotency-Key', 'follow-up-1')
        .send({ channel: 'call', content: '只记一次' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body).toEqual(first.body);
    const followUps = await api.http.get(`/api/v1/customers/${customer.id}/follow-ups`).set('Authorization', rep.auth).expect(200);
    expect(followUps.body.items).toHaveLength(1);
  });
});
