import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { CreateCustomerCommand } from '@crm/contracts/customer';
import { IdentityService } from '@crm/identity';
import { connect } from 'nats';
import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('Domain events: outbox, dispatcher, feed', () => {
  let api: TestApp;
  let rep: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
    admin = await api.user(['admin']);
  });
  afterAll(() => api.close());

  it('writes events in the same transaction as the change: rolled back together, nothing escapes', async () => {
    const actor = (await api.app.get(IdentityService).actorFor(rep.id))!;
    const before = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM platform.events`);
    await expect(
      api.tx.run(async () => {
        await api.app.get(CommandBus).execute(
          new CreateCustomerCommand(actor, {
            kind: 'enterprise',
            profile: {
              name: '回滚测试有限公司',
              shortName: null,
              industry: null,
              creditCode: null,
              country: 'CN',
              province: null,
              city: null,
              size: null,
              type: 'other',
              phone: null,
              email: null,
              website: null,
              parentId: null,
            },
          }),
        );
        throw new Error('something later in the same unit of work failed');
      }),
    ).rejects.toThrow('something later');
    const after = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM platform.events`);
    expect(after[0]!.count).toBe(before[0]!.count);
    const customers = await api.tx.query(`SELECT 1 FROM customer.customers WHERE name = '回滚测试有限公司'`);
    expect(customers).toHaveLength(0);
  });

  it("stamps each event with its actor and the request's correlation id, and serves them on the feed in order", async () => {
    const created = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .set('X-Request-Id', 'corr-feed-1')
      .send({ kind: 'enterprise', name: '事件流测试有限公司' })
      .expect(201);
    await api.http.patch(`/api/v1/customers/${created.body.id}`).set('Authorization', rep.auth).send({ city: '厦门' }).expect(200);

    // A feed reader polls: events of transactions still running elsewhere (the dispatcher's, say) appear once those end.
    type FeedEvent = { type: string; aggregateId: string; actor: string; correlationId: string; payload: Record<string, unknown> };
    const events: FeedEvent[] = [];
    let cursor: string | undefined;
    await waitFor(async () => {
      for (;;) {
        const page = await api.http
          .get('/api/v1/events')
          .query({ typePrefix: 'customer.', limit: 2, ...(cursor ? { after: cursor } : {}) })
          .set('Authorization', admin.auth)
          .expect(200);
        events.push(...page.body.items);
        cursor = page.body.nextCursor;
        if (page.body.items.length === 0) break;
      }
      return events.filter((event) => event.aggregateId === created.body.id).length >= 2 ? true : undefined;
    }, 'both events on the feed');
    const mine = events.filter((event) => event.aggregateId === created.body.id);
    expect(mine.map((event) => event.type)).toEqual(['customer.created.v1', 'customer.updated.v1']);
    expect(mine[0]).toMatchObject({ actor: rep.id, correlationId: 'corr-feed-1', payload: { name: '事件流测试有限公司' } });
    expect(mine[1]!.payload).toEqual({ customerId: created.body.id, changes: { city: { from: null, to: '厦门' } } });

    // Polling with the last cursor returns nothing new, and the same cursor back.
    const idle = await api.http.get('/api/v1/events').query({ after: cursor }).set('Authorization', admin.auth).expect(200);
    expect(idle.body).toEqual({ items: [], nextCursor: cursor });
    await api.http.get('/api/v1/events').set('Authorization', rep.auth).expect(403);
    await api.http.get('/api/v1/events').query({ after: 'garbage' }).set('Authorization', admin.auth).expect(400);
  });

  it('delivers an event to a reaction once, even when it is delivered again', async () => {
    const created = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name: '重放测试有限公司' }).expect(201);
    await api.settleEvents();
    const timeline = () => api.tx.query(`SELECT event_id FROM customer.timeline_entries WHERE customer_id = $1 ORDER BY event_id`, [created.body.id]);
    const before = await timeline();
    // Created and, in the same transaction, protected for its creator: two events, two timeline entries.
    expect(before).toHaveLength(2);
    const redelivered = await api.tx.execute(`UPDATE platform.events SET dispatched_at = NULL WHERE customer_id = $1 AND dispatched_at IS NOT NULL`, [
      created.body.id,
    ]);
    expect(redelivered.rowCount).toBe(2);
    await api.settleEvents();
    expect(await timeline()).toEqual(before);
  });

  it('delivers a batch of events to each reaction, holding back only the events a reaction fails on', async () => {
    const create = async (name: string) =>
      (await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name }).expect(201)).body.id as string;
    // The timeline projection fails for one customer's events only, as a broken row would make it.
    await api.tx.query(`
      CREATE FUNCTION customer.refuse_one_customer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM customer.customers WHERE id = NEW.customer_id AND name = '批量派发失败有限公司') THEN
          RAISE EXCEPTION 'refused for the test';
        END IF;
        RETURN NEW;
      END $$`);
    await api.tx.query(
      `CREATE TRIGGER refuse_one_customer BEFORE INSERT ON customer.timeline_entries FOR EACH ROW EXECUTE FUNCTION customer.refuse_one_customer()`,
    );
    let failing: string | undefined;
    try {
      const [refused, fine] = await Promise.all([create('批量派发失败有限公司'), create('批量派发成功有限公司')]);
      failing = refused;
      await api.settleEvents();
      const timeline = (id: string) => api.tx.query(`SELECT type FROM customer.timeline_entries WHERE customer_id = $1 ORDER BY type`, [id]);
      expect(await timeline(fine)).toEqual([{ type: 'customer.created.v1' }, { type: 'pool.customer-protected.v1' }]);
      expect(await timeline(refused)).toEqual([]);
      const held = await api.tx.query<{ dispatched: boolean; attempts: number; error: string }>(
        `SELECT dispatched_at IS NOT NULL AS dispatched, dispatch_attempts AS attempts, dispatch_error AS error FROM platform.events WHERE customer_id = $1`,
        [failing],
      );
      expect(held).toHaveLength(2);
      expect(held.every((event) => !event.dispatched && event.attempts === 1 && event.error.includes('refused for the test'))).toBe(true);
      // The other reactions to those events were delivered all the same.
      const otherConsumers = await api.tx.query<{ consumer: string; n: number }>(
        `SELECT h.consumer, count(*)::int AS n FROM platform.handled_events h JOIN platform.events e ON e.id = h.event_id
          WHERE e.customer_id = $1 GROUP BY h.consumer ORDER BY h.consumer`,
        [failing],
      );
      expect(otherConsumers.map((row) => row.consumer)).not.toContain('customer.timeline-projection');
      expect(otherConsumers.length).toBeGreaterThan(0);
    } finally {
      await api.tx.query(`DROP TRIGGER refuse_one_customer ON customer.timeline_entries`);
      await api.tx.query(`DROP FUNCTION customer.refuse_one_customer()`);
    }
    await api.tx.query(`UPDATE platform.events SET next_dispatch_at = now() WHERE customer_id = $1`, [failing]);
    await api.settleEvents();
    const entries = await api.tx.query(`SELECT type FROM customer.timeline_entries WHERE customer_id = $1 ORDER BY type`, [failing]);
    expect(entries).toEqual([{ type: 'customer.created.v1' }, { type: 'pool.customer-protected.v1' }]);
    const retried = await api.tx.query<{ dispatched: boolean }>(`SELECT dispatched_at IS NOT NULL AS dispatched FROM platform.events WHERE customer_id = $1`, [
      failing,
    ]);
    expect(retried).toEqual([{ dispatched: true }, { dispatched: true }]);
  });
});

