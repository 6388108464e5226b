import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, salesRep, uniqueMobile } from './lead-fixtures.js';

/** Today in China time (the period of the fairness figures is in China-time days). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The assignment dry run [分配预演] answers what a capture would do, with the why of every
 * candidate, and changes nothing; the fairness figures [分配公平度] of a pool are checked against
 * counts worked out by hand.
 */
describe('Lead assignment preview and fairness figures', () => {
  let api: TestApp;
  let marketing: TestUser;
  let reps: TestUser[];
  let outsider: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    ({ marketing, reps } = await leadPeople(api, 3));
    reps.sort((a, b) => (a.id < b.id ? -1 : 1));
    outsider = await salesRep(api);
  });
  afterAll(() => api.close());

  const preview = (by: TestUser, poolId: string, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/lead-pools/${poolId}/assignment-preview`).set('Authorization', by.auth).send(body);

  const footprint = async (poolId: string) => {
    const [row] = await api.tx.query<{ assignments: number; cursors: unknown; owned: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM lead.assignments WHERE pool_id = $1) AS assignments,
              (SELECT cursors FROM lead.assignment_cursors WHERE pool_id = $1) AS cursors,
              (SELECT count(*)::int FROM lead.leads WHERE pool_id = $1 AND owner_id IS NOT NULL) AS owned,
              (SELECT count(*)::int FROM platform.events) AS events`,
      [poolId],
    );
    return row;
  };

  it('answers the matching entry, the assignee and each skip, exactly what the next capture does, and changes nothing', async () => {
    const [east1, east2, rest] = reps as [TestUser, TestUser, TestUser];
    const pool = await createPool(api, marketing, {
      name: '预演池',
      parentId: MASTER_POOL_ID,
      memberIds: [rest.id],
      rules: {
        assignmentStrategy: 'by-rules',
        maxHeld: 2,
        memberCapacity: { [rest.id]: 1 },
        assignmentRules: [
          {
            id: 'east',
            when: [{ fact: 'province', op: 'in', values: ['浙江', '江苏'] }],
            then: { assigneeIds: [east1.id, east2.id], strategy: 'round-robin' },
          },
          { id: 'rest', when: [], then: { assigneeIds: [], strategy: 'least-busy' } },
        ],
      },
    });

    const before = await footprint(pool);
    const first = await preview(marketing, pool, { lead: { mobile: uniqueMobile(), province: '浙江' } }).expect(200);
    expect(first.body).toMatchObject({
      poolId: pool,
      poolStrategy: 'by-rules',
      automatic: true,
      leadId: null,
      facts: { province: '浙江', region: '浙江', type: 'person', score: 0 },
      matchedRule: { id: 'east', index: 0 },
      misses: [],
      strategy: 'round-robin',
      // No turn taken yet: round-robin starts with the lowest id.
      assigneeId: east1.id,
      outcome: 'assigned',
      candidates: [
        { userId: east1.id, load: 0, capacity: 2, weight: 1, skipped: null },
        { userId: east2.id, load: 0, capacity: 2, weight: 1, skipped: null },
      ],
      skipped: [],
    });
    // Previewing twice gives the same answer: no turn was taken, nothing was written.
    expect((await preview(marketing, pool, { lead: { mobile: uniqueMobile(), province: '浙江' } }).expect(200)).body.assigneeId).toBe(east1.id);
    expect(await footprint(pool)).toEqual(before);

    // The capture does what the preview said; the next preview moves on to the other person.
    const captured = await capture(api, marketing, { mobile: uniqueMobile(), province: '浙江', poolId: pool }).expect(201);
    expect(captured.body.lead.ownerId).toBe(east1.id);
    expect((await preview(marketing, pool, { lead: { mobile: uniqueMobile(), province: '江苏' } }).expect(200)).body.assigneeId).toBe(east2.id);
    for (const province of ['江苏', '浙江', '江苏']) await capture(api, marketing, { mobile: uniqueMobile(), province, poolId: pool }).expect(201);

    // Both east people hold 2, their capacity: the lead would wait, and the answer says why.
    const full = await preview(marketing, pool, { lead: { mobile: uniqueMobile(), province: '浙江' } }).expect(200);
    expect(full.body).toMatchObject({
      matchedRule: { id: 'east', index: 0 },
      assigneeId: null,
      outcome: 'nobody-free',
      candidates: [
        { userId: east1.id, load: 2, capacity: 2, skipped: 'at-capacity' },
        { userId: east2.id, load: 2, capacity: 2, skipped: 'at-capacity' },
      ],
    });
    expect(full.body.skipped).toHaveLength(2);

    // Elsewhere: the east entry is missed on its province, the catch-all picks the least busy.
    const west = await preview(marketing, pool, { lead: { companyName: '广州某公司', province: '广东', score: 90, grade: 'A' } }).expect(200);
    expect(west.body).toMatchObject({
      facts: { province: '广东', type: 'company', score: 90, grade: 'A' },
      misses: [{ ruleId: 'east', fact: 'province', op: 'in', actual: '广东' }],
      matchedRule: { id: 'rest', index: 1 },
      strategy: 'least-busy',
      assigneeId: rest.id,
      candidates: [{ userId: rest.id, load: 0, capacity: 1, skipped: null }],
    });

    // By lead id: the stored lead's facts.
    const byId = await preview(marketing, pool, { leadId: captured.body.leadId }).expect(200);
    expect(byId.body).toMatchObject({ leadId: captured.body.leadId, facts: { province: '浙江' }, matchedRule: { id: 'east' }, outcome: 'nobody-free' });

    // A pool that leaves its leads waiting says so.
    const grab = await createPool(api, marketing, {
      name: '预演抢单池',
      parentId: MASTER_POOL_ID,
      memberIds: [rest.id],
      rules: { assignmentStrategy: 'grab' },
    });
    expect((await preview(marketing, grab, { lead: { mobile: uniqueMobile() } }).expect(200)).body).toMatchObject({
      automatic: false,
      outcome: 'pool-does-not-assign',
      assigneeId: null,
      candidates: [],
    });

    // Neither a lead nor facts; both are checked.
    await preview(marketing, pool, {}).expect(400);
    await preview(marketing, pool, { leadId: 'not-a-uuid' }).expect(400);
  });

  it('data scope: a rep previews neither a pool nor a lead outside their reach', async () => {
    const [east1] = reps as [TestUser];
    const theirs = await createPool(api, marketing, {
      name: '他人团队池',
      parentId: MASTER_POOL_ID,
      memberIds: [east1.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    const mine = await createPool(api, marketing, {
      name: '自己团队池',
      parentId: MASTER_POOL_ID,
      memberIds: [outsider.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    const lead = (await capture(api, marketing, { mobile: uniqueMobile(), poolId: theirs }).expect(201)).body.leadId as string;

    const pool404 = await preview(outsider, theirs, { lead: { mobile: uniqueMobile() } })
      .set('Accept-Language', 'zh-CN')
      .expect(404);
    expect(pool404.body.code).toBe('LEAD_POOL.NOT_FOUND');
    expect(pool404.body.detail).toContain('线索池不存在');
    // Their own pool, but another team's lead by id: like a missing lead.
    const lead404 = await preview(outsider, mine, { leadId: lead }).expect(404);
    expect(lead404.body.code).toBe('LEAD.NOT_FOUND');
    // The member of that pool may.
    expect((await preview(east1, theirs, { leadId: lead }).expect(200)).body.assigneeId).toBe(east1.id);
  });

  it('fairness figures per person: counts, share, deviation from the fair share and capacity usage', async () => {
    const [s0, s1, s2] = reps as [TestUser, TestUser, TestUser];
    const pool = await createPool(api, marketing, {
      name: '公平度池',
      parentId: MASTER_POOL_ID,
      memberIds: [s0.id, s1.id, s2.id],
      rules: { assignmentStrategy: 'round-robin', memberCapacity: { [s2.id]: 4 } },
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string);
    // Round-robin in id order from no cursor: s0 gets the 1st, 4th and 7th; s1 and s2 two each.
    const ofS0 = (
      await api.tx.query<{ id: string }>(`SELECT id FROM lead.leads WHERE pool_id = $1 AND owner_id = $2 ORDER BY created_at LIMIT 1`, [pool, s0.id])
    )[0]!.id;
    await api.http.post(`/api/v1/leads/${ofS0}/assignment`).set('Authorization', marketing.auth).send({ ownerId: s2.id, reason: '平衡负载' }).expect(200);

    const today = chinaToday();
    const stats = await api.http
      .get(`/api/v1/lead-pools/${pool}/assignment-stats`)
      .query({ from: today, to: today })
      .set('Authorization', marketing.auth)
      .expect(200);
    // By hand: 8 assignments (7 automatic + 1 manual) among 3 people: fair share 8/3 = 2.6667.
    // s0: 3 (share 3/8 = 0.375, deviation 3 − 2.6667 = 0.3333), holds 2 now, no capacity.
    // s1: 2 (0.25, −0.6667), holds 2. s2: 2 automatic + 1 manual = 3 (0.375, 0.3333), holds 3 of 4 (0.75).
    expect(stats.body).toEqual({
      poolId: pool,
      from: today,
      to: today,
      assigned: 8,
      eligiblePeople: 3,
      fairShare: '2.6667',
      maxDeviation: '0.6667',
      people: [
        {
          userId: s0.id,
          eligible: true,
          assigned: 3,
          auto: 3,
          manual: 0,
          claim: 0,
          share: '0.3750',
          deviation: '0.3333',
          openLeads: 2,
          capacity: null,
          capacityUsage: null,
        },
        {
          userId: s2.id,
          eligible: true,
          assigned: 3,
          auto: 2,
          manual: 1,
          claim: 0,
          share: '0.3750',
          deviation: '0.3333',
          openLeads: 3,
          capacity: 4,
          capacityUsage: '0.7500',
        },
        {
          userId: s1.id,
          eligible: true,
          assigned: 2,
          auto: 2,
          manual: 0,
          claim: 0,
          share: '0.2500',
          deviation: '-0.6667',
          openLeads: 2,
          capacity: null,
          capacityUsage: null,
        },
      ].sort((a, b) => b.assigned - a.assigned || (a.userId < b.userId ? -1 : 1)),
    });

    // A period with nothing: no share to speak of.
    const empty = await api.http
      .get(`/api/v1/lead-pools/${pool}/assignment-stats`)
      .query({ from: '2020-01-01', to: '2020-01-31' })
      .set('Authorization', marketing.auth)
      .expect(200);
    expect(empty.body).toMatchObject({ assigned: 0, fairShare: null, maxDeviation: null });
    expect(empty.body.people.map((p: { share: string | null }) => p.share)).toEqual([null, null, null]);

    // Members see the pool but not their colleagues' figures; others not even the pool.
    const member = await api.http
      .get(`/api/v1/lead-pools/${pool}/assignment-stats`)
      .query({ from: today, to: today })
      .set('Authorization', s1.auth)
      .expect(403);
    expect(member.body.code).toBe('LEAD_POOL.NOT_ADMIN');
    await api.http.get(`/api/v1/lead-pools/${pool}/assignment-stats`).query({ from: today, to: today }).set('Authorization', outsider.auth).expect(404);
    const reversed = await api.http
      .get(`/api/v1/lead-pools/${pool}/assignment-stats`)
      .query({ from: today, to: '2020-01-01' })
      .set('Authorization', marketing.auth)
      .expect(400);
    expect(reversed.body.code).toBe('LEAD_REPORT.PERIOD_REVERSED');
    await api.http.get(`/api/v1/lead-pools/${pool}/assignment-stats`).query({ from: today }).set('Authorization', marketing.auth).expect(400);
  });
});
