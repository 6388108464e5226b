import { TestApp, type TestUser } from '../support/test-app.js';
import { claim, ownerOf, setPoolRules } from '../pool/pool-fixtures.js';
import { capture, createPool, getLead, historyOf, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * A conversion whose new customer the converter may not hold (LEAD-7 with POOL-3): the customer
 * follows the grade rules like any new customer: it enters the pool reserved for the converter,
 * with a claim application, and the lead waits (`converting`). The approval finishes the
 * conversion by itself, as the converter: contact, opportunity, tasks, lead converted. Anything
 * else opens the lead again, matched to the customer.
 */
describe('Lead conversion into a customer whose grade needs an approver', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketing: TestUser;
  let rep1: TestUser;
  let rep2: TestUser;
  let sales: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 2);
    ({ admin, marketing } = people);
    [rep1, rep2] = people.reps;
    sales = await createPool(api, marketing, {
      name: '销售商机池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep1.id, rep2.id],
      rules: { assignmentStrategy: 'grab' },
    });
    // The grade a converted company gets may be held by sales managers only: reps apply [申领审批].
    const probe = await api.http
      .post('/api/v1/customers')
      .set('Authorization', admin.auth)
      .send({ kind: 'enterprise', name: '等级探测有限公司', type: 'private' })
      .expect(201);
    await setPoolRules(api, admin, { coolDownDays: 0, gradeRights: { [probe.body.grade as string]: ['sales-manager'] } });
  });
  afterAll(() => api.close());

  async function claimedLead(by: TestUser, companyName: string, mobile = uniqueMobile()): Promise<string> {
    const id = (
      await capture(api, marketing, { poolId: sales, personName: '陈经理', companyName, mobile, title: '采购总监', channel: 'exhibition' }).expect(201)
    ).body.leadId as string;
    await api.http.post(`/api/v1/leads/${id}/claim`).set('Authorization', by.auth).expect(200);
    return id;
  }
  const convert = (by: TestUser, id: string, body: Record<string, unknown> = {}) =>
    api.http.post(`/api/v1/leads/${id}/conversion`).set('Authorization', by.auth).send(body);
  const decide = (approvalRequestId: string, decision: 'approve' | 'reject') =>
    api.http
      .post(`/api/v1/approvals/${approvalRequestId}/decisions`)
      .set('Authorization', admin.auth)
      .send(decision === 'approve' ? { decision } : { decision, comment: '客户等级过高，请由经理跟进' })
      .expect(200);
  const eventsAbout = async (customerId: string, types: string[]) => {
    const [row] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform.events WHERE customer_id = $1 AND type = ANY($2)`, [
      customerId,
      types,
    ]);
    return row!.n;
  };

  it('waits in the pool reserved for the converter; the approval finishes it as them, without converting again', async () => {
    const mobile = uniqueMobile();
    const leadId = await claimedLead(rep1, '苏州甲等精密制造有限公司', mobile);
    const body = { contactRole: 'decision-maker', opportunity: { name: '精密产线改造', amount: '880000.00', expectedCloseDate: '2027-03-31' } };
    const response = await convert(rep1, leadId, body).set('Idempotency-Key', `convert-${leadId}`).expect(202);
    const pending = response.body;
    expect(pending).toMatchObject({
      status: 'pending-approval',
      leadId,
      customerCreated: true,
      contactId: null,
      contactCreated: false,
      opportunityId: null,
      poolId: sales,
      approval: { applicationId: expect.any(String), approvalRequestId: expect.any(String), reservedUntil: expect.any(String) },
    });
    const { customerId } = pending;
    expect(response.headers.location).toBe(`/api/v1/customers/${customerId}`);
    // A retry with the same key answers the same.
    const replay = await convert(rep1, leadId, body).set('Idempotency-Key', `convert-${leadId}`).expect(202);
    expect(replay.body).toEqual(pending);

    // The lead waits: read-only, not converted again; the customer is in the pool, reserved for rep1.
    const waiting = (await getLead(api, rep1, leadId).expect(200)).body;
    expect(waiting).toMatchObject({
      status: 'converting',
      conversion: null,
      pendingConversion: { customerId, applicationId: pending.approval.applicationId, requestedBy: rep1.id, withOpportunity: true },
    });
    expect((await convert(rep1, leadId).expect(409)).body.code).toBe('LEAD.NOT_OPEN');
    await api.http.patch(`/api/v1/leads/${leadId}`).set('Authorization', rep1.auth).send({ title: '总监' }).expect(409);
    expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: null, status: 'in-pool' });
    expect((await claim(api, rep2, customerId).expect(409)).body.code).toBe('POOL.RESERVED');
    // The same person submitting again still lands on this lead, not on a new one.
    const again = await capture(api, marketing, { poolId: sales, personName: '陈经理', mobile, channel: 'baidu-sem' }).expect(200);
    expect(again.body).toMatchObject({ leadId, merged: true });
    await api.settleEvents();
    expect(await eventsAbout(customerId, ['contact.linked.v1', 'opportunity.created.v1', 'lead.converted.v1'])).toBe(0);
    expect((await historyOf(api, rep1, leadId)).map((line) => line.what)).toContain('conversion-pending');

    // The approver decides; the conversion finishes by itself, as rep1.
    await decide(pending.approval.approvalRequestId, 'approve');
    await api.settleEvents();
    expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: rep1.id, status: 'protected' });
    const lead = (await getLead(api, rep1, leadId).expect(200)).body;
    expect(lead).toMatchObject({
      status: 'converted',
      pendingConversion: null,
      conversion: { customerId, contactId: expect.any(String), opportunityId: expect.any(String) },
    });
    const opportunity = (await api.http.get(`/api/v1/opportunities/${lead.conversion.opportunityId}`).set('Authorization', rep1.auth).expect(200)).body;
    expect(opportunity).toMatchObject({ customerId, ownerId: rep1.id, name: '精密产线改造', amount: '880000.00', source: { kind: 'lead', leadId } });
    const contacts = (await api.http.get(`/api/v1/customers/${customerId}/contacts`).set('Authorization', rep1.auth).expect(200)).body.items;
    expect(contacts).toEqual([
      expect.objectContaining({ contact: expect.objectContaining({ id: lead.conversion.contactId, phones: [mobile] }), role: 'decision-maker' }),
    ]);
    const [converted] = await api.tx.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM platform.events WHERE type = 'lead.converted.v1' AND aggregate_id = $1`,
      [leadId],
    );
    expect(converted).toMatchObject({ payload: { poolId: sales, poolPath: [MASTER_POOL_ID, sales], customerId, customerCreated: true, convertedBy: rep1.id } });
    const history = (await historyOf(api, rep1, leadId)).map((line) => line.what);
    expect(history.indexOf('converted')).toBeGreaterThan(history.indexOf('conversion-pending'));

    // Delivered again (a redelivery after a crash), nothing happens twice.
    await api.tx.query(`DELETE FROM platform.handled_events WHERE consumer = 'lead.finish-conversions'`);
    await api.tx.query(
      `UPDATE platform.events SET dispatched_at = NULL, next_dispatch_at = now() WHERE customer_id = $1 AND type = 'pool.customer-protected.v1'`,
      [customerId],
    );
    await api.settleEvents();
    expect(await eventsAbout(customerId, ['opportunity.created.v1'])).toBe(1);
    expect(await eventsAbout(customerId, ['lead.converted.v1'])).toBe(1);
  });

  it('a rejected application opens the lead again, matched to the customer, which stays in the pool; nothing else is created', async () => {
    const leadId = await claimedLead(rep1, '无锡乙方重工有限公司');
    const pending = (await convert(rep1, leadId, { opportunity: { name: '重工设备' } }).expect(202)).body;
    await decide(pending.approval.approvalRequestId, 'reject');
    await api.settleEvents();

    const lead = (await getLead(api, rep1, leadId).expect(200)).body;
    expect(lead).toMatchObject({ status: 'open', ownerId: rep1.id, pendingConversion: null, conversion: null, matchedCustomerId: pending.customerId });
    const refused = (await historyOf(api, rep1, leadId)).find((line) => line.what === 'conversion-refused')!;
    // Who: the approver whose decision it was.
    expect(refused).toMatchObject({ who: { id: admin.id }, why: 'rejected', how: 'conversion' });
    expect(await ownerOf(api, pending.customerId)).toMatchObject({ ownerId: null, status: 'in-pool' });
    expect(await eventsAbout(pending.customerId, ['contact.linked.v1', 'opportunity.created.v1', 'lead.converted.v1'])).toBe(0);
    // Open again, it is worked as before.
    await api.http.patch(`/api/v1/leads/${leadId}`).set('Authorization', rep1.auth).send({ title: '副总' }).expect(200);
  });

  it('a step that fails after the approval opens the lead again with the problem, and never undoes the approval', async () => {
    const mobile = uniqueMobile();
    const leadId = await claimedLead(rep1, '常州丙级电子有限公司', mobile);
    const pending = (await convert(rep1, leadId).expect(202)).body;
    // Meanwhile the same person became another rep's contact, which rep1 cannot see.
    await api.http
      .post('/api/v1/contacts')
      .set('Authorization', rep2.auth)
      .send({ name: '陈经理', phones: [mobile] })
      .expect(201);
    await decide(pending.approval.approvalRequestId, 'approve');
    await api.settleEvents();

    expect(await ownerOf(api, pending.customerId)).toMatchObject({ ownerId: rep1.id, status: 'protected' });
    const lead = (await getLead(api, rep1, leadId).expect(200)).body;
    expect(lead).toMatchObject({ status: 'open', conversion: null, matchedCustomerId: pending.customerId });
    const refused = (await historyOf(api, rep1, leadId)).find((line) => line.what === 'conversion-refused')!;
    expect(refused.why).toBe('failed: LEAD.CONTACT_EXISTS');
    expect(await eventsAbout(pending.customerId, ['contact.linked.v1', 'lead.converted.v1'])).toBe(0);
  });

  it('checks what it can before waiting: an unknown pipeline is refused at once and nothing is created', async () => {
    const leadId = await claimedLead(rep1, '南通丁类纺织有限公司');
    const refused = await convert(rep1, leadId, { opportunity: { name: '纺织', pipelineId: '00000000-0000-7000-8000-00000000ffff' } }).expect(404);
    expect(refused.body.code).toBe('OPPORTUNITY.PIPELINE_NOT_FOUND');
    const [customers] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer.customers WHERE name = '南通丁类纺织有限公司'`);
    expect(customers!.n).toBe(0);
    expect((await getLead(api, rep1, leadId).expect(200)).body.status).toBe('open');
  });
});
