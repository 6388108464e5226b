import { SendTaskRemindersJob } from '@crm/contracts/opportunity';
import { TestApp, type TestUser } from '../support/test-app.js';
import { eventsOf } from '../opportunity/opportunity-fixtures.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Tasks on leads [线索任务] (OPP-6): a task in the Opportunity context may be about a lead the
 * caller can see (the Lead context answers through its contracts), and a lead lists its tasks.
 */
describe('Tasks on leads', () => {
  let api: TestApp;
  let marketing: TestUser;
  let rep: TestUser;
  let mate: TestUser;
  let outsider: TestUser;
  let pool: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 3);
    marketing = people.marketing;
    [rep, mate, outsider] = people.reps;
    pool = await createPool(api, marketing, {
      name: '任务线索池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep.id, mate.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
  });
  afterAll(() => api.close());

  const plan = (by: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/tasks').set('Authorization', by.auth).send(body);
  const tasksOf = (by: TestUser, leadId: string) => api.http.get(`/api/v1/leads/${leadId}/tasks`).set('Authorization', by.auth);
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

  it('plans a task on a lead the caller sees, lists the lead’s tasks, and keeps other teams out', async () => {
    const lead = (await capture(api, marketing, { mobile: uniqueMobile(), personName: '孙七', poolId: pool }).expect(201)).body.leadId as string;

    const created = await plan(rep, { leadId: lead, kind: 'call', title: '首次电话沟通', dueAt: tomorrow() }).expect(201);
    expect(created.body).toMatchObject({ leadId: lead, customerId: null, opportunityId: null, assigneeId: rep.id, status: 'open', kind: 'call' });

    // Another team's rep: the lead does not exist for them, to plan on or to list.
    const hidden = await plan(outsider, { leadId: lead, kind: 'call', title: '试探', dueAt: tomorrow() }).set('Accept-Language', 'zh-CN').expect(404);
    expect(hidden.body.code).toBe('LEAD.NOT_FOUND');
    expect(hidden.body.detail).toContain('线索不存在');
    expect((await tasksOf(outsider, lead).expect(404)).body.code).toBe('LEAD.NOT_FOUND');
    await tasksOf(rep, '00000000-0000-7000-8000-00000000ffff').expect(404);

    // One subject only.
    const both = await plan(rep, { leadId: lead, customerId: '00000000-0000-7000-8000-00000000ffff', kind: 'call', title: 'x', dueAt: tomorrow() }).expect(400);
    expect(both.body.code).toBe('OPPORTUNITY.TASK_SUBJECT_REQUIRED');

    // Another member of the pool sees it too; a second task sorts by due time.
    const sooner = await plan(mate, { leadId: lead, kind: 'visit', title: '上门拜访', dueAt: new Date(Date.now() + 3600_000).toISOString() }).expect(201);
    const listed = await tasksOf(mate, lead).expect(200);
    expect(listed.body.items.map((task: { id: string }) => task.id)).toEqual([sooner.body.id, created.body.id]);
    expect(listed.body.nextCursor).toBeNull();
    const paged = await tasksOf(rep, lead).query({ limit: 1 }).expect(200);
    expect(paged.body.items).toHaveLength(1);
    const rest = await tasksOf(rep, lead).query({ limit: 1, cursor: paged.body.nextCursor }).expect(200);
    expect(rest.body.items.map((task: { id: string }) => task.id)).toEqual([created.body.id]);

    // Closing it with its result; it stays on the lead's list as done.
    await api.http
      .post(`/api/v1/tasks/${created.body.id}/completion`)
      .set('Authorization', rep.auth)
      .send({ resultNote: '客户有意向，约下周演示' })
      .expect(200);
    const after = await tasksOf(rep, lead).expect(200);
    expect(after.body.items.find((task: { id: string }) => task.id === created.body.id)).toMatchObject({
      status: 'done',
      resultNote: '客户有意向，约下周演示',
    });

    // A closed lead takes no new tasks: 409 with its status.
    await api.http.post(`/api/v1/leads/${lead}/closure`).set('Authorization', marketing.auth).send({ reason: 'no-need' }).expect(200);
    const late = await plan(rep, { leadId: lead, kind: 'call', title: '回访', dueAt: tomorrow() }).expect(409);
    expect(late.body).toMatchObject({ code: 'OPPORTUNITY.TASK_LEAD_NOT_OPEN', leadStatus: 'closed' });
  });

  it('reminds the assignee of a lead task through task.due.v2 only: v1 promised a customer', async () => {
    const lead = (await capture(api, marketing, { mobile: uniqueMobile(), personName: '周八', poolId: pool }).expect(201)).body.leadId as string;
    const dueAt = new Date(Date.now() + 20 * 60_000);
    const task = (await plan(rep, { leadId: lead, kind: 'call', title: '确认需求', dueAt: dueAt.toISOString() }).expect(201)).body.id as string;
    await api.app.get(SendTaskRemindersJob).run(new Date());
    expect(await eventsOf(api, task, 'task.due.v2')).toEqual([
      expect.objectContaining({ taskId: task, kind: 'call', assigneeId: rep.id, customerId: null, opportunityId: null, leadId: lead }),
    ]);
    expect(await eventsOf(api, task, 'task.due.v1')).toEqual([]);
  });
});
