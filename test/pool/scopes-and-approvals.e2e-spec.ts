import { TestApp, type TestUser } from '../support/test-app.js';
import { claim, ownerOf, poolCustomer, setPoolRules } from './pool-fixtures.js';

describe('Protection scopes and approval routing (POOL-7, POOL-8, APPR-1..4)', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let cloudHead: TestUser;
  let securityHead: TestUser;
  let cloud: string;
  let security: string;
  let ecs: string;
  let rds: string;
  let waf: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    repA = await api.user(['sales-rep']);
    repB = await api.user(['sales-rep']);
    cloudHead = await api.user(['line-head']);
    securityHead = await api.user(['line-head']);
    const line = async (code: string, headId: string) =>
      (
        await api.http
          .post('/api/v1/product-lines')
          .set('Authorization', admin.auth)
          .send({ code, name: code, headIds: [headId] })
          .expect(201)
      ).body.id;
    const product = async (code: string, productLineId: string) =>
      (await api.http.post('/api/v1/products').set('Authorization', admin.auth).send({ code, name: code, productLineId }).expect(201)).body.id;
    cloud = await line('CLOUD', cloudHead.id);
    security = await line('SEC', securityHead.id);
    ecs = await product('ECS', cloud);
    rds = await product('RDS', cloud);
    waf = await product('WAF', security);
  });
  afterAll(() => api.close());

  it('by product line: lines are held apart, the customer is partly protected and visible to both holders', async () => {
    await setPoolRules(api, admin, { scopeMode: 'product-line', coolDownDays: 0, gradeRights: {} });
    const customerId = await poolCustomer(api, admin);
    const wrongMode = await claim(api, repA, customerId).expect(422);
    expect(wrongMode.body).toMatchObject({ code: 'POOL.SCOPE_NOT_ALLOWED', scopeMode: 'product-line' });

    await claim(api, repA, customerId, { scope: { kind: 'product-line', productLineId: cloud } }).expect(201);
    expect((await claim(api, repB, customerId, { scope: { kind: 'product-line', productLineId: cloud } }).expect(409)).body.code).toBe(
      'POOL.ALREADY_PROTECTED',
    );
    await claim(api, repB, customerId, { scope: { kind: 'product-line', productLineId: security } }).expect(201);
    const holders = await ownerOf(api, customerId);
    expect(holders.status).toBe('partially-protected');
    expect([...holders.coHolderIds].sort()).toEqual([repA.id, repB.id].sort());
    for (const holder of [repA, repB]) {
      await api.http
        .post(`/api/v1/customers/${customerId}/follow-ups`)
        .set('Authorization', holder.auth)
        .send({ channel: 'visit', content: '拜访' })
        .expect(201);
    }
  });

  it('by product: several products in one claim; a product held by someone else blocks only itself', async () => {
    await setPoolRules(api, admin, { scopeMode: 'product' });
    const customerId = await poolCustomer(api, admin);
    await claim(api, repA, customerId, { scope: { kind: 'product', productIds: [ecs, waf] } }).expect(201);
    await claim(api, repB, customerId, { scope: { kind: 'product', productIds: [rds, ecs] } }).expect(409);
    await claim(api, repB, customerId, { scope: { kind: 'product', productIds: [rds] } }).expect(201);
    const unknown = await claim(api, repB, customerId, { scope: { kind: 'product', productIds: ['01900000-0000-7000-8000-000000000000'] } }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'POOL.UNKNOWN_SCOPE', ids: ['01900000-0000-7000-8000-000000000000'] });
  });

  it('routes an application to the heads of every line it involves: any of them may approve', async () => {
    await setPoolRules(api, admin, { scopeMode: 'product', gradeRights: { A: ['sales-manager'] } });
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '条线负责人审批', mode: 'any-of', approvers: { kind: 'line-heads' } }], defaultApproverIds: [] })
      .expect(200);
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const applied = await claim(api, repA, customerId, { scope: { kind: 'product', productIds: [ecs, waf] }, applyIfNotPermitted: true }).expect(202);
    const approval = await api.http.get(`/api/v1/approvals/${applied.body.approvalRequestId}`).set('Authorization', cloudHead.auth).expect(200);
    expect([...approval.body.steps[0].approverIds].sort()).toEqual([cloudHead.id, securityHead.id].sort());
    await api.http.get(`/api/v1/approvals/${applied.body.approvalRequestId}`).set('Authorization', repB.auth).expect(404);
    await api.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', repB.auth)
      .send({ decision: 'approve' })
      .expect(403);

    const waiting = await api.http.get('/api/v1/approvals').query({ box: 'waiting-for-me' }).set('Authorization', securityHead.auth).expect(200);
    expect(waiting.body.items.map((item: { id: string }) => item.id)).toContain(applied.body.approvalRequestId);
    await api.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', securityHead.auth)
      .send({ decision: 'approve', comment: '同意' })
      .expect(200);
    const late = await api.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', cloudHead.auth)
      .send({ decision: 'approve' })
      .expect(409);
    expect(late.body.code).toBe('APPROVAL.CLOSED');
    await api.settleEvents();
    expect((await ownerOf(api, customerId)).coHolderIds).toEqual([repA.id]);
    const history = await api.http.get(`/api/v1/approvals/${applied.body.approvalRequestId}`).set('Authorization', repA.auth).expect(200);
    expect(history.body).toMatchObject({
      status: 'granted',
      steps: [{ status: 'approved', decisions: [{ approverId: securityHead.id, decision: 'approve', comment: '同意' }] }],
    });
  });

  it('routes around an approver who left: a deactivated head falls back to the defaults', async () => {
    await setPoolRules(api, admin, { scopeMode: 'customer', gradeRights: { A: ['sales-manager'] } });
    const leaver = await api.user(['line-head']);
    const fallback = await api.user(['sales-manager']);
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '审批', mode: 'any-of', approvers: { kind: 'users', userIds: [leaver.id] } }], defaultApproverIds: [fallback.id] })
      .expect(200);
    await api.http.patch(`/api/v1/admin/users/${leaver.id}`).set('Authorization', admin.auth).send({ active: false }).expect(200);
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const applied = await claim(api, repA, customerId, { applyIfNotPermitted: true }).expect(202);
    const approval = await api.http.get(`/api/v1/approvals/${applied.body.approvalRequestId}`).set('Authorization', repA.auth).expect(200);
    expect(approval.body.steps[0].approverIds).toEqual([fallback.id]);
  });

  it('all-of steps need every approver; serial steps open one after the other', async () => {
    await setPoolRules(api, admin, { scopeMode: 'customer', gradeRights: { A: ['sales-manager'] } });
    const legal = await api.user(['sales-manager']);
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({
        steps: [
          { name: '会签', mode: 'all-of', approvers: { kind: 'users', userIds: [cloudHead.id, securityHead.id] } },
          { name: '经理', mode: 'any-of', approvers: { kind: 'users', userIds: [legal.id] } },
        ],
        defaultApproverIds: [],
      })
      .expect(200);
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const applied = await claim(api, repB, customerId, { applyIfNotPermitted: true }).expect(202);
    const decide = (user: TestUser) =>
      api.http.post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`).set('Authorization', user.auth).send({ decision: 'approve' });

    expect((await decide(cloudHead).expect(200)).body.status).toBe('pending');
    expect((await decide(cloudHead).expect(409)).body.code).toBe('APPROVAL.ALREADY_DECIDED');
    expect((await decide(legal).expect(403)).body.code).toBe('APPROVAL.NOT_AN_APPROVER');
    await decide(securityHead).expect(200);
    await api.settleEvents();
    expect((await ownerOf(api, customerId)).ownerId).toBeNull();
    expect((await decide(legal).expect(200)).body.status).toBe('granted');
    await api.settleEvents();
    expect((await ownerOf(api, customerId)).ownerId).toBe(repB.id);
  });
});
