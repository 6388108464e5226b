import { applyPaymentEvents } from '../../libs/opportunity/src/application/reactions/project-collected-amounts.reaction.js';
import { bankAccount, createOrder, heldCustomer, notifyBank, pricedList, product, productLine, recordPayment } from '../order/order-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';

/**
 * Collected amount [回款金额] as a target metric, end to end over HTTP: orders, payments recorded by finance,
 * a bank transaction matched by hand and then undone [撤销对账]; the Opportunity context learns of them only
 * through the order's payment events. March 2026, by hand:
 *
 *   rep A (order 1, total 1000.00): 0.10 paid 03-05, 0.20 paid 03-20, bank 33.33 booked 03-31 (kept),
 *          bank 480.00 booked 03-06 (undone), 100.00 paid 04-01 (April)
 *          March = 0.10 + 0.20 + 33.33 = 33.63 (513.63 while the 480.00 was matched)
 *   rep B (order 2, total 1000.00): 66.67 paid 03-15            → team in March: 33.63 + 66.67 = 100.30
 */
describe('Collected amount [回款] targets', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let manager: TestUser;
  let finance: TestUser;
  let team: { departmentId: string; teamId: string };
  let account: { id: string; secret: string };
  let orderA: string;
  let orderB: string;

  const setTarget = (body: Record<string, unknown>) => api.http.post('/api/v1/targets').set('Authorization', manager.auth).send(body);
  const getTarget = (user: TestUser, id: string) => api.http.get(`/api/v1/targets/${id}`).set('Authorization', user.auth);
  const pay = async (orderId: string, amount: string, paidOn: string) => {
    await recordPayment(api, finance, orderId, amount, { paidOn }).expect(201);
  };
  const bankMatch = async (orderId: string, transactionId: string, amount: string, bookedOn: string): Promise<string> => {
    const { body } = await notifyBank(api, account, { transactionId, amount, bookedOn, payerName: '无名氏', reference: '' }).expect(200);
    expect(body.status).toBe('unmatched');
    await api.http.post(`/api/v1/bank-transactions/${body.id}/match`).set('Authorization', finance.auth).send({ orderId }).expect(200);
    return body.id as string;
  };

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    team = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    repC = await api.user(['sales-rep'], await api.team());
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    finance = await api.user(['finance']);
    account = await bankAccount(api, admin);
    const item = await product(api, admin, await productLine(api, admin));
    const list = await pricedList(api, admin, [[item, '1000.00']]);
    const order = async (rep: TestUser) =>
      (await createOrder(api, rep, { customerId: await heldCustomer(api, rep), priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201))
        .body.id as string;
    orderA = await order(repA);
    orderB = await order(repB);
  });
  afterAll(() => api.close());

  it('counts payments in force in the month paid, credited to the order owner; a reversal takes its amount back', async () => {
    await pay(orderA, '0.10', '2026-03-05');
    await pay(orderA, '0.20', '2026-03-20');
    await bankMatch(orderA, 'COL-1', '33.33', '2026-03-31');
    const undone = await bankMatch(orderA, 'COL-2', '480.00', '2026-03-06');
    await pay(orderA, '100.00', '2026-04-01');
    await pay(orderB, '66.67', '2026-03-15');
    await api.settleEvents();

    const mine = await setTarget({ subjectType: 'user', subjectId: repA.id, period: '2026-03', metric: 'collected-amount', value: '100' }).expect(201);
    // 0.10 + 0.20 + 33.33 + 480.00 = 513.63 of 100.00 = 513.63 %.
    expect(mine.body).toMatchObject({ metric: 'collected-amount', value: '100.00', achieved: '513.63', achievementRate: '513.63' });

    await api.http.post(`/api/v1/bank-transactions/${undone}/undo`).set('Authorization', finance.auth).send({ reason: '付款方不是该客户' }).expect(204);
    await api.settleEvents();
    // 513.63 − 480.00 = 33.63 → 33.63 %.
    expect((await getTarget(repA, mine.body.id).expect(200)).body).toMatchObject({ achieved: '33.63', achievementRate: '33.63' });

    // Q1 is January to March: the same 33.63 of 300.00 = 11.21 %; April alone: 100.00 of 100.00.
    const quarter = await setTarget({ subjectType: 'user', subjectId: repA.id, period: '2026-Q1', metric: 'collected-amount', value: '300' }).expect(201);
    expect(quarter.body).toMatchObject({ achieved: '33.63', achievementRate: '11.21' });
    const april = await setTarget({ subjectType: 'user', subjectId: repA.id, period: '2026-04', metric: 'collected-amount', value: '100.00' }).expect(201);
    expect(april.body).toMatchObject({ achieved: '100.00', achievementRate: '100.00' });

    // The team: 33.63 + 66.67 = 100.30 of 200.00 = 50.15 %.
    const ours = await setTarget({ subjectType: 'team', subjectId: team.teamId, period: '2026-03', metric: 'collected-amount', value: '200' }).expect(201);
    expect(ours.body).toMatchObject({ achieved: '100.30', achievementRate: '50.15' });
    const listed = await api.http
      .get('/api/v1/targets')
      .query({ metric: 'collected-amount', period: '2026-03' })
      .set('Authorization', manager.auth)
      .expect(200);
    expect(listed.body.items.map((target: { achieved: string }) => target.achieved).sort()).toEqual(['100.30', '33.63']);
  });

  it('is seen by the person and their superiors only', async () => {
    const { body } = await setTarget({ subjectType: 'user', subjectId: repB.id, period: '2026-03', metric: 'collected-amount', value: '66.67' }).expect(201);
    expect(body).toMatchObject({ achieved: '66.67', achievementRate: '100.00' });
    await getTarget(repB, body.id).expect(200);
    await getTarget(manager, body.id).expect(200);
    for (const other of [repA, repC]) {
      const hidden = await getTarget(other, body.id).expect(404);
      expect(hidden.body.code).toBe('OPPORTUNITY.TARGET_NOT_FOUND');
    }
    const seen = await api.http.get('/api/v1/targets').query({ metric: 'collected-amount' }).set('Authorization', repC.auth).expect(200);
    expect(seen.body.items).toEqual([]);
  });

  it('counts each payment once however often its events arrive, in whatever order', async () => {
    const events = await api.tx.query<{ type: string; payload: unknown }>(
      `SELECT type, payload FROM platform.events WHERE aggregate_id = ANY($1::uuid[]) AND type LIKE 'order.payment-%' ORDER BY seq`,
      [[orderA, orderB]],
    );
    expect(events.map((event) => event.type).filter((type) => type === 'order.payment-reversed.v1')).toHaveLength(1);
    const before = await api.tx.query(`SELECT owner_id, month, currency, amount::text FROM opportunity.collected_monthly ORDER BY owner_id, month`);
    const run = (text: string, values: unknown[]) => api.tx.query(text, values);
    await applyPaymentEvents(run, events);
    await applyPaymentEvents(run, [...events].reverse());
    expect(await api.tx.query(`SELECT owner_id, month, currency, amount::text FROM opportunity.collected_monthly ORDER BY owner_id, month`)).toEqual(before);
    // A reversal delivered before its payment: the payment is never counted.
    const reversal = events.find((event) => event.type === 'order.payment-reversed.v1')!;
    const payment = { ...(reversal.payload as Record<string, unknown>), paymentId: '00000000-0000-7000-8000-0000000000c1', paidOn: '2026-05-02' };
    await applyPaymentEvents(run, [{ type: 'order.payment-reversed.v1', payload: payment }]);
    await applyPaymentEvents(run, [{ type: 'order.payment-recorded.v1', payload: payment }]);
    const may = await setTarget({ subjectType: 'user', subjectId: repA.id, period: '2026-05', metric: 'collected-amount', value: '10' }).expect(201);
    expect(may.body).toMatchObject({ achieved: '0.00', achievementRate: '0.00' });
  });
});
