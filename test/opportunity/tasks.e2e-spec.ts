import { SendTaskRemindersJob } from '@crm/contracts/opportunity';
import { TestApp, type TestUser } from '../support/test-app.js';
import { createOpportunity, eventsOf, heldCustomer } from './opportunity-fixtures.js';

const HOUR = 3600_000;

/** Today's bounds in Shanghai (UTC+8 all year), worked out here rather than by the code under test. */
function shanghaiDay(now: Date): { start: Date; end: Date } {
  const local = new Date(now.getTime() + 8 * HOUR);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * HOUR;
  return { start: new Date(start), end: new Date(start + 24 * HOUR) };
}

/** OPP-6 tasks [任务]: calls, visits and meetings on opportunities and customers, my day, results, due reminders. */
describe('Tasks [任务]', () => {
  let api: TestApp;
  let repA: TestUser;
  let repB: TestUser;
  let manager: TestUser;
  let opportunityId: string;
  let customerId: string;
  let opportunityOfB: string;
  const ids: Record<string, string> = {};

  const create = (user: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/tasks').set('Authorization', user.auth).send(body);
  const list = async (user: TestUser, query: Record<string, string> = {}) =>
    ((await api.http.get('/api/v1/tasks').query(query).set('Authorization', user.auth).expect(200)).body.items as { id: string }[]).map((task) => task.id);
  const close = (user: TestUser, id: string, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/tasks/${id}/completion`).set('Authorization', user.auth).send(body);

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    customerId = await heldCustomer(api, repA);
    opportunityId = (await createOpportunity(api, repA, { customerId }).expect(201)).body.id;
    opportunityOfB = (await createOpportunity(api, repB, { customerId: await heldCustomer(api, repB) }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  it("plans calls, visits and meetings; lists today's and overdue ones in the company time zone", async () => {
    const now = new Date();
    const { start, end } = shanghaiDay(now);
    // Later today (or, in the last minute of the day, its last second); yesterday; tomorrow.
    const laterToday = new Date(Math.min(now.getTime() + 60_000, end.getTime() - 1000));
    const call = await create(repA, { opportunityId, kind: 'call', title: '确认预算', dueAt: laterToday.toISOString() }).expect(201);
    expect(call.body).toMatchObject({ opportunityId, customerId, kind: 'call', assigneeId: repA.id, status: 'open', createdBy: repA.id });
    ids.call = call.body.id;
    ids.visit = (
      await create(repA, { opportunityId, kind: 'visit', title: '上门演示', dueAt: new Date(start.getTime() - HOUR).toISOString() }).expect(201)
    ).body.id;
    ids.meeting = (
      await create(repA, { customerId, kind: 'meeting', title: '季度回顾', dueAt: new Date(end.getTime() + 2 * HOUR).toISOString() }).expect(201)
    ).body.id;

    expect(await list(repA, { due: 'today' })).toEqual([ids.call]);
    expect(await list(repA, { due: 'overdue' })).toEqual([ids.visit]);
    expect(await list(repA)).toEqual([ids.visit, ids.call, ids.meeting]);
    // A colleague sees none of them; the department manager sees A's.
    expect(await list(repB, { assigneeId: repA.id })).toEqual([]);
    expect(await list(repB)).toEqual([]);
    expect(await list(manager, { assigneeId: repA.id, due: 'overdue' })).toEqual([ids.visit]);
  });

  it('checks what a task is about and who it is for', async () => {
    const due = new Date(Date.now() + 48 * HOUR).toISOString();
    expect((await create(repA, { opportunityId, customerId, kind: 'call', title: 'x', dueAt: due }).expect(400)).body.code).toBe(
      'OPPORTUNITY.TASK_SUBJECT_REQUIRED',
    );
    expect((await create(repA, { kind: 'call', title: 'x', dueAt: due }).expect(400)).body.code).toBe('OPPORTUNITY.TASK_SUBJECT_REQUIRED');
    expect((await create(repA, { opportunityId: opportunityOfB, kind: 'call', title: 'x', dueAt: due }).expect(404)).body.code).toBe('OPPORTUNITY.NOT_FOUND');
    expect((await create(repB, { customerId, kind: 'call', title: 'x', dueAt: due }).expect(404)).body.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await create(repB, { opportunityId: opportunityOfB, kind: 'call', title: 'x', dueAt: due, assigneeId: repA.id }).expect(422)).body.code).toBe(
      'OPPORTUNITY.TASK_ASSIGNEE_INVALID',
    );
    await create(repA, { opportunityId, kind: 'lunch', title: 'x', dueAt: due }).expect(400);
    // A manager plans for someone in their scope.
    const planned = await create(manager, { opportunityId, kind: 'call', title: '经理安排回访', dueAt: due, assigneeId: repA.id }).expect(201);
    expect(planned.body).toMatchObject({ assigneeId: repA.id, createdBy: manager.id });
    ids.planned = planned.body.id;
  });

  it('closes with a result note; a visit on an opportunity becomes its activity', async () => {
    expect((await close(repB, ids.visit!, { resultNote: '抢' }).expect(404)).body.code).toBe('OPPORTUNITY.TASK_NOT_FOUND');
    const done = await close(repA, ids.visit!, { resultNote: ' 演示顺利，客户要报价 ', recordActivity: true }).expect(200);
    expect(done.body).toMatchObject({ status: 'done', resultNote: '演示顺利，客户要报价', closedBy: repA.id, version: 2 });
    expect(done.body.activityId).toEqual(expect.any(String));
    const activities = await api.http.get(`/api/v1/opportunities/${opportunityId}/activities`).set('Authorization', repA.auth).expect(200);
    expect(activities.body.items).toEqual([expect.objectContaining({ id: done.body.activityId, type: 'visit', summary: '演示顺利，客户要报价' })]);
    expect((await close(repA, ids.visit!, { resultNote: '再来' }).expect(409)).body.code).toBe('OPPORTUNITY.TASK_CLOSED');
    expect(await list(repA, { due: 'overdue' })).toEqual([]);

    expect((await close(repA, ids.meeting!, { resultNote: '开完', recordActivity: true }).expect(422)).body.code).toBe(
      'OPPORTUNITY.TASK_ACTIVITY_NEEDS_OPPORTUNITY',
    );
    await api.http
      .post(`/api/v1/tasks/${ids.meeting}/completion`)
      .set('Authorization', repA.auth)
      .set('If-Match', '"7"')
      .send({ resultNote: '开完' })
      .expect(412);
    const meeting = await close(manager, ids.meeting!, { resultNote: '开完' }).expect(200);
    expect(meeting.body).toMatchObject({ status: 'done', activityId: null, closedBy: manager.id });
  });

  it('reminds the assignee once per task, 30 minutes ahead or when overdue', async () => {
    const reminders = api.app.get(SendTaskRemindersJob);
    // Now: the call (due within the minute) is due; the planned call is two days out; the visit and meeting are closed.
    expect(await reminders.run(new Date())).toBe(1);
    expect(await reminders.run(new Date())).toBe(0);
    expect(await eventsOf(api, ids.call!, 'task.due.v1')).toEqual([
      expect.objectContaining({ taskId: ids.call, kind: 'call', title: '确认预算', assigneeId: repA.id, customerId, opportunityId }),
    ]);
    // The same reminder in v2, emitted side by side (v2 also covers tasks on leads).
    expect(await eventsOf(api, ids.call!, 'task.due.v2')).toEqual([
      expect.objectContaining({ taskId: ids.call, kind: 'call', assigneeId: repA.id, customerId, opportunityId, leadId: null }),
    ]);
    // The planned call: 31 minutes before it is due, not yet; 29 minutes before, within the 30-minute lead: reminded, once.
    const plannedDue = new Date((await api.tx.query<{ due_at: Date }>(`SELECT due_at FROM opportunity.tasks WHERE id = $1`, [ids.planned]))[0]!.due_at);
    expect(await reminders.run(new Date(plannedDue.getTime() - 31 * 60_000))).toBe(0);
    expect(await reminders.run(new Date(plannedDue.getTime() - 29 * 60_000))).toBe(1);
    expect(await reminders.run(new Date(plannedDue.getTime() + HOUR))).toBe(0);
    expect(await eventsOf(api, ids.planned!, 'task.due.v1')).toHaveLength(1);
    expect(await eventsOf(api, ids.visit!, 'task.due.v1')).toEqual([]);
  });
});
