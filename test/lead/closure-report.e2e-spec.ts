import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, handMasterPool, MASTER_POOL_ID, salesRep, uniqueMobile } from './lead-fixtures.js';

interface ClosureReport {
  from: string;
  to: string;
  poolId: string | null;
  items: { reason: string; label: string; active: boolean; closed: number; share: string | null }[];
  totals: { closed: number };
  pools: { poolId: string; name: string; parentId: string | null; closed: number; closedHere: number; reasons: { reason: string; closed: number }[] }[];
}

/**
 * Closures per reason [关闭原因分析]: how many leads were closed for each reason in a period, per
 * pool with its sub-pools, within the caller's pools and data scope; a market team never sees
 * another team's closures, nor the pools above its own.
 */
describe('Lead closures per reason report', () => {
  let api: TestApp;
  let head: TestUser;
  let eastMember: TestUser;
  let eastSubMember: TestUser;
  let westMember: TestUser;
  let holder: TestUser;
  let east: string;
  let eastSub: string;
  let west: string;
  const china = (daysAgo: number) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const today = china(0);

  const report = (by: TestUser, query: Record<string, string>, status = 200) =>
    api.http.get('/api/v1/reports/lead-closures').query(query).set('Authorization', by.auth).expect(status);
  const figures = (body: ClosureReport) => body.items.map((item) => [item.reason, item.closed, item.share]);
  const poolFigures = (body: ClosureReport) =>
    body.pools.map((pool) => [pool.poolId, pool.closed, pool.closedHere, pool.reasons.map((reason) => `${reason.reason}:${reason.closed}`)]);

  beforeAll(async () => {
    api = await TestApp.start();
    const admin = await api.user(['admin']);
    head = await api.user(['marketing']);
    eastMember = await api.user(['marketing']);
    eastSubMember = await api.user(['marketing']);
    westMember = await api.user(['marketing']);
    holder = await salesRep(api);
    await handMasterPool(api, admin, { adminIds: [head.id] });
    east = await createPool(api, head, { name: '华东市场组', parentId: MASTER_POOL_ID, memberIds: [eastMember.id] });
    west = await createPool(api, head, { name: '华南市场组', parentId: MASTER_POOL_ID, memberIds: [westMember.id] });
    eastSub = await createPool(api, head, { name: '华东-浙江小组', parentId: east, memberIds: [eastSubMember.id] });
    const added = await api.http
      .post('/api/v1/lead-closure-reasons')
      .set('Authorization', head.auth)
      .send({ key: 'no-budget', label: '没有预算', sortOrder: 50 })
      .expect(201);

    const closeNew = async (poolId: string, reason: string, extra: Record<string, unknown> = {}) => {
      const leadId = (await capture(api, head, { mobile: uniqueMobile(), poolId, ...extra }).expect(201)).body.leadId as string;
      await api.http.post(`/api/v1/leads/${leadId}/closure`).set('Authorization', head.auth).send({ reason }).expect(200);
      return leadId;
    };
    await closeNew(east, 'invalid');
    await closeNew(east, 'invalid');
    await closeNew(east, 'no-need');
    await closeNew(eastSub, 'invalid');
    await closeNew(eastSub, 'no-budget');
    await closeNew(west, 'no-need');
    await closeNew(west, 'no-need');
    await closeNew(west, 'unreachable');
    // A sales rep owns this one without working the pool: they see it through their data scope.
    await closeNew(west, 'duplicate', { ownerId: holder.id });
    // Neither a reopened lead nor an open one counts.
    const reopened = await closeNew(east, 'invalid');
    await api.http.post(`/api/v1/leads/${reopened}/reopening`).set('Authorization', head.auth).send({}).expect(200);
    await capture(api, head, { mobile: uniqueMobile(), poolId: east }).expect(201);
    // Closed 40 days ago: outside today's period.
    const old = await closeNew(west, 'no-need');
    await api.tx.query(`UPDATE lead.leads SET closed_at = closed_at - interval '40 days' WHERE id = $1`, [old]);
    // Deactivated after use: still listed where leads were closed for it.
    await api.http
      .patch('/api/v1/lead-closure-reasons/no-budget')
      .set('Authorization', head.auth)
      .set('If-Match', added.headers.etag!)
      .send({ active: false })
      .expect(200);
  });
  afterAll(() => api.close());

  it('counts the period’s closures per reason with their shares, and per pool with its sub-pools, for the head of the master pool', async () => {
    const body = (await report(head, { from: today, to: today })).body as ClosureReport;
    expect(body).toMatchObject({ from: today, to: today, poolId: null, totals: { closed: 9 } });
    expect(body).not.toHaveProperty('nextCursor');
    // 9 closures: invalid 2 + 1, duplicate 1, no-need 1 + 2, unreachable 1, no-budget 1, other 0.
    expect(figures(body)).toEqual([
      ['invalid', 3, '0.3333'],
      ['duplicate', 1, '0.1111'],
      ['no-need', 3, '0.3333'],
      ['unreachable', 1, '0.1111'],
      ['no-budget', 1, '0.1111'],
      ['other', 0, '0.0000'],
    ]);
    expect(body.items.find((item) => item.reason === 'no-budget')).toMatchObject({ label: '没有预算', active: false });
    expect(poolFigures(body)).toEqual([
      [MASTER_POOL_ID, 9, 0, ['invalid:3', 'duplicate:1', 'no-need:3', 'unreachable:1', 'no-budget:1']],
      [east, 5, 3, ['invalid:3', 'no-need:1', 'no-budget:1']],
      [eastSub, 2, 2, ['invalid:1', 'no-budget:1']],
      [west, 4, 4, ['duplicate:1', 'no-need:2', 'unreachable:1']],
    ]);
    expect(body.pools[1]).toMatchObject({ name: '华东市场组', parentId: MASTER_POOL_ID });

    // One pool and the pools below it: 5 closures, invalid 3/5, no-need 1/5, no-budget 1/5.
    const eastOnly = (await report(head, { from: today, to: today, poolId: east })).body as ClosureReport;
    expect(eastOnly).toMatchObject({ poolId: east, totals: { closed: 5 } });
    expect(figures(eastOnly)).toEqual([
      ['invalid', 3, '0.6000'],
      ['duplicate', 0, '0.0000'],
      ['no-need', 1, '0.2000'],
      ['unreachable', 0, '0.0000'],
      ['no-budget', 1, '0.2000'],
      ['other', 0, '0.0000'],
    ]);
    expect(poolFigures(eastOnly).map(([poolId, closed]) => [poolId, closed])).toEqual([
      [east, 5],
      [eastSub, 2],
    ]);
  });

  it('counts by the day a lead was closed (company time zone, Shanghai by default); a period without closures lists the active reasons with no shares', async () => {
    const past = (await report(head, { from: china(41), to: china(39) })).body as ClosureReport;
    expect(past.totals.closed).toBe(1);
    // The deactivated reason had no closures then: not listed.
    expect(figures(past)).toEqual([
      ['invalid', 0, '0.0000'],
      ['duplicate', 0, '0.0000'],
      ['no-need', 1, '1.0000'],
      ['unreachable', 0, '0.0000'],
      ['other', 0, '0.0000'],
    ]);
    expect(poolFigures(past)).toEqual([
      [MASTER_POOL_ID, 1, 0, ['no-need:1']],
      [west, 1, 1, ['no-need:1']],
    ]);
    const none = (await report(head, { from: china(30), to: china(20) })).body as ClosureReport;
    expect(none.totals.closed).toBe(0);
    expect(none.items.every((item) => item.closed === 0 && item.share === null)).toBe(true);
    expect(none.pools).toEqual([]);
    expect((await report(head, { from: today, to: china(1) }, 400)).body.code).toBe('LEAD_REPORT.PERIOD_REVERSED');
    await report(head, { from: 'yesterday', to: today }, 400);
    await report(head, { from: today, to: today, poolId: 'not-a-uuid' }, 400);
  });

  it('counts days in the company time zone (CRM_TIMEZONE), not a fixed one', async () => {
    // Closed at 20:00 UTC on 1 March 2026: already 2 March in Shanghai, still 1 March in UTC.
    const leadId = (await capture(api, head, { mobile: uniqueMobile(), poolId: east }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${leadId}/closure`).set('Authorization', head.auth).send({ reason: 'invalid' }).expect(200);
    await api.tx.query(`UPDATE lead.leads SET closed_at = '2026-03-01T20:00:00Z' WHERE id = $1`, [leadId]);
    const utc = await TestApp.start({ sharedWith: api, config: { timeZone: 'UTC' } });
    try {
      const closedOn = async (app: TestApp, day: string) =>
        ((await app.http.get('/api/v1/reports/lead-closures').query({ from: day, to: day }).set('Authorization', head.auth).expect(200)).body as ClosureReport)
          .totals.closed;
      expect([await closedOn(api, '2026-03-01'), await closedOn(api, '2026-03-02')]).toEqual([0, 1]);
      expect([await closedOn(utc, '2026-03-01'), await closedOn(utc, '2026-03-02')]).toEqual([1, 0]);
    } finally {
      await utc.close();
    }
  });

  it('a market team sees its pool and sub-pool only, never another team’s closures or the pools above it', async () => {
    const eastView = (await report(eastMember, { from: today, to: today })).body as ClosureReport;
    expect(eastView.totals.closed).toBe(5);
    expect(poolFigures(eastView)).toEqual([
      [east, 5, 3, ['invalid:3', 'no-need:1', 'no-budget:1']],
      [eastSub, 2, 2, ['invalid:1', 'no-budget:1']],
    ]);

    const westView = (await report(westMember, { from: today, to: today })).body as ClosureReport;
    expect(westView.totals.closed).toBe(4);
    expect(figures(westView)).toEqual([
      ['invalid', 0, '0.0000'],
      ['duplicate', 1, '0.2500'],
      ['no-need', 2, '0.5000'],
      ['unreachable', 1, '0.2500'],
      ['other', 0, '0.0000'],
    ]);
    expect(poolFigures(westView)).toEqual([[west, 4, 4, ['duplicate:1', 'no-need:2', 'unreachable:1']]]);
    // Another team's pool, its sub-pool, or the master pool above: exactly like a missing pool.
    for (const poolId of [east, eastSub, MASTER_POOL_ID, '00000000-0000-7000-8000-00000000dead']) {
      expect((await report(westMember, { from: today, to: today, poolId }, 404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    }

    // The sub-team sees its own sub-pool only, not its parent team's closures.
    const subView = (await report(eastSubMember, { from: today, to: today })).body as ClosureReport;
    expect(subView.totals.closed).toBe(2);
    expect(poolFigures(subView)).toEqual([[eastSub, 2, 2, ['invalid:1', 'no-budget:1']]]);
    await report(eastSubMember, { from: today, to: today, poolId: east }, 404);
    const eastSubOnly = (await report(eastMember, { from: today, to: today, poolId: eastSub })).body as ClosureReport;
    expect(eastSubOnly.totals.closed).toBe(2);
  });

  it('an owner outside the pools sees the closures of their own leads, in the pool they were in', async () => {
    const mine = (await report(holder, { from: today, to: today })).body as ClosureReport;
    expect(mine.totals.closed).toBe(1);
    expect(mine.items.find((item) => item.reason === 'duplicate')).toMatchObject({ closed: 1, share: '1.0000' });
    expect(poolFigures(mine)).toEqual([[west, 1, 1, ['duplicate:1']]]);
    await report(holder, { from: today, to: today, poolId: west }, 404);
  });
});
