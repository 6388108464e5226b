import type { TestApp, TestUser } from '../support/test-app.js';

export const DEFAULT_POOL_ID = '00000000-0000-7000-8000-0000000000a1';

let counter = 0;

/** A customer in the public pool, already known to the Pool context. */
export async function poolCustomer(api: TestApp, creator: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  const { body } = await api.http
    .post('/api/v1/customers')
    .set('Authorization', creator.auth)
    .send({ kind: 'enterprise', name: `公海客户${++counter}号${Math.random().toString(36).slice(2, 7)}有限公司`, ownerId: null, ...overrides })
    .expect(201);
  await api.settleEvents();
  return body.id as string;
}

export async function setPoolRules(api: TestApp, admin: TestUser, rules: Record<string, unknown>, poolId = DEFAULT_POOL_ID): Promise<void> {
  await api.http.patch(`/api/v1/pools/${poolId}`).set('Authorization', admin.auth).send({ rules }).expect(200);
}

export function claim(api: TestApp, user: TestUser, customerId: string, body: Record<string, unknown> = {}) {
  return api.http.post(`/api/v1/pool/customers/${customerId}/claims`).set('Authorization', user.auth).send(body);
}

export async function ownerOf(api: TestApp, customerId: string): Promise<{ ownerId: string | null; status: string; coHolderIds: string[] }> {
  const [row] = await api.tx.query<{ ownerId: string | null; status: string; coHolderIds: string[] }>(
    `SELECT owner_id AS "ownerId", status, co_holder_ids AS "coHolderIds" FROM customer.customers WHERE id = $1`,
    [customerId],
  );
  return row!;
}

export async function activeProtections(api: TestApp, customerId: string): Promise<{ holder_id: string; scope_kind: string }[]> {
  return api.tx.query(`SELECT holder_id, scope_kind FROM pool.protections WHERE customer_id = $1 AND released_at IS NULL`, [customerId]);
}

export async function eventsOf(api: TestApp, customerId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await api.tx.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM platform.events WHERE customer_id = $1 AND type = $2 ORDER BY seq`,
    [customerId, type],
  );
  return rows.map((row) => row.payload);
}
