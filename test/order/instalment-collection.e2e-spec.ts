import { SendContractRemindersJob } from '@crm/contracts/contract';
import { act, contractBody, createContract, decide, getContract } from '../contract/contract-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { createOrder, eventsOf, heldCustomer, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/** `YYYY-MM-DD` of today plus `days` in the company's time zone (Asia/Shanghai by default). */
function day(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Collected amounts per instalment [回款计划执行]: payments on a contract's orders allocate to its
 * instalments earliest due first; each instalment shows what it got and its status; the overdue
 * reminder never fires for a paid instalment.
 */
describe('Payments allocated to the instalments of a contract', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let finance: TestUser;
  let item: string;
  let list: string;
  let customerId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    const lineId = await productLine(api, admin);
    item = await product(api, admin, lineId);
    list = await pricedList(api, admin, [[item, '300.00']]);
    customerId = await heldCustomer(api, rep);
  });
  afterAll(() => api.close());

  const executing = async (overrides: Record<string, unknown>) => {
    const created = await createContract(api, rep, contractBody(customerId, overrides)).expect(201);
    const submitted = await act(api, rep, created.body.id, 'submissions').expect(200);
    await decide(api, admin, submitted.body.approvalRequestId, 'approve');
    await act(api, rep, created.body.id, 'activation').expect(200);
    return created.body.id as string;
  };
  const plan = async (id: string) =>
    ((await getContract(api, rep, id).expect(200)).body.instalments as { seq: number; paid: string; status: string }[]).map((i) => [i.seq, i.paid, i.status]);

  it('fills instalments in due-date order, shows paid amounts and statuses, and reminds only of the unpaid one', async () => {
    const reminders = api.app.get(SendContractRemindersJob);
    await reminders.run();
    const id = await executing({
      amount: '900.00',
      startDate: day(-100),
      endDate: day(400),
      // Given out of order: the plan is ordered by due date.
      instalments: [
        { dueDate: day(300), amount: '300.00' },
        { dueDate: day(-40), amount: '300.00' },
        { dueDate: day(-10), amount: '300.00' },
      ],
    });
    expect(await plan(id)).toEqual([
      [1, '0.00', 'overdue'],
      [2, '0.00', 'overdue'],
      [3, '0.00', 'pending'],
    ]);
    const order = await createOrder(api, rep, { customerId, contractId: id, priceListId: list, lines: [{ productId: item, quantity: '3' }] }).expect(201);

    await recordPayment(api, finance, order.body.id, '300.00').expect(201);
    await recordPayment(api, finance, order.body.id, '0.10').expect(201);
    await recordPayment(api, finance, order.body.id, '0.20').expect(201);
    // 300.00 + 0.10 + 0.20 = 300.30: the first instalment paid, 0.30 on the second, still overdue.
    expect(await plan(id)).toEqual([
      [1, '300.00', 'paid'],
      [2, '0.30', 'overdue'],
      [3, '0.00', 'pending'],
    ]);

    await reminders.run();
    const overdue = (await eventsOf(api, id, 'contract.instalment-overdue.v1')).map((payload) => payload.seq);
    expect(overdue).toEqual([2]);

    await recordPayment(api, finance, order.body.id, '299.70').expect(201);
    await recordPayment(api, finance, order.body.id, '100.00').expect(201);
    expect(await plan(id)).toEqual([
      [1, '300.00', 'paid'],
      [2, '300.00', 'paid'],
      [3, '100.00', 'partially-paid'],
    ]);
  });

  it('a draft owes nothing yet: past due dates stay pending; a paid instalment is never reminded', async () => {
    const draft = (await createContract(api, rep, contractBody(customerId, { instalments: [{ dueDate: day(-5), amount: '120000.00' }] })).expect(201)).body
      .id as string;
    expect(await plan(draft)).toEqual([[1, '0.00', 'pending']]);

    const reminders = api.app.get(SendContractRemindersJob);
    const id = await executing({ amount: '300.00', startDate: day(-30), endDate: day(300), instalments: [{ dueDate: day(-1), amount: '300.00' }] });
    const order = await createOrder(api, rep, { customerId, contractId: id, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201);
    await recordPayment(api, finance, order.body.id, '300.00').expect(201);
    await reminders.run();
    expect(await eventsOf(api, id, 'contract.instalment-overdue.v1')).toEqual([]);
    expect(await plan(id)).toEqual([[1, '300.00', 'paid']]);
  });
});
