import { act, contractBody, createContract, decide } from '../contract/contract-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { approveOrder, createOrder, eventsOf, heldCustomer, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/**
 * Reduction orders [减单 / 退货]: lines of an approved order taken back through approval, never
 * below zero, never below what was paid; each line recomputed exactly for what remains; the order
 * total and the contract's ordered amount follow; rejected and lapsed reductions change nothing.
 */
describe('Reduction orders after approval', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let finance: TestUser;
  let itemA: string;
  let itemB: string;
  let list: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    const lineId = await productLine(api, admin);
    itemA = await product(api, admin, lineId);
    itemB = await product(api, admin, lineId);
    list = await pricedList(api, admin, [
      [itemA, '300.00'],
      [itemB, '10.00'],
    ]);
  });
  afterAll(() => api.close());

  const reduce = (by: TestUser, orderId: string, lines: { lineIndex: number; quantity: string }[], reason = '客户退回') =>
    api.http.post(`/api/v1/orders/${orderId}/reductions`).set('Authorization', by.auth).send({ reason, lines });
  const getOrder = async (orderId: string) => (await api.http.get(`/api/v1/orders/${orderId}`).set('Authorization', rep.auth).expect(200)).body;
  /** Requests a reduction and has the administrator (the fallback approver) decide it. */
  const reduced = async (orderId: string, lines: { lineIndex: number; quantity: string }[], decision: 'approve' | 'reject' = 'approve') => {
    const requested = await reduce(rep, orderId, lines).expect(201);
    expect(requested.body.status).toBe('in-approval');
    await decide(api, admin, requested.body.approvalRequestId, decision, decision === 'reject' ? '不同意减单' : undefined);
    const all = (await api.http.get(`/api/v1/orders/${orderId}/reductions`).set('Authorization', rep.auth).expect(200)).body.items;
    return all.find((r: { id: string }) => r.id === requested.body.id) as Record<string, unknown>;
  };

  it('takes lines back through approval, exactly to the cent, never below zero or below what was paid; the contract follows', async () => {
    const customerId = await heldCustomer(api, rep);
    const contract = await createContract(api, rep, contractBody(customerId, { amount: '1000.00' })).expect(201);
    const submitted = await act(api, rep, contract.body.id, 'submissions').expect(200);
    await decide(api, admin, submitted.body.approvalRequestId, 'approve');
    await act(api, rep, contract.body.id, 'activation').expect(200);

    // 2 × 300.00 = 600.00; 3 × 10.00 less 33.33% = 20.001 → 20.00. Total 620.00.
    const order = await createOrder(api, rep, {
      customerId,
      contractId: contract.body.id,
      priceListId: list,
      lines: [
        { productId: itemA, quantity: '2' },
        { productId: itemB, quantity: '3', discountPercent: '33.33' },
      ],
    }).expect(201);
    const orderId = order.body.id as string;
    expect(order.body.total).toBe('620.00');
    expect((await reduce(rep, orderId, [{ lineIndex: 1, quantity: '1' }]).expect(409)).body).toMatchObject({
      code: 'ORDER.NOT_REDUCIBLE',
      orderStatus: 'draft',
    });
    await approveOrder(api, rep, admin, orderId);
    await recordPayment(api, finance, orderId, '600.00').expect(201);

    expect((await reduce(rep, orderId, [{ lineIndex: 0, quantity: '1' }]).expect(422)).body).toMatchObject({
      code: 'ORDER.REDUCTION_BELOW_PAID',
      paid: '600.00',
      newTotal: '320.00',
    });
    expect((await reduce(rep, orderId, [{ lineIndex: 0, quantity: '3' }]).expect(422)).body).toMatchObject({
      code: 'ORDER.REDUCTION_EXCEEDS_QUANTITY',
      remainingQuantity: '2',
    });
    expect((await reduce(rep, orderId, [{ lineIndex: 5, quantity: '1' }]).expect(422)).body.code).toBe('ORDER.REDUCTION_LINE_NOT_FOUND');
    expect((await reduce(rep, orderId, [{ lineIndex: 1, quantity: '0' }]).expect(400)).body.code).toBe('REQUEST.VALIDATION_FAILED');
    await reduce(otherRep, orderId, [{ lineIndex: 1, quantity: '1' }]).expect(404);

    // One at a time: the second waits for the first's outcome.
    const first = await reduce(rep, orderId, [{ lineIndex: 1, quantity: '1' }]).expect(201);
    expect(first.body).toMatchObject({
      status: 'in-approval',
      amount: '6.67',
      lines: [{ lineIndex: 1, quantity: '1', amount: '6.67', remainingQuantity: '2' }],
    });
    expect((await reduce(rep, orderId, [{ lineIndex: 1, quantity: '1' }]).expect(409)).body.code).toBe('ORDER.REDUCTION_PENDING');
    expect((await getOrder(orderId)).total).toBe('620.00');
    await decide(api, admin, first.body.approvalRequestId, 'approve');
    // 2 left: 2 × 10.00 × 0.6667 = 13.334 → 13.33, so 20.00 − 13.33 = 6.67 came off.
    const afterFirst = await getOrder(orderId);
    expect(afterFirst).toMatchObject({ total: '613.33', paid: '600.00', paymentStatus: 'partially-paid' });
    // The line keeps what was ordered and shows what was taken off and what remains [已减 / 剩余].
    expect(afterFirst.lines[1]).toMatchObject({
      quantity: '3',
      amount: '20.00',
      reducedQuantity: '1',
      reducedAmount: '6.67',
      remainingQuantity: '2',
      remainingAmount: '13.33',
    });
    expect(afterFirst.lines[0]).toMatchObject({ reducedQuantity: '0', reducedAmount: '0.00' });
    expect(afterFirst.lines[0].remainingAmount).toBe(afterFirst.lines[0].amount);
    // 600.00 + 13.33 = 613.33: the order total is the sum of what remains on its lines.
    expect(afterFirst.lines.map((line: { remainingAmount: string }) => line.remainingAmount)).toEqual(['600.00', '13.33']);

    // 1 left: 6.667 → 6.67, so 13.33 − 6.67 = 6.66; then the last one, 6.67: 6.67 + 6.66 + 6.67 = 20.00 exactly.
    expect(await reduced(orderId, [{ lineIndex: 1, quantity: '1' }])).toMatchObject({ status: 'approved', amount: '6.66' });
    expect(await reduced(orderId, [{ lineIndex: 1, quantity: '1' }])).toMatchObject({ status: 'approved', amount: '6.67' });
    const afterAll = await getOrder(orderId);
    expect(afterAll).toMatchObject({ total: '600.00', paymentStatus: 'paid' });
    expect(afterAll.lines[1]).toMatchObject({ quantity: '3', reducedQuantity: '3', reducedAmount: '20.00', remainingQuantity: '0', remainingAmount: '0.00' });
    expect((await reduce(rep, orderId, [{ lineIndex: 1, quantity: '0.5' }]).expect(422)).body).toMatchObject({
      code: 'ORDER.REDUCTION_EXCEEDS_QUANTITY',
      remainingQuantity: '0',
    });
    const events = await eventsOf(api, orderId, 'order.reduced.v1');
    expect(events.map((e) => [e.amount, e.orderTotal])).toEqual([
      ['6.67', '613.33'],
      ['6.66', '606.67'],
      ['6.67', '600.00'],
    ]);
    expect(events[0]).toMatchObject({ contractId: contract.body.id, reductionId: first.body.id, reason: '客户退回', paidTotal: '600.00' });
    const collection = (await api.http.get(`/api/v1/contracts/${contract.body.id}/collection`).set('Authorization', rep.auth).expect(200)).body;
    expect(collection).toMatchObject({ ordered: '600.00', collected: '600.00' });

    // A rejected reduction changes nothing.
    const payments = (await api.http.get(`/api/v1/orders/${orderId}/payments`).set('Authorization', finance.auth).expect(200)).body.items;
    await api.http
      .post(`/api/v1/orders/${orderId}/payments/${payments[0].id}/reversal`)
      .set('Authorization', finance.auth)
      .send({ reason: '客户退货，款项退回' })
      .expect(200);
    expect(await reduced(orderId, [{ lineIndex: 0, quantity: '1' }], 'reject')).toMatchObject({ status: 'rejected' });
    expect((await getOrder(orderId)).total).toBe('600.00');

    // A payment while the reduction waits leaves it no room: approved, but it lapses and changes nothing.
    const waiting = await reduce(rep, orderId, [{ lineIndex: 0, quantity: '2' }]).expect(201);
    await recordPayment(api, finance, orderId, '300.00').expect(201);
    await decide(api, admin, waiting.body.approvalRequestId, 'approve');
    const lapsed = (await api.http.get(`/api/v1/orders/${orderId}/reductions`).set('Authorization', rep.auth).expect(200)).body.items.find(
      (r: { id: string }) => r.id === waiting.body.id,
    );
    expect(lapsed).toMatchObject({ status: 'lapsed', lapseCode: 'ORDER.REDUCTION_BELOW_PAID' });
    expect(await getOrder(orderId)).toMatchObject({ total: '600.00', paid: '300.00' });
    expect(await eventsOf(api, orderId, 'order.reduced.v1')).toHaveLength(3);
  });
});
