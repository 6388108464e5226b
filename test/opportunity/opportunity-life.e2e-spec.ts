import { TestApp, type TestUser } from '../support/test-app.js';
import {
  catalogProducts,
  changeStage,
  createOpportunity,
  defaultStages,
  eventsOf,
  getOpportunity,
  customerContact,
  heldCustomer,
} from './opportunity-fixtures.js';

const PRICE_TOO_HIGH = '00000000-0000-7000-8000-00000000b100';

/**
 * The whole life of an opportunity [商机] over HTTP: opened with products and a competitor, moved
 * through its stages (refused while a required field is missing), visited (the customer's recycle
 * clock restarts), shared with a colleague whose access expires, transferred, won; then a renewal
 * that is a new opportunity and leaves the first one, and the customer's won record, as they were.
 */
describe('The life of an opportunity (OPP-1, OPP-2, OPP-4)', () => {
  let api: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let presales: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;
  let products: string[];
  let customerId: string;
  let id: string;
  let etag: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    presales = await api.user(['sales-rep'], await api.team());
    stages = await defaultStages(api, repA);
    products = await catalogProducts(api, admin, 2);
    customerId = await heldCustomer(api, repA);
  });
  afterAll(() => api.close());

  it('is opened with intended products and a competitor; the amount is the exact sum of the lines', async () => {
    const created = await createOpportunity(api, repA, {
      customerId,
      name: '2026 年度 ERP 项目',
      amountFollowsLines: true,
      products: [
        { productId: products[0], quantity: '50', unitPrice: '1999.00', discountPercent: '10' },
        { productId: products[1], quantity: '20', unitPrice: '1500.00' },
      ],
      competitors: [{ company: '某某软件', product: '某某云ERP', price: '110000', strengths: '价格低', weaknesses: '本地服务弱', threat: 'high' }],
    }).expect(201);
    id = created.body.id;
    etag = created.headers.etag!;
    expect(created.body).toMatchObject({
      amount: '119955.00',
      products: [{ amount: '89955.00' }, { amount: '30000.00' }],
      competitors: [{ company: '某某软件', price: '110000.00', threat: 'high' }],
      stage: { name: '初步接洽' },
      probability: 10,
    });
  });

  it('is refused a stage while a required field is missing, then moves on once it is filled', async () => {
    const refused = await changeStage(api, repA, id, { toStageId: stages['需求确认']!.id }, etag).expect(422);
    expect(refused.body).toMatchObject({ code: 'OPPORTUNITY.STAGE_REQUIREMENTS_MISSING', missingFields: ['contacts'] });
    const filled = await api.http
      .patch(`/api/v1/opportunities/${id}`)
      .set('Authorization', repA.auth)
      .set('If-Match', etag)
      .send({ contactIds: [await customerContact(api, repA, customerId)] })
      .expect(200);
    const moved = await changeStage(api, repA, id, { toStageId: stages['需求确认']!.id }, filled.headers.etag).expect(200);
    const quoted = await changeStage(api, repA, id, { toStageId: stages['方案报价']!.id }, moved.headers.etag).expect(200);
    expect(quoted.body).toMatchObject({ stage: { name: '方案报价' }, probability: 60 });
    etag = quoted.headers.etag!;
  });

  it("a visit is also a follow-up: the customer's recycle clock restarts", async () => {
    await api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - interval '25 days' WHERE customer_id = $1`, [customerId]);
    const [before] = await api.tx.query<{ at: Date }>(`SELECT last_activity_at AS at FROM pool.entries WHERE customer_id = $1`, [customerId]);
    await api.http
      .post(`/api/v1/opportunities/${id}/activities`)
      .set('Authorization', repA.auth)
      .send({ type: 'visit', summary: '拜访财务总监，确认预算', nextStep: '提交正式报价' })
      .expect(201);
    await api.settleEvents();
    const [after] = await api.tx.query<{ at: Date }>(`SELECT last_activity_at AS at FROM pool.entries WHERE customer_id = $1`, [customerId]);
    expect(before!.at.getTime()).toBeLessThan(Date.now() - 24 * 86_400_000);
    expect(after!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a colleague collaborates with read access until it expires', async () => {
    const until = new Date(Date.now() + 1200).toISOString();
    await api.http
      .post(`/api/v1/opportunities/${id}/collaborators`)
      .set('Authorization', repA.auth)
      .send({ userId: presales.id, access: 'read', expiresAt: until })
      .expect(201);
    expect((await getOpportunity(api, presales, id).expect(200)).body.collaborators).toEqual([
      expect.objectContaining({ userId: presales.id, access: 'read', expiresAt: until, expired: false }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await getOpportunity(api, presales, id).expect(404);
  });

  it('a manager transfers it, the customer first, with the history kept', async () => {
    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', manager.auth)
      .send({ fromUserId: repA.id, toUserId: repB.id, customerIds: [customerId], reason: '区域调整' })
      .expect(200);
    const moved = await api.http
      .post(`/api/v1/opportunities/${id}/transfer`)
      .set('Authorization', manager.auth)
      .send({ toUserId: repB.id, reason: '区域调整' })
      .expect(200);
    expect(moved.body.ownerId).toBe(repB.id);
    await getOpportunity(api, repA, id).expect(404);
    etag = (await getOpportunity(api, repB, id).expect(200)).headers.etag!;
  });

  it('the new owner wins it: opportunity.won.v1 carries the amount, currency and product lines', async () => {
    const refused = await changeStage(api, repB, id, { toStageId: stages['商务谈判']!.id }, etag).expect(422);
    expect(refused.body.missingFields).toEqual(['expectedCloseDate']);
    const dated = await api.http.patch(`/api/v1/opportunities/${id}`).set('Authorization', repB.auth).send({ expectedCloseDate: '2026-12-25' }).expect(200);
    const negotiating = await changeStage(api, repB, id, { toStageId: stages['商务谈判']!.id }, dated.headers.etag).expect(200);
    const won = await changeStage(api, repB, id, { toStageId: stages['赢单']!.id }, negotiating.headers.etag).expect(200);
    expect(won.body).toMatchObject({ status: 'won', probability: 100, ownerId: repB.id });
    const [event] = await eventsOf(api, id, 'opportunity.won.v1');
    expect(event).toEqual({
      opportunityId: id,
      customerId,
      ownerId: repB.id,
      name: '2026 年度 ERP 项目',
      type: 'new',
      previousOpportunityId: null,
      amount: '119955.00',
      currency: 'CNY',
      lines: [
        { productId: products[0], productLineId: expect.any(String), quantity: '50', unitPrice: '1999.00', discountPercent: '10.00', amount: '89955.00' },
        { productId: products[1], productLineId: expect.any(String), quantity: '20', unitPrice: '1500.00', discountPercent: '0.00', amount: '30000.00' },
      ],
      wonAt: won.body.wonAt,
    });
    const history = await api.http.get(`/api/v1/opportunities/${id}/stage-changes`).set('Authorization', repB.auth).expect(200);
    expect(history.body.items.map((entry: { toStage: { name: string } }) => entry.toStage.name)).toEqual([
      '初步接洽',
      '需求确认',
      '方案报价',
      '商务谈判',
      '赢单',
    ]);
    await api.settleEvents();
    const timeline = await api.http.get(`/api/v1/customers/${customerId}/timeline`).query({ limit: 200 }).set('Authorization', repB.auth).expect(200);
    expect(timeline.body.items.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining([
        'opportunity.created.v1',
        'opportunity.stage-changed.v1',
        'opportunity.activity-recorded.v1',
        'opportunity.collaborator-added.v1',
        'opportunity.transferred.v1',
        'opportunity.won.v1',
      ]),
    );
  });

  it('a renewal is a new opportunity: the first one and the customer’s won record stay as they were, even when the renewal is lost', async () => {
    const first = (await getOpportunity(api, repB, id).expect(200)).body;
    const renewal = await createOpportunity(api, repB, { customerId, type: 'renewal', previousOpportunityId: id, amount: '60000' }).expect(201);
    expect(renewal.body).toMatchObject({ type: 'renewal', previousOpportunityId: id, status: 'open', stage: { name: '初步接洽' } });
    const lost = await changeStage(api, repB, renewal.body.id, { toStageId: stages['输单']!.id, lossReasonId: PRICE_TOO_HIGH, lostTo: '某某软件' }).expect(200);
    expect(lost.body).toMatchObject({ status: 'lost', lossReason: { name: '价格过高' }, lostTo: '某某软件' });

    expect((await getOpportunity(api, repB, id).expect(200)).body).toEqual(first);
    const won = await api.http.get('/api/v1/opportunities').query({ customerId, status: 'won' }).set('Authorization', repB.auth).expect(200);
    expect(won.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const all = await api.http.get('/api/v1/opportunities').query({ customerId }).set('Authorization', repB.auth).expect(200);
    expect(all.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [renewal.body.id, 'lost'],
      [id, 'won'],
    ]);
    // Only a won opportunity is followed by a renewal or upsell.
    expect((await createOpportunity(api, repB, { customerId, type: 'upsell', previousOpportunityId: renewal.body.id }).expect(422)).body.code).toBe(
      'OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID',
    );
    const upsell = await createOpportunity(api, repB, { customerId, type: 'upsell', previousOpportunityId: id }).expect(201);
    expect(upsell.body).toMatchObject({ type: 'upsell', previousOpportunityId: id });
  });
});
