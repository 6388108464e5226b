import { TestApp, type TestUser } from '../support/test-app.js';
import { changeStage, createOpportunity, defaultStages, eventsOf, customerContact, heldCustomer } from './opportunity-fixtures.js';

/** Visits and activities [拜访记录]: work on an opportunity is work on its customer (its recycle clock restarts). */
describe('Visits and other activities on an opportunity', () => {
  let api: TestApp;
  let rep: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
    stages = await defaultStages(api, rep);
  });
  afterAll(() => api.close());

  const lastActivity = async (customerId: string) =>
    (await api.tx.query<{ at: Date }>(`SELECT last_activity_at AS at FROM pool.entries WHERE customer_id = $1`, [customerId]))[0]!.at;

  it("a visit is also a follow-up on the customer: the pool's recycle clock restarts", async () => {
    const customerId = await heldCustomer(api, rep);
    const { body: opportunity } = await createOpportunity(api, rep, { customerId }).expect(201);
    // The customer was last worked 20 days ago.
    await api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - interval '20 days' WHERE customer_id = $1`, [customerId]);
    const before = await lastActivity(customerId);

    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const contactId = await customerContact(api, rep, customerId);
    const visit = await api.http
      .post(`/api/v1/opportunities/${opportunity.id}/activities`)
      .set('Authorization', rep.auth)
      .send({ type: 'visit', occurredAt, summary: ' 上门演示方案，IT 总监参加 ', nextStep: '下周提交报价', contactIds: [contactId] })
      .expect(201);
    expect(visit.body).toEqual({
      id: expect.any(String),
      opportunityId: opportunity.id,
      type: 'visit',
      occurredAt,
      summary: '上门演示方案，IT 总监参加',
      nextStep: '下周提交报价',
      contactIds: [contactId],
      authorId: rep.id,
      followUpId: expect.any(String),
      createdAt: expect.any(String),
    });
    await api.settleEvents();
    const after = await lastActivity(customerId);
    expect(before.getTime()).toBeLessThan(Date.now() - 19 * 86_400_000);
    expect(after.toISOString()).toBe(occurredAt);

    // The customer has the follow-up, the opportunity the activity, and both events are on the customer's timeline.
    const followUps = await api.http.get(`/api/v1/customers/${customerId}/follow-ups`).set('Authorization', rep.auth).expect(200);
    expect(followUps.body.items[0]).toMatchObject({ id: visit.body.followUpId, channel: 'visit', content: expect.stringContaining('上门演示方案') });
    const customer = await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', rep.auth).expect(200);
    expect(customer.body.lastFollowUpAt).toBe(occurredAt);
    expect(await eventsOf(api, opportunity.id, 'opportunity.activity-recorded.v1')).toEqual([
      expect.objectContaining({ customerId, activityId: visit.body.id, type: 'visit', followUpId: visit.body.followUpId, authorId: rep.id }),
    ]);
    const timeline = await api.http.get(`/api/v1/customers/${customerId}/timeline`).set('Authorization', rep.auth).expect(200);
    expect(timeline.body.items.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining(['opportunity.activity-recorded.v1', 'customer.followed-up.v1']),
    );
    const viewed = await api.http.get(`/api/v1/opportunities/${opportunity.id}`).set('Authorization', rep.auth).expect(200);
    // An activity is not a change of the opportunity: same version, but it shows when it was last worked.
    expect(viewed.body).toMatchObject({ version: 1, lastActivityAt: occurredAt });
  });

  it('lists activities latest first, in pages; refuses future ones and closed opportunities', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body: opportunity } = await createOpportunity(api, rep, { customerId }).expect(201);
    const record = (body: Record<string, unknown>) =>
      api.http.post(`/api/v1/opportunities/${opportunity.id}/activities`).set('Authorization', rep.auth).send(body);
    const times = [3, 2, 1].map((hours) => new Date(Date.now() - hours * 3_600_000).toISOString());
    for (const [index, occurredAt] of times.entries())
      await record({ type: (['call', 'meeting', 'demo'] as const)[index], occurredAt, summary: `第${index + 1}次` }).expect(201);
    const page = await api.http.get(`/api/v1/opportunities/${opportunity.id}/activities`).query({ limit: 2 }).set('Authorization', rep.auth).expect(200);
    expect(page.body.items.map((item: { summary: string; type: string }) => [item.summary, item.type])).toEqual([
      ['第3次', 'demo'],
      ['第2次', 'meeting'],
    ]);
    const rest = await api.http
      .get(`/api/v1/opportunities/${opportunity.id}/activities`)
      .query({ cursor: page.body.nextCursor })
      .set('Authorization', rep.auth)
      .expect(200);
    expect(rest.body).toMatchObject({ items: [expect.objectContaining({ summary: '第1次', type: 'call' })], nextCursor: null });

    const future = await record({ type: 'call', occurredAt: new Date(Date.now() + 3_600_000).toISOString(), summary: '未来' }).expect(422);
    expect(future.body.code).toBe('OPPORTUNITY.ACTIVITY_IN_FUTURE');
    expect((await record({ type: 'lunch', summary: 'x' }).expect(400)).body.errors[0].field).toBe('type');
    await changeStage(api, rep, opportunity.id, { toStageId: stages['输单']!.id, lossReasonId: '00000000-0000-7000-8000-00000000b100' }).expect(200);
    expect((await record({ type: 'call', summary: '输单后回访' }).expect(409)).body.code).toBe('OPPORTUNITY.CLOSED');
    const followUps = await api.tx.query(`SELECT 1 FROM customer.follow_ups WHERE customer_id = $1`, [customerId]);
    expect(followUps).toHaveLength(3);
  });
});
