import type { QueryRunner } from 'typeorm';
import { LeadConversionFigures1732509440000 } from '../../libs/lead/src/infrastructure/migrations/1732509440000-lead-conversion-figures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, changeStage, defaultStages } from '../opportunity/opportunity-fixtures.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

interface Figures {
  converted: number;
  customersCreated: number;
  customersLinked: number;
  opportunities: number;
  opportunityAmount: string;
  won: number;
  wonAmount: string;
}

interface ConversionReport {
  poolId: string;
  from: string;
  to: string;
  totals: Figures;
  pools: { poolId: string; name: string; parentId: string | null; here: Figures; total: Figures }[];
}

/** [converted, customers created, customers linked, opportunities, their amount] */
const row = ({ converted, customersCreated, customersLinked, opportunities, opportunityAmount }: Figures) => [
  converted,
  customersCreated,
  customersLinked,
  opportunities,
  opportunityAmount,
];
const NONE = [0, 0, 0, 0, '0.00'];

/**
 * Conversions per pool [线索池转化] (LEAD-7, seed 003): the leads converted in a period, attributed
 * to the pool they were converted in and to the pools above it, with what they produced; a market
 * team sees its pool and sub-pools only, never another team's nor the pools above its own.
 */
describe('Lead conversions per pool and sub-pool', () => {
  let api: TestApp;
  let head: TestUser;
  let eastRep: TestUser;
  let eastSubRep: TestUser;
  let westRep: TestUser;
  let east: string;
  let eastSub: string;
  let west: string;
  let old: string;
  const china = (daysAgo: number) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const today = china(0);

  const report = (by: TestUser, poolId: string, query: Record<string, string>, status = 200) =>
    api.http.get(`/api/v1/lead-pools/${poolId}/conversions`).query(query).set('Authorization', by.auth).expect(status);
  const poolFigures = (body: ConversionReport) => body.pools.map((pool) => [pool.poolId, row(pool.here), row(pool.total)]);

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 3);
    head = people.marketing;
    [eastRep, eastSubRep, westRep] = people.reps;
    const grab = { assignmentStrategy: 'grab' };
    east = await createPool(api, head, { name: '华东市场组', parentId: MASTER_POOL_ID, memberIds: [eastRep.id], rules: grab });
    west = await createPool(api, head, { name: '华南市场组', parentId: MASTER_POOL_ID, memberIds: [westRep.id], rules: grab });
    eastSub = await createPool(api, head, { name: '华东-浙江小组', parentId: east, memberIds: [eastSubRep.id], rules: grab });

    let n = 0;
    const converted = async (by: TestUser, poolId: string, opportunityAmount?: string | null) => {
      n += 1;
      const leadId = (await capture(api, head, { poolId, personName: `联系人${n}`, companyName: `转化测试${n}号有限公司`, mobile: uniqueMobile() }).expect(201))
        .body.leadId as string;
      await api.http.post(`/api/v1/leads/${leadId}/claim`).set('Authorization', by.auth).expect(200);
      const opportunity = opportunityAmount === undefined ? {} : { opportunity: { name: `商机${n}`, amount: opportunityAmount } };
      const result = (await api.http.post(`/api/v1/leads/${leadId}/conversion`).set('Authorization', by.auth).send(opportunity).expect(201)).body;
      return { leadId, companyName: `转化测试${n}号有限公司`, customerCreated: result.customerCreated as boolean };
    };
    // East itself: two customers created (one with a 100,000.00 opportunity), one linked to the first (20,000.50).
    const first = await converted(eastRep, east, '100000.00');
    await converted(eastRep, east);
    // A lead of a customer someone holds goes straight to the holder: converting it links that customer.
    const again = (await capture(api, head, { poolId: east, personName: '联系人甲', companyName: first.companyName, mobile: uniqueMobile() }).expect(201)).body
      .leadId as string;
    const linked = (
      await api.http
        .post(`/api/v1/leads/${again}/conversion`)
        .set('Authorization', eastRep.auth)
        .send({ opportunity: { name: '二期', amount: '20000.50' } })
        .expect(201)
    ).body;
    expect([first.customerCreated, linked.customerCreated]).toEqual([true, false]);
    // East's sub-pool: two created, one opportunity of 50,000.00 and one without an amount.
    await converted(eastSubRep, eastSub, '50000.00');
    await converted(eastSubRep, eastSub, null);
    // West: one created with 30,000.00.
    await converted(westRep, west, '30000.00');
    // Neither an open lead nor a closed one counts.
    await capture(api, head, { mobile: uniqueMobile(), poolId: east }).expect(201);
    const closed = (await capture(api, head, { mobile: uniqueMobile(), poolId: eastSub }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${closed}/closure`).set('Authorization', head.auth).send({ reason: 'invalid' }).expect(200);
    // Converted at 20:00 UTC on 1 March 2026: 2 March in Shanghai. Created, 8,000.00.
    old = (await converted(westRep, west, '8000.00')).leadId;
    await api.tx.query(`UPDATE lead.leads SET converted_at = '2026-03-01T20:00:00Z' WHERE id = $1`, [old]);
  });
  afterAll(() => api.close());

  it('counts the period’s conversions per pool, in the pool itself and with its sub-pools, and what they produced', async () => {
    const body = (await report(head, MASTER_POOL_ID, { from: today, to: today })).body as ConversionReport;
    expect(body).toMatchObject({ poolId: MASTER_POOL_ID, from: today, to: today });
    expect(body).not.toHaveProperty('nextCursor');
    // East 3 + sub-pool 2 + west 1 = 6; created 2 + 2 + 1 = 5, linked 1; opportunities 2 + 2 + 1 = 5,
    // 100000.00 + 20000.50 + 50000.00 + 30000.00 = 200000.50.
    expect(row(body.totals)).toEqual([6, 5, 1, 5, '200000.50']);
    expect(poolFigures(body)).toEqual([
      [MASTER_POOL_ID, NONE, [6, 5, 1, 5, '200000.50']],
      [east, [3, 2, 1, 2, '120000.50'], [5, 4, 1, 4, '170000.50']],
      [eastSub, [2, 2, 0, 2, '50000.00'], [2, 2, 0, 2, '50000.00']],
      [west, [1, 1, 0, 1, '30000.00'], [1, 1, 0, 1, '30000.00']],
    ]);
    expect(body.pools[1]).toMatchObject({ name: '华东市场组', parentId: MASTER_POOL_ID });

    // One pool and the pools below it, nothing above.
    const eastOnly = (await report(head, east, { from: today, to: today })).body as ConversionReport;
    expect(row(eastOnly.totals)).toEqual([5, 4, 1, 4, '170000.50']);
    expect(poolFigures(eastOnly).map(([poolId]) => poolId)).toEqual([east, eastSub]);
  });

  it('counts by the day a lead was converted in the company time zone; a period without conversions has none', async () => {
    const on = async (day: string) => ((await report(head, west, { from: day, to: day })).body as ConversionReport).totals;
    expect(row(await on('2026-03-01'))).toEqual(NONE);
    expect(row(await on('2026-03-02'))).toEqual([1, 1, 0, 1, '8000.00']);
    const march = (await report(head, MASTER_POOL_ID, { from: '2026-03-01', to: '2026-03-31' })).body as ConversionReport;
    expect(poolFigures(march)).toEqual([
      [MASTER_POOL_ID, NONE, [1, 1, 0, 1, '8000.00']],
      [west, [1, 1, 0, 1, '8000.00'], [1, 1, 0, 1, '8000.00']],
    ]);
    const none = (await report(head, MASTER_POOL_ID, { from: china(30), to: china(20) })).body as ConversionReport;
    expect([row(none.totals), none.pools]).toEqual([NONE, []]);
    expect((await report(head, east, { from: today, to: china(1) }, 400)).body.code).toBe('LEAD_REPORT.PERIOD_REVERSED');
    await report(head, east, { from: 'yesterday', to: today }, 400);
    await report(head, east, { from: today }, 400);
    await api.http.get('/api/v1/lead-pools/not-a-uuid/conversions').query({ from: today, to: today }).set('Authorization', head.auth).expect(400);
  });

  it('a market team sees its pool and sub-pool only, never another team’s figures or the pools above it', async () => {
    const eastView = (await report(eastRep, east, { from: today, to: today })).body as ConversionReport;
    expect(row(eastView.totals)).toEqual([5, 4, 1, 4, '170000.50']);
    expect(poolFigures(eastView)).toEqual([
      [east, [3, 2, 1, 2, '120000.50'], [5, 4, 1, 4, '170000.50']],
      [eastSub, [2, 2, 0, 2, '50000.00'], [2, 2, 0, 2, '50000.00']],
    ]);
    // Another team's pool, the pools above one's own, or a missing pool: all alike.
    for (const poolId of [west, MASTER_POOL_ID, '00000000-0000-7000-8000-00000000dead']) {
      expect((await report(eastRep, poolId, { from: today, to: today }, 404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    }
    for (const poolId of [east, eastSub, MASTER_POOL_ID]) await report(westRep, poolId, { from: today, to: today }, 404);

    // The sub-team sees its own sub-pool only, not its parent team's conversions.
    const subView = (await report(eastSubRep, eastSub, { from: today, to: today })).body as ConversionReport;
    expect(poolFigures(subView)).toEqual([[eastSub, [2, 2, 0, 2, '50000.00'], [2, 2, 0, 2, '50000.00']]]);
    await report(eastSubRep, east, { from: today, to: today }, 404);
    const westView = (await report(westRep, west, { from: today, to: today })).body as ConversionReport;
    expect(poolFigures(westView)).toEqual([[west, [1, 1, 0, 1, '30000.00'], [1, 1, 0, 1, '30000.00']]]);
  });

  it('counts the opportunities its conversions opened that were won since, and what for', async () => {
    const wonFigures = async () =>
      ((await report(head, MASTER_POOL_ID, { from: today, to: today })).body as ConversionReport).pools.map((pool) => [
        pool.poolId,
        pool.here.won,
        pool.here.wonAmount,
        pool.total.won,
        pool.total.wonAmount,
      ]);
    expect(await wonFigures()).toEqual([
      [MASTER_POOL_ID, 0, '0.00', 0, '0.00'],
      [east, 0, '0.00', 0, '0.00'],
      [eastSub, 0, '0.00', 0, '0.00'],
      [west, 0, '0.00', 0, '0.00'],
    ]);
    // West's 30,000.00 opportunity is won (the won stage asks for its products [意向产品]: one line at the amount).
    const [{ id: opportunityId }] = (await api.tx.query<{ id: string }>(
      `SELECT converted_opportunity_id AS id FROM lead.leads WHERE pool_id = $1 AND converted_opportunity_amount = 30000.00`,
      [west],
    )) as [{ id: string }];
    const [product] = (await catalogProducts(api, await api.user(['admin']), 1)) as [string];
    await api.http
      .patch(`/api/v1/opportunities/${opportunityId}`)
      .set('Authorization', westRep.auth)
      .send({ products: [{ productId: product, quantity: '1', unitPrice: '30000.00' }] })
      .expect(200);
    const stages = await defaultStages(api, westRep);
    await changeStage(api, westRep, opportunityId, { toStageId: stages['赢单']!.id }).expect(200);
    await api.settleEvents();
    expect(await wonFigures()).toEqual([
      [MASTER_POOL_ID, 0, '0.00', 1, '30000.00'],
      [east, 0, '0.00', 0, '0.00'],
      [eastSub, 0, '0.00', 0, '0.00'],
      [west, 1, '30000.00', 1, '30000.00'],
    ]);
  });

  it('takes whether earlier conversions created their customer from the leads’ history; their amounts stay unknown (the migration)', async () => {
    // Run last: the columns are dropped and added again, as before and after the migration.
    const runner = { query: (text: string, values?: unknown[]) => api.tx.query(text, values) } as Pick<QueryRunner, 'query'>;
    const migration = new LeadConversionFigures1732509440000();
    await migration.down(runner as QueryRunner);
    await migration.up(runner as QueryRunner);
    const body = (await report(head, MASTER_POOL_ID, { from: today, to: today })).body as ConversionReport;
    expect(poolFigures(body)).toEqual([
      [MASTER_POOL_ID, NONE, [6, 5, 1, 5, '0.00']],
      [east, [3, 2, 1, 2, '0.00'], [5, 4, 1, 4, '0.00']],
      [eastSub, [2, 2, 0, 2, '0.00'], [2, 2, 0, 2, '0.00']],
      [west, [1, 1, 0, 1, '0.00'], [1, 1, 0, 1, '0.00']],
    ]);
    // Without a history line the kind is unknown: converted, neither created nor linked.
    await api.tx.query(`UPDATE lead.leads SET converted_customer_created = NULL WHERE id = $1`, [old]);
    expect(row(((await report(head, west, { from: '2026-03-02', to: '2026-03-02' })).body as ConversionReport).totals)).toEqual([1, 0, 0, 1, '0.00']);
  });
});
