import { SendContractRemindersJob } from '@crm/contracts/contract';
import { act, contractBody, createContract, decide, getContract } from '../contract/contract-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { bankAccount, createOrder, eventsOf, heldCustomer, notifyBank, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

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
 * reminder never fires for a paid instalment; a payment recorded by hand is reversed [回款冲销] and
 * the order and the instalments follow.
 */
describe('Payments allocated to the instalments of a contract', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let manager: TestUser;
  let finance: TestUser;
  let item: string;
  let list: string;
  let customerId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    manager = await api.user(['sales-manager']);
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

  it('reverses a payment recorded by hand: permission, reason, once, not a bank one; order, instalments and event follow', async () => {
    const id = await executing({
      amount: '600.00',
      startDate: day(-30),
      endDate: day(300),
      instalments: [
        { dueDate: day(-10), amount: '300.00' },
        { dueDate: day(100), amount: '300.00' },
      ],
    });
    const order = await createOrder(api, rep, { customerId, contractId: id, priceListId: list, lines: [{ productId: item, quantity: '2' }] }).expect(201);
    const orderId = order.body.id as string;
    const first = (await recordPayment(api, finance, orderId, '300.00').expect(201)).body.paymentId as string;
    await recordPayment(api, finance, orderId, '100.00').expect(201);
    expect(await plan(id)).toEqual([
      [1, '300.00', 'paid'],
      [2, '100.00', 'partially-paid'],
    ]);
    const reversal = (paymentId: string, by: TestUser, body: Record<string, unknown> = { reason: '重复登记' }) =>
      api.http.post(`/api/v1/orders/${orderId}/payments/${paymentId}/reversal`).set('Authorization', by.auth).send(body);

    await reversal(first, rep).expect(403);
    await reversal(first, manager).expect(403);
    expect((await reversal(first, finance, { reason: '   ' }).expect(400)).body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect((await reversal('01a00000-0000-7000-8000-000000000001', finance).expect(404)).body.code).toBe('ORDER.PAYMENT_NOT_FOUND');

    const reversed = await reversal(first, finance).expect(200);
    expect(reversed.body).toEqual({ paymentId: first, paid: '100.00', paymentStatus: 'partially-paid' });
    expect((await reversal(first, finance).expect(409)).body.code).toBe('ORDER.PAYMENT_ALREADY_REVERSED');
    // 100.00 left: it now sits on the first instalment, which is overdue again.
    expect(await plan(id)).toEqual([
      [1, '100.00', 'overdue'],
      [2, '0.00', 'pending'],
    ]);
    const payments = (await api.http.get(`/api/v1/orders/${orderId}/payments`).set('Authorization', finance.auth).expect(200)).body.items;
    expect(payments.find((p: { id: string }) => p.id === first)).toMatchObject({ reversalReason: '重复登记', reversedAt: expect.any(String) });
    expect(await eventsOf(api, orderId, 'order.payment-reversed.v1')).toEqual([
      expect.objectContaining({ paymentId: first, amount: '300.00', paidTotal: '100.00', paymentStatus: 'partially-paid', reason: '重复登记', contractId: id }),
    ]);
    const collection = (await api.http.get(`/api/v1/contracts/${id}/collection`).set('Authorization', rep.auth).expect(200)).body;
    expect(collection).toMatchObject({ collected: '100.00', collectionRatio: '0.1667' });

    // A payment the bank reconciled is undone in the bank queue, not reversed here.
    const admin2 = await api.user(['admin']);
    const account = await bankAccount(api, admin2);
    const number = (await api.http.get(`/api/v1/orders/${orderId}`).set('Authorization', rep.auth).expect(200)).body.number as string;
    await notifyBank(api, account, { transactionId: `REV-${orderId}`, amount: '500.00', payerName: '付款单位', reference: number }).expect(200);
    const bankPayment = (await api.http.get(`/api/v1/orders/${orderId}/payments`).set('Authorization', finance.auth).expect(200)).body.items.find(
      (p: { source: string }) => p.source === 'bank',
    );
    expect((await reversal(bankPayment.id, finance).expect(409)).body.code).toBe('ORDER.PAYMENT_FROM_BANK');
    expect(await plan(id)).toEqual([
      [1, '300.00', 'paid'],
      [2, '300.00', 'paid'],
    ]);
  });
});
