import { SendRecycleRemindersJob } from '@crm/contracts/pool';
import { claim, poolCustomer, setPoolRules } from '../pool/pool-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  eventId: string;
  createdAt: string;
  readAt: string | null;
}

describe('Notifications [消息提醒] (X-6)', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let manager: TestUser;

  const inbox = async (user: TestUser, query: Record<string, string | number> = {}): Promise<{ items: NotificationItem[]; nextCursor: string | null }> =>
    (await api.http.get('/api/v1/notifications').query(query).set('Authorization', user.auth).expect(200)).body;
  const unread = async (user: TestUser): Promise<number> =>
    (await api.http.get('/api/v1/notifications/unread-count').set('Authorization', user.auth).expect(200)).body.unread;
  const stored = (eventId: string) =>
    api.tx.query<{ recipient_id: string; kind: string }>(`SELECT recipient_id, kind FROM notification.notifications WHERE event_id = $1`, [eventId]);

  /** A claim application waiting for the manager's approval. */
  async function apply(applicant: TestUser): Promise<{ customerId: string; approvalRequestId: string }> {
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const applied = await claim(api, applicant, customerId, { applyIfNotPermitted: true, reason: '老客户转介绍' }).expect(202);
    await api.settleEvents();
    return { customerId, approvalRequestId: applied.body.approvalRequestId as string };
  }

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    otherRep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    await setPoolRules(api, admin, { coolDownDays: 0, gradeRights: { A: ['sales-manager'] } });
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '经理审批', mode: 'any-of', approvers: { kind: 'line-heads' } }], defaultApproverIds: [manager.id] })
      .expect(200);
  });
  afterAll(() => api.close());

  it('tells the approver a claim application waits for them, and the applicant that it was approved', async () => {
    const { customerId, approvalRequestId } = await apply(rep);
    const waiting = (await inbox(manager)).items.find((item) => item.link === `/api/v1/approvals/${approvalRequestId}`);
    expect(waiting).toMatchObject({ kind: 'approval-pending', title: '待审批：客户申领', body: expect.stringContaining('等待您审批'), readAt: null });
    const [requested] = await api.tx.query<{ id: string }>(`SELECT id FROM platform.events WHERE type = 'approval.requested.v1' AND aggregate_id = $1`, [
      approvalRequestId,
    ]);
    expect(waiting!.eventId).toBe(requested!.id);
    // The applicant is not told about their own application.
    expect((await inbox(rep)).items).toEqual([]);

    await api.http.post(`/api/v1/approvals/${approvalRequestId}/decisions`).set('Authorization', manager.auth).send({ decision: 'approve' }).expect(200);
    await api.settleEvents();
    const [granted] = (await inbox(rep)).items;
    expect(granted).toMatchObject({ kind: 'approval-granted', title: '审批通过：客户申领', link: `/api/v1/approvals/${approvalRequestId}`, readAt: null });
    expect(customerId).toEqual(expect.any(String));
  });

  it('tells the approvers of the next step when a step passes', async () => {
    const director = await api.user(['sales-manager']);
    const process = (steps: object[]) =>
      api.http
        .put('/api/v1/approval-processes/claim-application')
        .set('Authorization', admin.auth)
        .send({ steps, defaultApproverIds: [manager.id] })
        .expect(200);
    await process([
      { name: '经理审批', mode: 'any-of', approvers: { kind: 'users', userIds: [manager.id] } },
      { name: '总监审批', mode: 'any-of', approvers: { kind: 'users', userIds: [director.id] } },
    ]);
    try {
      const { approvalRequestId } = await apply(otherRep);
      expect((await inbox(director)).items).toEqual([]);
      await api.http.post(`/api/v1/approvals/${approvalRequestId}/decisions`).set('Authorization', manager.auth).send({ decision: 'approve' }).expect(200);
      await api.settleEvents();
      expect((await inbox(director)).items).toEqual([
        expect.objectContaining({
          kind: 'approval-pending',
          link: `/api/v1/approvals/${approvalRequestId}`,
          body: expect.stringContaining('已通过「经理审批」，等待您在「总监审批」审批'),
        }),
      ]);
      // Not granted yet: nothing for the applicant.
      expect((await inbox(otherRep)).items).toEqual([]);
      await api.http.post(`/api/v1/approvals/${approvalRequestId}/decisions`).set('Authorization', director.auth).send({ decision: 'approve' }).expect(200);
      await api.settleEvents();
      expect((await inbox(otherRep)).items).toEqual([expect.objectContaining({ kind: 'approval-granted' })]);
      await api.http.post('/api/v1/notifications/read-all').set('Authorization', otherRep.auth).expect(200);
    } finally {
      await process([{ name: '经理审批', mode: 'any-of', approvers: { kind: 'line-heads' } }]);
    }
  });

  it('tells the applicant a rejection with its reason', async () => {
    const { approvalRequestId } = await apply(otherRep);
    await api.http
      .post(`/api/v1/approvals/${approvalRequestId}/decisions`)
      .set('Authorization', manager.auth)
      .send({ decision: 'reject', comment: '客户已有合作方' })
      .expect(200);
    await api.settleEvents();
    const [rejected] = (await inbox(otherRep, { unread: 'true' })).items;
    expect(rejected).toMatchObject({ kind: 'approval-rejected', title: '审批驳回：客户申领', body: expect.stringContaining('驳回理由：客户已有合作方') });
  });

  it('tells the receiver of a transfer, once per customer', async () => {
    const leaver = await api.user(['sales-rep']);
    const receiver = await api.user(['sales-rep']);
    const customerId = await poolCustomer(api, admin);
    await claim(api, leaver, customerId).expect(201);
    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', admin.auth)
      .send({ fromUserId: leaver.id, toUserId: receiver.id, reason: '离职交接' })
      .expect(200);
    await api.settleEvents();
    expect((await inbox(receiver)).items).toEqual([
      expect.objectContaining({
        kind: 'customer-transferred',
        title: '客户转入',
        link: `/api/v1/customers/${customerId}`,
        body: expect.stringContaining('离职交接'),
      }),
    ]);
    expect((await inbox(leaver)).items).toEqual([]);
  });

  it('reminds the holder before a customer is recycled, once however often the event is delivered', async () => {
    const holder = await api.user(['sales-rep']);
    const customerId = await poolCustomer(api, admin);
    await claim(api, holder, customerId).expect(201);
    await api.settleEvents();
    // Default rules: recycled after 30 days without a follow-up, reminded 3 days before.
    await api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - interval '28 days' WHERE customer_id = $1`, [customerId]);
    expect(await api.app.get(SendRecycleRemindersJob).run()).toBeGreaterThanOrEqual(1);
    await api.settleEvents();
    const { items } = await inbox(holder);
    expect(items).toEqual([expect.objectContaining({ kind: 'recycle-reminder', title: '客户即将回收', link: `/api/v1/customers/${customerId}` })]);
    expect(items[0]!.body).toMatch(/将于 \d{4}-\d{2}-\d{2} 掉入公海/);

    // Delivered again, even past the dispatcher's inbox: still one notification.
    const eventId = items[0]!.eventId;
    const redelivered = await api.tx.execute(`UPDATE platform.events SET dispatched_at = NULL WHERE id = $1`, [eventId]);
    expect(redelivered.rowCount).toBe(1);
    await api.tx.query(`DELETE FROM platform.handled_events WHERE event_id = $1 AND consumer = 'notification.notify-recipients'`, [eventId]);
    await api.settleEvents();
    expect(await stored(eventId)).toEqual([{ recipient_id: holder.id, kind: 'recycle-reminder' }]);
    expect((await inbox(holder)).items).toHaveLength(1);
  });

  it('lists unread first, then newest, pages by keyset, marks read one by one or all at once', async () => {
    const reader = await api.user(['sales-rep']);
    const ids: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const customerId = await poolCustomer(api, admin);
      await claim(api, otherRep, customerId).expect(201);
      await api.http
        .post('/api/v1/pool/transfers')
        .set('Authorization', admin.auth)
        .send({ fromUserId: otherRep.id, toUserId: reader.id, customerIds: [customerId], reason: `第${n}次` })
        .expect(200);
      await api.settleEvents();
      ids.push((await inbox(reader)).items[0]!.id);
    }
    // ids[3] is the newest. Read the second oldest: it moves behind every unread one.
    await api.http.post(`/api/v1/notifications/${ids[1]}/read`).set('Authorization', reader.auth).expect(204);
    await api.http.post(`/api/v1/notifications/${ids[1]}/read`).set('Authorization', reader.auth).expect(204);
    expect(await unread(reader)).toBe(3);
    const first = await inbox(reader, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[3], ids[2]]);
    const second = await inbox(reader, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([ids[0], ids[1]]);
    expect(second.items[1]!.readAt).toEqual(expect.any(String));
    expect(second.nextCursor).toBeNull();
    expect((await inbox(reader, { unread: 'true' })).items.map((item) => item.id)).toEqual([ids[3], ids[2], ids[0]]);

    const all = await api.http.post('/api/v1/notifications/read-all').set('Authorization', reader.auth).expect(200);
    expect(all.body).toEqual({ marked: 3 });
    expect(await unread(reader)).toBe(0);
    expect((await inbox(reader, { unread: 'true' })).items).toEqual([]);
    expect((await inbox(reader)).items).toHaveLength(4);
  });

  it('keeps each notification to its recipient: another user gets 404 and never sees it', async () => {
    const owner = await api.user(['sales-rep']);
    const customerId = await poolCustomer(api, admin);
    await claim(api, otherRep, customerId).expect(201);
    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', admin.auth)
      .send({ fromUserId: otherRep.id, toUserId: owner.id, reason: '调整' })
      .expect(200);
    await api.settleEvents();
    const [mine] = (await inbox(owner)).items;
    for (const stranger of [rep, admin]) {
      const refused = await api.http.post(`/api/v1/notifications/${mine!.id}/read`).set('Authorization', stranger.auth).expect(404);
      expect(refused.body.code).toBe('NOTIFICATION.NOT_FOUND');
      expect((await inbox(stranger)).items.map((item) => item.id)).not.toContain(mine!.id);
      await api.http.post('/api/v1/notifications/read-all').set('Authorization', stranger.auth).expect(200);
    }
    expect((await inbox(owner)).items[0]).toMatchObject({ id: mine!.id, readAt: null });
    await api.http.post('/api/v1/notifications/00000000-0000-7000-8000-000000000000/read').set('Authorization', owner.auth).expect(404);
    await api.http.post('/api/v1/notifications/not-a-uuid/read').set('Authorization', owner.auth).expect(400);
    await api.http.get('/api/v1/notifications').set('Authorization', owner.auth).query({ cursor: 'bogus' }).expect(400);
    await api.http.get('/api/v1/notifications').query({ unread: 'yes' }).set('Authorization', owner.auth).expect(400);
    await api.http.get('/api/v1/notifications').expect(401);
  });

  it('respects preferences: all kinds on by default, a kind switched off makes no notification', async () => {
    const picky = await api.user(['sales-rep']);
    const defaults = await api.http.get('/api/v1/notification-preferences').set('Authorization', picky.auth).expect(200);
    expect(defaults.body.nextCursor).toBeNull();
    expect(defaults.body.items).toHaveLength(9);
    expect(defaults.body.items.every((item: { enabled: boolean }) => item.enabled)).toBe(true);
    expect(defaults.body.items).toContainEqual({ kind: 'customer-transferred', label: '客户转入', enabled: true });

    const changed = await api.http
      .put('/api/v1/notification-preferences')
      .set('Authorization', picky.auth)
      .send({ kinds: [{ kind: 'customer-transferred', enabled: false }] })
      .expect(200);
    expect(changed.body.items).toContainEqual({ kind: 'customer-transferred', label: '客户转入', enabled: false });
    expect(changed.body.items.filter((item: { enabled: boolean }) => item.enabled)).toHaveLength(8);
    await api.http
      .put('/api/v1/notification-preferences')
      .set('Authorization', picky.auth)
      .send({ kinds: [{ kind: 'recycle-reminder', enabled: true }] })
      .expect(200);
    await api.http
      .put('/api/v1/notification-preferences')
      .set('Authorization', picky.auth)
      .send({ kinds: [{ kind: 'spam', enabled: false }] })
      .expect(400);
    await api.http.put('/api/v1/notification-preferences').set('Authorization', picky.auth).send({ kinds: [] }).expect(400);
    const twice = [
      { kind: 'recycle-reminder', enabled: true },
      { kind: 'recycle-reminder', enabled: false },
    ];
    await api.http.put('/api/v1/notification-preferences').set('Authorization', picky.auth).send({ kinds: twice }).expect(400);

    const transfer = async () => {
      const customerId = await poolCustomer(api, admin);
      await claim(api, otherRep, customerId).expect(201);
      await api.http
        .post('/api/v1/pool/transfers')
        .set('Authorization', admin.auth)
        .send({ fromUserId: otherRep.id, toUserId: picky.id, reason: '调整' })
        .expect(200);
      await api.settleEvents();
    };
    await transfer();
    expect((await inbox(picky)).items).toEqual([]);
    // Other users keep theirs; switched on again, the kind notifies again.
    await api.http
      .put('/api/v1/notification-preferences')
      .set('Authorization', picky.auth)
      .send({ kinds: [{ kind: 'customer-transferred', enabled: true }] })
      .expect(200);
    await transfer();
    expect((await inbox(picky)).items).toEqual([expect.objectContaining({ kind: 'customer-transferred' })]);
  });
});
