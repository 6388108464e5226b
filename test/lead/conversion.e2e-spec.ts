import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, getLead, historyOf, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Conversion [线索转化] (LEAD-7): a lead becomes a customer, a contact and an opportunity whose
 * source is the lead, through those contexts' own commands, all or nothing; the pool it happened
 * in is recorded; an existing customer is linked when the converter works it, else named (409).
 */
describe('Lead conversion: customer + contact (+ opportunity) in one unit of work', () => {
  let api: TestApp;
  let marketing: TestUser;
  let rep1: TestUser;
  let rep2: TestUser;
  let outsider: TestUser;
  let sales: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 3);
    marketing = people.marketing;
    [rep1, rep2, outsider] = people.reps;
    sales = await createPool(api, marketing, {
      name: '销售商机池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep1.id, rep2.id],
      rules: { assignmentStrategy: 'grab' },
    });
  });
  afterAll(() => api.close());

  async function claimed(by: TestUser, body: Record<string, unknown>): Promise<string> {
    const id = (await capture(api, marketing, { poolId: sales, ...body }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${id}/claim`).set('Authorization', by.auth).expect(200);
    return id;
  }
  const convert = (by: TestUser, id: string, body: Record<string, unknown> = {}) =>
    api.http.post(`/api/v1/leads/${id}/conversion`).set('Authorization', by.auth).send(body);
  const eventsSince = async (since: Date, types: string[]) => {
    const [row] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform.events WHERE occurred_at >= $1 AND type = ANY($2)`, [
      since,
      types,
    ]);
    return row!.n;
  };

  let customerId: string;

  it('creates the customer, the contact and the opportunity, and records the pool; the lead is read-only after', async () => {
    const mobile = uniqueMobile();
    const leadId = await claimed(rep1, {
      personName: '张三',
      companyName: '杭州测试制造有限公司',
      mobile,
      email: `zhang.${mobile}@example.cn`,
      title: '采购经理',
      province: '浙江',
      channel: 'baidu-sem',
      campaign: '2026 秋季展会',
    });
    const response = await convert(rep1, leadId, { contactRole: 'decision-maker', opportunity: { name: 'MES 项目', amount: '300000.00' } })
      .set('Idempotency-Key', `convert-${leadId}`)
      .expect(201);
    const result = response.body;
    expect(result).toMatchObject({ leadId, customerCreated: true, contactCreated: true, poolId: sales });
    expect(response.headers.location).toBe(`/api/v1/customers/${result.customerId}`);
    customerId = result.customerId;

    const customer = (await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(customer).toMatchObject({ name: '杭州测试制造有限公司', kind: 'enterprise', province: '浙江' });
    const contact = (await api.http.get(`/api/v1/contacts/${result.contactId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(contact).toMatchObject({ name: '张三', title: '采购经理' });
    const opportunity = (await api.http.get(`/api/v1/opportunities/${result.opportunityId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(opportunity).toMatchObject({ customerId, amount: '300000.00', source: { kind: 'lead', leadId } });

    const lead = (await getLead(api, rep1, leadId).expect(200)).body;
    expect(lead).toMatchObject({ status: 'converted', conversion: { customerId, contactId: result.contactId, opportunityId: result.opportunityId } });
    const [event] = await api.tx.query<{ payload: Record<string, unknown>; customer_id: string }>(
      `SELECT payload, customer_id FROM platform.events WHERE type = 'lead.converted.v1' AND aggregate_id = $1`,
      [leadId],
    );
    expect(event).toMatchObject({
      customer_id: customerId,
      payload: {
        poolId: sales,
        poolPath: [MASTER_POOL_ID, sales],
        customerId,
        contactId: result.contactId,
        opportunityId: result.opportunityId,
        ownerId: rep1.id,
      },
    });
    const line = (await historyOf(api, rep1, leadId)).find((l) => l.what === 'converted')!;
    expect(line).toMatchObject({ who: { id: rep1.id }, where: { poolId: sales, channel: 'baidu-sem' }, how: 'conversion' });

    // A retry with the same key answers the same conversion; a second conversion is refused.
    const replay = await convert(rep1, leadId, { contactRole: 'decision-maker', opportunity: { name: 'MES 项目', amount: '300000.00' } })
      .set('Idempotency-Key', `convert-${leadId}`)
      .expect(201);
    expect(replay.body).toEqual(result);
    expect((await convert(rep1, leadId).expect(409)).body.code).toBe('LEAD.NOT_OPEN');
    await api.http.patch(`/api/v1/leads/${leadId}`).set('Authorization', rep1.auth).send({ title: '总监' }).expect(409);
  });

  it('links the existing customer its converter works; names the candidates when someone else holds it', async () => {
    // A lead of a customer someone holds goes straight to the holder [归属人] (LEAD-2): nobody claims it.
    const mine = (
      await capture(api, marketing, {
        poolId: sales,
        personName: '李四',
        companyName: '杭州测试制造（有限公司）',
        mobile: uniqueMobile(),
        province: '江苏',
        city: '杭州',
        industry: '制造业',
      }).expect(201)
    ).body.leadId as string;
    expect((await getLead(api, rep1, mine).expect(200)).body).toMatchObject({ ownerId: rep1.id, matchedCustomerId: customerId });
    const before = (await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(before).toMatchObject({ province: '浙江', city: null, industry: null });
    const linked = (await convert(rep1, mine).expect(201)).body;
    expect(linked).toMatchObject({ customerId, customerCreated: false, contactCreated: true, opportunityId: null });
    // The customer keeps what it has (浙江) and gains what it lacked and the lead knew [补全空字段].
    const after = (await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(after).toMatchObject({ name: '杭州测试制造有限公司', province: '浙江', city: '杭州', industry: '制造业', version: before.version + 1 });

    const since = new Date();
    // Given to another rep by name (an owner named at capture is kept), it cannot become the holder's customer.
    const theirs = (
      await capture(api, marketing, {
        poolId: sales,
        ownerId: rep2.id,
        personName: '王五',
        companyName: '杭州测试制造有限公司',
        mobile: uniqueMobile(),
      }).expect(201)
    ).body.leadId as string;
    const refused = await convert(rep2, theirs).expect(409);
    expect(refused.body).toMatchObject({ code: 'LEAD.CUSTOMER_EXISTS', candidates: [{ id: customerId, heldBy: 'someone-else', matchedOn: 'name' }] });
    expect(refused.body.detail).toBe('该客户已存在且由他人负责，请查看候选客户（客户已存在）。');
    expect((await getLead(api, rep2, theirs).expect(200)).body.status).toBe('open');
    expect(await eventsSince(since, ['customer.created.v1', 'contact.created.v1', 'contact.linked.v1', 'lead.converted.v1'])).toBe(0);
  });

  it('all or nothing: a failing opportunity leaves no customer, no contact and an open lead', async () => {
    const mobile = uniqueMobile();
    const leadId = await claimed(rep2, { personName: '赵六', companyName: '宁波全新科技有限公司', mobile });
    const since = new Date();
    const failed = await convert(rep2, leadId, { opportunity: { name: '试点', pipelineId: '00000000-0000-7000-8000-00000000ffff' } });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.body.code).toBe('OPPORTUNITY.UNKNOWN_PIPELINE');
    expect(await eventsSince(since, ['customer.created.v1', 'contact.created.v1', 'contact.linked.v1', 'opportunity.created.v1', 'lead.converted.v1'])).toBe(0);
    const [customers] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer.customers WHERE name = '宁波全新科技有限公司'`);
    expect(customers!.n).toBe(0);
    expect((await getLead(api, rep2, leadId).expect(200)).body.status).toBe('open');
    // The same conversion without the bad pipeline goes through.
    expect((await convert(rep2, leadId, { opportunity: { name: '试点' } }).expect(201)).body.customerCreated).toBe(true);
    expect(await eventsSince(since, ['customer.created.v1', 'contact.created.v1', 'opportunity.created.v1', 'lead.converted.v1'])).toBe(4);
  });

  it('only the owner or a pool admin converts; others get 403 or, outside the pool, 404; bad input 400', async () => {
    const leadId = await claimed(rep1, { personName: '钱七', companyName: '温州一号商贸有限公司', mobile: uniqueMobile() });
    expect((await convert(rep2, leadId).expect(403)).body.code).toBe('LEAD.NOT_YOURS');
    expect((await convert(outsider, leadId).expect(404)).body.code).toBe('LEAD.NOT_FOUND');
    await convert(rep1, leadId, { opportunity: { name: 'x', amount: 12.5 } }).expect(400);
    await convert(rep1, leadId, { unknownField: true }).expect(400);
    // A customer id the converter cannot work answers like a missing one.
    expect((await convert(rep1, leadId, { customerId: '00000000-0000-7000-8000-00000000eeee' }).expect(404)).body.code).toBe('CUSTOMER.NOT_FOUND');
    const person = await claimed(rep1, { mobile: uniqueMobile() });
    expect((await convert(rep1, person).expect(400)).body.code).toBe('LEAD.CONVERSION_NEEDS_NAME');
    const individual = (await convert(rep1, person, { customerName: '孙八' }).expect(201)).body;
    expect((await api.http.get(`/api/v1/customers/${individual.customerId}`).set('Authorization', rep1.auth).expect(200)).body.kind).toBe('individual');
    // The Contact context's own reaction to a new individual customer finds the person already linked: it settles, once.
    await api.settleEvents();
    const [failing] = await api.tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM platform.events WHERE customer_id = $1 AND dispatch_error IS NOT NULL`,
      [individual.customerId],
    );
    expect(failing!.n).toBe(0);
    const links = await api.http.get(`/api/v1/customers/${individual.customerId}/contacts`).set('Authorization', rep1.auth).expect(200);
    expect(links.body.items.map((link: { contact: { id: string } }) => link.contact.id)).toEqual([individual.contactId]);
  });
});
