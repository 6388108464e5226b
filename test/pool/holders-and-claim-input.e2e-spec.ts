import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';
import { claim, ownerOf, poolCustomer, setPoolRules } from './pool-fixtures.js';

/**
 * Pool's protections are the one record of who holds a customer; the Customer context's copy
 * (data scope) follows in the same transaction. Claims that would protect nothing are refused.
 * New customers follow the grade rules like claimed ones (POOL-3).
 */
describe('Who holds a customer, claim input, and new customers under grade rules', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    await setPoolRules(api, admin, { coolDownDays: 0 });
  });
  afterAll(() => api.close());

  const getCustomer = (user: TestUser, id: string) => api.http.get(`/api/v1/customers/${id}`).set('Authorization', user.auth);
  const followUp = (user: TestUser, id: string) =>
    api.http.post(`/api/v1/customers/${id}/follow-ups`).set('Authorization', user.auth).send({ channel: 'call', content: '跟进' });

  it('data scope is exact the moment a claim, a transfer or a release commits, with no event delivery in between', async () => {
    const customerId = await poolCustomer(api, admin);
    // Nothing is delivered by a dispatcher between these requests: each answer reflects the last commit.
    await claim(api, repA, customerId).expect(201);
    await followUp(repA, customerId).expect(201);
    await getCustomer(repB, customerId).expect(404);

    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', manager.auth)
      .send({ fromUserId: repA.id, toUserId: repB.id, customerIds: [customerId], reason: '离职交接' })
      .expect(200);
    await getCustomer(repA, customerId).expect(404);
    await followUp(repB, customerId).expect(201);
    expect((await getCustomer(repB, customerId).expect(200)).body).toMatchObject({ ownerId: repB.id, status: 'protected' });

    await api.http.post(`/api/v1/pool/customers/${customerId}/release`).set('Authorization', repB.auth).send({ reason: '无意向' }).expect(200);
    // Back in the pool: anyone may see it, nobody works it until they claim it.
    expect((await getCustomer(repA, customerId).expect(200)).body).toMatchObject({ ownerId: null, status: 'in-pool' });
    expect((await followUp(repB, customerId)).status).toBeGreaterThanOrEqual(400);
  });

  it('refuses every claim that would protect nothing, and records a protection event only with a protection', async () => {
    const line = await api.http.post('/api/v1/product-lines').set('Authorization', admin.auth).send({ code: 'SHAPE', name: '条线', headIds: [] }).expect(201);
    const product = await api.http
      .post('/api/v1/products')
      .set('Authorization', admin.auth)
      .send({ code: 'SHAPE-1', name: '产品', productLineId: line.body.id })
      .expect(201);
    await setPoolRules(api, admin, { scopeMode: 'product' });
    const customers = [await poolCustomer(api, admin), await poolCustomer(api, admin), await poolCustomer(api, admin)];
    try {
      const malformed: [unknown, string][] = [
        [{ kind: 'product', productIds: [] }, 'REQUEST.VALIDATION_FAILED'],
        [[], 'REQUEST.VALIDATION_FAILED'],
        [[{ kind: 'product', productIds: [product.body.id] }], 'REQUEST.VALIDATION_FAILED'],
        ['product', 'REQUEST.VALIDATION_FAILED'],
        [{}, 'REQUEST.VALIDATION_FAILED'],
        [{ kind: 'product' }, 'REQUEST.VALIDATION_FAILED'],
        [{ kind: 'product', productIds: [randomUUID()] }, 'POOL.UNKNOWN_SCOPE'],
      ];
      for (const customerId of customers) {
        for (const [scope, code] of malformed) {
          const refused = await claim(api, repA, customerId, { scope }).expect(400);
          expect([JSON.stringify(scope), refused.body.code]).toEqual([JSON.stringify(scope), code]);
        }
      }
      await claim(api, repA, customers[0]!, { scope: { kind: 'product', productIds: [product.body.id] } }).expect(201);
      await claim(api, repB, customers[1]!, { scope: { kind: 'product', productIds: [product.body.id] } }).expect(201);

      const [counts] = await api.tx.query<{ protections: number; events: number; emptyEvents: number }>(
        `SELECT (SELECT count(*)::int FROM pool.protections WHERE customer_id = ANY($1::uuid[])) AS protections,
                (SELECT count(*)::int FROM platform.events WHERE customer_id = ANY($1::uuid[]) AND type = 'pool.customer-protected.v1') AS events,
                (SELECT count(*)::int FROM platform.events WHERE customer_id = ANY($1::uuid[]) AND type = 'pool.customer-protected.v1'
                    AND jsonb_array_length(payload->'scopes') = 0) AS "emptyEvents"`,
        [customers],
      );
      expect(counts).toEqual({ protections: 2, events: 2, emptyEvents: 0 });
      expect(await ownerOf(api, customers[2]!)).toMatchObject({ ownerId: null, coHolderIds: [], status: 'in-pool' });
    } finally {
      await setPoolRules(api, admin, { scopeMode: 'customer' });
    }
  });

  it('a new customer whose grade the creator may not hold enters the pool with an application for them, in the same request', async () => {
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    try {
      const created = await api.http
        .post('/api/v1/customers')
        .set('Authorization', repA.auth)
        .send({ kind: 'enterprise', name: '新建甲级政府客户', type: 'government' })
        .expect(201);
      expect(created.body).toMatchObject({
        grade: 'A',
        ownerId: null,
        status: 'in-pool',
        holding: { status: 'pending-approval', applicationId: expect.any(String), approvalRequestId: expect.any(String) },
      });
      const customerId = created.body.id as string;
      // Reserved for the creator: nobody takes it in between, not even a manager with the right.
      expect((await claim(api, manager, customerId).expect(409)).body.code).toBe('POOL.RESERVED');
      const applications = await api.http.get('/api/v1/pool/applications').set('Authorization', repA.auth).expect(200);
      expect(applications.body.items).toEqual([expect.objectContaining({ id: created.body.holding.applicationId, status: 'pending' })]);

      await api.http
        .post(`/api/v1/approvals/${created.body.holding.approvalRequestId}/decisions`)
        .set('Authorization', admin.auth)
        .send({ decision: 'approve' })
        .expect(200);
      await api.settleEvents();
      expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: repA.id, status: 'protected' });

      // A creator whose role may hold grade A holds it at once, as before.
      const byManager = await api.http
        .post('/api/v1/customers')
        .set('Authorization', manager.auth)
        .send({ kind: 'enterprise', name: '经理新建甲级客户', type: 'government' })
        .expect(201);
      expect(byManager.body).toMatchObject({ ownerId: manager.id, status: 'protected', holding: { status: 'held' } });
      // And one created straight into the pool is held by nobody.
      const pooled = await api.http
        .post('/api/v1/customers')
        .set('Authorization', repA.auth)
        .send({ kind: 'enterprise', name: '直接入公海客户', ownerId: null })
        .expect(201);
      expect(pooled.body).toMatchObject({ ownerId: null, status: 'in-pool', holding: { status: 'not-held' } });
    } finally {
      await setPoolRules(api, admin, { gradeRights: {} });
    }
  });
});
