import { TestApp, type TestUser } from '../support/test-app.js';

describe('Customers (CUST-1, CUST-3, CUST-4, POOL-2)', () => {
  let api: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const enterprise = (overrides: Record<string, unknown> = {}) => ({
    kind: 'enterprise',
    name: `测试科技${Math.random().toString(36).slice(2, 8)}有限公司`,
    type: 'private',
    size: 'medium',
    province: '浙江',
    city: '杭州',
    industry: 'software',
    ...overrides,
  });

  it('walks the whole path: create, read with ETag, update with If-Match, follow up, see it all on the timeline', async () => {
    const created = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ name: '宁波海曙贸易有限公司', creditCode: '91330100MA2CD0002J' }))
      .expect(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`/api/v1/customers/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      kind: 'enterprise',
      ownerId: rep.id,
      status: 'protected',
      grade: 'B',
      creditCode: '91330100MA2CD0002J',
      country: 'CN',
      lastFollowUpAt: null,
    });

    const fetched = await api.http.get(`/api/v1/customers/${id}`).set('Authorization', rep.auth).expect(200);
    const { holding, ...createdCustomer } = created.body;
    expect(holding).toEqual({ status: 'held' });
    expect(fetched.body).toEqual(createdCustomer);

    const updated = await api.http
      .patch(`/api/v1/customers/${id}`)
      .set('Authorization', rep.auth)
      .set('If-Match', fetched.headers.etag!)
      .send({ city: '宁波', size: 'micro', industry: null })
      .expect(200);
    expect(updated.body).toMatchObject({ city: '宁波', size: 'micro', grade: 'D', industry: null, version: 2 });
    expect(updated.headers.etag).toBe('"2"');

    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    await api.http
      .post(`/api/v1/customers/${id}/follow-ups`)
      .set('Authorization', rep.auth)
      .send({ channel: 'call', content: '电话沟通报价', occurredAt })
      .expect(201);
    const afterFollowUp = await api.http.get(`/api/v1/customers/${id}`).set('Authorization', rep.auth).expect(200);
    expect(afterFollowUp.body.lastFollowUpAt).toBe(occurredAt);

    const followUps = await api.http.get(`/api/v1/customers/${id}/follow-ups`).set('Authorization', rep.auth).expect(200);
    expect(followUps.body.items).toHaveLength(1);
    expect(followUps.body.items[0]).toMatchObject({ channel: 'call', content: '电话沟通报价', author: { id: rep.id } });

    await api.settleEvents();
    const timeline = await api.http.get(`/api/v1/customers/${id}/timeline`).set('Authorization', rep.auth).expect(200);
    expect(timeline.body.items.map((entry: { type: string }) => entry.type)).toEqual([
      'customer.followed-up.v1',
      'customer.updated.v1',
      'pool.customer-protected.v1',
      'customer.created.v1',
    ]);
    const update = timeline.body.items[1];
    expect(update.actor).toEqual({ id: rep.id, name: expect.any(String) });
    expect(update.payload.changes).toEqual({
      city: { from: '杭州', to: '宁波' },
      size: { from: 'medium', to: 'micro' },
      industry: { from: 'software', to: null },
      grade: { from: 'B', to: 'D' },
    });
  });

  it('refuses a stale If-Match with 412 and loses neither of two concurrent edits without it', async () => {
    const { body } = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(enterprise()).expect(201);
    await api.http.patch(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).send({ city: '温州' }).expect(200);
    const stale = await api.http.patch(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).set('If-Match', '"1"').send({ city: '绍兴' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED' });

    const changes = [{ province: '江苏' }, { industry: 'retail' }];
    const edits = await Promise.all(changes.map((change) => api.http.patch(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).send(change)));
    // A writer that lost the race is told so (409) and can retry; nobody's edit is silently dropped.
    for (const [index, edit] of edits.entries()) {
      expect([200, 409]).toContain(edit.status);
      if (edit.status === 409) {
        expect(edit.body.code).toBe('CONCURRENT_MODIFICATION');
        await api.http.patch(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).send(changes[index]!).expect(200);
      }
    }
    const final = await api.http.get(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).expect(200);
    expect(final.body).toMatchObject({ city: '温州', province: '江苏', industry: 'retail' });
  });

  it('refuses obvious duplicates with 409 and the candidates, and suggests similar names', async () => {
    await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ name: '腾讯科技（深圳）有限公司', creditCode: '91440300MA5EX0004H' }))
      .expect(201);

    const sameName = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ name: '腾讯科技 (深圳) 股份有限公司' }))
      .expect(409);
    expect(sameName.body).toMatchObject({
      code: 'CUSTOMER.DUPLICATE',
      candidates: [{ name: '腾讯科技（深圳）有限公司', matchedOn: 'name', heldBy: 'you' }],
    });

    const other = await api.user(['sales-rep']);
    const sameCode = await api.http
      .post('/api/v1/customers')
      .set('Authorization', other.auth)
      .send(enterprise({ name: '完全不同的名字有限公司', creditCode: '91440300ma5ex0004h' }))
      .expect(409);
    expect(sameCode.body.candidates).toEqual([expect.objectContaining({ matchedOn: 'credit-code', heldBy: 'someone-else' })]);

    const suggestions = await api.http
      .get('/api/v1/customers/duplicates')
      .query({ kind: 'enterprise', name: '腾讯科技深圳分公司' })
      .set('Authorization', other.auth)
      .expect(200);
    expect(suggestions.body.items[0]).toMatchObject({ name: '腾讯科技（深圳）有限公司', matchedOn: 'similar-name' });

    const invalidCode = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ creditCode: '91440300MA5EX0004G' }))
      .expect(400);
    expect(invalidCode.body.code).toBe('CUSTOMER.INVALID_CREDIT_CODE');
  });

  it('lets only one of two racing creators of the same company win', async () => {
    const body = enterprise({ name: '并发测试有限公司' });
    const results = await Promise.all([1, 2, 3].map(() => api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(body)));
    expect(results.map((result) => result.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses individual duplicates by phone, and individual-only rules', async () => {
    const person = { kind: 'individual', name: '张先生', phone: '+86 139 0000 1111' };
    await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(person).expect(201);
    const again = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send({ ...person, name: '张三', phone: '13900001111' })
      .expect(409);
    expect(again.body.candidates[0].matchedOn).toBe('phone');
    const withCode = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send({ kind: 'individual', name: '李四', creditCode: '91330100MA2CD0002J' })
      .expect(400);
    expect(withCode.body.code).toBe('CUSTOMER.CREDIT_CODE_NOT_APPLICABLE');
  });

  it('keeps the parent hierarchy free of cycles', async () => {
    const group = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(enterprise()).expect(201);
    const child = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ parentId: group.body.id }))
      .expect(201);
    const grandchild = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ parentId: child.body.id }))
      .expect(201);
    const cycle = await api.http.patch(`/api/v1/customers/${group.body.id}`).set('Authorization', rep.auth).send({ parentId: grandchild.body.id }).expect(422);
    expect(cycle.body.code).toBe('CUSTOMER.PARENT_CYCLE');
    const missing = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ parentId: '01900000-0000-7000-8000-000000000000' }))
      .expect(422);
    expect(missing.body.code).toBe('CUSTOMER.PARENT_NOT_FOUND');
  });

  it('lists with filters and keyset pagination: every customer once, newest first', async () => {
    const lister = await api.user(['sales-rep']);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { body } = await api.http
        .post('/api/v1/customers')
        .set('Authorization', lister.auth)
        .send(enterprise({ city: i % 2 === 0 ? '苏州' : '无锡', province: '江苏' }))
        .expect(201);
      ids.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.http
        .get('/api/v1/customers')
        .query({ limit: 3, ownerId: lister.id, ...(cursor ? { cursor } : {}) })
        .set('Authorization', lister.auth)
        .expect(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const suzhou = await api.http.get('/api/v1/customers').query({ ownerId: lister.id, city: '苏州' }).set('Authorization', lister.auth).expect(200);
    expect(suzhou.body.items).toHaveLength(4);
  });

  it('pages through the timeline after its cursor: entries sharing a moment each once, in order, and only for who may see the customer', async () => {
    const { body } = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(enterprise()).expect(201);
    await api.settleEvents();
    // Created and protected in one transaction: two entries at the same moment. Five more share another moment,
    // as the events one transaction records do; their ids decide their order (newest first, then the larger id).
    const [created] = await api.tx.query<{ occurred_at: Date }>(
      `SELECT occurred_at FROM customer.timeline_entries WHERE customer_id = $1 AND type = 'customer.created.v1'`,
      [body.id],
    );
    const moment = new Date(created!.occurred_at.getTime() + 60_000).toISOString();
    const batch = [
      '0190a1b2-0000-7000-8000-000000000001',
      '0190a1b2-0000-7000-8000-000000000005',
      '0190a1b2-0000-7000-8000-000000000003',
      '0190a1b2-0000-7000-8000-000000000002',
      '0190a1b2-0000-7000-8000-000000000004',
    ];
    await api.tx.query(
      `INSERT INTO customer.timeline_entries (event_id, customer_id, type, occurred_at, actor_id, payload)
       SELECT id, $2, 'customer.updated.v1', $3, $4, '{}' FROM unnest($1::uuid[]) AS id`,
      [batch, body.id, moment, rep.id],
    );
    const stored = await api.tx.query<{ event_id: string; type: string }>(
      `SELECT event_id, type FROM customer.timeline_entries WHERE customer_id = $1 AND occurred_at < $2`,
      [body.id, moment],
    );
    expect(stored.map((row) => row.type).sort()).toEqual(['customer.created.v1', 'pool.customer-protected.v1']);
    const [first, second] = stored
      .map((row) => row.event_id)
      .sort()
      .reverse();
    const expected = [
      '0190a1b2-0000-7000-8000-000000000005',
      '0190a1b2-0000-7000-8000-000000000004',
      '0190a1b2-0000-7000-8000-000000000003',
      '0190a1b2-0000-7000-8000-000000000002',
      '0190a1b2-0000-7000-8000-000000000001',
      first,
      second,
    ];

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.http
          .get(`/api/v1/customers/${body.id}/timeline`)
          .query({ limit, ...(cursor ? { cursor } : {}) })
          .set('Authorization', rep.auth)
          .expect(200);
        seen.push(...page.body.items.map((entry: { eventId: string }) => entry.eventId));
        cursor = page.body.nextCursor ?? undefined;
        pages++;
        if (pages === 2 && limit === 2) {
          // Someone else's rep with a cursor of this timeline is still refused the customer.
          const other = await api.user(['sales-rep']);
          await api.http.get(`/api/v1/customers/${body.id}/timeline`).query({ cursor }).set('Authorization', other.auth).expect(404);
        }
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(7 / limit));
    }
  });

  it('re-grades every customer when the grade rules change, and only managers may change them', async () => {
    const { body } = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ type: 'foreign', size: 'small' }))
      .expect(201);
    expect(body.grade).toBe('C');

    await api.http.put('/api/v1/customer-grade-policy').set('Authorization', rep.auth).send({ defaultGrade: 'C', rules: [] }).expect(403);

    const manager = await api.user(['sales-manager']);
    const current = await api.http.get('/api/v1/customer-grade-policy').set('Authorization', manager.auth).expect(200);
    const rules = [...current.body.rules, { type: 'foreign', size: 'small', grade: 'B+' }];
    const replaced = await api.http
      .put('/api/v1/customer-grade-policy')
      .set('Authorization', manager.auth)
      .set('If-Match', current.headers.etag!)
      .send({ defaultGrade: 'C', rules })
      .expect(200);
    expect(replaced.body.regraded).toBeGreaterThanOrEqual(1);

    const regraded = await api.http.get(`/api/v1/customers/${body.id}`).set('Authorization', rep.auth).expect(200);
    expect(regraded.body).toMatchObject({ grade: 'B+', version: 2 });

    await api.http
      .put('/api/v1/customer-grade-policy')
      .set('Authorization', manager.auth)
      .set('If-Match', current.headers.etag!)
      .send({ defaultGrade: 'C', rules })
      .expect(412);
    const ambiguous = await api.http
      .put('/api/v1/customer-grade-policy')
      .set('Authorization', manager.auth)
      .send({ defaultGrade: 'C', rules: [...rules, { type: 'foreign', size: 'small', grade: 'A' }] })
      .expect(400);
    expect(ambiguous.body.code).toBe('CUSTOMER.GRADE_RULE_AMBIGUOUS');
  });

  it('refuses follow-ups from the future and on customers in the pool', async () => {
    const { body } = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send(enterprise()).expect(201);
    const future = await api.http
      .post(`/api/v1/customers/${body.id}/follow-ups`)
      .set('Authorization', rep.auth)
      .send({ channel: 'visit', content: 'x', occurredAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(422);
    expect(future.body.code).toBe('CUSTOMER.FOLLOW_UP_IN_FUTURE');

    const pooled = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send(enterprise({ ownerId: null }))
      .expect(201);
    expect(pooled.body).toMatchObject({ status: 'in-pool', ownerId: null });
    const notOwned = await api.http
      .post(`/api/v1/customers/${pooled.body.id}/follow-ups`)
      .set('Authorization', rep.auth)
      .send({ channel: 'call', content: 'x' })
      .expect(403);
    expect(notOwned.body.code).toBe('CUSTOMER.NOT_OWNED');
  });
});