describeOnServer('Domain events across processes (PostgreSQL server)', () => {
  let api: TestApp;
  let rep: TestUser;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    api = await TestApp.start({ config: { runEventDispatcher: false } });
    rep = await api.user(['sales-rep']);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await api.close();
  });

  function startWorker(): ChildProcess {
    const worker = spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], {
      env: { ...process.env, DATABASE_URL: api.config.databaseUrl, NATS_URL: '', CRM_SCHEDULES: '0', LOG_LEVEL: 'warn', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    return worker;
  }

  it('delivers every event exactly once to each reaction with two worker processes dispatching at once', async () => {
    startWorker();
    startWorker();
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const { body } = await api.http
          .post('/api/v1/customers')
          .set('Authorization', rep.auth)
          .send({ kind: 'enterprise', name: `双进程派发测试${index}有限公司` })
          .expect(201);
        await api.http
          .post(`/api/v1/customers/${body.id}/follow-ups`)
          .set('Authorization', rep.auth)
          .send({ channel: 'call', content: `第${index}次` })
          .expect(201);
        ids.push(body.id);
      }),
    );
    await waitFor(async () => {
      const rows = await api.tx.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM platform.events WHERE dispatched_at IS NULL`);
      return rows[0]!.pending === 0 ? true : undefined;
    }, 'the workers to dispatch everything');

    const entries = await api.tx.query<{ customer_id: string; n: number }>(
      `SELECT customer_id, count(*)::int AS n FROM customer.timeline_entries WHERE customer_id = ANY($1::uuid[]) GROUP BY customer_id`,
      [ids],
    );
    expect(entries).toHaveLength(40);
    // created, protected for the creator (same transaction), followed up
    expect(entries.every((entry) => entry.n === 3)).toBe(true);
    const handled = await api.tx.query<{ consumer: string; n: number; distinct_events: number }>(
      `SELECT consumer, count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_events FROM platform.handled_events GROUP BY consumer`,
    );
    const timeline = handled.find((row) => row.consumer === 'customer.timeline-projection')!;
    expect(timeline.n).toBe(timeline.distinct_events);
    expect(timeline.n).toBeGreaterThanOrEqual(80);
  });

  const natsUrl = process.env.NATS_URL;
  (natsUrl ? it : it.skip)('relays events to NATS JetStream with the event id as message id, after the stream acknowledged them', async () => {
    const relaying = await TestApp.start({ sharedWith: api, config: { natsUrl, runEventDispatcher: true } });
    try {
      const { body } = await relaying.http
        .post('/api/v1/customers')
        .set('Authorization', rep.auth)
        .send({ kind: 'enterprise', name: 'JetStream中继测试有限公司' })
        .expect(201);
      const event = await waitFor(async () => {
        const rows = await api.tx.query<{ id: string; published_at: Date | null }>(
          `SELECT id, published_at FROM platform.events WHERE aggregate_id = $1 AND type = 'customer.created.v1'`,
          [body.id],
        );
        return rows[0]?.published_at ? rows[0] : undefined;
      }, 'the relay to publish');

      const connection = await connect({ servers: natsUrl });
      try {
        const manager = await connection.jetstreamManager();
        const message = await manager.streams.getMessage('CRM_EVENTS', { last_by_subj: 'crm.customer.created.v1' });
        expect(message.header.get('Nats-Msg-Id')).toBe(event.id);
        expect(message.json<{ id: string; payload: { customerId: string } }>()).toMatchObject({ id: event.id, payload: { customerId: body.id } });
        const again = await connection.jetstream().publish('crm.customer.created.v1', message.data, { msgID: event.id });
        expect(again.duplicate).toBe(true);
      } finally {
        await connection.close();
      }
    } finally {
      await relaying.close();
    }
  });
});

describe('Event catalogue', () => {
  it('documents in openapi/asyncapi.yaml every event type the system emits', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const catalogue = parse(readFileSync('openapi/asyncapi.yaml', 'utf8')) as {
      channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
      components: { messages: Record<string, { name: string }> };
    };
    const documented = new Set(Object.values(catalogue.channels).map((channel) => channel.address.replace(/^crm\./, '')));
    for (const channel of Object.values(catalogue.channels)) {
      for (const message of Object.values(channel.messages)) {
        const key = message.$ref.split('/').pop()!;
        expect([channel.address, catalogue.components.messages[key]?.name]).toEqual([channel.address, channel.address.replace(/^crm\./, '')]);
      }
    }
    const api = await TestApp.start();
    try {
      const manager = await api.user(['sales-manager'], await api.team());
      const admin = await api.user(['admin']);
      const { body } = await api.http
        .post('/api/v1/customers')
        .set('Authorization', manager.auth)
        .send({ kind: 'enterprise', name: '目录测试有限公司' })
        .expect(201);
      await api.http.patch(`/api/v1/customers/${body.id}`).set('Authorization', manager.auth).send({ city: '成都' }).expect(200);
      await api.http.post(`/api/v1/customers/${body.id}/follow-ups`).set('Authorization', manager.auth).send({ channel: 'call', content: 'x' }).expect(201);
      const policy = await api.http.get('/api/v1/customer-grade-policy').set('Authorization', manager.auth).expect(200);
      await api.http.put('/api/v1/customer-grade-policy').set('Authorization', manager.auth).send({ defaultGrade: 'C', rules: policy.body.rules }).expect(200);
      await api.http.patch(`/api/v1/admin/users/${manager.id}`).set('Authorization', admin.auth).send({ displayName: '新名字' }).expect(200);
      // Catalog, approval and pool events: a claim that needs approval, approved, then released.
      const head = await api.user(['line-head']);
      const line = await api.http
        .post('/api/v1/product-lines')
        .set('Authorization', admin.auth)
        .send({ code: 'CAT', name: '目录', headIds: [head.id] })
        .expect(201);
      await api.http
        .put(`/api/v1/product-lines/${line.body.id}/heads`)
        .set('Authorization', admin.auth)
        .send({ headIds: [head.id] })
        .expect(200);
      await api.http.post('/api/v1/products').set('Authorization', admin.auth).send({ code: 'CAT-1', name: '产品', productLineId: line.body.id }).expect(201);
      const pools = await api.http.get('/api/v1/pools').set('Authorization', admin.auth).expect(200);
      await api.http
        .patch(`/api/v1/pools/${pools.body.items[0].id}`)
        .set('Authorization', admin.auth)
        .send({ rules: { gradeRights: { A: ['admin'] } } })
        .expect(200);
      const pooled = await api.http
        .post('/api/v1/customers')
        .set('Authorization', admin.auth)
        .send({ kind: 'enterprise', name: '目录公海有限公司', type: 'government', ownerId: null })
        .expect(201);
      await api.settleEvents();
      const rep = await api.user(['sales-rep']);
      const applied = await api.http
        .post(`/api/v1/pool/customers/${pooled.body.id}/claims`)
        .set('Authorization', rep.auth)
        .send({ applyIfNotPermitted: true })
        .expect(202);
      await api.http
        .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
        .set('Authorization', admin.auth)
        .send({ decision: 'approve' })
        .expect(200);
      await api.settleEvents();
      await api.http.post(`/api/v1/pool/customers/${pooled.body.id}/release`).set('Authorization', rep.auth).send({ reason: '无意向' }).expect(200);
      // Contact events.
      const person = await api.http
        .post('/api/v1/contacts')
        .set('Authorization', manager.auth)
        .send({ name: '目录联系人', phones: ['13300001111'] })
        .expect(201);
      await api.http.patch(`/api/v1/contacts/${person.body.id}`).set('Authorization', manager.auth).send({ title: '经理' }).expect(200);
      await api.http
        .post(`/api/v1/customers/${body.id}/contacts`)
        .set('Authorization', manager.auth)
        .send({ contactId: person.body.id, role: 'user' })
        .expect(201);
      await api.http
        .patch(`/api/v1/customers/${body.id}/contacts/${person.body.id}`)
        .set('Authorization', manager.auth)
        .send({ role: 'influencer' })
        .expect(204);
      await api.http.post(`/api/v1/contacts/${person.body.id}/records`).set('Authorization', manager.auth).send({ kind: 'call', content: '电话' }).expect(201);
      await api.http
        .patch(`/api/v1/customers/${body.id}/contacts/${person.body.id}`)
        .set('Authorization', manager.auth)
        .send({ endedOn: '2099-01-01' })
        .expect(204);
      // Tags, groups, segments.
      const tag = await api.http.post('/api/v1/tags').set('Authorization', manager.auth).send({ name: '目录标签', category: 'c' }).expect(201);
      await api.http.post(`/api/v1/customers/${body.id}/tags`).set('Authorization', manager.auth).send({ tagId: tag.body.id }).expect(201);
      await api.http.delete(`/api/v1/customers/${body.id}/tags/${tag.body.id}`).set('Authorization', manager.auth).expect(204);
      const group = await api.http.post('/api/v1/groups').set('Authorization', manager.auth).send({ name: '目录分组' }).expect(201);
      await api.http
        .post(`/api/v1/groups/${group.body.id}/members`)
        .set('Authorization', manager.auth)
        .send({ customerIds: [body.id] })
        .expect(200);
      await api.http.delete(`/api/v1/groups/${group.body.id}/members/${body.id}`).set('Authorization', manager.auth).expect(204);
      await api.http
        .post('/api/v1/segments')
        .set('Authorization', manager.auth)
        .send({ name: '目录客群', conditions: [{ tagId: tag.body.id, op: 'has' }] })
        .expect(201);
      const emitted = await api.tx.query<{ type: string }>(`SELECT DISTINCT type FROM platform.events ORDER BY type`);
      expect(emitted.length).toBeGreaterThanOrEqual(29);
      for (const { type } of emitted) expect([type, documented.has(type)]).toEqual([type, true]);
    } finally {
      await api.close();
    }
  });
});
