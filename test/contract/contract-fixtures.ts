import type { TestApp, TestUser } from '../support/test-app.js';

let counter = 0;

/** A customer the user holds (created by them), already placed in the pool context. */
export async function heldCustomer(api: TestApp, user: TestUser): Promise<string> {
  const { body } = await api.http
    .post('/api/v1/customers')
    .set('Authorization', user.auth)
    .send({ kind: 'enterprise', name: `合同客户${++counter}号${Math.random().toString(36).slice(2, 7)}有限公司` })
    .expect(201);
  await api.settleEvents();
  return body.id as string;
}

/** A draft contract body: one instalment of the whole amount unless told otherwise. */
export function contractBody(customerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const amount = (overrides.amount as string | undefined) ?? '120000.00';
  return {
    customerId,
    name: `软件采购合同${++counter}`,
    type: 'standard',
    signingParty: '上海示例科技有限公司',
    amount,
    currency: 'CNY',
    paymentMethod: 'bank-transfer',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    instalments: [{ dueDate: '2026-06-30', amount }],
    ...overrides,
  };
}

export function createContract(api: TestApp, user: TestUser, body: Record<string, unknown>) {
  return api.http.post('/api/v1/contracts').set('Authorization', user.auth).send(body);
}

export function getContract(api: TestApp, user: TestUser, id: string) {
  return api.http.get(`/api/v1/contracts/${id}`).set('Authorization', user.auth);
}

export function act(api: TestApp, user: TestUser, id: string, action: string, body?: Record<string, unknown>) {
  const call = api.http.post(`/api/v1/contracts/${id}/${action}`).set('Authorization', user.auth);
  return body ? call.send(body) : call.send();
}

/** Decides the current step of an approval request as this approver. */
export async function decide(api: TestApp, approver: TestUser, requestId: string, decision: 'approve' | 'reject', comment?: string): Promise<void> {
  await api.http
    .post(`/api/v1/approvals/${requestId}/decisions`)
    .set('Authorization', approver.auth)
    .send({ decision, ...(comment ? { comment } : {}) })
    .expect(200);
  await api.settleEvents();
}

export async function approvalSteps(api: TestApp, admin: TestUser, requestId: string): Promise<{ name: string; approverIds: string[]; status: string }[]> {
  const { body } = await api.http.get(`/api/v1/approvals/${requestId}`).set('Authorization', admin.auth).expect(200);
  return body.steps;
}

export async function eventsOf(api: TestApp, aggregateId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await api.tx.query<{ payload: Record<string, unknown> }>(
    `SELECT payload FROM platform.events WHERE aggregate_id = $1 AND type = $2 ORDER BY seq`,
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}
