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
