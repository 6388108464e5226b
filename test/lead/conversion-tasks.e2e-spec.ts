import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

interface Task {
  id: string;
  status: string;
  leadId: string | null;
  customerId: string | null;
  opportunityId: string | null;
  assigneeId: string;
}

/**
 * Converting a lead [线索转化] moves its open tasks [线索任务] to the customer (and the opportunity)
 * and to the person who converted it, through the Opportunity context's command, inside the
 * conversion's unit of work: a failed conversion moves nothing; done tasks stay on the lead.
 */
describe('Lead conversion moves the lead’s open tasks', () => {
  let api: TestApp;
  let marketing: TestUser;
  let rep: TestUser;
  let mate: TestUser;
  let pool: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 2);
    marketing = people.marketing;
    [rep, mate] = people.reps;
    pool = await createPool(api, marketing, {
      name: '转化任务池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep.id, mate.id],
      rules: { assignmentStrategy: 'grab' },
    });
  });
  afterAll(() => api.close());

  const plan = async (by: TestUser, leadId: string, title: string, hoursAhead: number) =>
    (
      await api.http
        .post('/api/v1/tasks')
        .set('Authorization', by.auth)
        .send({ leadId, kind: 'call', title, dueAt: new Date(Date.now() + hoursAhead * 3600_000).toISOString() })
        .expect(201)
    ).body as Task;
  const myTasks = async (who: TestUser) =>
    (await api.http.get('/api/v1/tasks').set('Authorization', who.auth).query({ limit: 100 }).expect(200)).body.items as Task[];
  const leadTasks = async (who: TestUser, leadId: string) =>
    (await api.http.get(`/api/v1/leads/${leadId}/tasks`).set('Authorization', who.auth).expect(200)).body.items as Task[];
  const claimedLead = async (companyName: string) => {
    const id = (await capture(api, marketing, { poolId: pool, companyName, personName: '钱九', mobile: uniqueMobile() }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${id}/claim`).set('Authorization', rep.auth).expect(200);
    return id;
  };
  const customersNamed = async (name: string) =>
    (await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM customer.customers WHERE name = $1`, [name]))[0]!.n;

  it('a failed conversion moves nothing; a successful one moves the open tasks to the customer, the opportunity and the converter', async () => {
    const company = `苏州任务测试有限公司-${process.pid}`;
    const leadId = await claimedLead(company);
    const mine = await plan(rep, leadId, '首次电话沟通', 24);
    const theirs = await plan(mate, leadId, '同事的回访', 48);
    const done = await plan(rep, leadId, '已打过的电话', 1);
    await api.http.post(`/api/v1/tasks/${done.id}/completion`).set('Authorization', rep.auth).send({ resultNote: '约了演示' }).expect(200);

    // The conversion fails at its last step (saving the lead): the customer, the opportunity and the task moves roll back with it.
    await api.tx.query(`
      CREATE FUNCTION lead.refuse_conversion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'conversion refused for the test'; END $$`);
    await api.tx.query(
      `CREATE TRIGGER refuse_conversion BEFORE UPDATE ON lead.leads FOR EACH ROW
         WHEN (NEW.status = 'converted' AND NEW.id = '${leadId}'::uuid) EXECUTE FUNCTION lead.refuse_conversion()`,
    );
    await api.http
      .post(`/api/v1/leads/${leadId}/conversion`)
      .set('Authorization', rep.auth)
      .send({ opportunity: { name: '任务迁移商机', amount: '1000.00' } })
      .expect(500);
    await api.tx.query(`DROP TRIGGER refuse_conversion ON lead.leads`);
    await api.tx.query(`DROP FUNCTION lead.refuse_conversion()`);
    expect(await customersNamed(company)).toBe(0);
    const untouched = await leadTasks(rep, leadId);
    expect(untouched.map((task) => task.id).sort()).toEqual([mine.id, theirs.id, done.id].sort());
    expect(untouched.every((task) => task.leadId === leadId && task.customerId === null && task.opportunityId === null)).toBe(true);
    expect(untouched.find((task) => task.id === theirs.id)!.assigneeId).toBe(mate.id);
    expect((await myTasks(mate)).map((task) => task.id)).toContain(theirs.id);

    // Converted: the open tasks are now on the customer and the opportunity, in the converter's "my tasks".
    const converted = await api.http
      .post(`/api/v1/leads/${leadId}/conversion`)
      .set('Authorization', rep.auth)
      .send({ opportunity: { name: '任务迁移商机', amount: '1000.00' } })
      .expect(201);
    const { customerId, opportunityId } = converted.body as { customerId: string; opportunityId: string };
    expect(opportunityId).toEqual(expect.any(String));
    expect(await customersNamed(company)).toBe(1);
    const repTasks = await myTasks(rep);
    for (const id of [mine.id, theirs.id]) {
      expect(repTasks.find((task) => task.id === id)).toMatchObject({ status: 'open', customerId, opportunityId, leadId: null, assigneeId: rep.id });
    }
    expect((await myTasks(mate)).map((task) => task.id)).not.toContain(theirs.id);
    // The done task stays on the lead as its history; the open ones left it.
    expect(await leadTasks(rep, leadId)).toEqual([expect.objectContaining({ id: done.id, status: 'done', leadId, customerId: null })]);
  });

  it('without an opportunity the tasks go to the customer alone', async () => {
    const company = `无锡任务测试有限公司-${process.pid}`;
    const leadId = await claimedLead(company);
    const task = await plan(rep, leadId, '确认需求', 24);
    const converted = await api.http.post(`/api/v1/leads/${leadId}/conversion`).set('Authorization', rep.auth).send({}).expect(201);
    expect((await myTasks(rep)).find((t) => t.id === task.id)).toMatchObject({
      customerId: converted.body.customerId,
      opportunityId: null,
      leadId: null,
      assigneeId: rep.id,
    });
    expect(await leadTasks(rep, leadId)).toEqual([]);
  });
});
