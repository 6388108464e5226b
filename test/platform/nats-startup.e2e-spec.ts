import { connect } from 'nats';
import { TestApp, type TestUser } from '../support/test-app.js';
import { freePort, TcpProxy } from '../support/tcp-proxy.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Operators start the API before NATS is up (or NATS restarts): the API serves requests meanwhile and says so. */
describe('Start-up while NATS is not reachable', () => {
  it('starts, serves requests and reports /health as degraded (200) with nats down', async () => {
    const api = await TestApp.start({ config: { natsUrl: 'nats://127.0.0.1:4299', runEventDispatcher: true } });
    try {
      const health = await api.http.get('/health').expect(200);
      expect(health.body).toEqual({ status: 'degraded', live: true, database: 'up', nats: 'down', pendingEvents: expect.any(Number), unpublishedEvents: 0 });
      const rep = await api.user(['sales-rep']);
      await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name: '消息中间件未启动有限公司' }).expect(201);
      const after = await api.http.get('/health').expect(200);
      expect(after.body).toMatchObject({ status: 'degraded', nats: 'down', unpublishedEvents: expect.any(Number) });
      expect(after.body.unpublishedEvents).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });

  it('says nats is off, and the status ok, where this process does not relay', async () => {
    const api = await TestApp.start();
    try {
      const health = await api.http.get('/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', nats: 'off', unpublishedEvents: null });
    } finally {
      await api.close();
    }
  });
});

const natsUrl = process.env.NATS_URL;
(natsUrl ? describe : describe.skip)('NATS comes up later, goes away and comes back (NATS_URL)', () => {
  let api: TestApp;
  let rep: TestUser;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const port = await freePort();
    const target = new URL(natsUrl!);
    proxy = new TcpProxy(port, { host: target.hostname, port: Number(target.port || 4222) });
    api = await TestApp.start({ config: { natsUrl: `nats://127.0.0.1:${port}`, runEventDispatcher: true } });
    rep = await api.user(['sales-rep']);
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  const createCustomer = async (name: string): Promise<string> =>
    (await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name }).expect(201)).body.id;

  const publishedAt = async (customerId: string): Promise<Date | null> => {
    const rows = await api.tx.query<{ published_at: Date | null }>(
      `SELECT published_at FROM platform.events WHERE aggregate_id = $1 AND type = 'customer.created.v1'`,
      [customerId],
    );
    return rows[0]!.published_at;
  };

  it('relays the events recorded while NATS was down once it is reachable, into a stream with explicit limits', async () => {
    const early = await createCustomer('先于消息中间件创建有限公司');
    expect((await api.http.get('/health').expect(200)).body).toMatchObject({ status: 'degraded', nats: 'down' });
    expect(await publishedAt(early)).toBeNull();

    await proxy.open();
    await waitFor(async () => ((await api.http.get('/health')).body.nats === 'up' ? true : undefined), 'the relay to connect');
    await waitFor(async () => (await publishedAt(early)) ?? undefined, 'the backlog to be relayed');
    expect((await api.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', nats: 'up' });

    const connection = await connect({ servers: natsUrl });
    try {
      const manager = await connection.jetstreamManager();
      const stream = await manager.streams.info('CRM_EVENTS');
      expect(stream.config).toMatchObject({ max_age: api.config.natsMaxAgeDays * 86_400 * 1e9, max_bytes: api.config.natsMaxBytes });
      const [event] = await api.tx.query<{ id: string }>(`SELECT id FROM platform.events WHERE aggregate_id = $1 AND type = 'customer.created.v1'`, [early]);
      // The stream knows the event's id: publishing it again is dropped as a duplicate.
      const again = await connection.jetstream().publish('crm.customer.created.v1', new Uint8Array(), { msgID: event!.id });
      expect(again.duplicate).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('keeps events while NATS is gone again, and relays them when it is back', async () => {
    await proxy.close();
    await waitFor(async () => ((await api.http.get('/health')).body.nats === 'down' ? true : undefined), 'the relay to notice');
    const during = await createCustomer('消息中间件重启期间有限公司');
    await new Promise((done) => setTimeout(done, 1500));
    expect(await publishedAt(during)).toBeNull();

    await proxy.open();
    await waitFor(async () => (await publishedAt(during)) ?? undefined, 'the events kept meanwhile to be relayed');
    expect((await api.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', nats: 'up', unpublishedEvents: 0 });
  });
});
