import { TestApp, type TestUser } from '../support/test-app.js';

/** X-1 and OWASP API1: a salesperson never reaches another's customer by id, list or search. */
describe('Customer data scope', () => {
  let api: TestApp;
  let alice: TestUser; // sales rep, team 1
  let bob: TestUser; // sales rep, team 1
  let carol: TestUser; // sales rep, other department
  let teamManager: TestUser; // sales manager, department of team 1
  let finance: TestUser;
  let alicesCustomer: { id: string; name: string };

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    const elsewhere = await api.team();
    alice = await api.user(['sales-rep'], team);
    bob = await api.user(['sales-rep'], team);
    carol = await api.user(['sales-rep'], elsewhere);
    teamManager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    finance = await api.user(['finance']);
    const created = await api.http
      .post('/api/v1/customers')
      .set('Authorization', alice.auth)
      .send({ kind: 'enterprise', name: '爱丽丝独家客户有限公司', phone: '021-66668888', size: 'large' })
      .expect(201);
    alicesCustomer = created.body;
    await api.http
      .post(`/api/v1/customers/${alicesCustomer.id}/follow-ups`)
      .set('Authorization', alice.auth)
      .send({ channel: 'visit', content: '拜访了采购总监，预算 200 万' })
      .expect(201);
    await api.settleEvents();
  });
  afterAll(() => api.close());

  it('answers 404 by id, exactly as for a customer that does not exist', async () => {
    const hidden = await api.http.get(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', bob.auth).expect(404);
    const missing = await api.http.get('/api/v1/customers/01900000-0000-7000-8000-000000000000').set('Authorization', bob.auth).expect(404);
    expect({ ...hidden.body, instance: null, correlationId: null }).toEqual({ ...missing.body, instance: null, correlationId: null });
  });

  it('leaves it out of lists and searches', async () => {
    for (const query of [{}, { q: '爱丽丝' }, { ownerId: alice.id }, { grade: 'B' }]) {
      const list = await api.http.get('/api/v1/customers').query(query).set('Authorization', bob.auth).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(alicesCustomer.id);
    }
  });

  it('refuses changes, follow-ups, follow-up history and the timeline with 404', async () => {
    await api.http.patch(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', carol.auth).send({ name: '抢走了' }).expect(404);
    await api.http.post(`/api/v1/customers/${alicesCustomer.id}/follow-ups`).set('Authorization', bob.auth).send({ channel: 'call', content: 'x' }).expect(404);
    await api.http.get(`/api/v1/customers/${alicesCustomer.id}/follow-ups`).set('Authorization', bob.auth).expect(404);
    await api.http.get(`/api/v1/customers/${alicesCustomer.id}/timeline`).set('Authorization', carol.auth).expect(404);
    const unchanged = await api.http.get(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', alice.auth).expect(200);
    expect(unchanged.body.name).toBe('爱丽丝独家客户有限公司');
  });

  it('lets the department manager see and work it, but not a manager of another department', async () => {
    const seen = await api.http.get('/api/v1/customers').query({ q: '爱丽丝' }).set('Authorization', teamManager.auth).expect(200);
    expect(seen.body.items.map((item: { id: string }) => item.id)).toEqual([alicesCustomer.id]);
    await api.http.patch(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', teamManager.auth).send({ industry: 'finance' }).expect(200);
    const otherManager = await api.user(['sales-manager'], { departmentId: (await api.team()).departmentId });
    await api.http.get(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', otherManager.auth).expect(404);
  });

  it('gives read-only roles their scope and nothing more', async () => {
    await api.http.get(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', finance.auth).expect(200);
    const denied = await api.http.patch(`/api/v1/customers/${alicesCustomer.id}`).set('Authorization', finance.auth).send({ industry: 'x' }).expect(403);
    expect(denied.body).toMatchObject({ code: 'AUTH.FORBIDDEN', missingPermissions: ['customer:update'] });
  });

  it('does not reveal details through the duplicate check: name and holder only', async () => {
    const probe = await api.http
      .get('/api/v1/customers/duplicates')
      .query({ kind: 'enterprise', name: '爱丽丝独家客户' })
      .set('Authorization', bob.auth)
      .expect(200);
    expect(probe.body).toEqual({
      items: [{ id: alicesCustomer.id, name: '爱丽丝独家客户有限公司', matchedOn: 'name', similarity: 1, heldBy: 'someone-else' }],
      nextCursor: null,
    });
  });

  it('does not let a rep hand a customer to someone outside their scope', async () => {
    const refused = await api.http
      .post('/api/v1/customers')
      .set('Authorization', alice.auth)
      .send({ kind: 'enterprise', name: '转给别人有限公司', ownerId: carol.id })
      .expect(422);
    expect(refused.body.code).toBe('CUSTOMER.OWNER_NOT_ASSIGNABLE');
    const assigned = await api.http
      .post('/api/v1/customers')
      .set('Authorization', teamManager.auth)
      .send({ kind: 'enterprise', name: '经理分配有限公司', ownerId: bob.id })
      .expect(201);
    expect(assigned.body.ownerId).toBe(bob.id);
  });
});
