import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

type Answer = 'fail' | 'hang' | 'ok';

interface Received {
  id: string;
  type: string;
  customerId: string | null;
}

/** A real HTTP receiver on 127.0.0.1: answers each request as planned (500, never, 200) and records what it acknowledged. */
class Receiver {
  readonly acknowledged: Received[] = [];
  readonly requests: string[] = [];
  badSignatures = 0;
  plan: Answer[] = [];
  otherwise: Answer = 'ok';
  /** A slow receiver: how long it takes before answering 2xx. */
  delayMs = 0;
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += chunk;
    const id = String(request.headers['webhook-id']);
    const timestamp = String(request.headers['webhook-timestamp']);
    const expected = `v1,${createHmac('sha256', this.secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    if (request.headers['webhook-signature'] !== expected) this.badSignatures += 1;
    this.requests.push(id);
    const answer = this.plan.shift() ?? this.otherwise;
    if (answer === 'fail') response.writeHead(500).end('broken');
    else if (answer === 'hang') this.hanging.push(response);
    else {
      if (this.delayMs > 0) await new Promise((done) => setTimeout(done, this.delayMs));
      const event = JSON.parse(body) as { id: string; type: string; customerId: string | null };
      expect(event.id).toBe(id);
      this.acknowledged.push({ id, type: event.type, customerId: event.customerId });
      response.writeHead(204).end();
    }
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

describe('Webhooks (X-7)', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  const receivers: Receiver[] = [];

  const subscribe = (body: Record<string, unknown>) => api.http.post('/api/v1/webhook-subscriptions').set('Authorization', admin.auth).send(body);
  const deliveries = async (subscriptionId: string) =>
    (await api.http.get(`/api/v1/webhook-subscriptions/${subscriptionId}/deliveries`).query({ limit: 200 }).set('Authorization', admin.auth).expect(200))
      .body as {
      items: {
        id: string;
        eventId: string;
        status: string;
        attempts: number;
        lastStatusCode: number | null;
        lastLatencyMs: number | null;
        lastError: string | null;
      }[];
    };
  const customer = async (name: string): Promise<string> => {
    const created = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name }).expect(201);
    return created.body.id as string;
  };
  const receiver = async (secret: string) => {
    const started = await new Receiver(secret).start();
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    // The receivers listen on 127.0.0.1: a private address webhooks may reach only when the configuration allows its network.
    api = await TestApp.start({
      config: { webhookTimeoutMs: 1000, webhookBackoffBaseMs: 50, webhookRetryForSeconds: 600, webhookAllowedNetworks: ['127.0.0.1'] },
    });
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep'], await api.team());
    await api.settleEvents();
  });
  afterAll(async () => {
    await api.close();
    for (const started of receivers) await started.close();
  });

  it('is managed by administrators only: http(s) URLs, the secret never shown', async () => {
    const secret = 'manage-secret-0123456789';
    const created = await subscribe({ url: 'https://erp.example.com/crm-events', eventTypePrefixes: ['approval.'], secret, active: false }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'https://erp.example.com/crm-events',
      eventTypePrefixes: ['approval.'],
      active: false,
      disabledReason: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    const changed = await api.http
      .patch(`/api/v1/webhook-subscriptions/${id}`)
      .set('Authorization', admin.auth)
      .send({ eventTypePrefixes: ['approval.granted', 'pool.'], secret: 'another-secret-0123456789' })
      .expect(200);
    expect(changed.body).toMatchObject({ eventTypePrefixes: ['approval.granted', 'pool.'], active: false });
    const listed = await api.http.get('/api/v1/webhook-subscriptions').set('Authorization', admin.auth).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(JSON.stringify([created.body, changed.body, listed.body])).not.toContain('secret-0123456789');

    for (const url of ['ftp://erp.example.com/x', 'javascript:alert(1)', 'erp.example.com/hooks', 'file:///etc/passwd']) {
      await subscribe({ url, eventTypePrefixes: ['pool.'], secret }).expect(400);
    }
    await subscribe({ url: 'https://erp.example.com/x', eventTypePrefixes: ['pool.'], secret: 'short' }).expect(400);
    await subscribe({ url: 'https://erp.example.com/x', eventTypePrefixes: [], secret }).expect(400);
    await subscribe({ url: 'https://erp.example.com/x', eventTypePrefixes: ['Pool Events'], secret }).expect(400);
    await api.http
      .post('/api/v1/webhook-subscriptions')
      .set('Authorization', rep.auth)
      .send({ url: 'https://x.example.com', eventTypePrefixes: ['pool.'], secret })
      .expect(403);
    await api.http.get('/api/v1/webhook-subscriptions').set('Authorization', rep.auth).expect(403);
    await api.http.get(`/api/v1/webhook-subscriptions/${id}/deliveries`).set('Authorization', rep.auth).expect(403);

    await api.http.delete(`/api/v1/webhook-subscriptions/${id}`).set('Authorization', admin.auth).expect(204);
    await api.http.get(`/api/v1/webhook-subscriptions/${id}`).set('Authorization', admin.auth).expect(404);
    await api.http.delete(`/api/v1/webhook-subscriptions/${id}`).set('Authorization', admin.auth).expect(404);
  });

  it('delivers every event, signed, through failures and timeouts, once to a receiver that acknowledged it, in order per customer', async () => {
    const secret = 'erp-secret-0123456789abcdef';
    const erp = await receiver(secret);
    // Two failures, then two requests left unanswered past the client timeout, then it recovers.
    erp.plan = ['fail', 'fail', 'hang', 'hang'];
    const subscription = (await subscribe({ url: erp.url, eventTypePrefixes: ['customer.', 'pool.'], secret }).expect(201)).body as { id: string };
    const [{ since }] = await api.tx.query<{ since: string }>(`SELECT coalesce(max(seq), 0)::text AS since FROM platform.events`);

    const ids = [await customer('推送测试甲有限公司'), await customer('推送测试乙有限公司'), await customer('推送测试丙有限公司')];
    for (const id of ids) {
      await api.http.post(`/api/v1/customers/${id}/follow-ups`).set('Authorization', rep.auth).send({ channel: 'call', content: '首次联系' }).expect(201);
    }
    await api.settleEvents();
    const expected = await api.tx.query<{ id: string; customer_id: string | null }>(
      `SELECT id, customer_id FROM platform.events WHERE seq > $1 AND (type LIKE 'customer.%' OR type LIKE 'pool.%') ORDER BY seq`,
      [since],
    );
    expect(expected.length).toBeGreaterThanOrEqual(9);

    await waitFor(async () => (erp.acknowledged.length >= expected.length ? true : undefined), 'every event to be acknowledged');
    await waitFor(async () => ((await deliveries(subscription.id)).items.every((item) => item.status === 'delivered') ? true : undefined), 'the log to settle');
    // No event lost, none acknowledged twice, every signature valid.
    expect(erp.acknowledged.map((event) => event.id).sort()).toEqual(expected.map((event) => event.id).sort());
    expect(new Set(erp.acknowledged.map((event) => event.id)).size).toBe(erp.acknowledged.length);
    expect(erp.badSignatures).toBe(0);
    expect(erp.requests.length).toBe(expected.length + 4);
    // Each customer's events arrived in the order they happened, although its first ones failed and timed out.
    for (const id of ids) {
      expect(erp.acknowledged.filter((event) => event.customerId === id).map((event) => event.id)).toEqual(
        expected.filter((event) => event.customer_id === id).map((event) => event.id),
      );
    }

    const log = await deliveries(subscription.id);
    expect(log.items).toHaveLength(expected.length);
    expect(
      log.items.every(
        (item) => item.status === 'delivered' && item.lastStatusCode === 204 && item.lastError === null && typeof item.lastLatencyMs === 'number',
      ),
    ).toBe(true);
    const retried = log.items.filter((item) => item.attempts > 1);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(retried.reduce((sum, item) => sum + item.attempts - 1, 0)).toBe(4);

    // Manual redelivery sends the same event (same webhook-id) once more.
    const again = log.items[0]!;
    await api.http.post(`/api/v1/webhook-subscriptions/${subscription.id}/deliveries/${again.id}/redeliver`).set('Authorization', admin.auth).expect(202);
    await waitFor(async () => (erp.acknowledged.length === expected.length + 1 ? true : undefined), 'the redelivery');
    expect(erp.acknowledged.at(-1)!.id).toBe(again.eventId);
    await api.http
      .post(`/api/v1/webhook-subscriptions/${subscription.id}/deliveries/00000000-0000-7000-8000-000000000000/redeliver`)
      .set('Authorization', admin.auth)
      .expect(404);

    // A redelivered outbox event queues nothing new.
    await api.tx.query(`UPDATE platform.events SET dispatched_at = NULL WHERE id = ANY($1::uuid[])`, [expected.map((event) => event.id)]);
    await api.tx.query(`DELETE FROM platform.handled_events WHERE consumer = 'webhook.enqueue-deliveries' AND event_id = ANY($1::uuid[])`, [
      expected.map((event) => event.id),
    ]);
    await api.settleEvents();
    expect((await deliveries(subscription.id)).items).toHaveLength(expected.length);
    await api.http.delete(`/api/v1/webhook-subscriptions/${subscription.id}`).set('Authorization', admin.auth).expect(204);
  });

  it('disables a subscription that keeps failing, tells the administrators, and delivers after it is switched on again', async () => {
    const secret = 'broken-secret-0123456789';
    const broken = await receiver(secret);
    broken.otherwise = 'fail';
    const subscription = (await subscribe({ url: broken.url, eventTypePrefixes: ['customer.created'], secret }).expect(201)).body as { id: string };
    await customer('推送失败测试有限公司');
    await api.settleEvents();
    await waitFor(async () => ((await deliveries(subscription.id)).items[0]?.attempts ?? 0) >= 2 || undefined, 'a few failed attempts');
    // A day of failures later:
    await api.tx.query(`UPDATE webhook.deliveries SET retry_from = now() - interval '25 hours' WHERE subscription_id = $1`, [subscription.id]);
    await waitFor(
      async () =>
        (await api.http.get(`/api/v1/webhook-subscriptions/${subscription.id}`).set('Authorization', admin.auth)).body.active === false ? true : undefined,
      'the subscription to be disabled',
    );
    const disabled = await api.http.get(`/api/v1/webhook-subscriptions/${subscription.id}`).set('Authorization', admin.auth).expect(200);
    expect(disabled.body.disabledReason).toContain('kept failing');
    const [failed] = (await deliveries(subscription.id)).items;
    expect(failed).toMatchObject({ status: 'failed', lastStatusCode: 500, lastError: 'HTTP 500' });

    await api.settleEvents();
    const inbox = await api.http.get('/api/v1/notifications').set('Authorization', admin.auth).expect(200);
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ kind: 'webhook-disabled', title: 'Webhook 推送已停用', link: `/api/v1/webhook-subscriptions/${subscription.id}` }),
    );
    expect((await api.http.get('/api/v1/notifications').set('Authorization', rep.auth).expect(200)).body.items).toEqual([]);

    // Fixed and switched on again: the failed delivery is sent on request.
    broken.otherwise = 'ok';
    const enabled = await api.http
      .patch(`/api/v1/webhook-subscriptions/${subscription.id}`)
      .set('Authorization', admin.auth)
      .send({ active: true })
      .expect(200);
    expect(enabled.body).toMatchObject({ active: true, disabledReason: null });
    await api.http.post(`/api/v1/webhook-subscriptions/${subscription.id}/deliveries/${failed!.id}/redeliver`).set('Authorization', admin.auth).expect(202);
    await waitFor(async () => (broken.acknowledged.length === 1 ? true : undefined), 'the redelivery');
    expect(broken.acknowledged[0]!.id).toBe(failed!.eventId);
    expect(broken.badSignatures).toBe(0);
    const [delivered] = (await deliveries(subscription.id)).items;
    expect(delivered).toMatchObject({ status: 'delivered', lastStatusCode: 204 });
    await api.http.post(`/api/v1/webhook-subscriptions/${subscription.id}/deliveries/${failed!.id}/redeliver`).set('Authorization', admin.auth).expect(202);
  });

  it('pages through the deliveries newest first by number, not by its text: 1000000 before 999999', async () => {
    const { body } = await subscribe({
      url: 'https://erp.example.com/paged',
      eventTypePrefixes: ['approval.'],
      secret: 'paging-secret-0123456789',
      active: false,
    }).expect(201);
    // Deliveries numbered 999,998 to 1,000,001 (a log's numbers, past any this suite makes), crossing a power of ten.
    const made = await api.tx.query<{ id: string; seq: string }>(
      `INSERT INTO webhook.deliveries (seq, id, subscription_id, event_id, event_seq, event_type, body, status) OVERRIDING SYSTEM VALUE
       SELECT n, gen_random_uuid(), $1, gen_random_uuid(), n, 'approval.requested.v1', '{}', 'delivered' FROM unnest($2::bigint[]) AS n
       RETURNING id, seq::text AS seq`,
      [body.id, [999998, 999999, 1000000, 1000001]],
    );
    const bySeq = new Map(made.map((row) => [row.seq, row.id]));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.http
        .get(`/api/v1/webhook-subscriptions/${body.id}/deliveries`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', admin.auth)
        .expect(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['1000001', '1000000', '999999', '999998'].map((seq) => bySeq.get(seq)));
    await api.http.delete(`/api/v1/webhook-subscriptions/${body.id}`).set('Authorization', admin.auth).expect(204);
  });
});

describeOnServer('Webhook deliveries from two processes (PostgreSQL server)', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let slow: Receiver;

  beforeAll(async () => {
    const config = { webhookTimeoutMs: 2000, webhookBackoffBaseMs: 50, webhookRetryForSeconds: 600, webhookAllowedNetworks: ['127.0.0.1'] };
    first = await TestApp.start({ config });
    second = await TestApp.start({ sharedWith: first, config });
    admin = await first.user(['admin']);
    rep = await first.user(['sales-rep'], await first.team());
    await first.settleEvents();
    slow = await new Receiver('shared-secret-0123456789').start();
    slow.delayMs = 30;
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await slow.close();
  });

  it('sends each event once and each customer in order while both processes deliver', async () => {
    await first.http
      .post('/api/v1/webhook-subscriptions')
      .set('Authorization', admin.auth)
      .send({ url: slow.url, eventTypePrefixes: ['customer.', 'pool.'], secret: 'shared-secret-0123456789' })
      .expect(201);
    const [{ since }] = await first.tx.query<{ since: string }>(`SELECT coalesce(max(seq), 0)::text AS since FROM platform.events`);
    const ids: string[] = [];
    for (let n = 0; n < 6; n += 1) {
      const via = n % 2 === 0 ? first : second;
      const created = await via.http
        .post('/api/v1/customers')
        .set('Authorization', rep.auth)
        .send({ kind: 'enterprise', name: `并发推送${n}号有限公司` })
        .expect(201);
      ids.push(created.body.id as string);
    }
    await Promise.all(
      ids.map((id, n) =>
        (n % 2 === 0 ? second : first).http
          .post(`/api/v1/customers/${id}/follow-ups`)
          .set('Authorization', rep.auth)
          .send({ channel: 'visit', content: '拜访' })
          .expect(201),
      ),
    );
    await first.settleEvents();
    const expected = await first.tx.query<{ id: string; customer_id: string | null }>(
      `SELECT id, customer_id FROM platform.events WHERE seq > $1 AND (type LIKE 'customer.%' OR type LIKE 'pool.%') ORDER BY seq`,
      [since],
    );
    await waitFor(async () => (slow.acknowledged.length >= expected.length ? true : undefined), 'every event to be acknowledged');
    await new Promise((done) => setTimeout(done, 300));
    expect(slow.acknowledged.map((event) => event.id).sort()).toEqual(expected.map((event) => event.id).sort());
    expect(slow.requests).toHaveLength(expected.length);
    expect(slow.badSignatures).toBe(0);
    for (const id of ids) {
      expect(slow.acknowledged.filter((event) => event.customerId === id).map((event) => event.id)).toEqual(
        expected.filter((event) => event.customer_id === id).map((event) => event.id),
      );
    }
  });
});
