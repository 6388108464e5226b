import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { bankAccount, createOrder, heldCustomer, notifyBank, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/** ORD-4: payments and bank matches arriving at once on one order never take it past its total. */
describeOnServer('Concurrent payments on one order', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let finance: TestUser;
  let item: string;
  let list: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    const lineId = await productLine(api, admin);
    item = await product(api, admin, lineId);
    list = await pricedList(api, admin, [[item, '100.00']]);
  });
  afterAll(() => api.close());

  const order = async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201);
    return body as { id: string; number: string };
  };
  const paid = async (id: string) => (await api.http.get(`/api/v1/orders/${id}`).set('Authorization', finance.auth).expect(200)).body.paid as string;

  it('five payments of 40.00 at once on an order of 100.00: two are taken, three refused, 80.00 paid', async () => {
    const target = await order();
    const responses = await Promise.all(Array.from({ length: 5 }, () => recordPayment(api, finance, target.id, '40.00')));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 422, 422, 422]);
    expect(responses.filter((response) => response.status === 422).map((response) => response.body.code)).toEqual(
      Array(3).fill('ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT'),
    );
    expect(await paid(target.id)).toBe('80.00');
    const [row] = await api.tx.query<{ sum: string }>(
      `SELECT sum(amount)::text AS sum FROM contract.order_payments WHERE order_id = $1 AND reversed_at IS NULL`,
      [target.id],
    );
    expect(row!.sum).toBe('80.00');
  });

  it('four bank notifications naming the order for its full amount at once: one reconciles, three wait for finance', async () => {
    const target = await order();
    const account = await bankAccount(api, admin, '0');
    const responses = await Promise.all(
      ['C-1', 'C-2', 'C-3', 'C-4'].map((transactionId) =>
        notifyBank(api, account, { transactionId, amount: '100.00', payerName: 'x', reference: target.number }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(responses.map((response) => response.body.status).sort()).toEqual(['matched', 'unmatched', 'unmatched', 'unmatched']);
    expect(await paid(target.id)).toBe('100.00');
  });

  it('the same notification replayed at once is stored once and answered alike', async () => {
    const target = await order();
    const account = await bankAccount(api, admin, '0');
    const body = { transactionId: 'SAME-1', amount: '100.00', payerName: 'x', reference: target.number };
    const responses = await Promise.all([1, 2, 3].map(() => notifyBank(api, account, body)));
    expect(responses.map((response) => response.body)).toEqual([responses[0]!.body, responses[0]!.body, responses[0]!.body]);
    expect(responses[0]!.body.status).toBe('matched');
    const [row] = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM contract.bank_transactions WHERE bank_account_id = $1`, [
      account.id,
    ]);
    expect(row!.count).toBe(1);
    expect(await paid(target.id)).toBe('100.00');
  });
});
