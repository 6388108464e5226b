import { IdentityService } from '@crm/identity';
import type { TestApp, TestUser } from '../support/test-app.js';

let counter = 0;
const unique = () => `${++counter}${Math.random().toString(36).slice(2, 7)}`;

/** A customer created by an administrator (service agents see every customer by their role's data scope). */
export async function customer(api: TestApp, admin: TestUser, extra: Record<string, unknown> = {}): Promise<string> {
  const { body } = await api.http
    .post('/api/v1/customers')
    .set('Authorization', admin.auth)
    .send({ kind: 'enterprise', name: `工单客户${unique()}有限公司`, ...extra })
    .expect(201);
  return body.id as string;
}

/** A contact working at the customer, with a mobile number. */
export async function contact(api: TestApp, admin: TestUser, customerId: string): Promise<{ id: string; phone: string }> {
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const created = await api.http
    .post('/api/v1/contacts')
    .set('Authorization', admin.auth)
    .send({ name: `联系人${unique()}`, phones: [phone] })
    .expect(201);
  await api.http
    .post(`/api/v1/customers/${customerId}/contacts`)
    .set('Authorization', admin.auth)
    .send({ contactId: created.body.id, role: 'user' })
    .expect(201);
  return { id: created.body.id as string, phone };
}

export async function ticketType(api: TestApp, admin: TestUser, body: Record<string, unknown>): Promise<{ id: string; path: string[] }> {
  const { body: type } = await api.http
    .post('/api/v1/ticket-types')
    .set('Authorization', admin.auth)
    .send({ name: `类型${unique()}`, eligibilityPolicy: 'not-checked', reopenWindowDays: 7, ...body })
    .expect(201);
  return type as { id: string; path: string[] };
}

export function fileTicket(api: TestApp, user: TestUser, body: Record<string, unknown>) {
  return api.http
    .post('/api/v1/tickets')
    .set('Authorization', user.auth)
    .send({ title: '设备无法开机', description: '通电后指示灯不亮。', channel: 'phone', ...body });
}

export function changeStatus(api: TestApp, user: TestUser, id: string, body: Record<string, unknown>) {
  return api.http.post(`/api/v1/tickets/${id}/status-changes`).set('Authorization', user.auth).send(body);
}

export function getTicket(api: TestApp, user: TestUser, id: string) {
  return api.http.get(`/api/v1/tickets/${id}`).set('Authorization', user.auth);
}

export async function eventsOf(api: TestApp, aggregateId: string, type: string): Promise<{ payload: Record<string, unknown>; customer_id: string | null }[]> {
  return api.tx.query<{ payload: Record<string, unknown>; customer_id: string | null }>(
    `SELECT payload, customer_id FROM platform.events WHERE aggregate_id = $1 AND type = $2 ORDER BY seq`,
    [aggregateId, type],
  );
}

/** A team with a lead [组长] and agents placed in it. */
export async function serviceTeam(
  api: TestApp,
  agents: number,
  leadRoles: string[] = ['line-head'],
): Promise<{ teamId: string; departmentId: string; lead: TestUser; agents: TestUser[] }> {
  const placement = await api.team();
  const lead = await api.user(leadRoles, placement);
  await api.app.get(IdentityService).setTeamLead(placement.teamId, lead.id);
  const members: TestUser[] = [];
  for (let index = 0; index < agents; index++) members.push(await api.user(['service-agent'], placement));
  return { ...placement, lead, agents: members };
}
