import type { TestApp, TestUser } from '../support/test-app.js';

let counter = 0;

export interface StageRef {
  id: string;
  name: string;
  probability: number;
  outcome: string;
}

/** A customer the user holds (created by them, so protected for them), already placed in the pool context. */
export async function heldCustomer(api: TestApp, user: TestUser): Promise<string> {
  const { body } = await api.http
    .post('/api/v1/customers')
    .set('Authorization', user.auth)
    .send({ kind: 'enterprise', name: `商机客户${++counter}号${Math.random().toString(36).slice(2, 7)}有限公司` })
    .expect(201);
  await api.settleEvents();
  return body.id as string;
}

/** A contact working at the customer [联系人] (created and linked by the user, who works the customer). */
export async function customerContact(api: TestApp, user: TestUser, customerId: string): Promise<string> {
  const { body } = await api.http
    .post('/api/v1/contacts')
    .set('Authorization', user.auth)
    .send({ name: `联系人${++counter}${Math.random().toString(36).slice(2, 6)}` })
    .expect(201);
  await api.http
    .post(`/api/v1/customers/${customerId}/contacts`)
    .set('Authorization', user.auth)
    .send({ contactId: body.id, role: 'decision-maker', startedOn: '2026-01-01' })
    .expect(201);
  return body.id as string;
}

/** Products of a new product line [条线], created by an administrator. */
export async function catalogProducts(api: TestApp, admin: TestUser, count: number): Promise<string[]> {
  const code = `OPP${++counter}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const line = await api.http
    .post('/api/v1/product-lines')
    .set('Authorization', admin.auth)
    .send({ code, name: `条线${code}`, headIds: [] })
    .expect(201);
  const ids: string[] = [];
  for (let index = 1; index <= count; index++) {
    const product = await api.http
      .post('/api/v1/products')
      .set('Authorization', admin.auth)
      .send({ code: `${code}-${index}`, name: `产品${code}-${index}`, productLineId: line.body.id })
      .expect(201);
    ids.push(product.body.id as string);
  }
  return ids;
}

/** The default pipeline's stages by name. */
export async function defaultStages(api: TestApp, user: TestUser): Promise<Record<string, StageRef>> {
  const { body } = await api.http.get('/api/v1/pipelines').set('Authorization', user.auth).expect(200);
  const pipeline = body.items.find((item: { isDefault: boolean }) => item.isDefault);
  return Object.fromEntries((pipeline.stages as StageRef[]).map((stage) => [stage.name, stage]));
}

export function createOpportunity(api: TestApp, user: TestUser, body: Record<string, unknown>) {
  return api.http
    .post('/api/v1/opportunities')
    .set('Authorization', user.auth)
    .send({ name: `商机${++counter}`, ...body });
}

export function getOpportunity(api: TestApp, user: TestUser, id: string) {
  return api.http.get(`/api/v1/opportunities/${id}`).set('Authorization', user.auth);
}

export function changeStage(api: TestApp, user: TestUser, id: string, body: Record<string, unknown>, ifMatch?: string) {
  const call = api.http.post(`/api/v1/opportunities/${id}/stage-changes`).set('Authorization', user.auth);
  return (ifMatch ? call.set('If-Match', ifMatch) : call).send(body);
}

export async function eventsOf(api: TestApp, aggregateId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await api.tx.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM platform.events WHERE aggregate_id = $1 AND type = $2 ORDER BY seq`,
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}
