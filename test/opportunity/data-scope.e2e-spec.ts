import { TestApp, type TestUser } from '../support/test-app.js';
import { changeStage, createOpportunity, defaultStages, eventsOf, getOpportunity, heldCustomer } from './opportunity-fixtures.js';

/** X-1 on opportunities: owner, the owner's team / department / all by role, and collaborators while their access lasts. */
describe('Who sees and changes an opportunity', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let manager: TestUser;
  let otherManager: TestUser;
  let presales: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    const elsewhere = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    otherManager = await api.user(['sales-manager'], { departmentId: elsewhere.departmentId });
    presales = await api.user(['sales-rep'], elsewhere);
    stages = await defaultStages(api, repA);
  });
  afterAll(() => api.close());

  const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);
  const list = (user: TestUser, query: Record<string, string> = {}) =>
    api.http
      .get('/api/v1/opportunities')
      .query({ limit: 200, ...query })
      .set('Authorization', user.auth)
      .expect(200);

  it("a rep never sees another rep's opportunity, by id or in a list, and cannot act on it", async () => {
    const customerId = await heldCustomer(api, repA);
    const { body } = await createOpportunity(api, repA, { customerId, amount: '1000' }).expect(201);
    const notFound = async (call: Promise<{ status: number; body: { code: string } }>) => {
      const response = await call;
      expect([response.status, response.body.code]).toEqual([404, 'OPPORTUNITY.NOT_FOUND']);
    };
    await notFound(getOpportunity(api, repB, body.id));
    await notFound(api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', repB.auth).send({ name: '抢' }));
    await notFound(changeStage(api, repB, body.id, { toStageId: stages['需求确认']!.id }));
    await notFound(api.http.get(`/api/v1/opportunities/${body.id}/activities`).set('Authorization', repB.auth));
    await notFound(api.http.get(`/api/v1/opportunities/${body.id}/stage-changes`).set('Authorization', repB.auth));
    await notFound(api.http.post(`/api/v1/opportunities/${body.id}/activities`).set('Authorization', repB.auth).send({ type: 'call', summary: 'x' }));
    await notFound(api.http.post(`/api/v1/opportunities/${body.id}/collaborators`).set('Authorization', repB.auth).send({ userId: repB.id, access: 'edit' }));
    expect(ids(await list(repB))).not.toContain(body.id);
    expect(ids(await list(repB, { customerId }))).toEqual([]);
    expect(ids(await list(repA, { customerId }))).toEqual([body.id]);
    // The department's manager and an admin see it; another department's manager does not.
    await getOpportunity(api, manager, body.id).expect(200);
    await getOpportunity(api, admin, body.id).expect(200);
    await getOpportunity(api, otherManager, body.id).expect(404);
    expect(ids(await list(manager))).toContain(body.id);
    expect(ids(await list(otherManager))).not.toContain(body.id);
  });

  it('nobody opens an opportunity on a customer they cannot work: hidden is like missing, the pool is not theirs', async () => {
    const customerOfA = await heldCustomer(api, repA);
    const hidden = await createOpportunity(api, repB, { customerId: customerOfA }).expect(404);
    expect(hidden.body.code).toBe('CUSTOMER.NOT_FOUND');
    const missing = await createOpportunity(api, repB, { customerId: '00000000-0000-7000-8000-000000000000' }).expect(404);
    expect(missing.body).toMatchObject({ code: hidden.body.code, detail: hidden.body.detail });
    const { body: pooled } = await api.http
      .post('/api/v1/customers')
      .set('Authorization', admin.auth)
      .send({ kind: 'enterprise', name: `公海商机客户${Date.now()}有限公司`, ownerId: null })
      .expect(201);
    await api.settleEvents();
    expect((await createOpportunity(api, repB, { customerId: pooled.id }).expect(403)).body.code).toBe('CUSTOMER.NOT_OWNED');
    // A manager may open one for a rep of their scope, not for someone outside it.
    const forA = await createOpportunity(api, manager, { customerId: customerOfA, ownerId: repA.id }).expect(201);
    expect(forA.body).toMatchObject({ ownerId: repA.id, createdBy: manager.id });
    expect((await createOpportunity(api, manager, { customerId: customerOfA, ownerId: presales.id }).expect(422)).body.code).toBe(
      'OPPORTUNITY.OWNER_NOT_ASSIGNABLE',
    );
    expect((await createOpportunity(api, manager, { customerId: customerOfA, ownerId: repB.id }).expect(422)).body.code).toBe(
      'OPPORTUNITY.OWNER_CANNOT_WORK_CUSTOMER',
    );
  });

  it('collaborators see, and with edit change, the opportunity without becoming holders of the customer; expired access stops at once', async () => {
    const customerId = await heldCustomer(api, repA);
    const { body } = await createOpportunity(api, repA, { customerId, amount: '20000' }).expect(201);
    const invite = (by: TestUser, userId: string, access: string, expiresAt?: string) =>
      api.http.post(`/api/v1/opportunities/${body.id}/collaborators`).set('Authorization', by.auth).send({ userId, access, expiresAt });

    // Only the owner or a manager with the owner in scope invites.
    expect((await invite(otherManager, presales.id, 'read').expect(404)).body.code).toBe('OPPORTUNITY.NOT_FOUND');
    const added = await invite(repA, presales.id, 'read').expect(201);
    expect(added.headers.etag).toBe('"2"');
    expect(added.body).toEqual({ userId: presales.id, access: 'read', expiresAt: null, addedBy: repA.id, addedAt: expect.any(String) });
    expect((await invite(repA, repA.id, 'edit').expect(422)).body.code).toBe('OPPORTUNITY.COLLABORATOR_INVALID');
    expect((await invite(repA, repB.id, 'edit', new Date(Date.now() - 1000).toISOString()).expect(422)).body.code).toBe('OPPORTUNITY.EXPIRY_IN_PAST');

    // Read access: sees it (and the customer's name), by id and in lists; cannot change it; still no access to the customer itself.
    const seen = await getOpportunity(api, presales, body.id).expect(200);
    expect(seen.body.customer).toMatchObject({ name: expect.stringContaining('商机客户') });
    expect(ids(await list(presales))).toContain(body.id);
    await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', presales.auth).expect(404);
    expect((await api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', presales.auth).send({ name: '改' }).expect(403)).body.code).toBe(
      'OPPORTUNITY.READ_ONLY',
    );
    expect((await invite(presales, repB.id, 'read').expect(403)).body.code).toBe('OPPORTUNITY.NOT_OWNER_OR_MANAGER');
    // A collaborator's team manager does not see it through them.
    await getOpportunity(api, otherManager, body.id).expect(404);

    // Edit access: changes it and records visits; the visit counts as a follow-up for the owner, who holds the customer.
    await invite(repA, presales.id, 'edit').expect(201);
    await api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', presales.auth).send({ expectedCloseDate: '2026-12-01' }).expect(200);
    await changeStage(api, presales, body.id, { toStageId: stages['初步接洽']!.id }).expect(409);
    const visit = await api.http
      .post(`/api/v1/opportunities/${body.id}/activities`)
      .set('Authorization', presales.auth)
      .send({ type: 'demo', summary: '售前技术演示' })
      .expect(201);
    expect(visit.body.authorId).toBe(presales.id);
    const [followUp] = await api.tx.query<{ author_id: string; content: string }>(`SELECT author_id, content FROM customer.follow_ups WHERE id = $1`, [
      visit.body.followUpId,
    ]);
    expect(followUp).toEqual({ author_id: repA.id, content: expect.stringContaining('售前技术演示') });
    expect(followUp!.content).toContain('记录');
    await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', presales.auth).expect(404);

    // Expiring access: works until the moment, then answers 404 at once (checked in the query, no job).
    await invite(repA, repB.id, 'edit', new Date(Date.now() + 1500).toISOString()).expect(201);
    await getOpportunity(api, repB, body.id).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await getOpportunity(api, repB, body.id).expect(404);
    expect(ids(await list(repB))).not.toContain(body.id);
    await api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', repB.auth).send({ name: '过期' }).expect(404);
    const view = await getOpportunity(api, repA, body.id).expect(200);
    expect(view.body.collaborators).toEqual([
      expect.objectContaining({ userId: presales.id, access: 'edit', expired: false }),
      expect.objectContaining({ userId: repB.id, access: 'edit', expired: true }),
    ]);

    // Removal: by the owner, or the collaborator leaving; then it is gone for them.
    await api.http.delete(`/api/v1/opportunities/${body.id}/collaborators/${repB.id}`).set('Authorization', repA.auth).expect(204);
    await api.http.delete(`/api/v1/opportunities/${body.id}/collaborators/${presales.id}`).set('Authorization', presales.auth).expect(204);
    await getOpportunity(api, presales, body.id).expect(404);
    expect((await api.http.delete(`/api/v1/opportunities/${body.id}/collaborators/${presales.id}`).set('Authorization', repA.auth).expect(404)).body.code).toBe(
      'OPPORTUNITY.COLLABORATOR_NOT_FOUND',
    );
    expect((await eventsOf(api, body.id, 'opportunity.collaborator-added.v1')).map((event) => [event.userId, event.access])).toEqual([
      [presales.id, 'read'],
      [presales.id, 'edit'],
      [repB.id, 'edit'],
    ]);
    expect((await eventsOf(api, body.id, 'opportunity.collaborator-removed.v1')).map((event) => [event.userId, event.removedBy])).toEqual([
      [repB.id, repA.id],
      [presales.id, presales.id],
    ]);
  });

  it('transfer [商机转派]: a manager gives it to someone in their scope, with a reason and history', async () => {
    const customerId = await heldCustomer(api, repA);
    const { body } = await createOpportunity(api, repA, { customerId }).expect(201);
    const transfer = (by: TestUser, toUserId: string) =>
      api.http.post(`/api/v1/opportunities/${body.id}/transfer`).set('Authorization', by.auth).send({ toUserId, reason: '客户区域调整' });
    await transfer(repA, repB.id).expect(403);
    expect((await transfer(otherManager, repB.id).expect(404)).body.code).toBe('OPPORTUNITY.NOT_FOUND');
    expect((await transfer(manager, presales.id).expect(422)).body.code).toBe('OPPORTUNITY.TRANSFER_TARGET_INVALID');
    expect((await transfer(manager, repA.id).expect(422)).body.code).toBe('OPPORTUNITY.TRANSFER_TARGET_INVALID');
    // The new owner must work the customer, so their visits count as its follow-ups: the customer goes first (Pool).
    expect((await transfer(manager, repB.id).expect(422)).body.code).toBe('OPPORTUNITY.OWNER_CANNOT_WORK_CUSTOMER');
    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', manager.auth)
      .send({ fromUserId: repA.id, toUserId: repB.id, customerIds: [customerId], reason: '客户区域调整' })
      .expect(200);
    const moved = await transfer(manager, repB.id).expect(200);
    expect(moved.body).toMatchObject({ ownerId: repB.id, version: 2 });
    await getOpportunity(api, repA, body.id).expect(404);
    await getOpportunity(api, repB, body.id).expect(200);
    await api.http
      .post(`/api/v1/opportunities/${body.id}/activities`)
      .set('Authorization', repB.auth)
      .send({ type: 'call', summary: '接手后首次联系' })
      .expect(201);
    const history = await api.http.get(`/api/v1/opportunities/${body.id}/transfers`).set('Authorization', repB.auth).expect(200);
    expect(history.body).toEqual({
      items: [
        {
          id: expect.any(String),
          fromUserId: repA.id,
          toUserId: repB.id,
          reason: '客户区域调整',
          transferredBy: manager.id,
          transferredAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    expect(await eventsOf(api, body.id, 'opportunity.transferred.v1')).toEqual([
      { opportunityId: body.id, customerId, fromUserId: repA.id, toUserId: repB.id, reason: '客户区域调整', transferredBy: manager.id },
    ]);
    // An inactive salesperson cannot receive it.
    await api.http.patch(`/api/v1/admin/users/${repA.id}`).set('Authorization', admin.auth).send({ active: false }).expect(200);
    expect((await transfer(manager, repA.id).expect(422)).body.code).toBe('OPPORTUNITY.TRANSFER_TARGET_INVALID');
  });
});
