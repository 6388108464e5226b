import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, GRADES, historyOf, leadPeople, MASTER_POOL_ID, replaceScoringRules, salesRep, uniqueMobile } from './lead-fixtures.js';

/**
 * Batch behaviour ingest [行为数据批量接入]: a tracking system's batch is matched to open leads by
 * normalised mobile, e-mail or a visitor id linked earlier, each item answered on its own, the
 * touched leads re-scored once, and a re-sent batch records nothing twice.
 */
describe('Lead activity batch ingest', () => {
  let api: TestApp;
  let marketing: TestUser;
  let tracker: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 1);
    marketing = people.marketing;
    [rep] = people.reps;
    tracker = await api.user(['lead-integration']);
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

  it('with createUnmatched, unmatched items with a mobile or e-mail make leads like any capture: one per person, scored, routed, assigned', async () => {
    const pool = await createPool(api, marketing, {
      name: '行为建线索池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep.id, tracker.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    const hidden = await createPool(api, marketing, { name: '接入看不见的池', parentId: MASTER_POOL_ID, memberIds: [rep.id] });
    const campaign = (
      await api.http
        .post('/api/v1/lead-campaigns')
        .set('Authorization', marketing.auth)
        .send({ code: `MP-${Date.now()}`, name: '小程序拉新', channel: 'mini-program', cost: '100' })
        .expect(201)
    ).body as { id: string; code: string };
    // A customer someone holds, whose contact has this mobile: the new lead goes to that holder.
    const holder = await salesRep(api);
    const customerId = (
      await api.http
        .post('/api/v1/customers')
        .set('Authorization', holder.auth)
        .send({ kind: 'enterprise', name: `接入匹配客户${Date.now()}` })
        .expect(201)
    ).body.id as string;
    const contactMobile = uniqueMobile();
    const contactId = (
      await api.http
        .post('/api/v1/contacts')
        .set('Authorization', holder.auth)
        .send({ name: '接入联系人', phones: [contactMobile] })
        .expect(201)
    ).body.id as string;
    await api.http
      .post(`/api/v1/customers/${customerId}/contacts`)
      .set('Authorization', holder.auth)
      .send({ contactId, role: 'decision-maker', startedOn: '2026-01-01' })
      .expect(201);
    const known = uniqueMobile();
    const knownLead = (await capture(api, marketing, { mobile: known, poolId: pool }).expect(201)).body.leadId as string;

    const fresh = uniqueMobile();
    const email = `new.${fresh}@example.cn`;
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const batch = [
      { externalId: 'new:1', mobile: fresh, visitorId: 'v-new', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'new:2', mobile: `+86 ${fresh}`, kind: 'h5-open', occurredAt: hourAgo },
      { externalId: 'new:3', email: email.toUpperCase(), kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'new:4', visitorId: 'v-nobody', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'new:5', mobile: known, kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'new:6', mobile: contactMobile, kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'new:1', mobile: fresh, kind: 'page-view', occurredAt: hourAgo },
    ];
    const createUnmatched = { poolId: pool, channel: 'mini-program', campaignId: campaign.id };
    const sendCreating = (activities: unknown[], options: Record<string, unknown> = createUnmatched) =>
      api.http.post('/api/v1/lead-activities/batch').set('Authorization', tracker.auth).send({ activities, createUnmatched: options });

    // The pool is checked against the caller's reach, and the campaign must exist, before anything is recorded.
    expect((await sendCreating(batch, { ...createUnmatched, poolId: hidden }).expect(404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    expect((await sendCreating(batch, { ...createUnmatched, campaignId: '00000000-0000-7000-8000-00000000dead' }).expect(404)).body.code).toBe(
      'LEAD_CAMPAIGN.NOT_FOUND',
    );
    await sendCreating(batch, { poolId: pool }).expect(400);

    const result = await sendCreating(batch).expect(200);
    expect(result.body).toMatchObject({ received: 7, created: 3, recorded: 2, duplicates: 1, unmatched: 1, invalid: 0 });
    const items = result.body.items as { status: string; matchedOn: string | null; leadId: string | null; activityId: string | null }[];
    expect(items.map((item) => item.status)).toEqual(['created', 'recorded', 'created', 'unmatched', 'recorded', 'created', 'duplicate']);
    expect(items.map((item) => item.matchedOn)).toEqual([null, 'mobile', null, null, 'mobile', null, null]);
    const [byMobile, , byEmail, , , byContact] = items.map((item) => item.leadId);
    expect(items[1]!.leadId).toBe(byMobile);
    expect(items[6]).toMatchObject({ leadId: byMobile, activityId: items[0]!.activityId });
    // The tracker is a member of the pool: it sees the new leads; the known lead is matched as before.
    expect(items[4]!.leadId).toBe(knownLead);

    const leads = await api.tx.query<{
      id: string;
      mobile: string | null;
      email: string | null;
      channel: string;
      campaign: string | null;
      pool_id: string;
      score: number;
      owner_id: string | null;
      matched_customer_id: string | null;
      activities: number;
      stay: string;
    }>(
      `SELECT l.id, l.mobile, l.email, l.channel, l.campaign, l.pool_id, l.score, l.owner_id, l.matched_customer_id,
              (SELECT count(*)::int FROM lead.activities a WHERE a.lead_id = l.id) AS activities,
              (SELECT reason FROM lead.pool_stays s WHERE s.lead_id = l.id) AS stay
         FROM lead.leads l WHERE l.id = ANY($1::uuid[])`,
      [[byMobile, byEmail, byContact]],
    );
    const byId = Object.fromEntries(leads.map((lead) => [lead.id, lead]));
    // A page view (10) and an H5 open (5) for the mobile's lead; a page view each for the others.
    expect(byId[byMobile!]).toMatchObject({
      mobile: fresh,
      email: null,
      channel: 'mini-program',
      campaign: campaign.code,
      pool_id: pool,
      score: 15,
      activities: 2,
    });
    expect(byId[byEmail!]).toMatchObject({ mobile: null, email: email.toUpperCase(), score: 10, activities: 1, stay: 'captured' });
    // Routed to the customer's holder; the others assigned by the pool's round-robin (its only member who may hold leads).
    expect(byId[byContact!]).toMatchObject({ matched_customer_id: customerId, owner_id: holder.id, score: 10 });
    expect([byId[byMobile!]!.owner_id, byId[byEmail!]!.owner_id]).toEqual([expect.any(String), expect.any(String)]);
    const history = await historyOf(api, marketing, byMobile!);
    expect(history.map((line) => line.what)).toEqual(expect.arrayContaining(['captured', 'scored', 'assigned']));
    // The visitor id is linked to the new lead: alone, it finds it later.
    const later = await send(tracker, [{ externalId: 'new:20', visitorId: 'v-new', kind: 'page-view', occurredAt: new Date().toISOString() }]).expect(200);
    expect(later.body.items[0]).toMatchObject({ status: 'recorded', matchedOn: 'visitor', leadId: byMobile });

    // Sent again: every keyed item a duplicate, no lead made twice.
    const again = await sendCreating(batch).expect(200);
    expect(again.body).toMatchObject({ created: 0, recorded: 0, duplicates: 6, unmatched: 1 });
    const [count] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.leads WHERE mobile_key = $1 OR email_key = $2`, [fresh, email]);
    expect(count!.n).toBe(2);
  });

  it('with createUnmatched, items with only a visitor id the batch ties to a mobile or e-mail land on that person’s lead, in any order; later batches find it', async () => {
    const pool = await createPool(api, marketing, { name: '访客建线索池', parentId: MASTER_POOL_ID, memberIds: [tracker.id] });
    const known = uniqueMobile();
    const knownLead = (await capture(api, marketing, { mobile: known, poolId: pool }).expect(201)).body.leadId as string;
    const fresh = uniqueMobile();
    const email = `visitor.${fresh}@example.cn`;
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const batch = [
      // Before the item that names the person: still theirs.
      { externalId: 'vis:1', visitorId: 'v-mixed', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'vis:2', mobile: fresh, visitorId: 'v-mixed', kind: 'h5-open', occurredAt: hourAgo },
      { externalId: 'vis:3', visitorId: 'v-mixed', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'vis:4', email, visitorId: 'v-mail', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'vis:5', visitorId: 'v-mail', kind: 'h5-open', occurredAt: hourAgo },
      { externalId: 'vis:6', visitorId: 'v-alone', kind: 'page-view', occurredAt: hourAgo },
      // A person with an open lead already: the visitor-only item before their mobile finds it too.
      { externalId: 'vis:7', visitorId: 'v-known', kind: 'page-view', occurredAt: hourAgo },
      { externalId: 'vis:8', mobile: known, visitorId: 'v-known', kind: 'h5-open', occurredAt: hourAgo },
    ];
    const result = await api.http
      .post('/api/v1/lead-activities/batch')
      .set('Authorization', tracker.auth)
      .send({ activities: batch, createUnmatched: { poolId: pool, channel: 'tracking' } })
      .expect(200);
    expect(result.body).toMatchObject({ received: 8, created: 2, recorded: 5, unmatched: 1, duplicates: 0, invalid: 0, leadsRescored: 1 });
    const items = result.body.items as { status: string; matchedOn: string | null; leadId: string | null }[];
    expect(items.map((item) => [item.status, item.matchedOn])).toEqual([
      ['recorded', 'visitor'],
      ['created', null],
      ['recorded', 'visitor'],
      ['created', null],
      ['recorded', 'visitor'],
      ['unmatched', null],
      ['recorded', 'visitor'],
      ['recorded', 'mobile'],
    ]);
    const byMobile = items[1]!.leadId!;
    const byEmail = items[3]!.leadId!;
    expect(items.map((item) => item.leadId)).toEqual([byMobile, byMobile, byMobile, byEmail, byEmail, null, knownLead, knownLead]);

    // Page views 10 each, an H5 open 5: the mobile's lead 10 + 5 + 10, the e-mail's 10 + 5, the known lead 10 + 5.
    const figures = async () =>
      Object.fromEntries(
        (
          await api.tx.query<{ id: string; score: number; activities: number }>(
            `SELECT l.id, l.score, (SELECT count(*)::int FROM lead.activities a WHERE a.lead_id = l.id) AS activities
               FROM lead.leads l WHERE l.id = ANY($1::uuid[])`,
            [[byMobile, byEmail, knownLead]],
          )
        ).map((row) => [row.id, [row.score, row.activities]]),
      );
    expect(await figures()).toEqual({ [byMobile]: [25, 3], [byEmail]: [15, 2], [knownLead]: [15, 2] });
    const [first] = await api.tx.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM lead.activities WHERE external_id = 'vis:1'`);
    expect(first!.detail).toEqual({ source: 'batch', matchedOn: 'visitor', visitorId: 'v-mixed' });
    const links = await api.tx.query<{ visitor_id: string; lead_id: string }>(
      `SELECT visitor_id, lead_id FROM lead.visitor_ids WHERE visitor_id = ANY($1::text[]) ORDER BY visitor_id`,
      [['v-mixed', 'v-mail', 'v-alone', 'v-known']],
    );
    expect(links.map((link) => [link.visitor_id, link.lead_id])).toEqual([
      ['v-known', knownLead],
      ['v-mail', byEmail],
      ['v-mixed', byMobile],
    ]);

    // A later batch with the visitor ids alone (no createUnmatched) finds the leads: 3 page views reach the cap of 30.
    const now = new Date().toISOString();
    const later = await send(tracker, [
      { externalId: 'vis:20', visitorId: 'v-mixed', kind: 'page-view', occurredAt: now },
      { externalId: 'vis:21', visitorId: 'v-mail', kind: 'page-view', occurredAt: now },
    ]).expect(200);
    expect(later.body.items.map((item: { status: string; matchedOn: string; leadId: string }) => [item.status, item.matchedOn, item.leadId])).toEqual([
      ['recorded', 'visitor', byMobile],
      ['recorded', 'visitor', byEmail],
    ]);
    expect(await figures()).toEqual({ [byMobile]: [35, 4], [byEmail]: [25, 3], [knownLead]: [15, 2] });

    // The e-mail's lead is closed: its visitor id no longer finds it, and the person's next lead takes the visitor id over.
    await api.http.post(`/api/v1/leads/${byEmail}/closure`).set('Authorization', marketing.auth).send({ reason: 'no-need' }).expect(200);
    const orphan = await send(tracker, [{ externalId: 'vis:30', visitorId: 'v-mail', kind: 'page-view', occurredAt: now }]).expect(200);
    expect(orphan.body.items[0]).toMatchObject({ status: 'unmatched' });
    const otherEmail = `visitor.new.${fresh}@example.cn`;
    const again = await api.http
      .post('/api/v1/lead-activities/batch')
      .set('Authorization', tracker.auth)
      .send({
        activities: [
          { externalId: 'vis:31', visitorId: 'v-mail', kind: 'h5-open', occurredAt: now },
          { externalId: 'vis:32', email: otherEmail, visitorId: 'v-mail', kind: 'page-view', occurredAt: now },
        ],
        createUnmatched: { poolId: pool, channel: 'tracking' },
      })
      .expect(200);
    const next = again.body.items[1].leadId as string;
    expect(again.body.items.map((item: { status: string; leadId: string }) => [item.status, item.leadId])).toEqual([
      ['recorded', next],
      ['created', next],
    ]);
    expect(next).not.toBe(byEmail);
    const relinked = await send(tracker, [{ externalId: 'vis:33', visitorId: 'v-mail', kind: 'page-view', occurredAt: now }]).expect(200);
    expect(relinked.body.items[0]).toMatchObject({ status: 'recorded', matchedOn: 'visitor', leadId: next });
  });

  it('two batches racing with the same new person make one lead; each item is answered with it', async () => {
    const pool = await createPool(api, marketing, { name: '并发建线索池', parentId: MASTER_POOL_ID, memberIds: [tracker.id] });
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    // A few rounds, so the batches meet on the unique key at least once rather than one after the other.
    for (let round = 0; round < 4; round++) {
      const shared = uniqueMobile();
      const batchOf = (tag: string) => ({
        activities: [
          { externalId: `${tag}:${round}:own`, mobile: uniqueMobile(), kind: 'page-view', occurredAt: hourAgo },
          { externalId: `${tag}:${round}:shared`, mobile: shared, kind: 'page-view', occurredAt: hourAgo },
        ],
        createUnmatched: { poolId: pool, channel: 'tracking' },
      });
      const [a, b] = await Promise.all(
        ['race-a', 'race-b'].map((tag) => api.http.post('/api/v1/lead-activities/batch').set('Authorization', tracker.auth).send(batchOf(tag)).expect(200)),
      );
      const sharedItems = [a!.body.items[1], b!.body.items[1]] as { status: string; leadId: string }[];
      expect(sharedItems.map((item) => item.status).sort()).toEqual(['created', 'recorded']);
      expect(sharedItems[0]!.leadId).toBe(sharedItems[1]!.leadId);
      expect([a!.body.items[0].status, b!.body.items[0].status]).toEqual(['created', 'created']);
      const leads = await api.tx.query<{ id: string; activities: number; score: number }>(
        `SELECT l.id, (SELECT count(*)::int FROM lead.activities a WHERE a.lead_id = l.id) AS activities, l.score FROM lead.leads l WHERE l.mobile_key = $1`,
        [shared],
      );
      expect(leads).toEqual([{ id: sharedItems[0]!.leadId, activities: 2, score: 20 }]);
    }
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
