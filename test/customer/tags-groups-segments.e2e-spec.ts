import { TestApp, type TestUser } from '../support/test-app.js';

describe('Tags, groups and segments (CUST-2)', () => {
  let api: TestApp;
  let rep: TestUser;
  let otherRep: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    otherRep = await api.user(['sales-rep']);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
  });
  afterAll(() => api.close());

  const customer = async (user: TestUser, body: Record<string, unknown>) =>
    (
      await api.http
        .post('/api/v1/customers')
        .set('Authorization', user.auth)
        .send({ kind: 'enterprise', ...body })
        .expect(201)
    ).body.id as string;
  const tag = async (name: string, category: string, weight: number) =>
    (await api.http.post('/api/v1/tags').set('Authorization', manager.auth).send({ name, category, weight }).expect(201)).body.id as string;
  const apply = (user: TestUser, customerId: string, tagId: string) =>
    api.http.post(`/api/v1/customers/${customerId}/tags`).set('Authorization', user.auth).send({ tagId });

  it('counts a tag up when applied again, and only managers define tags', async () => {
    await api.http.post('/api/v1/tags').set('Authorization', rep.auth).send({ name: 'x', category: 'y' }).expect(403);
    const vip = await tag('VIP', 'value', 3);
    const id = await customer(rep, { name: '标签计数有限公司' });
    expect((await apply(rep, id, vip).expect(201)).body).toEqual({ count: 1 });
    expect((await apply(rep, id, vip).expect(201)).body).toEqual({ count: 2 });
    const tags = await api.http.get(`/api/v1/customers/${id}/tags`).set('Authorization', rep.auth).expect(200);
    expect(tags.body).toEqual({
      items: [expect.objectContaining({ id: vip, name: 'VIP', category: 'value', weight: 3, count: 2, lastSource: 'user' })],
      nextCursor: null,
    });
    await apply(otherRep, id, vip).expect(404);
    await api.http.delete(`/api/v1/customers/${id}/tags/${vip}`).set('Authorization', rep.auth).expect(204);
    await api.http.delete(`/api/v1/customers/${id}/tags/${vip}`).set('Authorization', rep.auth).expect(404);
  });

  it('tags a customer "active" after 3 follow-ups in 7 days, once per follow-up even when the event is delivered twice', async () => {
    const id = await customer(rep, { name: '活跃客户有限公司' });
    for (let i = 0; i < 3; i++) {
      await api.http
        .post(`/api/v1/customers/${id}/follow-ups`)
        .set('Authorization', rep.auth)
        .send({ channel: 'call', content: `第${i + 1}次`, occurredAt: new Date(Date.now() - (3 - i) * 3600_000).toISOString() })
        .expect(201);
    }
    await api.settleEvents();
    const tagged = await api.http.get(`/api/v1/customers/${id}/tags`).set('Authorization', rep.auth).expect(200);
    expect(tagged.body.items).toEqual([expect.objectContaining({ name: 'active', category: 'behaviour', count: 1, lastSource: 'rule' })]);

    // The third follow-up's event is delivered again: the rule does not count it twice.
    await api.tx.query(
      `UPDATE platform.events SET dispatched_at = NULL
        WHERE seq = (SELECT max(seq) FROM platform.events WHERE customer_id = $1 AND type = 'customer.followed-up.v1')`,
      [id],
    );
    await api.settleEvents();
    const again = await api.http.get(`/api/v1/customers/${id}/tags`).set('Authorization', rep.auth).expect(200);
    expect(again.body.items[0].count).toBe(1);
  });

  it("keeps groups: a customer in many, members listed within the caller's scope", async () => {
    const hot = (await api.http.post('/api/v1/groups').set('Authorization', rep.auth).send({ name: '重点跟进' }).expect(201)).body.id;
    const expo = (await api.http.post('/api/v1/groups').set('Authorization', rep.auth).send({ name: '展会客户' }).expect(201)).body.id;
    await api.http.post('/api/v1/groups').set('Authorization', rep.auth).send({ name: '重点跟进' }).expect(409);
    const mine = await customer(rep, { name: '分组客户有限公司' });
    const theirs = await customer(otherRep, { name: '别人的分组客户有限公司' });
    for (const group of [hot, expo]) {
      expect(
        (
          await api.http
            .post(`/api/v1/groups/${group}/members`)
            .set('Authorization', rep.auth)
            .send({ customerIds: [mine] })
            .expect(200)
        ).body,
      ).toEqual({ added: [mine] });
    }
    await api.http
      .post(`/api/v1/groups/${hot}/members`)
      .set('Authorization', rep.auth)
      .send({ customerIds: [theirs] })
      .expect(404);
    await api.http
      .post(`/api/v1/groups/${hot}/members`)
      .set('Authorization', otherRep.auth)
      .send({ customerIds: [theirs] })
      .expect(200);
    const asRep = await api.http.get(`/api/v1/groups/${hot}/members`).set('Authorization', rep.auth).expect(200);
    expect(asRep.body.items.map((item: { id: string }) => item.id)).toEqual([mine]);
    const groups = await api.http.get('/api/v1/groups').set('Authorization', rep.auth).expect(200);
    expect(groups.body.items.find((group: { id: string }) => group.id === hot).members).toBe(2);
    await api.http.delete(`/api/v1/groups/${expo}/members/${mine}`).set('Authorization', rep.auth).expect(204);
  });

  it('evaluates a segment against a known data set: tags, counts, category weight and attributes, within scope', async () => {
    const intentHigh = await tag('高意向', 'intent', 5);
    const intentDemo = await tag('看过演示', 'intent', 3);
    const churn = await tag('流失风险', 'risk', 1);
    const data = {
      zj1: await customer(rep, { name: '分群甲有限公司', province: '浙江', industry: 'software' }),
      zj2: await customer(rep, { name: '分群乙有限公司', province: '浙江', industry: 'retail' }),
      js1: await customer(rep, { name: '分群丙有限公司', province: '江苏', industry: 'software' }),
      gd1: await customer(rep, { name: '分群丁有限公司', province: '广东', industry: 'software' }),
      hidden: await customer(otherRep, { name: '分群戊有限公司', province: '浙江', industry: 'software' }),
    };
    // Weight sums for category "intent": zj1 = 5+5+3 = 13, zj2 = 5, js1 = 3+3+3+3 = 12, gd1 = 13, hidden = 13.
    for (const [id, tags] of [
      [data.zj1, [intentHigh, intentHigh, intentDemo]],
      [data.zj2, [intentHigh, churn]],
      [data.js1, [intentDemo, intentDemo, intentDemo, intentDemo]],
      [data.gd1, [intentHigh, intentHigh, intentDemo]],
    ] as const) {
      for (const tagId of tags) await apply(rep, id, tagId).expect(201);
    }
    for (const tagId of [intentHigh, intentHigh, intentDemo]) await apply(otherRep, data.hidden, tagId).expect(201);

    const conditions = [
      { category: 'intent', op: 'weight-gte', value: 10 },
      { attribute: 'region', op: 'in', value: ['浙江', '江苏'] },
      { tagId: churn, op: 'lacks' },
    ];
    await api.http.post('/api/v1/segments').set('Authorization', rep.auth).send({ name: '无权', conditions }).expect(403);
    const segment = (await api.http.post('/api/v1/segments').set('Authorization', manager.auth).send({ name: '江浙高意向', conditions }).expect(201)).body.id;
    const evaluate = (user: TestUser) => api.http.get(`/api/v1/segments/${segment}/customers`).set('Authorization', user.auth).expect(200);
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id).sort();
    expect(ids(await evaluate(rep))).toEqual([data.zj1, data.js1].sort());
    expect(ids(await evaluate(manager))).toEqual([data.zj1, data.js1].sort());

    const counted = (
      await api.http
        .post('/api/v1/segments')
        .set('Authorization', manager.auth)
        .send({
          name: '演示三次以上',
          conditions: [
            { tagId: intentDemo, op: 'count-gte', value: 3 },
            { attribute: 'industry', op: 'eq', value: 'software' },
          ],
        })
        .expect(201)
    ).body.id;
    const demoed = await api.http.get(`/api/v1/segments/${counted}/customers`).set('Authorization', rep.auth).expect(200);
    expect(ids(demoed)).toEqual([data.js1]);

    const invalid = await api.http
      .post('/api/v1/segments')
      .set('Authorization', manager.auth)
      .send({ name: '坏条件', conditions: [{ attribute: 'owner_id', op: 'eq', value: 'x' }] })
      .expect(400);
    expect(invalid.body.code).toBe('SEGMENT.INVALID_CONDITION');
    const huge = await api.http
      .post('/api/v1/segments')
      .set('Authorization', manager.auth)
      .send({ name: '超大值', conditions: [{ tagId: intentDemo, op: 'count-gte', value: 3_000_000_000 }] })
      .expect(400);
    expect(huge.body.code).toBe('SEGMENT.INVALID_CONDITION');
  });
});
