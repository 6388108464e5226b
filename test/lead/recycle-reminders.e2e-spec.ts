import { SendLeadRecycleRemindersJob } from '@crm/contracts/lead';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, MASTER_POOL_ID, recordActivity, uniqueMobile } from './lead-fixtures.js';

/**
 * Reminders before recycling [回收提醒]: an owned lead whose follow-up deadline falls within its
 * pool's reminder window gets one inbox notification to its owner, once per deadline, with two
 * workers at once; a follow-up re-arms it for the next deadline.
 */
describe('Lead recycle reminders', () => {
  let api: TestApp;
  let second: TestApp;
  let admin: TestUser;
  let marketing: TestUser;
  let owner: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    second = await TestApp.start({ sharedWith: api });
    admin = await api.user(['admin']);
    marketing = await api.user(['marketing']);
    owner = await api.user(['sales-rep'], await api.team());
    colleague = await api.user(['sales-rep'], await api.team());
    await api.http
      .patch(`/api/v1/lead-pools/${MASTER_POOL_ID}`)
      .set('Authorization', admin.auth)
      .send({ adminIds: [marketing.id] })
      .expect(200);
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  const inbox = async (who: TestUser) =>
    (await api.http.get('/api/v1/notifications').set('Authorization', who.auth).expect(200)).body.items as {
      kind: string;
      title: string;
      body: string;
      link: string;
    }[];

  it('reminds the owner once within the window, not before it, not after the deadline, not for closed leads', async () => {
    const pool = await createPool(api, marketing, {
      name: '回收提醒池',
      parentId: MASTER_POOL_ID,
      memberIds: [owner.id, colleague.id],
      rules: {
        assignmentStrategy: 'by-rules',
        recycleAfterDays: 3,
        remindHoursBefore: 24,
        assignmentRules: [{ id: 'all', when: [], then: { assigneeIds: [owner.id], strategy: 'round-robin' } }],
      },
    });
    const view = await api.http.get(`/api/v1/lead-pools/${pool}`).set('Authorization', marketing.auth).expect(200);
    expect(view.body.rules).toMatchObject({ recycleAfterDays: 3, remindHoursBefore: 24 });
    const lead = async (assignedHoursAgo: number) => {
      const id = (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
      await api.tx.query(`UPDATE lead.leads SET assigned_at = now() - make_interval(hours => $2) WHERE id = $1`, [id, assignedHoursAgo]);
      return id;
    };
    // Deadline 3 days (72 h) after assignment; the window opens 24 h before it.
    const due = [await lead(60), await lead(49)]; // deadlines in 12 h and 23 h: remind
    const early = await lead(24); // deadline in 48 h: not yet
    const late = await lead(80); // deadline passed 8 h ago: recycling's business, no reminder
    const closed = await lead(60);
    await api.http.post(`/api/v1/leads/${closed}/closure`).set('Authorization', owner.auth).send({ reason: 'invalid' }).expect(200);

    const [a, b] = await Promise.all([
      api.app.get(SendLeadRecycleRemindersJob).run(new Date(), 1),
      second.app.get(SendLeadRecycleRemindersJob).run(new Date(), 1),
    ]);
    expect(a + b).toBe(2);
    expect(await api.app.get(SendLeadRecycleRemindersJob).run()).toBe(0);
    const rows = await api.tx.query<{ lead_id: string }>(`SELECT lead_id FROM lead.recycle_reminders WHERE pool_id = $1 ORDER BY lead_id`, [pool]);
    expect(rows.map((row) => row.lead_id)).toEqual([...due].sort());
    const events = await api.tx.query<{ aggregate_id: string; payload: { ownerId: string; remindHoursBefore: number } }>(
      `SELECT aggregate_id, payload FROM platform.events WHERE type = 'lead.recycle-reminder.v1' AND aggregate_id = ANY($1::uuid[])`,
      [[...due, early, late, closed]],
    );
    expect(events.map((event) => event.aggregate_id).sort()).toEqual([...due].sort());
    expect(events[0]!.payload).toMatchObject({ ownerId: owner.id, remindHoursBefore: 24 });

    await api.settleEvents();
    const notices = (await inbox(owner)).filter((notice) => notice.kind === 'lead-recycle-reminder');
    expect(notices.map((notice) => notice.link).sort()).toEqual(due.map((id) => `/api/v1/leads/${id}`).sort());
    expect(notices[0]).toMatchObject({ title: '线索即将回收' });
    expect(notices[0]!.body).toContain('请尽快跟进');
    // Only the owner hears of it.
    expect((await inbox(colleague)).filter((notice) => notice.kind === 'lead-recycle-reminder')).toEqual([]);

    // A follow-up moves the deadline; when the new one nears, the owner is reminded again.
    await recordActivity(api, owner, due[0]!, { kind: 'page-view', occurredAt: new Date().toISOString() }).expect(201);
    expect(await api.app.get(SendLeadRecycleRemindersJob).run()).toBe(0);
    await api.tx.query(`UPDATE lead.leads SET last_worked_at = now() - interval '55 hours' WHERE id = $1`, [due[0]]);
    expect(await api.app.get(SendLeadRecycleRemindersJob).run()).toBe(1);
    await api.settleEvents();
    expect((await inbox(owner)).filter((notice) => notice.link === `/api/v1/leads/${due[0]}`)).toHaveLength(2);
  });

  it('keeps the window as data: checked when stored', async () => {
    const pool = await createPool(api, marketing, { name: '提醒规则池', parentId: MASTER_POOL_ID });
    await api.http
      .patch(`/api/v1/lead-pools/${pool}`)
      .set('Authorization', marketing.auth)
      .send({ rules: { remindHoursBefore: 0 } })
      .expect(400);
    const changed = await api.http
      .patch(`/api/v1/lead-pools/${pool}`)
      .set('Authorization', marketing.auth)
      .send({ rules: { recycleAfterDays: 5, remindHoursBefore: 48 } })
      .expect(200);
    expect(changed.body.rules).toMatchObject({ recycleAfterDays: 5, remindHoursBefore: 48 });
  });
});
