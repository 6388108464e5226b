import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { RecycleIdleCustomersJob, SendRecycleRemindersJob } from '@crm/contracts/pool';
import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { activeProtections, claim, eventsOf, ownerOf, poolCustomer, setPoolRules } from './pool-fixtures.js';

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describeOnServer('The pool under concurrency, crashes and schedules (PostgreSQL server)', () => {
  let api: TestApp;
  let admin: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    manager = await api.user(['sales-manager']);
    await setPoolRules(api, admin, { coolDownDays: 0 });
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '审批', mode: 'any-of', approvers: { kind: 'users', userIds: [manager.id] } }], defaultApproverIds: [] })
      .expect(200);
  });
  afterAll(() => api.close());

  it('50 reps claim one customer at the same moment: exactly one wins, 49 get 409, one protection, one event', async () => {
    const reps = await Promise.all(Array.from({ length: 50 }, () => api.user(['sales-rep'])));
    const customerId = await poolCustomer(api, admin);
    const responses = await Promise.all(reps.map((rep) => claim(api, rep, customerId)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = reps[statuses.indexOf(201)]!;
    expect(await activeProtections(api, customerId)).toEqual([{ holder_id: winner.id, scope_kind: 'customer' }]);
    expect(await eventsOf(api, customerId, 'pool.customer-protected.v1')).toHaveLength(1);
    expect((await ownerOf(api, customerId)).ownerId).toBe(winner.id);
  });

  it('an approval granted while a rep with direct rights grabs at the reserved customer: the applicant ends up holding it', async () => {
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    const applicant = await api.user(['sales-rep']);
    const grabber = await api.user(['sales-manager']);
    for (let round = 0; round < 5; round++) {
      const customerId = await poolCustomer(api, admin, { type: 'government' });
      const applied = await claim(api, applicant, customerId, { applyIfNotPermitted: true }).expect(202);
      const [decision, grab] = await Promise.all([
        api.http.post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`).set('Authorization', manager.auth).send({ decision: 'approve' }),
        claim(api, grabber, customerId),
      ]);
      expect(decision.status).toBe(200);
      expect(grab.status).toBe(409);
      expect(['POOL.RESERVED', 'POOL.ALREADY_PROTECTED']).toContain(grab.body.code);
      await api.settleEvents();
      expect(await activeProtections(api, customerId)).toEqual([{ holder_id: applicant.id, scope_kind: 'customer' }]);
    }
    await setPoolRules(api, admin, { gradeRights: {} });
  });

  it('survives a crash between "approval committed" and "customer protected": after restart, protected exactly once', async () => {
    // A process of its own whose dispatcher never runs by itself: the approval commits, then the process is gone.
    const doomed = await TestApp.start({ config: { runEventDispatcher: false } });
    const boss = await doomed.user(['admin']);
    const approver = await doomed.user(['sales-manager']);
    const applicant = await doomed.user(['sales-rep']);
    await setPoolRules(doomed, boss, { gradeRights: { A: ['sales-manager'] } });
    await doomed.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', boss.auth)
      .send({ steps: [{ name: '审批', mode: 'any-of', approvers: { kind: 'users', userIds: [approver.id] } }], defaultApproverIds: [] })
      .expect(200);
    const customerId = await poolCustomer(doomed, boss, { type: 'government' });
    const applied = await claim(doomed, applicant, customerId, { applyIfNotPermitted: true }).expect(202);
    await doomed.settleEvents();
    await doomed.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', approver.auth)
      .send({ decision: 'approve' })
      .expect(200);
    await doomed.close({ keepDatabase: true });

    const inspector = await TestApp.start({ sharedWith: doomed, config: { runEventDispatcher: false } });
    try {
      expect(await activeProtections(inspector, customerId)).toEqual([]);
      const [granted] = await inspector.tx.query<{ dispatched_at: Date | null }>(
        `SELECT dispatched_at FROM platform.events WHERE type = 'approval.granted.v1' AND aggregate_id = $1`,
        [applied.body.approvalRequestId],
      );
      expect(granted!.dispatched_at).toBeNull();

      // Restart: a fresh worker process finds the event in the outbox and protects the customer.
      const worker = spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], {
        env: { ...process.env, DATABASE_URL: doomed.config.databaseUrl, NATS_URL: '', CRM_SCHEDULES: '0', LOG_LEVEL: 'warn', NODE_OPTIONS: '' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        await until(async () => (await activeProtections(inspector, customerId)).length > 0, 'the restarted worker to protect the customer');
      } finally {
        worker.kill('SIGKILL');
      }
      // Delivered again (an operator's replay): still once.
      await inspector.tx.query(`UPDATE platform.events SET dispatched_at = NULL WHERE type = 'approval.granted.v1' AND aggregate_id = $1`, [
        applied.body.approvalRequestId,
      ]);
      await inspector.settleEvents();
      expect(await activeProtections(inspector, customerId)).toEqual([{ holder_id: applicant.id, scope_kind: 'customer' }]);
      expect(await eventsOf(inspector, customerId, 'pool.customer-protected.v1')).toHaveLength(1);
      expect((await ownerOf(inspector, customerId)).ownerId).toBe(applicant.id);
    } finally {
      await inspector.close();
      await doomed.database?.drop();
    }
  });

  it('recycles idle customers, reminds once before, keeps grandfathered ones, and a follow-up restarts the clock', async () => {
    await setPoolRules(api, admin, { recycleAfterDays: 10, remindDaysBefore: 3 });
    const rep = await api.user(['sales-rep']);
    const [idle, nearlyIdle, fresh, grandfathered] = [
      await poolCustomer(api, admin),
      await poolCustomer(api, admin),
      await poolCustomer(api, admin),
      await poolCustomer(api, admin, { type: 'government' }),
    ];
    for (const id of [idle, nearlyIdle, fresh, grandfathered]) await claim(api, rep, id).expect(201);
    // Grade A now needs a manager: the rep keeps the A customer claimed before the rule (POOL-3).
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    const age = (id: string, days: number) =>
      api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - make_interval(days => $2) WHERE customer_id = $1`, [id, days]);
    await age(idle, 11);
    await age(nearlyIdle, 8);
    await age(fresh, 1);
    await age(grandfathered, 2);

    const reminders = api.app.get(SendRecycleRemindersJob);
    const recycler = api.app.get(RecycleIdleCustomersJob);
    await reminders.run();
    await reminders.run();
    expect(await eventsOf(api, nearlyIdle, 'pool.recycle-reminder.v1')).toEqual([expect.objectContaining({ holderIds: [rep.id] })]);
    expect(await eventsOf(api, fresh, 'pool.recycle-reminder.v1')).toEqual([]);

    await recycler.run();
    await recycler.run();
    expect(await ownerOf(api, idle)).toMatchObject({ ownerId: null, status: 'in-pool' });
    expect(await eventsOf(api, idle, 'pool.customer-recycled.v1')).toEqual([expect.objectContaining({ formerHolderIds: [rep.id] })]);
    for (const kept of [nearlyIdle, fresh, grandfathered]) expect((await ownerOf(api, kept)).ownerId).toBe(rep.id);
    await api.http.get(`/api/v1/customers/${idle}`).set('Authorization', rep.auth).expect(200);
    await api.http.post(`/api/v1/customers/${idle}/follow-ups`).set('Authorization', rep.auth).send({ channel: 'call', content: 'x' }).expect(403);

    // A follow-up restarts the clock and re-arms the reminder.
    await api.http.post(`/api/v1/customers/${nearlyIdle}/follow-ups`).set('Authorization', rep.auth).send({ channel: 'call', content: '跟进' }).expect(201);
    await api.settleEvents();
    await age(nearlyIdle, 8);
    await reminders.run();
    expect(await eventsOf(api, nearlyIdle, 'pool.recycle-reminder.v1')).toHaveLength(2);
    await setPoolRules(api, admin, { gradeRights: {}, recycleAfterDays: 30 });
  });

  it('two worker processes recycling at once recycle every idle customer exactly once', async () => {
    await setPoolRules(api, admin, { recycleAfterDays: 5, remindDaysBefore: 1 });
    const rep = await api.user(['sales-rep']);
    await setPoolRules(api, admin, { maxHeldByUser: {} });
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const { body } = await api.http
        .post('/api/v1/customers')
        .set('Authorization', rep.auth)
        .send({ kind: 'enterprise', name: `回收并发测试${i}号有限公司` })
        .expect(201);
      ids.push(body.id);
    }
    await api.settleEvents();
    await api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - interval '6 days' WHERE customer_id = ANY($1::uuid[])`, [ids]);
    const workers: ChildProcess[] = [1, 2].map(() =>
      spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], {
        env: {
          ...process.env,
          DATABASE_URL: api.config.databaseUrl,
          NATS_URL: '',
          CRM_SCHEDULES: '1',
          CRM_JOB_INTERVAL_SECONDS: '1',
          LOG_LEVEL: 'warn',
          NODE_OPTIONS: '',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    try {
      await until(async () => {
        const [row] = await api.tx.query<{ left: number }>(`SELECT count(*)::int AS left FROM pool.entries WHERE customer_id = ANY($1::uuid[]) AND protected`, [
          ids,
        ]);
        return row!.left === 0;
      }, 'the workers to recycle everything');
    } finally {
      for (const worker of workers) worker.kill('SIGKILL');
    }
    const counts = await api.tx.query<{ customer_id: string; n: number }>(
      `SELECT customer_id, count(*)::int AS n FROM platform.events
        WHERE type = 'pool.customer-recycled.v1' AND customer_id = ANY($1::uuid[]) GROUP BY customer_id`,
      [ids],
    );
    expect(counts).toHaveLength(300);
    expect(counts.every((row) => row.n === 1)).toBe(true);
    await setPoolRules(api, admin, { recycleAfterDays: 30, remindDaysBefore: 3 });
  });
});
