import { SendContractRemindersJob } from '@crm/contracts/contract';
import { catalogProducts, changeStage, customerContact, createOpportunity, defaultStages } from '../opportunity/opportunity-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { act, contractBody, createContract, decide, eventsOf, getContract, heldCustomer } from './contract-fixtures.js';

/** `YYYY-MM-DD` of today plus `days` in the company's time zone (Asia/Shanghai by default). */
function day(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Reminders [合同提醒] (CONTR-3): contracts ending soon and instalments due or overdue, each once,
 * as events and inbox notifications; the number pattern [合同编号规则] and its counter under
 * concurrency; a contract started from a won opportunity [赢单商机].
 */
describe('Contract reminders, numbering and won opportunities', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let customerId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    customerId = await heldCustomer(api, rep);
  });
  afterAll(() => api.close());

  async function executing(overrides: Record<string, unknown>): Promise<string> {
    const created = await createContract(api, rep, contractBody(customerId, overrides)).expect(201);
    const submitted = await act(api, rep, created.body.id, 'submissions').expect(200);
    await decide(api, admin, submitted.body.approvalRequestId, 'approve');
    await act(api, rep, created.body.id, 'activation').expect(200);
    return created.body.id as string;
  }

  it('reminds of a contract ending soon and of instalments due and overdue, once each, as events and notifications', async () => {
    const reminders = api.app.get(SendContractRemindersJob);
    await reminders.run();
    const id = await executing({
      amount: '300.00',
      startDate: day(-100),
      endDate: day(10),
      instalments: [
        { dueDate: day(-2), amount: '100' },
        { dueDate: day(3), amount: '100' },
        { dueDate: day(60), amount: '100' },
      ],
    });
    // A draft with the same dates is not in force: nothing about it.
    const draft = (
      await createContract(api, rep, contractBody(customerId, { endDate: day(5), instalments: [{ dueDate: day(-1), amount: '120000' }] })).expect(201)
    ).body.id as string;

    expect(await reminders.run()).toBe(3);
    expect(await reminders.run()).toBe(0);
    const number = (await getContract(api, rep, id)).body.number as string;
    expect(await eventsOf(api, id, 'contract.ending-soon.v1')).toEqual([
      expect.objectContaining({ contractId: id, customerId, number, ownerId: rep.id, endDate: day(10), daysLeft: 10 }),
    ]);
    expect(await eventsOf(api, id, 'contract.instalment-due.v1')).toEqual([
      expect.objectContaining({ seq: 2, dueDate: day(3), amount: '100.00', currency: 'CNY' }),
    ]);
    expect(await eventsOf(api, id, 'contract.instalment-overdue.v1')).toEqual([expect.objectContaining({ seq: 1, dueDate: day(-2), amount: '100.00' })]);
    expect(await eventsOf(api, draft, 'contract.ending-soon.v1')).toEqual([]);
    expect(await eventsOf(api, draft, 'contract.instalment-overdue.v1')).toEqual([]);

    await api.settleEvents();
    const inbox = await api.http.get('/api/v1/notifications').set('Authorization', rep.auth).expect(200);
    const reminded = inbox.body.items.filter((item: { kind: string }) => ['contract-ending', 'instalment-reminder'].includes(item.kind));
    expect(reminded.map((item: { kind: string; title: string }) => `${item.kind} ${item.title}`).sort()).toEqual(
      ['contract-ending 合同即将到期', 'instalment-reminder 回款已逾期', 'instalment-reminder 回款即将到期'].sort(),
    );
    expect(reminded.every((item: { link: string }) => item.link === `/api/v1/contracts/${id}`)).toBe(true);

    // A change that moves the end date re-arms its reminder.
    const change = await api.http
      .post(`/api/v1/contracts/${id}/amendments`)
      .set('Authorization', rep.auth)
      .send({ reason: '延期交付', endDate: day(20) })
      .expect(201);
    await decide(api, admin, change.body.approvalRequestId, 'approve');
    expect(await reminders.run()).toBe(1);
    expect((await eventsOf(api, id, 'contract.ending-soon.v1')).map((event) => event.endDate)).toEqual([day(10), day(20)]);

    // The lead times are settings: a 90-day instalment horizon reaches the third instalment.
    await api.http.patch('/api/v1/contract-settings').set('Authorization', admin.auth).send({ instalmentReminderDays: 90 }).expect(200);
    expect(await reminders.run()).toBe(1);
    expect((await eventsOf(api, id, 'contract.instalment-due.v1')).map((event) => event.seq)).toEqual([2, 3]);
  });

  it('numbers contracts from an editable pattern, with a counter that stays consecutive under concurrency', async () => {
    const settings = await api.http.get('/api/v1/contract-settings').set('Authorization', rep.auth).expect(200);
    expect(settings.body).toMatchObject({ numberPattern: 'HT{yyyy}{MM}-{seq:4}', endingReminderDays: 30 });
    await api.http.patch('/api/v1/contract-settings').set('Authorization', rep.auth).send({ numberPattern: 'C{yy}-{seq:3}' }).expect(403);
    const bad = await api.http.patch('/api/v1/contract-settings').set('Authorization', admin.auth).send({ numberPattern: 'C{hh}{seq:3}' }).expect(400);
    expect(bad.body.code).toBe('CONTRACT.INVALID_NUMBER_PATTERN');
    const stale = await api.http
      .patch('/api/v1/contract-settings')
      .set('Authorization', admin.auth)
      .set('If-Match', '"999"')
      .send({ numberPattern: 'CT{yy}-{seq:3}' })
      .expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const changed = await api.http
      .patch('/api/v1/contract-settings')
      .set('Authorization', admin.auth)
      .set('If-Match', settings.headers.etag!)
      .send({ numberPattern: 'CT{yy}-{seq:3}' })
      .expect(200);
    expect(changed.body.numberPattern).toBe('CT{yy}-{seq:3}');

    const created = await Promise.all(Array.from({ length: 8 }, () => createContract(api, rep, contractBody(customerId))));
    expect(created.map((response) => response.status)).toEqual(Array(8).fill(201));
    const yy = day(0).slice(2, 4);
    const numbers = created.map((response) => response.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, index) => `CT${yy}-${String(index + 1).padStart(3, '0')}`));
  });

  it('starts a contract from a won opportunity: customer, name, amount and products come from it', async () => {
    const [productId] = await catalogProducts(api, admin, 1);
    const stages = await defaultStages(api, rep);
    const opportunity = await createOpportunity(api, rep, {
      customerId,
      amount: '99.99',
      contactIds: [await customerContact(api, rep, customerId)],
      expectedCloseDate: '2027-03-01',
      products: [{ productId, quantity: '3', unitPrice: '33.33' }],
    }).expect(201);
    // Not won yet: no contract from it.
    const early = await createContract(api, rep, { opportunityId: opportunity.body.id, type: 'standard', signingParty: '上海示例科技有限公司' }).expect(422);
    expect(early.body.code).toBe('CONTRACT.OPPORTUNITY_NOT_WON');
    await changeStage(api, rep, opportunity.body.id, { toStageId: stages['赢单']!.id }).expect(200);
    await api.settleEvents();

    const contract = await createContract(api, rep, {
      opportunityId: opportunity.body.id,
      type: 'standard',
      signingParty: '上海示例科技有限公司',
      instalments: [
        { dueDate: '2027-01-31', amount: '33.33' },
        { dueDate: '2027-02-28', amount: '33.33' },
        { dueDate: '2027-03-31', amount: '33.33' },
      ],
    }).expect(201);
    expect(contract.body).toMatchObject({
      customerId,
      opportunityId: opportunity.body.id,
      name: opportunity.body.name,
      amount: '99.99',
      currency: 'CNY',
      productIds: [productId],
    });
    const otherCustomer = await heldCustomer(api, rep);
    const mismatch = await createContract(api, rep, { ...contractBody(otherCustomer), opportunityId: opportunity.body.id }).expect(422);
    expect(mismatch.body.code).toBe('CONTRACT.OPPORTUNITY_CUSTOMER_MISMATCH');
    // Someone who does not work the customer cannot start a contract from its opportunity.
    const stranger = await api.user(['sales-rep']);
    const refused = await createContract(api, stranger, { opportunityId: opportunity.body.id, type: 'standard', signingParty: '上海示例科技有限公司' });
    expect([403, 404]).toContain(refused.status);
    expect(refused.body.code).toMatch(/^CUSTOMER\./);
    const listed = await api.http.get(`/api/v1/contracts?opportunityId=${opportunity.body.id}`).set('Authorization', rep.auth).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([contract.body.id]);
  });
});
