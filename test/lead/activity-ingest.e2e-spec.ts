import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, GRADES, historyOf, MASTER_POOL_ID, replaceScoringRules, uniqueMobile } from './lead-fixtures.js';

/**
 * Batch behaviour ingest [行为数据批量接入]: a tracking system's batch is matched to open leads by
 * normalised mobile, e-mail or a visitor id linked earlier, each item answered on its own, the
 * touched leads re-scored once, and a re-sent batch records nothing twice.
 */
describe('Lead activity batch ingest', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketing: TestUser;
  let tracker: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    marketing = await api.user(['marketing']);
    tracker = await api.user(['lead-integration']);
    rep = await api.user(['sales-rep'], await api.team());
    await api.http
      .patch(`/api/v1/lead-pools/${MASTER_POOL_ID}`)
      .set('Authorization', admin.auth)
      .send({ adminIds: [marketing.id] })
      .expect(200);
    await replaceScoringRules(api, marketing, {
      rules: [
        { id: 'pages', name: '浏览官网', kind: 'behaviour', activity: 'page-view', withinDays: 7, points: 10, cap: 30 },
        { id: 'h5', name: '打开H5', kind: 'behaviour', activity: 'h5-open', withinDays: 7, points: 5 },
      ],
      ...GRADES,
    });
  });
  afterAll(() => api.close());

  const send = (by: TestUser, activities: unknown[]) => api.http.post('/api/v1/lead-activities/batch').set('Authorization', by.auth).send({ activities });

  it('matches by mobile, e-mail and visitor id, reports unmatched, duplicate and invalid items, re-scores once, and a re-send records nothing', async () => {
    const pool = await createPool(api, marketing, { name: '行为接入池', parentId: MASTER_POOL_ID, memberIds: [rep.id] });
    const m1 = uniqueMobile();
    const m3 = uniqueMobile();
    const email = `buyer.${m1}@example.cn`;
    const byMobile = (await capture(api, marketing, { mobile: m1, poolId: pool }).expect(201)).body.leadId as string;
    const byEmail = (await capture(api, marketing, { email, poolId: pool }).expect(201)).body.leadId as string;
    const closed = (await capture(api, marketing, { mobile: m3, poolId: pool }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${closed}/closure`).set('Authorization', marketing.auth).send({ reason: 'no-need' }).expect(200);

    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const batch = [
      { externalId: 'trk:1', mobile: `+86 ${m1.slice(0, 3)}-${m1.slice(3, 7)}-${m1.slice(7)}`, visitorId: 'v-1', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:2', email: email.toUpperCase(), kind: 'h5-open', occurredAt: hourAgo, channel: 'wechat' },
      // Only the visitor id: linked to the first lead by item 0 of this very batch.
      { externalId: 'trk:3', visitorId: 'v-1', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:1', mobile: m1, kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:5', mobile: uniqueMobile(), kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:6', mobile: m3, kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:7', mobile: m1, kind: 'call-outcome', occurredAt: hourAgo },
      { externalId: 'trk:8', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:9', mobile: 'abc', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'trk:10', mobile: m1, kind: 'page-view', occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      { externalId: 'trk:11', mobile: m1, kind: 'page-view', occurredAt: 'yesterday' },
    ];
    const first = await send(tracker, batch).expect(200);
    expect(first.body).toMatchObject({ received: 11, recorded: 3, duplicates: 1, unmatched: 2, invalid: 5, leadsRescored: 2 });
    const items = first.body.items as {
      index: number;
      status: string;
      matchedOn: string | null;
      leadId: string | null;
      code: string | null;
      field: string | null;
      activityId: string | null;
    }[];
    expect(items.map((item) => item.status)).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'duplicate',
      'unmatched',
      'unmatched',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(items.slice(0, 3).map((item) => item.matchedOn)).toEqual(['mobile', 'email', 'visitor']);
    expect(items[3]!.activityId).toBe(items[0]!.activityId);
    expect(items.slice(6).map((item) => [item.code, item.field])).toEqual([
      ['LEAD_INGEST.BAD_FIELD', 'kind'],
      ['LEAD_INGEST.NO_KEY', null],
      ['LEAD.INVALID_MOBILE', 'mobile'],
      ['LEAD.ACTIVITY_IN_FUTURE', 'occurredAt'],
      ['LEAD_INGEST.BAD_FIELD', 'occurredAt'],
    ]);
    // The integration sees no lead: matched items do not name them.
    expect(items.every((item) => item.leadId === null)).toBe(true);

    // Two page views for the first lead (10 each), an H5 open for the second (5); the closed one untouched.
    const scores = await api.tx.query<{ id: string; score: number; activities: number }>(
      `SELECT l.id, l.score, (SELECT count(*)::int FROM lead.activities a WHERE a.lead_id = l.id) AS activities FROM lead.leads l WHERE l.id = ANY($1::uuid[]) ORDER BY l.id`,
      [[byMobile, byEmail, closed]],
    );
    expect(Object.fromEntries(scores.map((row) => [row.id, [row.score, row.activities]]))).toEqual({
      [byMobile]: [20, 2],
      [byEmail]: [5, 1],
      [closed]: [0, 0],
    });
    const history = await historyOf(api, marketing, byMobile);
    expect(history.filter((line) => line.what === 'activity-recorded')).toHaveLength(2);
    expect(history.filter((line) => line.what === 'scored').at(-1)).toMatchObject({ how: 'activity', howMuch: 20 });

    // The same batch again: nothing new, every keyed item a duplicate of what it was recorded as.
    const again = await send(tracker, batch).expect(200);
    expect(again.body).toMatchObject({ received: 11, recorded: 0, duplicates: 4, unmatched: 2, invalid: 5, leadsRescored: 0 });
    expect(again.body.items.slice(0, 3).map((item: { activityId: string }) => item.activityId)).toEqual(items.slice(0, 3).map((item) => item.activityId));
    const [count] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.activities WHERE lead_id = ANY($1::uuid[])`, [[byMobile, byEmail]]);
    expect(count!.n).toBe(3);

    // Later, the visitor id alone finds the lead it was linked to; someone who sees the lead gets its id.
    const later = await send(marketing, [{ externalId: 'trk:20', visitorId: 'v-1', kind: 'page-view', occurredAt: new Date().toISOString() }]).expect(200);
    expect(later.body.items[0]).toMatchObject({ status: 'recorded', matchedOn: 'visitor', leadId: byMobile });
    expect((await api.tx.query<{ score: number }>(`SELECT score FROM lead.leads WHERE id = $1`, [byMobile]))[0]!.score).toBe(30);
  });

  it('is for integrations: 403 without lead:ingest; 400 for an empty or oversized batch', async () => {
    const denied = await send(rep, [{ mobile: uniqueMobile(), kind: 'page-view', occurredAt: new Date().toISOString() }])
      .set('Accept-Language', 'zh-CN')
      .expect(403);
    expect(denied.body.status).toBe(403);
    await send(tracker, []).expect(400);
    // The batch's shape is checked whole: every item must be an object.
    await send(tracker, ['not an object']).expect(400);
    await api.http.post('/api/v1/lead-activities/batch').set('Authorization', tracker.auth).send({}).expect(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({
      externalId: `big:${i}`,
      mobile: uniqueMobile(),
      kind: 'page-view',
      occurredAt: new Date().toISOString(),
    }));
    await send(tracker, tooMany).expect(400);
    // 1,000 is allowed: all unmatched here, answered item by item.
    const full = await send(tracker, tooMany.slice(0, 1000)).expect(200);
    expect(full.body).toMatchObject({ received: 1000, unmatched: 1000 });
  });
});
