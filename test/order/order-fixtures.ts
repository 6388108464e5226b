import type { TestApp, TestUser } from '../support/test-app.js';

let counter = 0;
const unique = () => `${++counter}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

/** A customer the user holds (created by them), with a unique company name. */
export async function heldCustomer(api: TestApp, user: TestUser, name = `订单客户${unique()}有限公司`): Promise<string> {
  const { body } = await api.http.post('/api/v1/customers').set('Authorization', user.auth).send({ kind: 'enterprise', name }).expect(201);
  await api.settleEvents();
  return body.id as string;
}

export async function productLine(api: TestApp, admin: TestUser): Promise<string> {
  const code = `ORD${unique()}`;
  const line = await api.http
    .post('/api/v1/product-lines')
    .set('Authorization', admin.auth)
    .send({ code, name: `条线${code}`, headIds: [] })
    .expect(201);
  return line.body.id as string;
}

export async function product(api: TestApp, admin: TestUser, lineId: string, body: Record<string, unknown> = {}): Promise<string> {
  const code = `P${unique()}`;
  const { body: created } = await api.http
    .post('/api/v1/products')
    .set('Authorization', admin.auth)
    .send({ productLineId: lineId, code, name: `产品${code}`, published: true, ...body })
    .expect(201);
  return created.id as string;
}

export async function priceList(api: TestApp, admin: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const { body: created } = await api.http
    .post('/api/v1/price-lists')
    .set('Authorization', admin.auth)
    .send({ name: `价格表${unique()}`, validFrom: '2026-01-01', ...body })
    .expect(201);
  return created.id as string;
}

export async function price(
  api: TestApp,
  admin: TestUser,
  listId: string,
  productId: string,
  unitPrice: string,
  window: Record<string, string> = {},
): Promise<string> {
  const { body } = await api.http
    .post(`/api/v1/price-lists/${listId}/entries`)
    .set('Authorization', admin.auth)
    .send({ productId, unitPrice, ...window })
    .expect(201);
  return body.id as string;
}

export function quote(api: TestApp, user: TestUser, listId: string, date: string, lines: { productId: string; quantity: string }[]) {
  return api.http.post(`/api/v1/price-lists/${listId}/quotes`).set('Authorization', user.auth).send({ date, lines });
}

export async function eventsOf(api: TestApp, aggregateId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await api.tx.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM platform.events WHERE aggregate_id = $1 AND type = $2 ORDER BY seq`,
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}

export function createOrder(api: TestApp, user: TestUser, body: Record<string, unknown>) {
  return api.http
    .post('/api/v1/orders')
    .set('Authorization', user.auth)
    .send({ orderDate: '2026-03-01', ...body });
}

/** Submits the order and has `approver` approve it; the order is approved once the outcome is delivered. */
export async function approveOrder(api: TestApp, owner: TestUser, approver: TestUser, orderId: string): Promise<void> {
  const submitted = await api.http.post(`/api/v1/orders/${orderId}/approval`).set('Authorization', owner.auth).expect(202);
  await api.http
    .post(`/api/v1/approvals/${submitted.body.approvalRequestId}/decisions`)
    .set('Authorization', approver.auth)
    .send({ decision: 'approve' })
    .expect(200);
  await api.settleEvents();
}

export function recordPayment(api: TestApp, user: TestUser, orderId: string, amount: string, extra: Record<string, unknown> = {}) {
  return api.http
    .post(`/api/v1/orders/${orderId}/payments`)
    .set('Authorization', user.auth)
    .send({ amount, paidOn: '2026-03-05', method: '银行转账', payer: '付款单位', ...extra });
}

/** A price list valid from 2026-01-01 pricing each product at the given price. */
export async function pricedList(api: TestApp, admin: TestUser, prices: [string, string][]): Promise<string> {
  const list = await priceList(api, admin);
  for (const [productId, unitPrice] of prices) await price(api, admin, list, productId, unitPrice);
  return list;
}
