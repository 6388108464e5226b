import { SendLeadRecycleRemindersJob } from '@crm/contracts/lead';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, recordActivity, uniqueMobile } from './lead-fixtures.js';

/**
 * Reminders before recycling [回收提醒]: an owned lead whose follow-up deadline falls within its
 * pool's reminder window gets one inbox notification to its owner, once per deadline, with two
 * workers at once; a follow-up re-arms it for the next deadline. The conversion deadline
 * (`recycleIfNotConvertedDays`) is reminded the same way, and the notice says which deadline.
 */
describe('Lead recycle reminders', () => {
  let api: TestApp;
  let second: TestApp;
  let marketing: TestUser;
  let owner: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    second = await TestApp.start({ sharedWith: api });
    const people = await leadPeople(api, 2);
    marketing = people.marketing;
    [owner, colleague] = people.reps;
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
    // Version 2 beside it, naming the rule.
    const v2 = await api.tx.query<{ aggregate_id: string; payload: { rule: string } }>(
      `SELECT aggregate_id, payload FROM platform.events WHERE type = 'lead.recycle-reminder.v2' AND aggregate_id = ANY($1::uuid[])`,
      [[...due, early, late, closed]],
    );
    expect(v2.map((event) => [event.aggregate_id, event.payload.rule]).sort()).toEqual(due.map((id) => [id, 'not-followed-up']).sort());

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

  it('reminds the owner of the conversion deadline once, saying so; a follow-up does not move it', async () => {
    const pool = await createPool(api, marketing, {
      name: '转化期限提醒池',
      parentId: MASTER_POOL_ID,
      memberIds: [owner.id],
      rules: {
        assignmentStrategy: 'by-rules',
        recycleAfterDays: 30,
        recycleIfNotConvertedDays: 10,
        remindHoursBefore: 24,
        assignmentRules: [{ id: 'all', when: [], then: { assigneeIds: [owner.id], strategy: 'round-robin' } }],
      },
    });
    const lead = async (assignedHoursAgo: number) => {
      const id = (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
      // Followed up an hour ago: the follow-up deadline (30 days) is far off.
      await api.tx.query(`UPDATE lead.leads SET assigned_at = now() - make_interval(hours => $2), last_worked_at = now() - interval '1 hour' WHERE id = $1`, [
        id,
        assignedHoursAgo,
      ]);
      return id;
    };
    // Conversion deadline 240 h after assignment; the window opens 24 h before it.
    const due = await lead(228); // deadline in 12 h: remind
    const early = await lead(200); // deadline in 40 h: not yet
    const late = await lead(250); // deadline passed: recycling's business

    const [a, b] = await Promise.all([
      api.app.get(SendLeadRecycleRemindersJob).run(new Date(), 1),
      second.app.get(SendLeadRecycleRemindersJob).run(new Date(), 1),
    ]);
    expect(a + b).toBe(1);
    expect(await api.app.get(SendLeadRecycleRemindersJob).run()).toBe(0);
    const rows = await api.tx.query<{ lead_id: string; rule: string; deadline: Date; assigned_at: Date }>(
      `SELECT r.lead_id, r.rule, r.deadline, l.assigned_at FROM lead.recycle_reminders r JOIN lead.leads l ON l.id = r.lead_id WHERE r.pool_id = $1`,
      [pool],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lead_id: due, rule: 'not-converted' });
    expect(Math.abs(rows[0]!.deadline.getTime() - rows[0]!.assigned_at.getTime() - 240 * 3600_000)).toBeLessThan(1);

    const events = await api.tx.query<{ type: string; aggregate_id: string; payload: { rule: string; recycleAt: string } }>(
      `SELECT type, aggregate_id, payload FROM platform.events WHERE type LIKE 'lead.recycle-reminder.%' AND aggregate_id = ANY($1::uuid[])`,
      [[due, early, late]],
    );
    // Only version 2 speaks of the conversion deadline; version 1 stays about follow-ups.
    expect(events).toEqual([
      expect.objectContaining({ type: 'lead.recycle-reminder.v2', aggregate_id: due, payload: expect.objectContaining({ rule: 'not-converted' }) }),
    ]);
    expect(new Date(events[0]!.payload.recycleAt).getTime()).toBe(rows[0]!.deadline.getTime());

    await api.settleEvents();
    const notices = (await inbox(owner)).filter((notice) => notice.link === `/api/v1/leads/${due}`);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'lead-recycle-reminder', title: '线索即将到达转化期限' });
    expect(notices[0]!.body).toContain('尚未转化');
    expect(notices[0]!.body).not.toContain('尚未跟进');

    // Following it up does not move the conversion deadline: no second reminder.
    await recordActivity(api, owner, due, { kind: 'page-view', occurredAt: new Date().toISOString() }).expect(201);
    expect(await api.app.get(SendLeadRecycleRemindersJob).run()).toBe(0);
  });

  it('writes the deadline in the company time zone (CRM_TIMEZONE), to the minute', async () => {
    /** One lead due for recycling in 12 h in a fresh pool; answers its deadline and the notice its owner got. */
    const remind = async (app: TestApp) => {
      const people = app === api ? { marketing, reps: [owner] } : await leadPeople(app, 1);
      const [rep] = people.reps as [TestUser];
      const pool = await createPool(app, people.marketing, {
        name: `时区提醒池 ${uniqueMobile()}`,
        parentId: MASTER_POOL_ID,
        memberIds: [rep.id],
        rules: {
          assignmentStrategy: 'by-rules',
          recycleAfterDays: 3,
          remindHoursBefore: 24,
          assignmentRules: [{ id: 'all', when: [], then: { assigneeIds: [rep.id], strategy: 'round-robin' } }],
        },
      });
      const id = (await capture(app, people.marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
      await app.tx.query(`UPDATE lead.leads SET assigned_at = now() - interval '60 hours' WHERE id = $1`, [id]);
      expect(await app.app.get(SendLeadRecycleRemindersJob).run()).toBe(1);
      const [row] = await app.tx.query<{ deadline: Date }>(`SELECT deadline FROM lead.recycle_reminders WHERE lead_id = $1`, [id]);
      await app.settleEvents();
      const items = (await app.http.get('/api/v1/notifications').set('Authorization', rep.auth).expect(200)).body.items as { link: string; body: string }[];
      return { deadline: row!.deadline, body: items.find((notice) => notice.link === `/api/v1/leads/${id}`)!.body };
    };
    const minuteOf = (instant: Date, offsetHours: number) => new Date(instant.getTime() + offsetHours * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

    // Asia/Shanghai by default: UTC+8.
    const shanghai = await remind(api);
    expect(shanghai.body).toBe(`您负责的线索尚未跟进，将于 ${minuteOf(shanghai.deadline, 8)} 被回收到线索池，请尽快跟进。`);

    const utc = await TestApp.start({ config: { timeZone: 'UTC' } });
    try {
      const inUtc = await remind(utc);
      expect(inUtc.body).toBe(`您负责的线索尚未跟进，将于 ${minuteOf(inUtc.deadline, 0)} 被回收到线索池，请尽快跟进。`);
    } finally {
      await utc.close();
    }
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
