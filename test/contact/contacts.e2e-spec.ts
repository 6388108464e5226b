import { TestApp, type TestUser } from '../support/test-app.js';

describe('Contacts (CONT-1..4)', () => {
  let api: TestApp;
  let rep: TestUser;
  let otherRep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const customer = async (user: TestUser, name: string) =>
    (await api.http.post('/api/v1/customers').set('Authorization', user.auth).send({ kind: 'enterprise', name }).expect(201)).body.id as string;
  const contact = async (user: TestUser, body: Record<string, unknown>) =>
    (await api.http.post('/api/v1/contacts').set('Authorization', user.auth).send(body).expect(201)).body.id as string;

  it('follows a person from company A to company B: A keeps its history, B sees everything about them, A no longer lists them as decision maker', async () => {
    const companyA = await customer(rep, '甲公司有限公司');
    const companyB = await customer(rep, '乙公司有限公司');
    const wang = await contact(rep, { name: '王建国', phones: ['13900002222'], title: 'CTO' });
    await api.http
      .post(`/api/v1/customers/${companyA}/contacts`)
      .set('Authorization', rep.auth)
      .send({ contactId: wang, role: 'decision-maker', title: '技术总监', primary: true, startedOn: '2023-03-01' })
      .expect(201);
    await api.http
      .post(`/api/v1/contacts/${wang}/records`)
      .set('Authorization', rep.auth)
      .send({ kind: 'meeting', content: '喜欢先看技术方案再谈价格', customerId: companyA })
      .expect(201);
    const deciders = await api.http.get(`/api/v1/customers/${companyA}/contacts`).query({ role: 'decision-maker' }).set('Authorization', rep.auth).expect(200);
    expect(deciders.body.items.map((link: { contact: { id: string } }) => link.contact.id)).toEqual([wang]);

    // He moves to B.
    await api.http.patch(`/api/v1/customers/${companyA}/contacts/${wang}`).set('Authorization', rep.auth).send({ endedOn: '2026-10-31' }).expect(204);
    await api.http
      .post(`/api/v1/customers/${companyB}/contacts`)
      .set('Authorization', rep.auth)
      .send({ contactId: wang, role: 'decision-maker', title: 'CIO', startedOn: '2026-11-01' })
      .expect(201);

    const nowAtA = await api.http.get(`/api/v1/customers/${companyA}/contacts`).query({ role: 'decision-maker' }).set('Authorization', rep.auth).expect(200);
    expect(nowAtA.body).toEqual({ items: [], nextCursor: null });
    const historyAtA = await api.http.get(`/api/v1/customers/${companyA}/contacts`).query({ includeEnded: 'true' }).set('Authorization', rep.auth).expect(200);
    expect(historyAtA.body.items).toEqual([
      expect.objectContaining({ role: 'decision-maker', title: '技术总监', startedOn: '2023-03-01', endedOn: '2026-10-31' }),
    ]);
    const career = await api.http.get(`/api/v1/contacts/${wang}/customers`).set('Authorization', rep.auth).expect(200);
    expect(career.body.items.map((link: { customerId: string; endedOn: string | null }) => [link.customerId, link.endedOn])).toEqual([
      [companyB, null],
      [companyA, '2026-10-31'],
    ]);
    const records = await api.http.get(`/api/v1/contacts/${wang}/records`).set('Authorization', rep.auth).expect(200);
    expect(records.body.items).toEqual([expect.objectContaining({ content: '喜欢先看技术方案再谈价格', customerId: companyA })]);

    await api.settleEvents();
    const timelineA = await api.http.get(`/api/v1/customers/${companyA}/timeline`).set('Authorization', rep.auth).expect(200);
    expect(timelineA.body.items.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining(['contact.linked.v1', 'contact.link-ended.v1', 'contact.record-added.v1']),
    );
  });

  it('keeps phones editable and still refuses duplicates after the edit (CONT-3)', async () => {
    const first = await contact(rep, { name: '李四', phones: ['13700001111'] });
    const second = await contact(rep, { name: '张三', phones: ['13700002222'] });
    await api.http
      .patch(`/api/v1/contacts/${first}`)
      .set('Authorization', rep.auth)
      .send({ phones: ['13700003333'] })
      .expect(200);
    // The old number is free again; the new one is taken.
    await contact(rep, { name: '赵六', phones: ['+86 137-0000-1111'] });
    const taken = await api.http
      .post('/api/v1/contacts')
      .set('Authorization', rep.auth)
      .send({ name: '钱七', phones: ['137 0000 3333'] })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'CONTACT.DUPLICATE', existing: [{ id: first, matchedOn: 'phone', value: '13700003333' }] });
    const clash = await api.http
      .patch(`/api/v1/contacts/${second}`)
      .set('Authorization', rep.auth)
      .send({ phones: ['13700003333'] })
      .expect(409);
    expect(clash.body.code).toBe('CONTACT.DUPLICATE');
    const unchanged = await api.http.get(`/api/v1/contacts/${second}`).set('Authorization', rep.auth).expect(200);
    expect(unchanged.body.phones).toEqual(['13700002222']);
  });

  it('creates the contact of an individual customer, or links the person who already exists (CONT-4)', async () => {
    const person = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send({ kind: 'individual', name: '周女士', phone: '13600001234', email: 'zhou@example.com' })
      .expect(201);
    await api.settleEvents();
    const contacts = await api.http.get(`/api/v1/customers/${person.body.id}/contacts`).set('Authorization', rep.auth).expect(200);
    expect(contacts.body.items).toEqual([
      expect.objectContaining({ role: 'decision-maker', primary: true, contact: expect.objectContaining({ name: '周女士', phones: ['13600001234'] }) }),
    ]);

    const known = await contact(rep, { name: '吴先生', emails: ['wu@example.com'] });
    const second = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send({ kind: 'individual', name: '吴先生', email: 'WU@example.com' })
      .expect(201);
    await api.settleEvents();
    const linked = await api.http.get(`/api/v1/customers/${second.body.id}/contacts`).set('Authorization', rep.auth).expect(200);
    expect(linked.body.items.map((link: { contact: { id: string } }) => link.contact.id)).toEqual([known]);
  });

  it("follows the customer's data scope from both sides", async () => {
    const hidden = await customer(rep, '保密客户有限公司');
    const kp = await contact(rep, { name: '孙总', phones: ['13500009999'] });
    await api.http.post(`/api/v1/customers/${hidden}/contacts`).set('Authorization', rep.auth).send({ contactId: kp, role: 'decision-maker' }).expect(201);

    await api.http.get(`/api/v1/customers/${hidden}/contacts`).set('Authorization', otherRep.auth).expect(404);
    await api.http.get(`/api/v1/contacts/${kp}`).set('Authorization', otherRep.auth).expect(404);
    await api.http.get(`/api/v1/contacts/${kp}/customers`).set('Authorization', otherRep.auth).expect(404);
    await api.http.get(`/api/v1/contacts/${kp}/records`).set('Authorization', otherRep.auth).expect(404);
    const search = await api.http.get('/api/v1/contacts').query({ q: '13500009999' }).set('Authorization', otherRep.auth).expect(200);
    expect(search.body.items).toEqual([]);
    await api.http.post(`/api/v1/customers/${hidden}/contacts`).set('Authorization', otherRep.auth).send({ contactId: kp, role: 'user' }).expect(404);

    // Nobody links a person they cannot see; an admin links the other rep's contact to the hidden customer:
    // the other rep still sees their person, not the link.
    const theirs = await contact(otherRep, { name: '共同联系人', phones: ['13500008888'] });
    await api.http.post(`/api/v1/customers/${hidden}/contacts`).set('Authorization', rep.auth).send({ contactId: theirs, role: 'influencer' }).expect(404);
    const admin = await api.user(['admin']);
    await api.http.post(`/api/v1/customers/${hidden}/contacts`).set('Authorization', admin.auth).send({ contactId: theirs, role: 'influencer' }).expect(201);
    const career = await api.http.get(`/api/v1/contacts/${theirs}/customers`).set('Authorization', otherRep.auth).expect(200);
    expect(career.body.items).toEqual([]);
    const mine = await api.http.get(`/api/v1/contacts/${theirs}/customers`).set('Authorization', rep.auth).expect(200);
    expect(mine.body.items.map((link: { customerId: string }) => link.customerId)).toEqual([hidden]);

    // A record made at the hidden customer is that customer's business, even on the other rep's own contact.
    await api.http
      .post(`/api/v1/contacts/${theirs}/records`)
      .set('Authorization', rep.auth)
      .send({ kind: 'call', content: '报价120万', customerId: hidden })
      .expect(201);
    await api.http.post(`/api/v1/contacts/${theirs}/records`).set('Authorization', otherRep.auth).send({ kind: 'note', content: '喜欢喝茶' }).expect(201);
    const seenByOwner = await api.http.get(`/api/v1/contacts/${theirs}/records`).set('Authorization', otherRep.auth).expect(200);
    expect(seenByOwner.body.items.map((record: { content: string }) => record.content)).toEqual(['喜欢喝茶']);
    const seenByHolder = await api.http.get(`/api/v1/contacts/${theirs}/records`).set('Authorization', rep.auth).expect(200);
    expect(seenByHolder.body.items).toHaveLength(2);
  });

  it("deletes a contact only once unlinked, keeping the customer's history and freeing the phone", async () => {
    const company = await customer(rep, '删除测试有限公司');
    const person = await contact(rep, { name: '待删除', phones: ['13400001111'] });
    await api.http.post(`/api/v1/customers/${company}/contacts`).set('Authorization', rep.auth).send({ contactId: person, role: 'user' }).expect(201);
    expect((await api.http.delete(`/api/v1/contacts/${person}`).set('Authorization', rep.auth).expect(409)).body.code).toBe('CONTACT.STILL_LINKED');
    const early = await api.http
      .patch(`/api/v1/customers/${company}/contacts/${person}`)
      .set('Authorization', rep.auth)
      .send({ endedOn: '2000-01-01' })
      .expect(422);
    expect(early.body.code).toBe('CONTACT.LINK_END_BEFORE_START');
    // Ends the day it started (today in the company time zone).
    const linked = await api.http.get(`/api/v1/customers/${company}/contacts`).set('Authorization', rep.auth).expect(200);
    const today = linked.body.items[0].startedOn as string;
    await api.http.patch(`/api/v1/customers/${company}/contacts/${person}`).set('Authorization', rep.auth).send({ endedOn: today }).expect(204);
    await api.http.delete(`/api/v1/contacts/${person}`).set('Authorization', otherRep.auth).expect(404);
    await api.http.delete(`/api/v1/contacts/${person}`).set('Authorization', rep.auth).expect(204);
    await api.http.get(`/api/v1/contacts/${person}`).set('Authorization', rep.auth).expect(404);
    const history = await api.http.get(`/api/v1/customers/${company}/contacts`).query({ includeEnded: 'true' }).set('Authorization', rep.auth).expect(200);
    expect(history.body.items).toHaveLength(1);
    await contact(rep, { name: '新人', phones: ['13400001111'] });
  });

  it('starts a link today in the company time zone (CRM_TIMEZONE) unless told', async () => {
    // UTC+14 and UTC−11, neither with daylight saving: 25 hours apart, so never on the same date.
    const east = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Kiritimati' } });
    const west = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Pago_Pago' } });
    try {
      const startedOn = async (app: TestApp, offsetHours: number) => {
        const dayAt = (instant: number) => new Date(instant + offsetHours * 3600_000).toISOString().slice(0, 10);
        const company = await customer(rep, `时区测试有限公司 ${offsetHours}`);
        const person = await contact(rep, { name: `时区 ${offsetHours}`, phones: [`1340000${String(offsetHours + 20).padStart(4, '0')}`] });
        const before = Date.now();
        await app.http.post(`/api/v1/customers/${company}/contacts`).set('Authorization', rep.auth).send({ contactId: person, role: 'user' }).expect(201);
        const after = Date.now();
        const links = await app.http.get(`/api/v1/customers/${company}/contacts`).set('Authorization', rep.auth).expect(200);
        const day = links.body.items[0].startedOn as string;
        // Either side of a midnight passing during the request.
        expect([dayAt(before), dayAt(after)]).toContain(day);
        return day;
      };
      const [inEast, inWest] = [await startedOn(east, 14), await startedOn(west, -11)];
      expect(inEast > inWest).toBe(true);
      await startedOn(api, 8); // Asia/Shanghai by default
    } finally {
      await west.close();
      await east.close();
    }
  });

  it('lets only those who work a customer change its contacts, even when they may see it', async () => {
    // A customer straight into the pool is visible to everyone, worked by nobody yet.
    const pooled = (
      await api.http
        .post('/api/v1/customers')
        .set('Authorization', rep.auth)
        .send({ kind: 'enterprise', name: '公海联系人测试有限公司', ownerId: null })
        .expect(201)
    ).body.id;
    const person = await contact(otherRep, { name: '公海联系人', phones: ['13200001111'] });
    const refused = await api.http
      .post(`/api/v1/customers/${pooled}/contacts`)
      .set('Authorization', otherRep.auth)
      .send({ contactId: person, role: 'user' })
      .expect(403);
    expect(refused.body.code).toBe('CUSTOMER.NOT_OWNED');
    await api.http
      .post(`/api/v1/contacts/${person}/records`)
      .set('Authorization', otherRep.auth)
      .send({ kind: 'call', content: 'x', customerId: pooled })
      .expect(403);
  });

  it('rejects bad input with field errors', async () => {
    const response = await api.http
      .post('/api/v1/contacts')
      .set('Authorization', rep.auth)
      .send({ name: '', phones: ['call me'], emails: ['nope'], extra: true })
      .expect(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'phones', 'emails', 'extra']));
  });
});
