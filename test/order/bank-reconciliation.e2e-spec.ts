import { TestApp, type TestUser } from '../support/test-app.js';
import { approveOrder, bankAccount, createOrder, eventsOf, heldCustomer, notifyBank, pricedList, product, productLine } from './order-fixtures.js';

/** ORD-4: signed bank notifications [到账通知], matched by rules in order, with a finance queue to match by hand and undo. */
describe('Bank reconciliation [银行对账]', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let finance: TestUser;
  let account: { id: string; secret: string };
  let item: string;
  let list: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    account = await bankAccount(api, admin, '5.00');
    const lineId = await productLine(api, admin);
    item = await product(api, admin, lineId);
    list = await pricedList(api, admin, [[item, '500.00']]);
  });
  afterAll(() => api.close());

  const order = async (quantity: string, customerName?: string) => {
    const customerId = await heldCustomer(api, rep, customerName);
    const { body } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity }] }).expect(201);
    return body as { id: string; number: string; total: string };
  };
  const getOrder = async (id: string) => (await api.http.get(`/api/v1/orders/${id}`).set('Authorization', finance.auth).expect(200)).body;
  const queue = async (status: string) =>
    (await api.http.get('/api/v1/bank-transactions').query({ status, limit: 100 }).set('Authorization', finance.auth).expect(200)).body.items as {
      id: string;
      transactionId: string;
      orderId: string | null;
      rule: string | null;
    }[];

  it('refuses a wrong signature, an unknown account and a stale timestamp alike, storing nothing', async () => {
    const target = await order('1');
    const body = { transactionId: 'SIG-1', amount: '500.00', payerName: '某公司', reference: target.number };
    const wrong = await notifyBank(api, account, body, { secret: 'not-the-secret' }).expect(401);
    expect(wrong.body.code).toBe('BANK.SIGNATURE_INVALID');
    await notifyBank(api, { ...account, id: '00000000-0000-7000-8000-000000000001' }, body).expect(401);
    await notifyBank(api, account, body, { timestamp: Math.floor(Date.now() / 1000) - 600 }).expect(401);
    await api.http
      .post('/api/v1/bank-notifications')
      .send({ ...body, bookedOn: '2026-03-05' })
      .expect(401);
    expect((await getOrder(target.id)).paid).toBe('0.00');
    expect((await queue('unmatched')).map((row) => row.transactionId)).not.toContain('SIG-1');
  });

  it('reconciles automatically by reference and amount; a replay answers the same and pays nothing twice', async () => {
    const target = await order('3');
    const body = { transactionId: 'AUTO-1', amount: '1500.00', payerName: '别的付款人', reference: `货款 ${target.number.toLowerCase()} 全款` };
    const first = await notifyBank(api, account, body).expect(200);
    expect(first.body).toEqual({
      id: expect.any(String),
      transactionId: 'AUTO-1',
      status: 'matched',
      orderId: target.id,
      orderNumber: target.number,
      rule: 'reference-and-amount',
      confidence: '1.00',
    });
    const replay = await notifyBank(api, account, body).expect(200);
    expect(replay.body).toEqual(first.body);
    expect(await getOrder(target.id)).toMatchObject({ paid: '1500.00', paymentStatus: 'paid' });
    await api.settleEvents();
    expect(await eventsOf(api, target.id, 'order.payment-reconciled.v1')).toEqual([
      expect.objectContaining({
        amount: '1500.00',
        paidTotal: '1500.00',
        source: 'bank',
        rule: 'reference-and-amount',
        confidence: '1.00',
        bankTransactionId: first.body.id,
      }),
    ]);
  });

  it('reconciles automatically by payer (normalised customer name) and exact open amount', async () => {
    const target = await order('2', '星河数据科技（深圳）有限公司');
    const { body } = await notifyBank(api, account, {
      transactionId: 'PAYER-1',
      amount: '1000.00',
      payerName: '星河数据科技 (深圳) 股份有限公司',
      reference: '合同款',
    }).expect(200);
    expect(body).toMatchObject({ status: 'matched', orderId: target.id, rule: 'payer-and-open-amount', confidence: '0.90' });
    const payments = await api.http.get(`/api/v1/orders/${target.id}/payments`).set('Authorization', rep.auth).expect(200);
    expect(payments.body.items).toEqual([
      expect.objectContaining({ amount: '1000.00', source: 'bank', rule: 'payer-and-open-amount', confidence: '0.90', reversedAt: null }),
    ]);
  });

  it('proposes a match within the tolerance; the proposal blocks the hand-off until finance confirms it', async () => {
    const target = await order('2');
    const { body } = await notifyBank(api, account, { transactionId: 'TOL-1', amount: '996.00', payerName: '某单位', reference: `付${target.number}` }).expect(
      200,
    );
    expect(body).toMatchObject({ status: 'proposed', orderId: target.id, rule: 'reference-within-tolerance', confidence: '0.80' });
    expect((await getOrder(target.id)).paid).toBe('0.00');
    const blocked = await api.http.post(`/api/v1/orders/${target.id}/hand-off`).set('Authorization', rep.auth).expect(422);
    expect(blocked.body.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'ORDER.NOT_APPROVED',
      'ORDER.NOT_FULLY_PAID',
      'ORDER.PROPOSED_MATCH_PENDING',
    ]);
    expect((await queue('proposed')).map((row) => row.id)).toContain(body.id);

    const confirmed = await api.http.post(`/api/v1/bank-transactions/${body.id}/match`).set('Authorization', finance.auth).send({}).expect(200);
    expect(confirmed.body).toMatchObject({ orderId: target.id, rule: 'confirmed:reference-within-tolerance' });
    // 1000.00 − 996.00 leaves 4.00 open.
    expect(await getOrder(target.id)).toMatchObject({ paid: '996.00', openAmount: '4.00', paymentStatus: 'partially-paid' });
  });

  it('queues an unmatched transaction; finance matches it by hand and undoes the match', async () => {
    const target = await order('1');
    const { body } = await notifyBank(api, account, { transactionId: 'Q-1', amount: '480.00', payerName: '无名氏', reference: '' }).expect(200);
    expect(body).toMatchObject({ status: 'unmatched', orderId: null, rule: null, confidence: null });
    expect((await queue('unmatched')).map((row) => row.id)).toContain(body.id);
    await api.http.get('/api/v1/bank-transactions').query({ status: 'unmatched' }).set('Authorization', rep.auth).expect(403);
    await api.http.post(`/api/v1/bank-transactions/${body.id}/match`).set('Authorization', rep.auth).send({ orderId: target.id }).expect(403);

    const matched = await api.http
      .post(`/api/v1/bank-transactions/${body.id}/match`)
      .set('Authorization', finance.auth)
      .send({ orderId: target.id })
      .expect(200);
    expect(matched.body).toMatchObject({ orderId: target.id, rule: 'manual' });
    expect((await queue('matched')).find((row) => row.id === body.id)).toMatchObject({ orderId: target.id, rule: 'manual' });
    expect((await getOrder(target.id)).paid).toBe('480.00');
    const again = await api.http.post(`/api/v1/bank-transactions/${body.id}/match`).set('Authorization', finance.auth).send({ orderId: target.id }).expect(409);
    expect(again.body.code).toBe('BANK.TRANSACTION_NOT_MATCHABLE');

    await api.http.post(`/api/v1/bank-transactions/${body.id}/undo`).set('Authorization', finance.auth).send({ reason: '付款方不是该客户' }).expect(204);
    expect(await getOrder(target.id)).toMatchObject({ paid: '0.00', paymentStatus: 'unpaid' });
    expect((await queue('unmatched')).find((row) => row.id === body.id)).toMatchObject({ orderId: null, rule: null });
    const payments = await api.http.get(`/api/v1/orders/${target.id}/payments`).set('Authorization', finance.auth).expect(200);
    expect(payments.body.items).toEqual([
      expect.objectContaining({ amount: '480.00', rule: 'manual', reversedAt: expect.any(String), reversalReason: '付款方不是该客户' }),
    ]);
    await api.settleEvents();
    expect(await eventsOf(api, target.id, 'order.payment-reversed.v1')).toEqual([
      expect.objectContaining({ amount: '480.00', paidTotal: '0.00', reason: '付款方不是该客户' }),
    ]);
    expect(
      (await api.http.post(`/api/v1/bank-transactions/${body.id}/undo`).set('Authorization', finance.auth).send({ reason: 'x' }).expect(409)).body.code,
    ).toBe('BANK.TRANSACTION_NOT_MATCHED');
  });

  it('an approved order reconciled from the bank is handed off; its match can no longer be undone', async () => {
    const target = await order('1');
    await approveOrder(api, rep, admin, target.id);
    const { body } = await notifyBank(api, account, { transactionId: 'HO-1', amount: '500.00', payerName: 'x', reference: target.number }).expect(200);
    expect(body.status).toBe('matched');
    await api.http.post(`/api/v1/orders/${target.id}/hand-off`).set('Authorization', rep.auth).expect(200);
    const undo = await api.http.post(`/api/v1/bank-transactions/${body.id}/undo`).set('Authorization', finance.auth).send({ reason: '误操作' }).expect(409);
    expect(undo.body.code).toBe('BANK.ORDER_HANDED_OFF');
  });
});
